// Uncompressed frames (Implicit/Explicit VR Little Endian: nothing to decompress) are made ready in the page instead of
// a decoding worker: the worker's own code (the same rescale, sign extension and min/max, so the same pixels), without
// the round trip — copying each 512 KiB frame to a worker and back, and the workers' start (each compiles the 240 KiB
// worker script) before the first of them. Everything else goes to the workers as before. esbuild puts this module in
// place of the loader's decodeImageFrame.js (build.mjs).
import decodeInWorker from '../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/imageLoader/decodeImageFrame.js';
import { decodeImageFrame as decodeHere } from '../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js';

const uncompressed = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

// One frame per task: a series arriving all at once must not hold the page (wheel, window drag) for its whole length.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const nextTask = () => new Promise((resolve) => {
  waiting.push(resolve);
  channel.port2.postMessage(0);
});

export default async function decodeImageFrame(imageFrame, transferSyntax, pixelData, canvas, options = {}, decodeConfig) {
  if (!uncompressed.has(transferSyntax)) return decodeInWorker(imageFrame, transferSyntax, pixelData, canvas, options, decodeConfig);
  // What the worker would receive: copies (structured clone), never the loader's own objects or bytes.
  const { loader, streamingData, ...rest } = options;
  const copies = [structuredClone(imageFrame), pixelData.slice(), structuredClone(decodeConfig), structuredClone(rest)];
  await nextTask();
  return decodeHere(copies[0], transferSyntax, copies[1], copies[2], copies[3]);
}
