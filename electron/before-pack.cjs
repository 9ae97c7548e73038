// electron-builder hooks: the package needs better-sqlite3 built for Electron, while tests and browser
// mode need the Node build in node_modules. beforePack keeps the Node build aside and rebuilds for the
// target Electron and architecture; afterPack puts the Node build back.
const fs = require('node:fs');
const path = require('node:path');
const { rebuild } = require('@electron/rebuild');

const root = path.resolve(__dirname, '..');
const addon = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const kept = path.join(root, '.electron-native', 'node-build.node');

exports.default = async function beforePack(context) {
  const { Arch } = require('electron-builder');
  fs.mkdirSync(path.dirname(kept), { recursive: true });
  if (!fs.existsSync(kept)) fs.copyFileSync(addon, kept);
  await rebuild({
    buildPath: root,
    electronVersion: require('electron/package.json').version,
    arch: Arch[context.arch],
    onlyModules: ['better-sqlite3'],
    force: true,
  });
};

exports.restore = function restore() {
  if (fs.existsSync(kept)) {
    fs.copyFileSync(kept, addon);
    fs.rmSync(kept);
  }
};
