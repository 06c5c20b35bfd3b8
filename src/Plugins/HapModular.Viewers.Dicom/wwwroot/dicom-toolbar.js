// Toolbar of the DICOM viewer (presets, tools, invert, reset, frame slider, cine) and its styling, set from script
// because the content security policy forbids inline style attributes in the server's HTML.
function button(text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  Object.assign(b.style, { font: 'inherit', padding: '2px 8px', cursor: 'pointer' });
  return b;
}

export function buildToolbar(viewer, t) {
  const bar = document.createElement('div');
  bar.className = 'hap-dicom-toolbar';
  Object.assign(bar.style, { display: 'flex', flexWrap: 'wrap', gap: '6px', alignItems: 'center', padding: '4px 0' });
  const state = { element: bar, mode: 'wl' };

  let presetSelect = null;
  if (!viewer.color) {
    presetSelect = document.createElement('select');
    presetSelect.setAttribute('aria-label', t.preset);
    const first = new Option(t.defaultWindow, '');
    presetSelect.append(first, ...viewer.presets.map((p, i) => new Option(`${i + 1}. ${t[p.name] || p.name}`, p.name)));
    presetSelect.addEventListener('change', () => viewer.applyPreset(presetSelect.value));
    bar.append(presetSelect);
  }

  const modes = [['wl', t.wl], ['pan', t.pan], ['zoom', t.zoom]].filter(([m]) => m !== 'wl' || !viewer.color);
  if (viewer.color) state.mode = 'pan';
  const modeButtons = modes.map(([m, label]) => {
    const b = button(label, () => { state.mode = m; state.sync(); });
    b.dataset.mode = m;
    return b;
  });
  bar.append(...modeButtons, button(t.invert, () => viewer.toggleInvert()), button(t.reset, () => viewer.reset()));

  let slider = null;
  let play = null;
  if (viewer.frames > 1) {
    play = button(t.play, () => viewer.togglePlay());
    slider = document.createElement('input');
    slider.type = 'range';
    slider.min = '1';
    slider.max = String(viewer.frames);
    slider.setAttribute('aria-label', t.frame);
    slider.addEventListener('input', () => viewer.show(Number(slider.value) - 1));
    Object.assign(slider.style, { flex: '1 1 160px' });
    bar.append(play, slider);
  }

  state.sync = () => {
    modeButtons.forEach((b) => { b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode)); b.style.fontWeight = b.dataset.mode === state.mode ? 'bold' : 'normal'; });
    if (slider) slider.value = String(viewer.frame + 1);
    if (play) play.textContent = viewer.timer ? t.pause : t.play;
  };
  return state;
}

export function styleRoot(root, stage, canvas, overlay) {
  Object.assign(root.style, { display: 'flex', flexDirection: 'column', width: '100%', outline: 'none' });
  Object.assign(stage.style, { position: 'relative', width: '100%', height: 'min(80vh, 900px)', background: '#000', overflow: 'hidden' });
  Object.assign(canvas.style, { width: '100%', height: '100%', display: 'block', touchAction: 'none', cursor: 'crosshair' });
  Object.assign(overlay.style, {
    position: 'absolute', left: '8px', top: '6px', color: '#ffd54a', font: '12px/1.3 monospace',
    textShadow: '0 0 3px #000', pointerEvents: 'none',
  });
}
