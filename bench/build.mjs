// `npm run bench` runs the bench as the app ships: bundled by esbuild with the settings of the app's own bundles
// (electron/build.mjs), not through tsx, whose `keepNames` wraps every function made at run time — about 2 % of
// a counter call, which the shipped host does not carry. The bundle sits beside the bench's sources, so the
// folders they name from `import.meta.dirname` are the same; the packages stay in node_modules.
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;
await build({
  entryPoints: [path.join(here, 'run.ts')],
  outfile: path.join(here, '.run.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
