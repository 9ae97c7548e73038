// The shop's files at rest: the database, its WAL and shared-memory files, the logs, the
// backups and the high-water file are for the Windows/macOS/Linux user who runs the counter only — folders 0700,
// files 0600. Set here, by the code that makes each file, rather than by a process umask: the same functions run
// under the tests, and a umask would also change files the owner saves for others (exports). Windows has no
// such modes (the per-user profile folder's ACL is what protects the data there), so nothing is changed on win32.
import fs from 'node:fs';
import path from 'node:path';

const HAS_MODES = process.platform !== 'win32';

function chmod(p: string, mode: number): void {
  try {
    fs.chmodSync(p, mode);
  } catch {
    // Gone already (a WAL not yet made), a folder the user does not own, or a place without modes (a FAT USB
    // stick, some network shares as the second backup folder): the file is as private as that place allows, and
    // a backup or a log line must not fail over it.
  }
}

/** Creates the folder (and any missing parents) for this user only; an existing one is narrowed to 0700. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (HAS_MODES) chmod(dir, 0o700);
}

/** Narrows a file to 0600; a file that is not there is fine. */
export function privateFile(file: string): void {
  if (HAS_MODES) chmod(file, 0o600);
}

/**
 * At every start, narrows what the app keeps in its data folder — what an earlier version (or a copy from another
 * PC) left readable by every user: the database and its side files, the high-water file, and the logs and backups
 * folders with everything in them. Only those names: the data folder may be one the owner chose, holding other
 * things that are not ours to change.
 */
export function privateDataFolder(dataDir: string, files: readonly string[], folders: readonly string[]): void {
  if (!HAS_MODES) return;
  privateDir(dataDir);
  for (const f of files) privateFile(path.join(dataDir, f));
  for (const name of folders) {
    const dir = path.join(dataDir, name);
    if (!fs.existsSync(dir)) continue;
    chmod(dir, 0o700);
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) if (d.isFile()) privateFile(path.join(dir, d.name));
  }
}
