// Text search inside a report page (.hap-report): highlights every match with <mark> and steps through them.
// Only text nodes are touched; the report's own markup stays as the server sent it.

const WORDS = {
  fr: { next: 'Suivant', prev: 'Précédent', none: 'Aucun résultat' },
  nl: { next: 'Volgende', prev: 'Vorige', none: 'Geen resultaten' },
  de: { next: 'Weiter', prev: 'Zurück', none: 'Keine Treffer' },
  en: { next: 'Next', prev: 'Previous', none: 'No match' },
};

function addStylesheet() {
  const href = new URL('./report.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

function clear(report) {
  for (const mark of report.querySelectorAll('mark.hap-search-hit')) {
    mark.replaceWith(document.createTextNode(mark.textContent));
  }
  report.normalize();
}

function highlight(report, query) {
  clear(report);
  if (!query) return [];
  const needle = query.toLocaleLowerCase();
  const walker = document.createTreeWalker(report, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest('.hap-search-bar') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const hits = [];
  for (const node of nodes) {
    const text = node.textContent;
    const lower = text.toLocaleLowerCase();
    let at = lower.indexOf(needle);
    if (at < 0) continue;
    const frag = document.createDocumentFragment();
    let from = 0;
    while (at >= 0) {
      frag.append(text.slice(from, at));
      const mark = document.createElement('mark');
      mark.className = 'hap-search-hit';
      mark.textContent = text.slice(at, at + needle.length);
      frag.append(mark);
      hits.push(mark);
      from = at + needle.length;
      at = lower.indexOf(needle, from);
    }
    frag.append(text.slice(from));
    node.replaceWith(frag);
  }
  return hits;
}

function attach(report) {
  const lang = (document.documentElement.lang || 'fr').slice(0, 2).toLowerCase();
  const w = WORDS[lang] || WORDS.fr;
  const bar = document.createElement('div');
  bar.className = 'hap-search-bar';
  const input = document.createElement('input');
  input.type = 'search';
  input.className = 'hap-search-input';
  input.placeholder = report.dataset.searchLabel || 'Rechercher';
  input.setAttribute('aria-label', input.placeholder);
  const count = document.createElement('span');
  count.className = 'hap-search-count';
  count.setAttribute('aria-live', 'polite');
  const prev = document.createElement('button');
  prev.type = 'button';
  prev.textContent = w.prev;
  const next = document.createElement('button');
  next.type = 'button';
  next.textContent = w.next;
  bar.append(input, prev, next, count);
  report.prepend(bar);

  let hits = [];
  let current = -1;
  const show = (i) => {
    if (hits.length === 0) return;
    hits[current]?.classList.remove('hap-search-current');
    current = (i + hits.length) % hits.length;
    hits[current].classList.add('hap-search-current');
    hits[current].scrollIntoView({ block: 'center' });
    count.textContent = `${current + 1} / ${hits.length}`;
  };
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      hits = highlight(report, input.value.trim());
      current = -1;
      count.textContent = input.value.trim() && hits.length === 0 ? w.none : '';
      show(0);
    }, 150);
  });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); show(current + (e.shiftKey ? -1 : 1)); } });
  next.addEventListener('click', () => show(current + 1));
  prev.addEventListener('click', () => show(current - 1));
}

export function init(root = document) {
  addStylesheet();
  // A bare PDF page has nothing to search here (the browser's PDF viewer searches inside its frame).
  for (const report of root.querySelectorAll('.hap-report:not([data-search-ready]):not(.hap-report-pdf)')) {
    report.dataset.searchReady = '1';
    attach(report);
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => init());
} else {
  init();
}
