// HapModular DICOM viewer client: canvas with window/level, presets, zoom/pan, frames and cine, invert, reset,
// keyboard shortcuts and touch. Finds every .hap-dicom element the server rendered and reads its data-* attributes.
import { labels } from './dicom-labels.js';
import { windowToImageData, parsePresets, withQuery } from './dicom-pixels.js';
import { buildToolbar, styleRoot } from './dicom-toolbar.js';

const CINE_FPS = 15;

class DicomViewer {
  constructor(root) {
    this.root = root;
    this.t = labels();
    const d = root.dataset;
    this.frames = Math.max(1, Number(d.frames) || 1);
    this.width = Number(d.columns) || 0;
    this.height = Number(d.rows) || 0;
    this.color = d.color === 'true';
    this.modality = d.modality || '';
    this.invertBase = d.photometric === 'MONOCHROME1';
    this.defaultWindow = d.wc !== undefined && d.ww !== undefined ? { center: Number(d.wc), width: Number(d.ww) } : null;
    this.presets = parsePresets(d.presets);
    this.urls = { frame: d.frameUrl, raw: d.rawUrl, meta: d.metaUrl };
    this.cache = new Map();
    this.frame = 0;
    // Steps asked for, and the latest one whose frame is on the canvas (see show).
    this.asked = 0;
    this.drawnTicket = 0;
    this.pointers = new Map();
    this.build();
    this.reset();
    this.show(0);
  }

  build() {
    const root = this.root;
    const fallback = root.querySelector('img.hap-dicom-fallback');
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', this.modality + ' ' + this.t.frame);
    this.offscreen = document.createElement('canvas');
    this.offscreen.width = this.width;
    this.offscreen.height = this.height;
    this.overlay = document.createElement('div');
    this.overlay.className = 'hap-dicom-overlay';
    this.stage = document.createElement('div');
    this.stage.className = 'hap-dicom-stage';
    this.stage.append(this.canvas, this.overlay);
    this.toolbar = buildToolbar(this, this.t);
    root.tabIndex = 0;
    root.title = this.t.help;
    styleRoot(root, this.stage, this.canvas, this.overlay);
    if (fallback) fallback.remove();
    root.append(this.stage, this.toolbar.element);
    this.canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.canvas.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.canvas.addEventListener('pointercancel', (e) => this.pointerUp(e));
    this.canvas.addEventListener('wheel', (e) => { e.preventDefault(); this.zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1); }, { passive: false });
    this.canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    root.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => this.draw()).observe(this.stage);
  }

  reset() {
    this.window = this.defaultWindow ? { ...this.defaultWindow } : null;
    this.invert = false;
    this.zoom = 1;
    this.pan = { x: 0, y: 0 };
    this.toolbar.sync();
    this.repaint();
  }

  async load(index) {
    if (this.cache.has(index)) return this.cache.get(index);
    const promise = this.color ? this.loadPng(index) : this.loadRaw(index);
    this.cache.set(index, promise);
    promise.catch(() => this.cache.delete(index));
    return promise;
  }

  async loadRaw(index) {
    // The meta (window, range) of the first frame loaded serves all frames: one request per frame in cine.
    this.metaPromise = this.metaPromise || fetch(withQuery(this.urls.meta, { frame: index + 1 }))
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); });
    const [meta, raw] = await Promise.all([
      this.metaPromise,
      fetch(withQuery(this.urls.raw, { frame: index + 1 })).then((r) => { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); }),
    ]);
    const view = new DataView(raw);
    const values = new Int16Array(raw.byteLength / 2);
    for (let i = 0; i < values.length; i++) values[i] = view.getInt16(i * 2, true);
    return { kind: 'raw', values, meta };
  }

  loadPng(index) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve({ kind: 'png', img });
      img.onerror = () => reject(new Error('frame'));
      img.src = withQuery(this.urls.frame, { frame: index + 1 });
    });
  }

  async show(index) {
    this.frame = Math.min(Math.max(index, 0), this.frames - 1);
    this.toolbar.sync();
    this.setOverlay();
    const shown = this.frame;
    const ticket = ++this.asked;
    try {
      const loaded = await this.load(shown);
      // Steps come faster than frames load (a held arrow key, cine): frames are drawn in the order they were asked for,
      // and one that arrives after a later step's frame was drawn is dropped, or an older frame could land on the canvas
      // over the newer one. (Not only the newest: a cine on a slow first pass still moves.)
      if (ticket < this.drawnTicket) return;
      this.drawnTicket = ticket;
      this.current = loaded;
      if (!this.window && this.current.kind === 'raw' && this.current.meta.window) this.window = { ...this.current.meta.window };
      this.repaint();
      // Which frame the canvas holds (the overlay names the one asked for, before it loads): what a test waits for.
      this.root.dataset.drawn = String(shown + 1);
      if (this.frames > 1) this.load((this.frame + 1) % this.frames).catch(() => {});
    } catch {
      if (ticket === this.asked) this.overlay.textContent = this.t.error;
    }
  }

  repaint() {
    const c = this.current;
    if (!c) return;
    const ctx = this.offscreen.getContext('2d');
    if (c.kind === 'raw') {
      const w = this.window || { center: (c.meta.min + c.meta.max + 1) / 2, width: c.meta.max - c.meta.min + 1 };
      // Raw values are modality values as raw × scale + offset: bring the window into raw units.
      const scale = c.meta.scale || 1;
      const offset = c.meta.offset || 0;
      this.imageData = windowToImageData(c.values, this.width, this.height, (w.center - offset) / scale, w.width / scale, this.invertBase !== this.invert,
        this.imageData && this.imageData.width === this.width ? this.imageData : undefined);
      ctx.putImageData(this.imageData, 0, 0);
    } else {
      ctx.filter = this.invert ? 'invert(1)' : 'none';
      ctx.drawImage(c.img, 0, 0, this.width, this.height);
    }
    this.draw();
    this.setOverlay();
  }

  draw() {
    const rect = this.stage.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const cw = Math.max(1, Math.round(rect.width * ratio));
    const ch = Math.max(1, Math.round(rect.height * ratio));
    if (this.canvas.width !== cw || this.canvas.height !== ch) { this.canvas.width = cw; this.canvas.height = ch; }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, cw, ch);
    if (!this.current || !this.width || !this.height) return;
    const fit = Math.min(cw / this.width, ch / this.height) * this.zoom;
    ctx.imageSmoothingEnabled = fit < 1;
    ctx.setTransform(fit, 0, 0, fit, cw / 2 + this.pan.x * ratio - (this.width * fit) / 2, ch / 2 + this.pan.y * ratio - (this.height * fit) / 2);
    ctx.drawImage(this.offscreen, 0, 0);
  }

  setOverlay() {
    const parts = [this.modality, `${this.t.frame} ${this.frame + 1}/${this.frames}`];
    if (!this.color && this.window) parts.push(`${this.t.wl} ${Math.round(this.window.center)}/${Math.round(this.window.width)}`);
    if (this.zoom !== 1) parts.push(`×${this.zoom.toFixed(1)}`);
    this.overlay.textContent = parts.filter(Boolean).join(' · ');
  }

  setWindow(center, width) {
    if (this.color) return;
    this.window = { center, width: Math.max(1, width) };
    this.toolbar.sync();
    this.repaint();
  }

  applyPreset(name) {
    if (name === '') { this.window = this.defaultWindow ? { ...this.defaultWindow } : null; this.repaint(); return; }
    const p = this.presets.find((x) => x.name === name);
    if (p) this.setWindow(p.center, p.width);
  }

  zoomBy(factor) {
    this.zoom = Math.min(Math.max(this.zoom * factor, 0.25), 16);
    this.draw();
    this.setOverlay();
  }

  toggleInvert() { this.invert = !this.invert; this.repaint(); }

  togglePlay() {
    if (this.timer) { clearInterval(this.timer); this.timer = null; } else if (this.frames > 1) {
      this.timer = setInterval(() => this.show((this.frame + 1) % this.frames), 1000 / CINE_FPS);
    }
    this.toolbar.sync();
  }

  pointerDown(e) {
    this.canvas.setPointerCapture(e.pointerId);
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    this.dragMode = e.shiftKey || e.button === 1 || e.button === 2 || this.toolbar.mode === 'pan' ? 'pan' : this.toolbar.mode;
    this.root.focus({ preventScroll: true });
  }

  pointerMove(e) {
    const last = this.pointers.get(e.pointerId);
    if (!last) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    if (this.pointers.size === 2) {
      // Two fingers: pinch to zoom, move together to pan.
      const other = [...this.pointers.entries()].find(([id]) => id !== e.pointerId)[1];
      const before = Math.hypot(last.x - other.x, last.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      if (before > 0) this.zoomBy(after / before);
      this.pan.x += dx / 2; this.pan.y += dy / 2;
    } else if (this.dragMode === 'pan') {
      this.pan.x += dx; this.pan.y += dy;
    } else if (this.dragMode === 'zoom') {
      this.zoomBy(Math.exp(-dy / 200));
    } else if (this.window) {
      const step = Math.max(this.window.width / 256, 0.5);
      this.setWindow(this.window.center + dy * step, this.window.width + dx * step);
    }
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    this.draw();
  }

  pointerUp(e) { this.pointers.delete(e.pointerId); }

  key(e) {
    const handlers = {
      ArrowRight: () => this.show(this.frame + 1), ArrowDown: () => this.show(this.frame + 1),
      ArrowLeft: () => this.show(this.frame - 1), ArrowUp: () => this.show(this.frame - 1),
      Home: () => this.show(0), End: () => this.show(this.frames - 1),
      ' ': () => this.togglePlay(), i: () => this.toggleInvert(), r: () => this.reset(),
      '+': () => this.zoomBy(1.25), '=': () => this.zoomBy(1.25), '-': () => this.zoomBy(0.8),
    };
    const digit = Number(e.key);
    const handler = handlers[e.key] || handlers[e.key.toLowerCase()] ||
      (digit >= 1 && digit <= this.presets.length ? () => this.applyPreset(this.presets[digit - 1].name) : null);
    if (handler) { e.preventDefault(); handler(); }
  }
}

export function mount(root) {
  if (root.hapDicom) return root.hapDicom;
  root.hapDicom = new DicomViewer(root);
  return root.hapDicom;
}

function mountAll(scope) { scope.querySelectorAll('.hap-dicom').forEach(mount); }

mountAll(document);
new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => {
  if (n.nodeType !== 1) return;
  if (n.matches('.hap-dicom')) mount(n); else mountAll(n);
}))).observe(document.documentElement, { childList: true, subtree: true });
