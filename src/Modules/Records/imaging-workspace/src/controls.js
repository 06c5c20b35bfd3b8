// Toolbar, presets, layouts, cine rate, keyboard shortcuts and the "?" help.
import { t } from './i18n.js';
import { presetsFor } from './presets.js';

function button(label, attrs, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = label;
  Object.entries(attrs).forEach(([k, v]) => { b.dataset[k] = v; });
  b.addEventListener('click', onClick);
  return b;
}

export function buildToolbar(bar, api) {
  const group = (name, ...children) => {
    const g = document.createElement('div');
    g.className = 'tool-group';
    g.setAttribute('role', 'group');
    g.setAttribute('aria-label', name);
    g.append(...children);
    bar.append(g);
  };

  group(t('window'), ...['window', 'zoom', 'pan', 'length', 'angle', 'ellipse'].map((tool) => button(t(tool), { tool }, () => api.selectTool(tool))));
  group(t('rotate'),
    button(t('rotate'), { action: 'rotate' }, api.rotate),
    button(t('flipH'), { action: 'flipH' }, () => api.flip(true)),
    button(t('flipV'), { action: 'flipV' }, () => api.flip(false)),
    button(t('invert'), { action: 'invert' }, api.invert),
    button(t('reset'), { action: 'reset' }, api.reset));

  const presets = document.createElement('select');
  presets.id = 'presets';
  presets.setAttribute('aria-label', t('presets'));
  const refill = () => {
    presets.replaceChildren(new Option(t('presets'), ''));
    presetsFor(api.modality()).forEach(([name, c, w]) => presets.append(new Option(`${name} (${c}/${w})`, `${c},${w}`)));
  };
  // Filled now (the closed list shows its name, not an empty box) and again when opened: the active viewport's
  // modality decides which presets apply.
  refill();
  presets.addEventListener('focus', refill);
  presets.addEventListener('pointerdown', refill);
  presets.addEventListener('change', () => {
    const [c, w] = presets.value.split(',').map(Number);
    if (presets.value) api.preset(c, w);
  });
  group(t('presets'), presets);

  const fps = document.createElement('input');
  fps.type = 'number';
  fps.id = 'cine-fps';
  fps.min = '1';
  fps.max = '60';
  fps.value = '15';
  fps.setAttribute('aria-label', t('fps'));
  group(t('cine'), button(t('cine'), { action: 'cine' }, () => api.cine(Number(fps.value))), fps, document.createTextNode(t('fps')));

  group(t('layout'), ...['1x1', '1x2', '2x2'].map((layout) => button(layout.replace('x', '×'), { layout }, () => api.setLayout(layout))));
  const sync = document.createElement('label');
  sync.className = 'sync';
  sync.innerHTML = '<input type="checkbox" id="sync-scroll" checked> ';
  sync.append(t('sync'));
  group(t('sync'), sync);
  group(t('help'), button('?', { action: 'help' }, api.help), button('◐', { action: 'theme' }, toggleTheme));
}

function toggleTheme() {
  const light = document.documentElement.dataset.theme !== 'light';
  document.documentElement.dataset.theme = light ? 'light' : 'dark';
  document.cookie = `hap.theme=${light ? 'light' : 'dark'}; path=/; max-age=31536000; samesite=lax`;
}

export function bindKeys(api) {
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = {
      ArrowUp: () => api.scroll(-1), ArrowLeft: () => api.scroll(-1), ArrowDown: () => api.scroll(1), ArrowRight: () => api.scroll(1),
      PageUp: () => api.scroll(-10), PageDown: () => api.scroll(10), Home: () => api.jump(false), End: () => api.jump(true),
      w: () => api.selectTool('window'), z: () => api.selectTool('zoom'), p: () => api.selectTool('pan'),
      l: () => api.selectTool('length'), a: () => api.selectTool('angle'), e: () => api.selectTool('ellipse'),
      r: api.rotate, h: () => api.flip(true), v: () => api.flip(false), i: api.invert, Escape: api.reset,
      c: () => api.cine(Number(document.getElementById('cine-fps')?.value || 15)),
      1: () => api.setLayout('1x1'), 2: () => api.setLayout('1x2'), 4: () => api.setLayout('2x2'), '?': api.help,
    };
    const action = actions[e.key] ?? actions[e.key.toLowerCase()];
    if (action) {
      e.preventDefault();
      action();
    }
  });
}

export function showHelp() {
  const dialog = document.getElementById('shortcuts');
  const list = dialog.querySelector('dl');
  list.replaceChildren();
  for (const [keys, what] of t('keys')) {
    const dt = document.createElement('dt');
    dt.textContent = keys;
    const dd = document.createElement('dd');
    dd.textContent = what;
    list.append(dt, dd);
  }

  dialog.showModal();
}
