// electron-builder afterPack: the Node build of better-sqlite3 goes back into node_modules.
exports.default = async function afterPack() {
  require('./before-pack.cjs').restore();
};
