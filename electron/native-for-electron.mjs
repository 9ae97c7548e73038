// Builds better-sqlite3 for Electron into .electron-native/ (loaded with `nativeBinding`), leaving the
// Node build in node_modules for tests and browser mode untouched. Needs the internet for Electron headers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.electron-native', 'build');
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(work, 'better-sqlite3'), { recursive: true });
execFileSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
  {
    cwd: path.join(work, 'better-sqlite3'),
    stdio: 'inherit',
  },
);
fs.copyFileSync(
  path.join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  path.join(root, '.electron-native', 'better_sqlite3.node'),
);
process.stdout.write(`Built .electron-native/better_sqlite3.node for Electron ${electronVersion}\n`);
