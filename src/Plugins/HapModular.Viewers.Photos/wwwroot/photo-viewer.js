// Zoom/pan for photo views (.hap-photo) and the before/after widget (.hap-photo-compare).
// The host keeps class and data-* attributes only, so everything interactive is built here. Styles are set
// through the CSSOM (allowed by the CSP), never with style attributes in markup.

const WORDS = {
  fr: { zoomIn: 'Agrandir', zoomOut: 'Réduire', reset: 'Taille d\'origine', side: 'Côte à côte', slider: 'Curseur', before: 'Avant', after: 'Après' },
  nl: { zoomIn: 'Inzoomen', zoomOut: 'Uitzoomen', reset: 'Oorspronkelijke grootte', side: 'Naast elkaar', slider: 'Schuifregelaar', before: 'Voor', after: 'Na' },
  de: { zoomIn: 'Vergrößern', zoomOut: 'Verkleinern', reset: 'Originalgröße', side: 'Nebeneinander', slider: 'Schieberegler', before: 'Vorher', after: 'Nachher' },
  en: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', reset: 'Reset', side: 'Side by side', slider: 'Slider', before: 'Before', after: 'After' },
};

function words() {
  const lang = (document.documentElement.lang || 'fr').slice(0, 2).toLowerCase();
  return WORDS[lang] || WORDS.fr;
}

function addStylesheet() {
  const href = new URL('./photo-viewer.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'hap-photo-button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

// One zoom/pan state drives any number of images, so before and after always move together.
function panZoom(stage, images) {
  const state = { scale: 1, x: 0, y: 0 };
  const apply = () => {
    for (const img of images) {
      img.style.setProperty('transform', `translate(${state.x}px, ${state.y}px) scale(${state.scale})`);
    }
  };
  const zoom = (factor) => {
    state.scale = Math.min(16, Math.max(1, state.scale * factor));
    if (state.scale === 1) { state.x = 0; state.y = 0; }
    apply();
  };
  stage.addEventListener('wheel', (e) => { e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); }, { passive: false });
  let drag = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.target.closest('input, button')) return;
    drag = { x: e.clientX - state.x, y: e.clientY - state.y };
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener('pointermove', (e) => {
    if (!drag || state.scale === 1) return;
    state.x = e.clientX - drag.x;
    state.y = e.clientY - drag.y;
    apply();
  });
  stage.addEventListener('pointerup', () => { drag = null; });
  return {
    zoomIn: () => zoom(1.25),
    zoomOut: () => zoom(0.8),
    reset: () => { state.scale = 1; state.x = 0; state.y = 0; apply(); },
  };
}

function toolbar(controls, w) {
  const bar = document.createElement('div');
  bar.className = 'hap-photo-toolbar';
  bar.append(button(w.zoomIn, controls.zoomIn), button(w.zoomOut, controls.zoomOut), button(w.reset, controls.reset));
  return bar;
}

function initPhoto(figure, w) {
  const stage = figure.querySelector('.hap-photo-stage');
  const img = figure.querySelector('.hap-photo-image');
  if (!stage || !img) return;
  figure.prepend(toolbar(panZoom(stage, [img]), w));
}

function pane(url, label, extraClass) {
  const p = document.createElement('div');
  p.className = `hap-compare-pane ${extraClass}`;
  const img = document.createElement('img');
  img.className = 'hap-compare-image';
  img.src = url;
  img.alt = label;
  img.draggable = false;
  const tag = document.createElement('span');
  tag.className = 'hap-compare-label';
  tag.textContent = label;
  p.append(img, tag);
  return { pane: p, img };
}

function initCompare(root, w) {
  const before = root.dataset.before;
  const after = root.dataset.after;
  if (!before || !after) return;
  root.replaceChildren();
  // Both panes have the same box and both images are fitted (contain) and centred in it: same scale, same
  // alignment, whatever the two cameras' resolutions were.
  const frame = document.createElement('div');
  frame.className = 'hap-compare-frame hap-compare-side';
  const a = pane(before, w.before, 'hap-compare-before');
  const b = pane(after, w.after, 'hap-compare-after');
  frame.append(a.pane, b.pane);

  const range = document.createElement('input');
  range.type = 'range';
  range.min = '0';
  range.max = '100';
  range.value = '50';
  range.className = 'hap-compare-range';
  range.setAttribute('aria-label', `${w.before} / ${w.after}`);
  const setSplit = () => b.pane.style.setProperty('clip-path', `inset(0 0 0 ${range.value}%)`);
  range.addEventListener('input', setSplit);

  const controls = panZoom(frame, [a.img, b.img]);
  const bar = toolbar(controls, w);
  const setMode = (mode) => {
    const slider = mode === 'slider';
    frame.classList.toggle('hap-compare-side', !slider);
    frame.classList.toggle('hap-compare-slider', slider);
    range.hidden = !slider;
    if (slider) setSplit(); else b.pane.style.removeProperty('clip-path');
    root.dataset.mode = mode;
  };
  bar.append(button(w.side, () => setMode('side')), button(w.slider, () => setMode('slider')));
  root.append(bar, frame, range);
  setMode(root.dataset.mode === 'slider' ? 'slider' : 'side');
}

export function init(root = document) {
  addStylesheet();
  const w = words();
  for (const figure of root.querySelectorAll('.hap-photo:not([data-ready])')) {
    figure.dataset.ready = '1';
    initPhoto(figure, w);
  }
  for (const cmp of root.querySelectorAll('.hap-photo-compare:not([data-ready])')) {
    cmp.dataset.ready = '1';
    initCompare(cmp, w);
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => init());
} else {
  init();
}
