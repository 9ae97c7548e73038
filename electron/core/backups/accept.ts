// Which file the first-run wizard may restore from. Before set-up anyone at the window may ask, so the answer
// must not say whether some path exists, and the app must not reach out to a network share on their behalf: only
// an absolute local path to an existing regular file that starts like SQLite and holds the shop's tables. Every
// other case is the same NOT_A_BACKUP refusal, with the same details and message.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract';
import { inspectBackup, type BackupSource } from './service';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** `\\host\share`, `//host/share`, `\\?\UNC\…`, `\\.\device`: anything that starts with two slashes of either kind. */
function networkOrDevice(p: string): boolean {
  return /^[\\/]{2}/.test(p);
}

/** Absolute on this OS; on Windows a drive-relative `C:x` or a rooted `\x` without a drive is not. */
function absolute(p: string): boolean {
  if (path.sep === '\\') return /^[A-Za-z]:[\\/]/.test(p);
  return path.isAbsolute(p);
}

function refuse(): never {
  throw new AppError('NOT_A_BACKUP', 'not a CardDesk backup file on this PC', { field: 'path' });
}

function startsLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** The backup file the wizard was given, or NOT_A_BACKUP whatever the reason. */
export function acceptBackupFile(raw: string): BackupSource {
  if (raw.includes('\0') || networkOrDevice(raw) || !absolute(raw)) refuse();
  let real: string;
  try {
    // A local link may still lead to a share (a Windows symlink to UNC): the place it resolves to is checked too.
    real = fs.realpathSync.native(raw);
    if (networkOrDevice(real) || !absolute(real) || !fs.statSync(real).isFile() || !startsLikeSqlite(real)) refuse();
  } catch {
    refuse();
  }
  let source: BackupSource;
  try {
    source = inspectBackup(real);
  } catch {
    refuse();
  }
  if (!source.shopCode || !source.hasKeys) refuse();
  return source;
}
