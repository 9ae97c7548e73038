// Bundles the Electron main process, the preload (one file) and the browser-mode host with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/main.cjs' }),
  build({ ...common, entryPoints: ['electron/host.ts'], outfile: 'dist/host.cjs' }),
  // The preload runs sandboxed: one self-contained file that may require only 'electron'.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/preload.cjs', sourcemap: false }),
]);
