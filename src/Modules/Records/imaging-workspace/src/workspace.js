// The imaging workspace: Cornerstone3D stack viewports fed by the portal's DICOMweb (WADO-RS frames in their stored
// transfer syntax, decoded in the browser by the loader's WebAssembly codecs; the portal's rendered frame when not).
import { RenderingEngine, Enums, init as coreInit, setUseCPURendering, imageLoader, cache, eventTarget, utilities as csUtils } from '@cornerstonejs/core';
import * as cst from '@cornerstonejs/tools';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { t } from './i18n.js';
import { listSeries, loadSeries, seriesUrl, text, value } from './series.js';
import { updateOverlay } from './overlay.js';
import { buildToolbar, bindKeys, showHelp } from './controls.js';
import { registerFallbackLoader, fellBack } from './fallback.js';

const root = document.getElementById('imaging-workspace');
const assets = root.dataset.assets;
const engineId = 'hap-engine';
const groupId = 'hap-tools';
const state = { engine: null, group: null, sync: null, viewports: [], active: 0, layout: '1x1', cine: new Set() };

const tools = {
  window: cst.WindowLevelTool, zoom: cst.ZoomTool, pan: cst.PanTool, length: cst.LengthTool,
  angle: cst.AngleTool, ellipse: cst.EllipticalROITool, scroll: cst.StackScrollTool,
};

async function start() {
  performance.mark('hap:module');
  await coreInit();
  // CPU rendering: the same pixels as the portal's renderer on any practice PC, with or without a usable GPU.
  setUseCPURendering(true);
  // Two decoders at least: once the bundle has compiled the page thread mostly waits, and a series arrives faster than
  // one worker decodes it on a two-core PC.
  dicomImageLoader.init({ maxWebWorkers: Math.max(2, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)), wasmBasePath: assets });
  registerFallbackLoader();
  cst.init();
  Object.values(tools).forEach((tool) => cst.addTool(tool));
  state.engine = new RenderingEngine(engineId);
  state.group = cst.ToolGroupManager.createToolGroup(groupId);
  Object.values(tools).forEach((tool) => state.group.addTool(tool.toolName));
  state.group.setToolActive(cst.StackScrollTool.toolName, { bindings: [{ mouseButton: cst.Enums.MouseBindings.Wheel }, { numTouchPoints: 3 }] });
  state.group.setToolActive(cst.PanTool.toolName, { bindings: [{ mouseButton: cst.Enums.MouseBindings.Auxiliary }, { numTouchPoints: 2 }] });
  state.group.setToolActive(cst.ZoomTool.toolName, { bindings: [{ mouseButton: cst.Enums.MouseBindings.Secondary }, { mouseButton: cst.Enums.MouseBindings.Primary, modifierKey: cst.Enums.KeyboardBindings.Ctrl }] });
  selectTool('window');
  state.sync = cst.synchronizers.createImageSliceSynchronizer('hap-sync');
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, (e) => markUnavailable(e.detail?.imageId));

  buildToolbar(document.getElementById('toolbar'), api);
  bindKeys(api);
  setLayout(root.dataset.layout || '1x1');
  wireStudyList();
  performance.mark('hap:init');

  const study = root.dataset.study;
  if (study) {
    await openStudy(study, root.dataset.series || null, 0);
  }

  root.dataset.ready = 'true';
}

function selectTool(name) {
  for (const key of ['window', 'length', 'angle', 'ellipse']) {
    state.group.setToolPassive(tools[key].toolName);
  }

  const bindings = [{ mouseButton: cst.Enums.MouseBindings.Primary }];
  if (name === 'window') bindings.push({ numTouchPoints: 1 });
  if (name === 'zoom' || name === 'pan') {
    state.group.setToolActive(tools[name].toolName, { bindings: [...bindings, ...(name === 'pan' ? [{ mouseButton: cst.Enums.MouseBindings.Auxiliary }, { numTouchPoints: 2 }] : [{ mouseButton: cst.Enums.MouseBindings.Secondary }])] });
  } else {
    state.group.setToolActive(tools[name].toolName, { bindings });
  }

  root.dataset.tool = name;
  document.querySelectorAll('#toolbar [data-tool]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tool === name)));
}

function setLayout(layout) {
  const count = { '1x1': 1, '1x2': 2, '2x2': 4 }[layout] ?? 1;
  const host = document.getElementById('viewports');
  host.className = 'viewports layout-' + layout;
  state.layout = layout;
  while (state.viewports.length < count) addViewport(host, state.viewports.length);
  state.viewports.forEach((v, i) => { v.cell.hidden = i >= count; });
  state.engine.resize(true, false);
  state.viewports.slice(0, count).forEach((v) => v.series && v.viewport.render());
  document.querySelectorAll('#toolbar [data-layout]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.layout === layout)));
}

function addViewport(host, index) {
  const cell = document.createElement('div');
  cell.className = 'viewport-cell';
  cell.dataset.viewport = String(index);
  const element = document.createElement('div');
  element.className = 'viewport-element';
  element.tabIndex = 0;
  element.addEventListener('contextmenu', (e) => e.preventDefault());
  const overlay = document.createElement('pre');
  overlay.className = 'viewport-overlay';
  overlay.setAttribute('aria-live', 'polite');
  const empty = document.createElement('p');
  empty.className = 'viewport-empty';
  empty.textContent = t('dropHere');
  // Said over the image area when the image the viewport moved to cannot be shown (its content damaged, a refused or
  // failed request): the canvas would otherwise keep the previous image under the new image's number.
  const unavailable = document.createElement('p');
  unavailable.className = 'viewport-unavailable';
  unavailable.setAttribute('role', 'alert');
  unavailable.textContent = t('unavailable');
  const bar = document.createElement('input');
  bar.type = 'range';
  bar.className = 'viewport-scrollbar';
  bar.min = '1';
  bar.value = '1';
  bar.setAttribute('aria-label', t('image'));
  cell.append(element, overlay, empty, unavailable, bar);
  host.append(cell);
  const viewportId = 'vp-' + index;
  state.engine.enableElement({ viewportId, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] } });
  state.group.addViewport(viewportId, engineId);
  const entry = { index, cell, element, overlay, bar, viewportId, viewport: state.engine.getViewport(viewportId), series: null, fallback: false };
  state.viewports.push(entry);
  const refresh = () => refreshViewport(entry);
  for (const e of [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED, Enums.Events.IMAGE_RENDERED]) {
    element.addEventListener(e, refresh);
  }

  element.addEventListener(Enums.Events.STACK_NEW_IMAGE, () => cell.classList.remove('unavailable'));
  element.addEventListener(Enums.Events.IMAGE_RENDERED, () => {
    if (!hooks.firstRenderedAt && entry.series) {
      hooks.firstRenderedAt = performance.now();
      // boot.js's portal-rendered first image steps aside: the viewport draws the same pixels now.
      document.querySelector('#viewports .viewport-preview')?.remove();
    }

    hooks.rendered++;
  });
  bar.addEventListener('input', () => showImage(entry, Number(bar.value) - 1));
  cell.addEventListener('pointerdown', () => activate(index));
  cell.addEventListener('dragover', (e) => { e.preventDefault(); cell.classList.add('drop'); });
  cell.addEventListener('dragleave', () => cell.classList.remove('drop'));
  cell.addEventListener('drop', (e) => {
    e.preventDefault();
    cell.classList.remove('drop');
    const [study, series] = (e.dataTransfer.getData('text/x-hap-series') || '').split('|');
    if (study) (series ? showSeries(index, study, series) : openStudy(study, null, index));
  });
  return entry;
}

/** Moves a viewport to an image; one that cannot be loaded is said unavailable (markUnavailable), not thrown. */
function showImage(entry, index) {
  entry.viewport.setImageIdIndex(index).catch(() => {});
}

/** Every viewport now at this image (not one the reader has already scrolled past) says it cannot be shown. */
function markUnavailable(imageId) {
  for (const v of state.viewports) {
    if (imageId && v.series && v.series.imageIds[v.viewport.getCurrentImageIdIndex()] === imageId) {
      v.cell.classList.add('unavailable');
      refreshViewport(v);
    }
  }
}

function refreshViewport(entry) {
  if (!entry.series) return;
  entry.fallback = fellBack.has(entry.viewport.getCurrentImageId?.());
  updateOverlay(entry.viewport, entry.overlay, { ...entry.series, fallback: entry.fallback });
  entry.bar.max = String(entry.series.imageIds.length);
  entry.bar.value = String(entry.viewport.getCurrentImageIdIndex() + 1);
}

function activate(index) {
  state.active = index;
  state.viewports.forEach((v) => v.cell.classList.toggle('active', v.index === index));
}

async function showSeries(index, study, series) {
  const entry = state.viewports[index];
  entry.cell.classList.add('loading');
  if (entry.series) {
    state.sync.remove({ renderingEngineId: engineId, viewportId: entry.viewportId });
    stopCine(entry);
  }

  const loaded = await loadSeries(study, series);
  performance.mark('hap:metadata');
  entry.series = loaded;
  entry.fallback = false;
  entry.cell.classList.remove('unavailable');
  // A first image that cannot be shown is said so (markUnavailable); the series stays open and the others read.
  await entry.viewport.setStack(loaded.imageIds, 0).catch(() => {});
  performance.mark('hap:stack');
  entry.viewport.render();
  cst.utilities.stackPrefetch.enable(entry.element);
  entry.cell.classList.remove('loading');
  entry.cell.classList.add('filled');
  entry.cell.dataset.series = series;
  entry.cell.dataset.study = study;
  activate(index);
  resync();
  refreshViewport(entry);
  markCurrentSeries();
}

/** Series with the same frame of reference scroll together (current and prior of one patient registered alike). */
function resync() {
  state.viewports.forEach((v) => state.sync.remove({ renderingEngineId: engineId, viewportId: v.viewportId }));
  if (!document.getElementById('sync-scroll')?.checked) return;
  const groups = new Map();
  for (const v of state.viewports.filter((v) => v.series && !v.cell.hidden)) {
    const key = v.series.frameOfReference || v.series.series;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }

  for (const members of groups.values()) {
    if (members.length > 1) members.forEach((v) => state.sync.add({ renderingEngineId: engineId, viewportId: v.viewportId }));
  }
}

async function openStudy(study, series, index) {
  const list = await listSeries(study);
  performance.mark('hap:series');
  renderSeriesPanel(study, list);
  const chosen = series ?? text(list[0], '0020000E');
  if (chosen) await showSeries(index, study, chosen);
  document.querySelectorAll('#study-list [data-study]').forEach((b) => b.setAttribute('aria-current', String(b.dataset.study === study)));
  // The open study shown where the reader sees it: years of priors above it put an old study below the side panel's fold.
  document.querySelector('#study-list [aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
}

function renderSeriesPanel(study, list) {
  const panel = document.getElementById('series-list');
  panel.replaceChildren();
  for (const s of list) {
    const uid = text(s, '0020000E');
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'series-item';
    button.draggable = true;
    button.dataset.series = uid;
    button.dataset.study = study;
    const img = document.createElement('img');
    img.src = `${seriesUrl(study, uid)}/thumbnail?viewport=96,96`;
    img.alt = '';
    img.width = 96;
    img.height = 96;
    img.loading = 'lazy';
    const label = document.createElement('span');
    label.textContent = `${text(s, '00080060')} ${text(s, '0008103E')}`.trim();
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = t('images', value(s, '00201209') ?? 0);
    button.append(img, label, count);
    button.addEventListener('click', () => showSeries(state.active, study, uid));
    button.addEventListener('dragstart', (e) => e.dataTransfer.setData('text/x-hap-series', `${study}|${uid}`));
    item.append(button);
    panel.append(item);
  }

  markCurrentSeries();
}

function markCurrentSeries() {
  const current = state.viewports[state.active]?.series?.series;
  document.querySelectorAll('#series-list [data-series]').forEach((b) => b.setAttribute('aria-current', String(b.dataset.series === current)));
}

function wireStudyList() {
  document.querySelectorAll('#study-list [data-study]').forEach((button) => {
    button.addEventListener('click', () => openStudy(button.dataset.study, null, state.active));
    button.addEventListener('dragstart', (e) => e.dataTransfer.setData('text/x-hap-series', `${button.dataset.study}|`));
  });
  document.getElementById('sync-scroll')?.addEventListener('change', resync);
}

function current() {
  return state.viewports[state.active];
}

function stopCine(entry) {
  if (state.cine.has(entry.index)) {
    cst.utilities.cine.stopClip(entry.element);
    state.cine.delete(entry.index);
  }

  root.dataset.cine = state.cine.size ? 'playing' : 'stopped';
}

const api = {
  t,
  selectTool,
  setLayout: (layout) => { setLayout(layout); resync(); },
  scroll(delta) {
    const v = current();
    if (!v?.series) return;
    const n = v.series.imageIds.length;
    const next = Math.min(n - 1, Math.max(0, v.viewport.getCurrentImageIdIndex() + delta));
    showImage(v, next);
  },
  jump(end) {
    const v = current();
    if (v?.series) showImage(v, end ? v.series.imageIds.length - 1 : 0);
  },
  preset(center, width) {
    const v = current();
    if (!v?.series) return;
    v.viewport.setProperties({ voiRange: csUtils.windowLevel.toLowHighRange(width, center) });
    v.viewport.render();
  },
  rotate() {
    const v = current();
    if (!v?.series) return;
    const rotation = ((v.viewport.getViewPresentation().rotation ?? 0) + 90) % 360;
    v.viewport.setViewPresentation({ rotation });
    v.viewport.render();
  },
  flip(horizontal) {
    const v = current();
    if (!v?.series) return;
    const camera = v.viewport.getCamera();
    v.viewport.setCamera(horizontal ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical });
    v.viewport.render();
  },
  invert() {
    const v = current();
    if (!v?.series) return;
    v.viewport.setProperties({ invert: !v.viewport.getProperties().invert });
    v.viewport.render();
  },
  reset() {
    const v = current();
    if (!v?.series) return;
    v.viewport.resetProperties();
    // The CPU path's resetCamera keeps rotation and mirroring: "reset" puts the image back as it came.
    v.viewport.setViewPresentation({ rotation: 0 });
    v.viewport.setCamera({ flipHorizontal: false, flipVertical: false });
    v.viewport.resetCamera();
    v.viewport.render();
  },
  cine(fps) {
    const v = current();
    if (!v?.series) return;
    if (state.cine.has(v.index)) {
      stopCine(v);
      return;
    }

    const rate = fps || (v.series.frameTime > 0 ? Math.round(1000 / v.series.frameTime) : 15);
    cst.utilities.cine.playClip(v.element, { framesPerSecond: rate, loop: true });
    state.cine.add(v.index);
    root.dataset.cine = 'playing';
  },
  help: () => showHelp(),
  modality: () => current()?.series?.modality ?? '',
};

// For the tests and the benchmark: first frame time, all images loaded, scrolling rate, image → page coordinates.
const hooks = {
  firstRenderedAt: 0,
  rendered: 0,
  async loadAll(index = 0) {
    const ids = state.viewports[index].series.imageIds;
    const loadedAt = [];
    window.hapImaging.loadedAt = loadedAt;
    await Promise.all(ids.map((id) => imageLoader.loadAndCacheImage(id).then(() => loadedAt.push(performance.now()))));
    return performance.now();
  },
  async scrollBenchmark(rounds = 1, index = 0) {
    const v = state.viewports[index];
    const n = v.series.imageIds.length;
    const start = performance.now();
    const before = hooks.rendered;
    for (let i = 0; i < n * rounds; i++) {
      await v.viewport.setImageIdIndex(i % n);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }

    return ((hooks.rendered - before) * 1000) / (performance.now() - start);
  },
  /** Shows the current image at one canvas pixel per image pixel, for the pixel-match test; returns [columns, rows]. */
  async nativeSize(index = 0) {
    const v = state.viewports[index];
    const { columns, rows } = v.viewport.getCornerstoneImage();
    Object.assign(v.element.style, { inset: 'auto', left: '0px', top: '0px', width: `${columns}px`, height: `${rows}px` });
    state.engine.resize(true, false);
    v.viewport.resetCamera();
    v.viewport.render();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return [columns, rows];
  },
  /** The viewport's window as the user sees it in the overlay: [centre, width]. */
  window(index = 0) {
    const { voiRange } = state.viewports[index].viewport.getProperties();
    const wl = csUtils.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper);
    return [wl.windowCenter, wl.windowWidth];
  },
  /** What the viewport's canvas holds now, as a PNG data URL. */
  canvas(index = 0) {
    return state.viewports[index].element.querySelector('canvas').toDataURL('image/png');
  },
  imageToPage(index, x, y) {
    const v = state.viewports[index];
    const world = csUtils.imageToWorldCoords(v.viewport.getCurrentImageId(), [x, y]);
    const [cx, cy] = v.viewport.worldToCanvas(world);
    const rect = v.element.getBoundingClientRect();
    return [rect.left + cx, rect.top + cy];
  },
};

window.hapImaging = { state, api, imageLoader, cache, ...hooks, get firstRenderedAt() { return hooks.firstRenderedAt; } };
start().catch((error) => {
  root.dataset.ready = 'error';
  root.dataset.error = String(error?.message ?? error);
  console.error(error);
});
