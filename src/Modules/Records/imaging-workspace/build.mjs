// Bundles the workspace (and the DICOM decoding worker Cornerstone starts beside it) into ../../../../artifacts/imaging,
// and copies the WebAssembly codecs there. Run by MSBuild (Records module, incremental) or `npm run build`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '../../../../artifacts/imaging');
mkdirSync(out, { recursive: true });

// Node built-ins some dependencies reach for (URL polyfills): never used in the browser paths we run.
const empty = {
  name: 'empty-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(fs|path|crypto|url|events|module|worker_threads)$/ }, (a) => ({ path: a.path, namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// xmlbuilder2 (with @oozcitak/* and js-yaml, ~290 KiB) is reached only through vtk.js's XML readers (surface meshes, the
// orientation marker's model), which the workspace never runs: a stand-in that says so if ever called, so that the
// page does not download and compile them before the first image.
const noXml = {
  name: 'no-xml-readers',
  setup(build) {
    build.onResolve({ filter: /^xmlbuilder2$/ }, () => ({ path: 'xmlbuilder2', namespace: 'no-xml' }));
    build.onLoad({ filter: /.*/, namespace: 'no-xml' }, () => ({
      contents: "export function create() { throw new Error('vtk.js XML readers are not part of the imaging workspace'); }",
      loader: 'js',
    }));
  },
};

// The loader's decodeImageFrame.js, as createImage.js imports it, is replaced by src/decode-in-page.js (which wraps it).
const decodeInPage = {
  name: 'decode-in-page',
  setup(build) {
    build.onResolve({ filter: /^\.\/decodeImageFrame\.js$/ }, (a) => (/dicom-image-loader[\\/]dist[\\/]esm[\\/]imageLoader[\\/]createImage\.js$/.test(a.importer)
      ? { path: join(here, 'src/decode-in-page.js') }
      : undefined));
  },
};

await esbuild.build({
  entryPoints: {
    workspace: join(here, 'src/workspace.js'),
    // A classic script (no imports) the page loads first: the study's first requests start before the bundle compiles.
    boot: join(here, 'src/boot.js'),
    // The worker boot.js starts to read the series' frames off the page's thread.
    bulk: join(here, 'src/bulk.js'),
    // init() starts `new Worker(new URL('./decodeImageFrameWorker.js', import.meta.url))`: same folder, same name.
    decodeImageFrameWorker: join(here, 'node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js'),
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'external',
  outdir: out,
  logLevel: 'warning',
  plugins: [empty, noXml, decodeInPage],
});

for (const [pkg, file] of [
  ['codec-charls', 'charlswasm_decode.wasm'],
  ['codec-openjpeg', 'openjpegwasm_decode.wasm'],
  ['codec-libjpeg-turbo-8bit', 'libjpegturbowasm_decode.wasm'],
  ['codec-openjph', 'openjphjs.wasm'],
]) {
  copyFileSync(join(here, 'node_modules/@cornerstonejs', pkg, 'dist', file), join(out, file));
}

copyFileSync(join(here, 'src/workspace.css'), join(out, 'workspace.css'));

// Compressed once here, not on every request: the bundle is 4 MB, about 0.9 MB in Brotli and 1.2 MB in gzip — seconds
// saved on a practice's line at each first visit. The portal sends the one the browser accepts (ImagingAssets).
// Brotli quality 10: within 2 % of 11's size at half its time.
for (const file of readdirSync(out).filter((f) => /\.(js|css|wasm)$/.test(f))) {
  const bytes = readFileSync(join(out, file));
  writeFileSync(join(out, `${file}.br`), brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(join(out, `${file}.gz`), gzipSync(bytes, { level: 9 }));
}

console.log('imaging workspace bundled into ' + out);
