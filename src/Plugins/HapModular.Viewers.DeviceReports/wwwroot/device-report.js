// Device reports: adds the stylesheet and zoom buttons for the ECG paper and spirometry chart. The images are
// SVG, so enlarging them redraws the trace sharply; the host keeps class and data-* attributes only.

function addStylesheet() {
  const href = new URL('./device-report.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

function attachZoom(figure) {
  const img = figure.querySelector('img');
  if (!img) return;
  let scale = 1;
  const apply = () => img.style.setProperty('width', `${scale * 100}%`);
  const bar = document.createElement('div');
  bar.className = 'hap-zoom-bar';
  const make = (label, factor) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => { scale = Math.min(8, Math.max(1, scale * factor)); apply(); });
    return b;
  };
  bar.append(make(figure.dataset.labelZoomIn || '+', 1.5), make(figure.dataset.labelZoomOut || '−', 1 / 1.5));
  figure.prepend(bar);
}

export function init(root = document) {
  addStylesheet();
  for (const figure of root.querySelectorAll('.hap-ecg-figure:not([data-ready]), .hap-spiro-figure:not([data-ready])')) {
    figure.dataset.ready = '1';
    attachZoom(figure);
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => init());
} else {
  init();
}
