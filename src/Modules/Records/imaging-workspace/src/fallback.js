// The 'wadors' loader the viewports use: Cornerstone's own (WADO-RS frames in their stored transfer syntax, decoded in
// the browser), except that the frames boot.js fetched while the bundle compiled are decoded from those bytes, and that when the
// browser cannot decode a frame the portal's own pipeline does: the same frame asked uncompressed (Explicit VR Little
// Endian) from WADO-RS, handed to the loader as native pixels.
import { imageLoader } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';

const explicitLittle = '1.2.840.10008.1.2.1';
export const fellBack = new Set();

async function portalDecoded(imageId, options) {
  const url = imageId.replace(/^wadors:/, '');
  const response = await fetch(url, { headers: { Accept: 'multipart/related; type="application/octet-stream"' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const { pixelData } = extract(response.headers.get('Content-Type'), new Uint8Array(await response.arrayBuffer()));
  fellBack.add(imageId);
  return dicomImageLoader.createImage(imageId, pixelData, explicitLittle, options);
}

/** The single part of a multipart/related answer: its bytes and its transfer syntax (PS3.18 part header). */
export function extract(contentType, bytes) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType ?? '')?.[2];
  if (!boundary) return { pixelData: bytes, transferSyntax: syntaxOf(contentType) };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 2048)));
  const start = head.indexOf('\r\n\r\n') + 4;
  const partType = /content-type:\s*([^\r\n]+)/i.exec(head.slice(0, start))?.[1];
  const end = bytes.length - (`\r\n--${boundary}--\r\n`).length;
  return { pixelData: bytes.subarray(start, end), transferSyntax: syntaxOf(partType) };
}

function syntaxOf(contentType) {
  return /transfer-syntax=("?)([0-9.]+)\1/.exec(contentType ?? '')?.[2] ?? explicitLittle;
}

/** The frame boot.js fetched (or is fetching) for this image, once (a later load of the same image goes to the network). */
function earlyFrame(imageId) {
  return window.hapTakeFrame?.(imageId.replace(/^wadors:/, '')) ?? null;
}

export function registerFallbackLoader() {
  imageLoader.registerImageLoader('wadors', (imageId, options = {}) => {
    const early = earlyFrame(imageId);
    const original = early ? null : dicomImageLoader.wadors.loadImage(imageId, options);
    const first = early
      ? early.then(({ contentType, bytes }) => {
        const { pixelData, transferSyntax } = extract(contentType, bytes);
        return dicomImageLoader.createImage(imageId, pixelData, transferSyntax, options);
      })
      : original.promise;
    return {
      promise: Promise.resolve(first).catch(() => portalDecoded(imageId, { ...options })),
      cancelFn: original?.cancelFn,
    };
  });
}
