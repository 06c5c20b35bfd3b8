// A dedicated worker that reads the series' WADO-RS bulk answer (every frame in one multipart answer) and hands each
// frame to the page as soon as it has arrived whole (its buffer transferred, not copied). Off the page's thread because
// the page compiles the workspace's bundle meanwhile: read there, the answer's body waited for the compiler.
// The request's times (ms since the page's time origin) go back with the last message: the page's own resource timeline
// does not see a worker's requests, the benchmark reads them as window.hapBulk.
self.onmessage = async ({ data: { url, accept } }) => {
  const now = () => performance.timeOrigin + performance.now();
  const timing = { start: now() };
  try {
    const response = await fetch(url, { headers: { Accept: accept }, credentials: 'same-origin' });
    timing.headers = now();
    const boundary = /boundary=("?)([^";]+)\1/.exec(response.headers.get('Content-Type') ?? '')?.[2];
    if (!response.ok || !boundary) throw new Error(`${response.status} ${url}`);
    const reader = response.body.getReader();
    const latin1 = new TextDecoder('latin1');
    let buffer = new Uint8Array(1 << 20);
    let from = 0;
    let to = 0;
    for (;;) {
      // A part: "--boundary", its headers (Content-Type, Content-Location, Content-Length), a blank line, the bytes.
      const head = latin1.decode(buffer.subarray(from, Math.min(to, from + 2048)));
      if (head.startsWith(`--${boundary}--`)) break;
      const blank = head.indexOf('\r\n\r\n');
      const headers = blank < 0 ? '' : head.slice(0, blank);
      const length = Number(/content-length:\s*(\d+)/i.exec(headers)?.[1] ?? NaN);
      if (blank >= 0 && Number.isNaN(length)) throw new Error('multipart part without Content-Length');
      if (blank >= 0 && to - from >= blank + 4 + length) {
        const start = from + blank + 4;
        const location = /content-location:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
        const bytes = buffer.slice(start, start + length);
        self.postMessage({
          location: location ? new URL(location, self.location.origin).href : '',
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
          bytes,
        }, [bytes.buffer]);
        from = start + length + 2;
        continue;
      }

      if (blank < 0 && to - from >= 2048) throw new Error('multipart part without headers');
      const { done, value } = await reader.read();
      if (done) break;
      if (to + value.length > buffer.length) {
        // Keep what is not handed over yet at the start (a larger buffer when a part does not fit).
        const kept = to - from;
        const next = kept + value.length > buffer.length ? new Uint8Array(Math.max(2 * buffer.length, kept + value.length)) : buffer;
        next.set(buffer.subarray(from, to), 0);
        buffer = next;
        from = 0;
        to = kept;
      }

      buffer.set(value, to);
      to += value.length;
    }

    timing.end = now();
    self.postMessage({ done: true, timing });
  } catch (error) {
    self.postMessage({ done: true, timing, error: String(error?.message ?? error) });
  }
};
