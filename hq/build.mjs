// Bundles head office into its own folder, dist/hq/: hq.cjs (esbuild, everything inside but pg's optional native
// binding), the console's web UI in dist/hq/console/, and PGlite's WebAssembly and data files beside it, where PGlite looks (next to the bundle's __filename).
// The shop's installer never packs dist/hq/ (electron-builder.yml), and pg and PGlite are devDependencies, so
// nothing of head office ships with the shop. `node hq/build.mjs [--outdir <dir>]`; dist/hq by default.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** PGlite's files read at run time: the PostgreSQL and initdb WebAssembly and the file-system image. */
export const PGLITE_FILES = ['pglite.wasm', 'pglite.data', 'initdb.wasm'];

export async function bundleHq(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'hq/main.ts')],
    outfile: path.join(outDir, 'hq.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // pg asks for pg-native only when told to; it is not installed.
    external: ['pg-native'],
    // PGlite's ES module finds its files from import.meta.url, which CommonJS lacks: the bundle's own file URL.
    banner: { js: "const __hqFileUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__hqFileUrl' },
    logLevel: 'warning',
  });
  // The console's web UI (hq/console/ui): React, bundled for the browser, served by head office at /console/.
  const ui = path.join(outDir, 'console');
  fs.mkdirSync(ui, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'hq/console/ui/main.tsx')],
    outfile: path.join(ui, 'app.js'),
    bundle: true,
    platform: 'browser',
    target: ['chrome120'],
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  for (const f of ['index.html', 'app.css']) fs.copyFileSync(path.join(root, 'hq/console/ui', f), path.join(ui, f));
  const pgliteDir = path.dirname(require.resolve('@electric-sql/pglite'));
  for (const f of PGLITE_FILES) fs.copyFileSync(path.join(pgliteDir, f), path.join(outDir, f));
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  await bundleHq(at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist', 'hq'));
}
