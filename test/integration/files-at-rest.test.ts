// The shop's files at rest: after a day's work — a paid trade, a backup to the data folder
// and to the owner's second folder, a log line, the high-water file — every folder the app made is 0700 and every
// file 0600, whatever the umask says (on the POSIX machines the tests run on; Windows has no such modes).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileLogger } from '../../electron/adapters/log';
import { makeBackend, tempDir, type TestBackend } from '../support/backend';
import { counterShop, payThreeCards } from '../support/counter';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

// The usual desktop umask, which leaves new files readable by every user: the app must not rely on a stricter one.
let umask = 0;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

/** Every file and folder under `dir` with its permission bits, e.g. `logs/carddesk-2026-12-02.log 600`. */
function modes(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const p = path.join(d.parentPath, d.name);
    out.push(`${path.relative(dir, p)} ${(fs.statSync(p).mode & 0o777).toString(8)}`);
  }
  return out.sort();
}

const onlyOwner = (list: string[]) => list.filter((l) => !/ (600|700)$/.test(l));

describe('the data folder', () => {
  it('holds the database, WAL, logs, backups and the high-water file for this user only after a day’s work', async () => {
    const s = await counterShop();
    open.push(s.t);
    const target = tempDir('carddesk-usb-');
    await s.t.must(s.owner, 'backups.setTarget', { path: target });
    await payThreeCards(s.t, s.clerk, 'cash');
    await s.t.must(s.owner, 'backups.run', {});
    s.t.backend.services.backups.writeHighWater();
    fileLogger(path.join(s.t.dataDir, 'logs'), () => undefined)('backup intra: done');

    const data = modes(s.t.dataDir);
    expect(data.map((l) => l.replace(/\d{8}T\d{9}Z|\d{4}-\d{2}-\d{2}/, '…'))).toEqual(
      expect.arrayContaining([
        'carddesk.sqlite 600',
        'carddesk.sqlite-wal 600',
        'carddesk.sqlite-shm 600',
        'high-water.json 600',
        'backups 700',
        'backups/carddesk-intra-….sqlite 600',
        'logs 700',
        'logs/carddesk-….log 600',
      ]),
    );
    expect(onlyOwner(data)).toEqual([]);
    expect((fs.statSync(s.t.dataDir).mode & 0o777).toString(8)).toBe('700');
    // The second folder is the owner's (a USB stick, a network folder): its files are narrowed, the folder is left as it is.
    const copies = modes(target);
    expect(copies).toHaveLength(1);
    expect(onlyOwner(copies)).toEqual([]);
  });

  it('narrows at start what an earlier version left readable by every user, and nothing else in the folder', async () => {
    const dataDir = tempDir();
    const first = makeBackend({ dataDir });
    await first.backend.services.backups.run('intra');
    first.close();
    fileLogger(path.join(dataDir, 'logs'), () => undefined)('started');
    fs.writeFileSync(path.join(dataDir, 'notes-of-the-owner.txt'), 'not ours');
    for (const l of modes(dataDir)) {
      const p = path.join(dataDir, l.split(' ')[0] ?? '');
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    }
    fs.chmodSync(dataDir, 0o755);

    const again = makeBackend({ dataDir });
    open.push(again);
    expect(onlyOwner(modes(dataDir))).toEqual(['notes-of-the-owner.txt 644']);
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  });
});
