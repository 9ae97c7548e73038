// PGlite is one process's database: a lock file beside its folder keeps a second head office (or a command run
// while it serves) from opening the same folder. A lock left by a process that is gone is taken over.
import fs from 'node:fs';

export class FolderLockedError extends Error {
  override name = 'FolderLockedError';
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
};

/** Takes the lock or throws; answers the release. */
export function lockFolder(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new FolderLockedError(
          `head office (process ${pid}) has this PGlite folder open: stop it first, or run head office on PostgreSQL`,
        );
      fs.rmSync(file, { force: true });
    }
  }
  throw new FolderLockedError('the PGlite folder could not be locked');
}
