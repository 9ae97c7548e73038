// Before set-up anyone at the window may call setup.restore: it takes only an existing local regular file that
// starts like a CardDesk backup, never a network path, and one refusal says nothing about whether a file exists.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { errorText, i18n } from '../../renderer/src/i18n';
import { makeBackend, PASSPHRASE, tempDir, TestBinding, type TestBackend } from '../support/backend';
import { counterShop } from '../support/counter';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

describe('the wizard’s restore on a new PC', () => {
  it('refuses a missing file, a folder, a text file, another SQLite database and every network or relative path alike', async () => {
    const s = await counterShop();
    open.push(s.t);
    const backup = path.join(
      s.t.backend.services.backups.dir,
      (await s.t.must(s.owner, 'backups.run', {})).files[0]!.name,
    );

    const dir = tempDir('carddesk-stick-');
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'not a database at all, just some words on a stick');
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    // SQLite's header and then nothing sound.
    const torn = path.join(dir, 'torn.sqlite');
    fs.writeFileSync(torn, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    const linkToDir = path.join(dir, 'folder.sqlite');
    fs.symlinkSync(dir, linkToDir);
    const base = path.basename(backup);

    const fresh = makeBackend({ keys: new MemoryKeyStore() });
    open.push(fresh);
    const visitor = new TestBinding();
    const refused = [
      path.join(dir, 'missing.sqlite'),
      dir,
      text,
      other,
      torn,
      linkToDir,
      `\\\\shop-nas\\backups\\${base}`,
      `//shop-nas/backups/${base}`,
      `\\\\?\\UNC\\shop-nas\\backups\\${base}`,
      path.relative(process.cwd(), backup),
      `./${base}`,
      `C:backups\\${base}`,
    ];
    const answers = [];
    for (const p of refused) {
      const r = await fresh.call(visitor, 'setup.restore', { path: p, passphrase: PASSPHRASE, lastPrintedZ: 0 });
      if (r.ok) throw new Error(`restored ${p}`);
      answers.push(r.error);
    }
    // One answer for all of them: the same code, details and words, so a caller learns nothing about the file.
    for (const e of answers)
      expect(e).toEqual({ code: 'NOT_A_BACKUP', details: { field: 'path' }, message: answers[0]!.message });
    await i18n.changeLanguage('zh-CN');
    expect(errorText(answers[0]!)).toContain('备份');
    await i18n.changeLanguage('en');
    expect(errorText(answers[0]!)).toContain('backup');
    await i18n.changeLanguage('zh-CN');
    expect((await fresh.must(visitor, 'system.status', {})).setup).toBe('needed');
    expect(fs.existsSync(path.join(fresh.dataDir, 'backups'))).toBe(false);

    // The real backup, on a local path, still comes back.
    const r = await fresh.must(visitor, 'setup.restore', { path: backup, passphrase: PASSPHRASE, lastPrintedZ: 0 });
    expect(r.shopName).toBe('京东回收店');
  });
});
