// When the browser cannot decode a frame in its stored transfer syntax, the portal's own pipeline decodes it: the
// same frame asked uncompressed (Explicit VR Little Endian) from WADO-RS, handed to the loader as native pixels.
import { imageLoader } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';

const explicitLittle = '1.2.840.10008.1.2.1';
export const fellBack = new Set();

async function portalDecoded(imageId, options) {
  const url = imageId.replace(/^wadors:/, '');
  const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/octet-stream"' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const { pixelData } = dicomImageLoader.wadors.extractMultipart?.(response.headers.get('Content-Type'), bytes) ?? extract(response.headers.get('Content-Type'), bytes);
  fellBack.add(imageId);
  return dicomImageLoader.createImage(imageId, pixelData, explicitLittle, options);
}

function extract(contentType, bytes) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType ?? '')?.[2];
  if (!boundary) return { pixelData: bytes };
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 2048)));
  const start = text.indexOf('\r\n\r\n') + 4;
  const end = bytes.length - (`\r\n--${boundary}--\r\n`).length;
  return { pixelData: bytes.subarray(start, end) };
}

export function registerFallbackLoader() {
  imageLoader.registerImageLoader('wadors', (imageId, options = {}) => {
    const original = dicomImageLoader.wadors.loadImage(imageId, options);
    return {
      promise: Promise.resolve(original.promise).catch(() => portalDecoded(imageId, { ...options })),
      cancelFn: original.cancelFn,
    };
  });
}
