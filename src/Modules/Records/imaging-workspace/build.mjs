// Bundles the workspace (and the DICOM decoding worker Cornerstone starts beside it) into ../../../../artifacts/imaging,
// and copies the WebAssembly codecs there. Run by MSBuild (Records module, incremental) or `npm run build`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '../../../../artifacts/imaging');
mkdirSync(out, { recursive: true });

// xmlbuilder2 (dcmjs's XML export) declares a class extending EventEmitter at load time: a small working one.
const tinyEvents = `class EventEmitter {
  constructor() { this._l = new Map(); }
  on(n, f) { (this._l.get(n) ?? this._l.set(n, []).get(n)).push(f); return this; }
  addListener(n, f) { return this.on(n, f); }
  once(n, f) { const g = (...a) => { this.off(n, g); f(...a); }; return this.on(n, g); }
  off(n, f) { const l = this._l.get(n); if (l) { const i = l.indexOf(f); if (i >= 0) l.splice(i, 1); } return this; }
  removeListener(n, f) { return this.off(n, f); }
  removeAllListeners(n) { if (n === undefined) this._l.clear(); else this._l.delete(n); return this; }
  emit(n, ...a) { const l = this._l.get(n); if (!l || l.length === 0) return false; for (const f of [...l]) f(...a); return true; }
}
module.exports = EventEmitter;
module.exports.EventEmitter = EventEmitter;`;

// Node built-ins some dependencies reach for (XML export, URL polyfills): never used in the browser paths we run.
const empty = {
  name: 'empty-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(fs|path|crypto|url|events|module|worker_threads)$/ }, (a) => ({ path: a.path, namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, (a) => ({ contents: a.path === 'events' ? tinyEvents : 'module.exports = {};', loader: 'js' }));
  },
};

await esbuild.build({
  entryPoints: {
    workspace: join(here, 'src/workspace.js'),
    // A classic script (no imports) the page loads first: the study's first requests start before the bundle compiles.
    boot: join(here, 'src/boot.js'),
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
  plugins: [empty],
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
console.log('imaging workspace bundled into ' + out);
