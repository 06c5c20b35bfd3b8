// Loaded before the workspace's bundle (4 MB to download and compile, about a second on a practice PC): starts the
// study's first requests — the series list, the series' metadata, the first image's frame — so the network works while
// the browser compiles (the page itself already shows the first image as the portal renders it). The workspace takes
// these answers instead of asking again (window.hapEarly); nothing here decides what may be seen.
(() => {
  const root = document.getElementById('imaging-workspace');
  // A first image the portal could not render (not an image): nothing rather than a broken-image icon.
  const preview = document.querySelector('#viewports .viewport-preview');
  if (preview && preview.complete && preview.naturalWidth === 0) preview.remove();
  preview?.addEventListener('error', () => preview.remove());
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
  const base = `/dicomweb/studies/${study}/series`;
  const seriesList = get(base);
  const series = root.dataset.series ? Promise.resolve(root.dataset.series) : seriesList.then((list) => first(list, '0020000E'));
  series.then((uid) => {
    if (!uid) return;
    get(`${base}/${uid}/metadata`).then((instances) => {
      const sorted = [...instances].sort((a, b) => (first([a], '00200013') ?? 0) - (first([b], '00200013') ?? 0));
      const sop = first(sorted, '00080018');
      if (!sop) return;
      // The frame as stored (the loader's own request), read whole: the workspace hands it to the loader.
      const url = `${location.origin}${base}/${uid}/instances/${sop}/frames/1`;
      keep('frame:' + url, fetch(url, { headers: { Accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' }, credentials: 'same-origin' })
        .then(async (r) => (r.ok ? { contentType: r.headers.get('Content-Type'), bytes: new Uint8Array(await r.arrayBuffer()) } : Promise.reject(new Error(`${r.status} ${url}`)))));
    }, () => {});
  }, () => {});
})();
