// Restore onto a new PC never reuses a number (spec §7): the wizard asks head office's state with the backup's own
// sync settings, asks the owner for the Z number of the last printed Z-report when head office cannot be asked,
// needs a confirmation for a backup older than what was already sealed, and the next seal continues from the
// highest number known.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { errorText, i18n } from '../../renderer/src/i18n';
import { countFor } from '../../electron/core/days/service';
import { makeBackend, OWNER_PIN, PASSPHRASE, TestBinding, type TestBackend } from '../support/backend';
import { counterShop } from '../support/counter';
import { useHqDatabase } from '../support/hq';
import { configure, drain, sealDays, startHq, type ShopsHq } from '../support/sync';

const hqDb = useHqDatabase('pglite');
const open: TestBackend[] = [];
const servers: ShopsHq[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) t.close();
  for (const h of servers.splice(0)) await h.close();
});

/** A shop that sealed Z 1, was backed up, then sealed Z 2 and Z 3: the backup is two seals old. */
async function shopWithOldBackup(headOffice: boolean) {
  const s = await counterShop();
  open.push(s.t);
  if (headOffice) {
    const hq = await startHq(hqDb().db, s.t);
    servers.push(hq);
    await configure(s.t, s.owner, hq.url);
  }
  await sealDays(s.t, s, 1);
  const file = path.join(s.t.backend.services.backups.dir, (await s.t.must(s.owner, 'backups.run', {})).files[0]!.name);
  await sealDays(s.t, s, 2);
  if (headOffice) await drain(s.t);
  // A new PC: its own key folder, no high-water file, the same day on the wall.
  const fresh = makeBackend({ keys: new MemoryKeyStore(), clock: s.t.clock });
  open.push(fresh);
  return { s, file, fresh, visitor: new TestBinding() };
}

/** The owner logs in on the new PC and closes the day the backup had open (rolled over when it is days old). */
async function nextSeal(fresh: TestBackend, visitor: TestBinding, ownerId: string): Promise<number | null> {
  await fresh.must(visitor, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
  const day = await fresh.must(visitor, 'days.current', {});
  const count = countFor(day?.expectedCashFen ?? 0);
  if (day?.leftOpen) return (await fresh.must(visitor, 'days.rollover', { count })).closed.report.zNumber;
  return (await fresh.must(visitor, 'days.close', { count })).report.zNumber;
}

describe('restoring onto a new PC', () => {
  it('asks the owner for the last printed Z number, warns that the backup is older, and the next seal takes the number after the typed one', async () => {
    const { s, file, fresh, visitor } = await shopWithOldBackup(false);

    const asked = await fresh.call(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE });
    if (asked.ok) throw new Error('restored without knowing the last Z number');
    expect(asked.error).toMatchObject({ code: 'VALIDATION', details: { field: 'lastPrintedZ' } });
    await i18n.changeLanguage('zh-CN');
    expect(errorText(asked.error)).toContain('最后打印的 Z 号');
    expect(errorText(asked.error)).toContain('总部');
    expect((await fresh.must(visitor, 'system.status', {})).setup).toBe('needed');

    // The typed Z is higher than the backup's: the backup misses sealed days, and the owner must say so.
    const older = await fresh.call(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE, lastPrintedZ: 3 });
    if (older.ok) throw new Error('restored an older backup without a confirmation');
    expect(older.error).toMatchObject({ code: 'CONFLICT', details: { field: 'confirmOlder', backupZ: 1, lastZ: 3 } });
    expect((await fresh.must(visitor, 'system.status', {})).setup).toBe('needed');

    const r = await fresh.must(visitor, 'setup.restore', {
      path: file,
      passphrase: PASSPHRASE,
      lastPrintedZ: 3,
      confirmOlder: true,
    });
    expect(r).toMatchObject({ shopName: '京东回收店', zNumber: 3 });
    expect(await nextSeal(fresh, visitor, s.ownerId)).toBe(4);
  });

  it('asks head office with the backup’s own sync settings, and head office’s Z wins over a lower typed one', async () => {
    const { s, file, fresh, visitor } = await shopWithOldBackup(true);

    // Head office answers, so no Z needs typing; it also says the backup misses two sealed days.
    const older = await fresh.call(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE });
    if (older.ok) throw new Error('restored an older backup without a confirmation');
    expect(older.error).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'confirmOlder', backupZ: 1, lastZ: 3, lastSealed: '2026-11-27' },
    });

    const r = await fresh.must(visitor, 'setup.restore', {
      path: file,
      passphrase: PASSPHRASE,
      lastPrintedZ: 2,
      confirmOlder: true,
    });
    expect(r.zNumber).toBe(3);
    expect(await nextSeal(fresh, visitor, s.ownerId)).toBe(4);
  });

  it('restores a backup of the last sealed day without a confirmation when the typed Z is the backup’s own', async () => {
    const s = await counterShop();
    open.push(s.t);
    await sealDays(s.t, s, 2);
    const file = path.join(
      s.t.backend.services.backups.dir,
      (await s.t.must(s.owner, 'backups.run', {})).files[0]!.name,
    );
    const fresh = makeBackend({ keys: new MemoryKeyStore(), clock: s.t.clock });
    open.push(fresh);
    const visitor = new TestBinding();
    const r = await fresh.must(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE, lastPrintedZ: 2 });
    expect(r.zNumber).toBe(2);
    expect(await nextSeal(fresh, visitor, s.ownerId)).toBe(3);
  });
});
