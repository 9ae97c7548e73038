import Database from 'better-sqlite3';
import fc from 'fast-check';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/backend';
import { makeBackend, setUpShop, TestBinding, type TestBackend } from '../support/backend';

let t: TestBackend | undefined;
afterEach(() => t?.close());

/** A shop with `n` journal entries beyond set-up: the owner changes the idle lock back and forth. */
async function journalOf(n: number) {
  t = makeBackend();
  const { owner } = await setUpShop(t);
  for (let i = 0; i < n; i++)
    await t.must(owner, 'settings.update', { group: 'day', values: { idleLockMinutes: (i % 30) + 1 } });
  return { t, owner };
}

/** Opens the file beside the app, as someone with disk access would, and lifts the append-only guard. */
function tamper(dataDir: string, fn: (db: Database.Database) => void) {
  const db = new Database(path.join(dataDir, DB_FILE));
  db.exec('DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS journal_no_delete;');
  fn(db);
  db.close();
}

describe('the journal hash chain', () => {
  it('verifies an untouched journal and reports its head', async () => {
    const { t, owner } = await journalOf(5);
    const v = await t.must(owner, 'journal.verify', {});
    expect(v.ok).toBe(true);
    expect(v.count).toBe(6); // set-up, then five settings changes
    expect(v.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE on journal rows', async () => {
    const { t } = await journalOf(1);
    const db = t.backend.services.sql.db;
    expect(() => db.prepare("UPDATE journal SET kind = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('names the entry whose payload was changed, wherever it is', async () => {
    const { t: tb, owner } = await journalOf(12);
    const total = (await tb.must(owner, 'journal.verify', {})).count;
    tb.close();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: total }),
        fc.string({ minLength: 1, maxLength: 20 }),
        async (seq, text) => {
          round += 1;
          // Each round tampers a fresh copy of the same journal.
          const copy = makeBackend({ dataDir: tb.dataDir + `-copy${round}` });
          copy.close();
          const fs = await import('node:fs');
          fs.rmSync(copy.dataDir, { recursive: true, force: true });
          fs.cpSync(tb.dataDir, copy.dataDir, { recursive: true });
          tamper(copy.dataDir, (db) => {
            const row = db.prepare('SELECT payload FROM journal WHERE seq = ?').get(seq) as { payload: string };
            const payload = JSON.parse(row.payload) as Record<string, unknown>;
            db.prepare('UPDATE journal SET payload = ? WHERE seq = ?').run(
              JSON.stringify({ ...payload, forged: text }),
              seq,
            );
          });
          const reopened = makeBackend({ dataDir: copy.dataDir });
          const b = new TestBinding();
          const ownerId = (await reopened.must(b, 'auth.staffList', {}))[0]!.id;
          await reopened.must(b, 'auth.login', { staffId: ownerId, pin: '246810' });
          const v = await reopened.must(b, 'journal.verify', {});
          reopened.close();
          fs.rmSync(copy.dataDir, { recursive: true, force: true });
          // The login above appended entries after the forged one; the first bad entry is still the forged one.
          expect(v).toMatchObject({ ok: false, firstBad: { seq, reason: 'hash' } });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('names a deleted entry by the gap it leaves, and a rewritten hash by the next entry’s link', async () => {
    const { t, owner } = await journalOf(4);
    t.close();
    tamper(t.dataDir, (db) => db.prepare('DELETE FROM journal WHERE seq = 3').run());
    let again = makeBackend({ dataDir: t.dataDir });
    expect(again.backend.services.journal.verify()).toMatchObject({ ok: false, firstBad: { seq: 4, reason: 'seq' } });
    again.close();
    tamper(t.dataDir, (db) => db.prepare('UPDATE journal SET hash = ? WHERE seq = 2').run('f'.repeat(64)));
    again = makeBackend({ dataDir: t.dataDir });
    expect(again.backend.services.journal.verify()).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'hash' } });
    again.close();
    void owner;
  });
});
