// Loaded before the workspace's bundle (4 MB to download and compile, about a second on a practice PC): starts the
// study's first requests — the series list, the series' metadata, the series' frames — so the network works while
// the browser compiles (the page itself already shows the first image as the portal renders it). The workspace takes
// these answers instead of asking again (window.hapEarly); nothing here decides what may be seen.
(() => {
  const root = document.getElementById('imaging-workspace');
  // A first image the portal could not render (not an image): nothing rather than a broken-image icon.
  let preview = document.querySelector('#viewports .viewport-preview');
  if (preview && preview.complete && preview.naturalWidth === 0) {
    preview.remove();
    preview = null;
  }

  preview?.addEventListener('error', () => preview.remove());
  // Shown: on screen, not only loaded — the Element Timing entry of the preview (elementtiming="first-image") comes with
  // the frame that presented it. Two animation frames after the load are not enough: they run before that frame's raster
  // and composition (software compositing on a practice PC), and the bundle started then took the CPU the paint needed
  // (trace: the first image presented 100-250 ms later). Where Element Timing is missing: the frame after the load.
  const shown = new Promise((resolve) => {
    if (!preview) {
      resolve();
      return;
    }

    const painted = () => requestAnimationFrame(() => requestAnimationFrame(resolve));
    if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('element')) {
      new PerformanceObserver((list, observer) => {
        if (list.getEntries().some((e) => e.identifier === 'first-image')) {
          observer.disconnect();
          resolve();
        }
      }).observe({ type: 'element', buffered: true });
    } else if (preview.complete) {
      painted();
    } else {
      preview.addEventListener('load', painted);
    }

    preview.addEventListener('error', painted);
  });
  // The workspace's bundle (4 MB) is asked for only once the first image is on screen: asked earlier (modulepreload), its
  // download and V8's background parse (~650 ms of a core, trace) ran beside the first frame's raster on 2 cores.
  // Compiling and running it holds the main thread for most of a second. A first image slow to come (a large frame, a
  // slow link) holds it back one second at most.
  const onScreen = Promise.race([shown, new Promise((resolve) => setTimeout(resolve, 1000))]);
  onScreen.then(() => {
    // The portal's icon, asked now rather than with the page (an SVG: an image document on the main thread).
    const icon = document.querySelector('link[rel="icon"]') ?? document.head.appendChild(document.createElement('link'));
    icon.rel = 'icon';
    icon.type = 'image/svg+xml';
    icon.href = '/favicon.svg';
    const script = document.createElement('script');
    script.type = 'module';
    script.src = `${root?.dataset.assets ?? '/imaging/assets/'}workspace.js`;
    document.body.append(script);
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
  // This patient's DICOMweb base: a study UID another record shares never brings that record's series in here.
  const base = `${root.dataset.dicomweb}/studies/${study}/series`;

  /** Frames asked one by one, a few at a time, in viewing order. */
  const oneByOne = (items, urls) => {
    items.forEach((it, i) => {
      it.start = () => {
        if (it.started) return;
        it.started = true;
        fetch(urls[i], { headers: { Accept: frameAccept }, credentials: 'same-origin' })
          .then(async (r) => (r.ok ? { contentType: r.headers.get('Content-Type'), bytes: new Uint8Array(await r.arrayBuffer()) } : Promise.reject(new Error(`${r.status} ${urls[i]}`))))
          .then(it.resolve, it.reject);
      };
    });
    const next = () => {
      const it = items.find((i) => !i.started);
      if (!it) return;
      it.start();
      it.promise.then(next, next);
    };
    for (let i = 0; i < parallel; i++) next();
  };

  /**
   * Every frame of the series in one multipart answer (WADO-RS bulk data), read by a worker (bulk.js) that hands each part
   * over as soon as it has arrived whole. A frame not in the answer (not an image) or not arrived (an error): one the
   * loader holds already is rejected (it then asks the portal to decode it), the others are dropped (the loader asks the
   * network itself).
   */
  const bulk = (url, byUrl, drop) => {
    let worker;
    const settle = (error) => {
      byUrl.forEach((it, u) => (drop(u) ? null : it.reject(error)));
      byUrl.clear();
      worker?.terminate();
    };
    try {
      worker = new Worker(`${root.dataset.assets}bulk.js`);
    } catch (error) {
      settle(error);
      return;
    }

    worker.onmessage = ({ data }) => {
      if (data.done) {
        window.hapBulk = Object.fromEntries(Object.entries(data.timing ?? {}).map(([k, v]) => [k, v - performance.timeOrigin]));
        settle(new Error(data.error ?? 'frame not in the answer'));
        return;
      }

      byUrl.get(data.location)?.resolve({ contentType: data.contentType, bytes: data.bytes });
      byUrl.delete(data.location);
    };
    worker.onerror = () => settle(new Error('bulk reader failed'));
    worker.postMessage({ url: new URL(url, location.origin).href, accept: frameAccept });
  };

  // The study's requests wait for the first image on screen: started with the page, the server answering them and the
  // browser receiving them ran beside the first frame's layout and raster on 2 cores (trace: 206-399 ms, the image
  // presented at 417 ms). They are still answered long before the bundle has compiled (about a second) and asks for them.
  onScreen.then(() => {
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
        const item = (url) => {
          const it = { started: false };
          it.promise = new Promise((resolve, reject) => { it.resolve = resolve; it.reject = reject; });
          it.promise.catch(() => {});
          frames.set(url, it);
          return it;
        };
        const items = urls.map(item);
        // The loader takes a frame once (a later load of the same image goes to the network); one not asked yet starts now.
        window.hapTakeFrame = (url) => {
          const it = frames.get(url);
          if (!it) return null;
          frames.delete(url);
          it.start?.();
          return it.promise;
        };
        // After the first image: it is what the physician looks at first, and the frames would slow it down.
        // The whole series in one answer: one request, one access check instead of one per frame. Also when the loader has
        // taken some frames already (the bundle was ready before the first image was painted): they wait for their part.
        shown.then(() => (bytes < budget
          ? bulk(`${base}/${uid}`, new Map(urls.map((u, i) => [new URL(u).href, items[i]])), (u) => frames.delete(u))
          : oneByOne(items, urls)));
      }, () => {});
    }, () => {});
  });
})();
