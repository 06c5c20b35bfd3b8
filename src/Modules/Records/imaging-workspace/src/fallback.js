// The 'wadors' loader the viewports use: WADO-RS frames in their stored transfer syntax, decoded in the browser by
// Cornerstone's codecs — the frames boot.js fetched while the bundle compiled taken from those bytes, the others fetched
// here — except where the browser decodes a syntax wrong or fails: then the portal's own pipeline does (the same frame
// asked uncompressed, Explicit VR Little Endian, from WADO-RS, handed to the loader as native pixels).
import { imageLoader, metaData } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';

const explicitLittle = '1.2.840.10008.1.2.1';
const storedAccept = 'multipart/related; type=application/octet-stream; transfer-syntax=*';
const nativeAccept = 'multipart/related; type="application/octet-stream"';
export const fellBack = new Set();

// JPEG Extended (12-bit DCT) and its retired siblings: Cornerstone decodes them with pdf.js's jpeg.js, which put every
// pixel of the corpus' nm_jpeg_extended_12bit 14–15 stored values above what dcmtk and the portal decode (measured with
// dcmdjpeg): such frames are decoded by the portal, never in the browser.
const portalOnly = new Set(['1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55']);

// Native YBR_FULL_422 (the portal serves every native frame as Explicit VR Little Endian) stores Y1 Y2 Cb Cr for each
// pair of pixels. Cornerstone's test for "needs colour conversion" expects another layout, so it drew those 2 bytes a
// pixel as RGB (the corpus' sc_ybr_full_422_uncompressed: 92 % of pixels wrong). Such a frame is handed over as
// YBR_FULL, each pixel with its pair's Cb and Cr; a metadata provider says so for that image.
const asFullYbr = new Set();

function expand422(bytes) {
  const out = new Uint8Array((bytes.length / 4) * 6);
  for (let i = 0, o = 0; i + 3 < bytes.length; i += 4, o += 6) {
    out.set([bytes[i], bytes[i + 2], bytes[i + 3], bytes[i + 1], bytes[i + 2], bytes[i + 3]], o);
  }
  return out;
}

function pixelModule(imageId) {
  return dicomImageLoader.wadors.metaData.metaDataProvider('imagePixelModule', imageId);
}

/** Hands a frame's pixels to Cornerstone, native YBR_FULL_422 expanded (whichever way the frame arrived). */
function create(imageId, pixelData, transferSyntax, options) {
  if (transferSyntax === explicitLittle && pixelModule(imageId)?.photometricInterpretation === 'YBR_FULL_422') {
    asFullYbr.add(imageId);
    return dicomImageLoader.createImage(imageId, expand422(pixelData), transferSyntax, options);
  }

  return dicomImageLoader.createImage(imageId, pixelData, transferSyntax, options);
}

async function fetchFrame(imageId, accept) {
  const url = imageId.replace(/^wadors:/, '');
  const response = await fetch(url, { headers: { Accept: accept }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return { contentType: response.headers.get('Content-Type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function portalDecoded(imageId, options) {
  const { contentType, bytes } = await fetchFrame(imageId, nativeAccept);
  fellBack.add(imageId);
  return create(imageId, extract(contentType, bytes).pixelData, explicitLittle, options);
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

/** A frame in its stored transfer syntax, fetched early by boot.js or now: decoded here unless the browser decodes it wrong. */
async function storedFrame(imageId, options, early) {
  const { contentType, bytes } = await (early ?? fetchFrame(imageId, storedAccept));
  const { pixelData, transferSyntax } = extract(contentType, bytes);
  return portalOnly.has(transferSyntax) ? portalDecoded(imageId, options) : create(imageId, pixelData, transferSyntax, options);
}

export function registerFallbackLoader() {
  // Before the wadors provider: a YBR_FULL_422 frame handed over expanded is YBR_FULL, pixel-interleaved.
  metaData.addProvider((type, imageId) => (type === 'imagePixelModule' && asFullYbr.has(imageId)
    ? { ...pixelModule(imageId), photometricInterpretation: 'YBR_FULL', planarConfiguration: 0 }
    : undefined), 10000);
  // Our own fetch rather than Cornerstone's wadors loader: the transfer syntax must be seen before the browser decodes.
  imageLoader.registerImageLoader('wadors', (imageId, options = {}) => ({
    promise: storedFrame(imageId, options, earlyFrame(imageId)).catch(() => portalDecoded(imageId, { ...options })),
  }));
}
