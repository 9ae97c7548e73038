// Bundles the Electron main process, the preload (one file) and the browser-mode host with esbuild, and puts
// beside the bundles the data files the bundled libraries read at run time (docs/build.md).
// `node electron/build.mjs [--outdir <dir>]`; dist/ by default.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * pdfkit reads the standard fonts' metrics (Helvetica.afm is read by every new document) and the sRGB profile
 * from `__dirname + '/data'`; bundled, its __dirname is the bundle's folder, so its data folder goes there as is.
 */
export const BESIDE_BUNDLES = [{ from: path.join(path.dirname(require.resolve('pdfkit')), 'data'), to: 'data' }];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

export async function bundle(outDir) {
  await Promise.all([
    build({ ...common, entryPoints: [path.join(root, 'electron/main.ts')], outfile: path.join(outDir, 'main.cjs') }),
    build({ ...common, entryPoints: [path.join(root, 'electron/host.ts')], outfile: path.join(outDir, 'host.cjs') }),
    // The preload runs sandboxed: one self-contained file that may require only 'electron'.
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      sourcemap: false,
    }),
    // The customer's screen's preload, sandboxed as well: its one read and its one event.
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/display-preload.ts')],
      outfile: path.join(outDir, 'display-preload.cjs'),
      sourcemap: false,
    }),
  ]);
  for (const b of BESIDE_BUNDLES) {
    const to = path.join(outDir, b.to);
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(b.from, to, { recursive: true });
  }
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  await bundle(at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist'));
}
