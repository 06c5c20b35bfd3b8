// Loaded before the workspace's bundle (4 MB to download and compile, about a second on a practice PC): starts the
// study's first requests — the series list, the series' metadata, the series' frames — so the network works while
// the browser compiles (the page itself already shows the first image as the portal renders it). The workspace takes
// these answers instead of asking again (window.hapEarly); nothing here decides what may be seen.
(() => {
  const root = document.getElementById('imaging-workspace');
  // A first image the portal could not render (not an image): nothing rather than a broken-image icon.
  const preview = document.querySelector('#viewports .viewport-preview');
  if (preview && preview.complete && preview.naturalWidth === 0) preview.remove();
  preview?.addEventListener('error', () => preview.remove());
  const shown = new Promise((resolve) => {
    if (!preview || preview.complete) resolve();
    preview?.addEventListener('load', resolve);
    preview?.addEventListener('error', resolve);
  });
  const study = root?.dataset.study;
  if (!study) return;
  const early = new Map();
  window.hapEarly = early;
  const keep = (url, promise) => {
    promise.catch(() => {});
    early.set(url, promise);
    return promise;
  };
  const get = (url) => keep(url, fetch(url, { headers: { Accept: 'application/dicom+json' }, credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${url}`)))));
  const first = (list, tag) => list?.[0]?.[tag]?.Value?.[0];
  const frameAccept = 'multipart/related; type=application/octet-stream; transfer-syntax=*';
  const parallel = 4;
  const budget = 256 * 1024 * 1024;
  const base = `/dicomweb/studies/${study}/series`;
  const seriesList = get(base);
  const series = root.dataset.series ? Promise.resolve(root.dataset.series) : seriesList.then((list) => first(list, '0020000E'));
  series.then((uid) => {
    if (!uid) return;
    get(`${base}/${uid}/metadata`).then((instances) => {
      const sorted = [...instances].sort((a, b) => (first([a], '00200013') ?? 0) - (first([b], '00200013') ?? 0));
      // Every frame of the series as stored (the loader's own requests), read whole, in viewing order: the workspace hands
      // them to the loader, so the series streams in while the bundle compiles. A few at a time (the bundle's worker and
      // codecs still find a free connection), up to a budget a practice PC holds easily.
      const urls = [];
      let bytes = 0;
      for (const meta of sorted) {
        const sop = first([meta], '00080018');
        const frames = Number(first([meta], '00280008') ?? 1) || 1;
        const size = (first([meta], '00280010') ?? 512) * (first([meta], '00280011') ?? 512) * (first([meta], '00280002') ?? 1) * Math.ceil((first([meta], '00280100') ?? 16) / 8);
        for (let f = 1; sop && f <= frames && bytes < budget; f++, bytes += size) {
          urls.push(`${location.origin}${base}/${uid}/instances/${sop}/frames/${f}`);
        }
      }

      const frames = new Map();
      const queue = urls.map((url) => {
        let go;
        const started = new Promise((resolve) => { go = resolve; });
        const promise = started.then(() => fetch(url, { headers: { Accept: frameAccept }, credentials: 'same-origin' }))
          .then(async (r) => (r.ok ? { contentType: r.headers.get('Content-Type'), bytes: new Uint8Array(await r.arrayBuffer()) } : Promise.reject(new Error(`${r.status} ${url}`))));
        promise.catch(() => {});
        const item = { promise, start: () => { item.started = true; go(); }, started: false };
        frames.set(url, item);
        return item;
      });
      const next = () => {
        const item = queue.find((i) => !i.started);
        if (!item) return;
        item.start();
        item.promise.then(next, next);
      };
      // The loader takes a frame once (a later load of the same image goes to the network); one not asked yet starts now.
      window.hapTakeFrame = (url) => {
        const item = frames.get(url);
        if (!item) return null;
        frames.delete(url);
        if (!item.started) item.start();
        return item.promise;
      };
      // After the first image: it is what the physician looks at first, and the frames would slow it down.
      shown.then(() => { for (let i = 0; i < parallel; i++) next(); });
    }, () => {});
  }, () => {});
})();
