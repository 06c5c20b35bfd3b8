// Turns modality values (Int16Array) into canvas pixels with DICOM's linear VOI function, as the server does.
export function windowToImageData(values, width, height, center, windowWidth, invert, target) {
  const image = target || new ImageData(width, height);
  const data = image.data;
  const w1 = Math.max(windowWidth, 1) - 1;
  const left = center - 0.5 - w1 / 2;
  const right = center - 0.5 + w1 / 2;
  // A lookup table over the int16 range keeps dragging smooth on large images.
  const lut = new Uint8ClampedArray(65536);
  for (let v = -32768; v < 32768; v++) {
    let y;
    if (v <= left) y = 0;
    else if (v > right || w1 <= 0) y = 255;
    else y = Math.floor(((v - (center - 0.5)) / w1 + 0.5) * 255);
    lut[v + 32768] = invert ? 255 - y : y;
  }
  for (let i = 0, p = 0; i < values.length; i++, p += 4) {
    const g = lut[values[i] + 32768];
    data[p] = g; data[p + 1] = g; data[p + 2] = g; data[p + 3] = 255;
  }
  return image;
}

export function parsePresets(text) {
  return (text || '').split(';').filter(Boolean).map((entry) => {
    const [name, c, w] = entry.trim().split(/\s+/);
    return { name, center: Number(c), width: Number(w) };
  }).filter((p) => p.name && Number.isFinite(p.center) && Number.isFinite(p.width));
}

export function withQuery(url, params) {
  const query = Object.entries(params).filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(String(v))).join('&');
  return url + (url.includes('?') ? '&' : '?') + query;
}
