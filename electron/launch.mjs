// `npm start`: launch Electron where its binary can run; otherwise say so in one line and serve the same
// app in browser mode. Never triggers Electron's lazy binary download.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const web = args.includes('--web');
const passOn = args.filter((a) => a !== '--web');

function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile))
    return { ok: false, why: 'the Electron binary is not installed (it could not be downloaded)' };
  const bin = path.join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
    fs.readFileSync(pathFile, 'utf8'),
  );
  if (!fs.existsSync(bin)) return { ok: false, why: 'the Electron binary is missing' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { ok: false, why: 'there is no display' };
  return { ok: true, bin };
}

function run(cmd, argv, env = process.env) {
  const child = spawn(cmd, argv, { stdio: 'inherit', env });
  const stop = (sig) => child.kill(sig);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = web ? { ok: false, why: 'browser mode was asked for' } : electronBinary();
if (electron.ok) {
  // better-sqlite3 built for Electron lives apart from the Node build the tests use (docs/electron.md).
  const native = path.join(root, '.electron-native', 'better_sqlite3.node');
  const env = { ...process.env };
  if (fs.existsSync(native)) env.CARDDESK_NATIVE_BINDING = native;
  else
    process.stderr.write(
      'No Electron build of better-sqlite3 yet: run `npm run electron:native` once (needs the internet for headers).\n',
    );
  run(electron.bin, [root, ...passOn], env);
} else {
  if (!web)
    process.stdout.write(
      `Electron cannot run here (${electron.why}); starting browser mode — open the CARDDESK_URL below.\n`,
    );
  run(process.execPath, [path.join(root, 'dist', 'host.cjs'), ...passOn]);
}
