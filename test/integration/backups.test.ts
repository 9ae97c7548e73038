// Backups and restore (spec §7) on real files: retention in numbers, a vanishing second target, restore after
// damage with counters that never go back, and a restore onto "another PC" with the recovery passphrase.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import {
  errorCode,
  makeBackend,
  OWNER_PIN,
  PASSPHRASE,
  TestBinding,
  tempDir,
  type TestBackend,
} from '../support/backend';
import { counterShop, payThreeCards } from '../support/counter';

const open: TestBackend[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

const DAY = 86_400_000;

describe('backups', () => {
  it('keeps 10 intra-day, 7 daily and one per month for 12 months, and warns while no second target is set', async () => {
    const s = await counterShop({ open: false });
    open.push(s.t);
    const backups = s.t.backend.services.backups;
    expect((await s.t.must(s.owner, 'backups.list', {})).warning).toBe('no_target');
    for (let d = 0; d < 400; d++) {
      for (let i = 0; i < 3; i++) {
        s.t.clock.advance(60_000);
        await backups.run('intra');
      }
      await backups.run('daily');
      s.t.clock.advance(DAY - 3 * 60_000);
    }
    const files = (
      await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN }).then(() => s.t.must(s.owner, 'backups.list', {}))
    ).files;
    const count = (k: string) => files.filter((f) => f.kind === k).length;
    expect([count('intra'), count('daily'), count('monthly')]).toEqual([10, 7, 12]);
    const months = files.filter((f) => f.kind === 'monthly').map((f) => f.at.slice(0, 7));
    expect(new Set(months).size).toBe(12);
    expect(fs.readdirSync(backups.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('copies to the second target, and a target that disappears leaves a warning and no half file', async () => {
    const s = await counterShop();
    open.push(s.t);
    const target = tempDir('carddesk-usb-');
    expect(errorCode(await s.t.call(s.owner, 'backups.setTarget', { path: path.join(s.t.dataDir, 'backups') }))).toBe(
      'VALIDATION',
    );
    await s.t.must(s.owner, 'backups.setTarget', { path: target });
    let v = await s.t.must(s.owner, 'backups.run', {});
    expect(v.warning).toBe(null);
    expect(v.files.filter((f) => f.where === 'target')).toHaveLength(1);
    fs.rmSync(target, { recursive: true });
    v = await s.t.must(s.owner, 'backups.run', {});
    expect(v.warning).toBe('target_failed');
    expect(v.files.filter((f) => f.where === 'data')).toHaveLength(2);
    expect(fs.existsSync(target)).toBe(false);
  });
  it('backs up every N paid trades of the day: a void does not count, a backup starts the count again', async () => {
    const s = await counterShop();
    open.push(s.t);
    const { backups, settings, sql } = s.t.backend.services;
    sql.tx(() => settings.set('backupEveryTrades', 2));
    const intra = () =>
      fs.readdirSync(backups.dir).filter((n) => n.startsWith('carddesk-intra-') && !n.endsWith('.partial')).length;
    fs.mkdirSync(backups.dir, { recursive: true });
    const pay = async () => {
      s.t.clock.advance(60_000);
      return payThreeCards(s.t, s.clerk, 'bank');
    };
    const first = await pay();
    expect(intra()).toBe(0);
    await pay();
    await vi.waitFor(() => expect(intra()).toBe(1));
    s.t.clock.advance(60_000);
    await s.t.must(s.owner, 'trades.void', { tradeId: first.id, reason: '顾客反悔' });
    await pay();
    await new Promise((r) => setTimeout(r, 100));
    expect(intra()).toBe(1);
    await pay();
    await vi.waitFor(() => expect(intra()).toBe(2));
  });
});

describe('restore', () => {
  it('restores after damage: the current database is backed up first, the journal verifies and numbers continue', async () => {
    const s = await counterShop();
    open.push(s.t);
    const t = s.t;
    await payThreeCards(t, s.clerk, 'bank');
    await payThreeCards(t, s.clerk, 'bank');
    const good = (await t.must(s.owner, 'backups.run', {})).files[0]!;
    const third = await payThreeCards(t, s.clerk, 'bank');
    expect(third.tradeNo).toBe('SH01-20261125-0003');
    // Damage: a journal entry rewritten behind the app's back.
    const db = t.backend.services.sql.db;
    db.exec("DROP TRIGGER journal_no_update; UPDATE journal SET payload = '{}' WHERE seq = 3");
    expect((await t.must(s.owner, 'ledger.verify', {})).ok).toBe(false);

    const r = await t.must(s.owner, 'backups.restore', { name: good.name, where: 'data', confirmOlder: false });
    expect(r.restored).toBe(good.name);
    const after = await t.must(s.owner, 'backups.list', {});
    expect(after.files.some((f) => f.kind === 'before-restore')).toBe(true);
    const check = await t.must(s.owner, 'ledger.verify', {});
    expect(check.ok).toBe(true);
    expect((await t.must(s.owner, 'journal.list', { limit: 1 }))[0]?.kind).toBe('backup.restored');
    // The restored database knew two trades; the high-water mark knew three: the next is 0004, never 0003 again.
    const fourth = await payThreeCards(t, s.clerk, 'bank');
    expect(fourth.tradeNo).toBe('SH01-20261125-0004');
    // Z numbers continue from the highest known, including the one the owner read off the last printed Z-report.
    await t.must(s.owner, 'days.close', { count: { '10000': 100 } });
    const newer = (await t.must(s.owner, 'backups.run', {})).files[0]!;
    expect(errorCode(await t.call(s.owner, 'backups.restore', { name: good.name, where: 'data' }))).toBe('CONFLICT');
    const older = await t.must(s.owner, 'backups.restore', {
      name: good.name,
      where: 'data',
      confirmOlder: true,
      lastPrintedZ: 7,
    });
    expect(older.zNumber).toBe(7);
    // The restored database has 2026-11-25 open again; sealing it takes Z 8, never a number already printed.
    const z = await t.must(s.owner, 'days.close', { count: { '10000': 100 } });
    expect(z.report.zNumber).toBe(8);
    expect(newer.kind).toBe('intra');
    expect(errorCode(await t.call(s.clerk, 'backups.restore', { name: good.name, where: 'data' }))).toBe('FORBIDDEN');
  });

  it('after a restore a window acts only for someone the restored staff list has, in the same role, by its name', async () => {
    const s = await counterShop();
    open.push(s.t);
    const t = s.t;
    const wang = await t.must(s.owner, 'staff.add', { name: '王五', role: 'clerk', pin: '864201' });
    const good = (await t.must(s.owner, 'backups.run', {})).files[0]!;
    // After the backup: the clerk renamed, 王五 made an owner (and logged in as one), 李四 added and logged in.
    await t.must(s.owner, 'staff.update', { staffId: s.clerkId, name: '张小三' });
    await t.must(s.owner, 'staff.update', { staffId: wang.id, role: 'owner' });
    const wangWindow = new TestBinding();
    await t.must(wangWindow, 'auth.login', { staffId: wang.id, pin: '864201' });
    const li = await t.must(s.owner, 'staff.add', { name: '李四', role: 'clerk', pin: '975310' });
    const liWindow = new TestBinding();
    await t.must(liWindow, 'auth.login', { staffId: li.id, pin: '975310' });
    expect((await t.must(s.clerk, 'system.status', {})).session?.name).toBe('张小三');

    await t.must(s.owner, 'backups.restore', { name: good.name, where: 'data', confirmOlder: false });
    // 李四 is not in the restored list, and 王五 is a clerk there: both windows log in again.
    for (const w of [liWindow, wangWindow]) {
      expect((await t.must(w, 'system.status', {})).session).toBeNull();
      expect(errorCode(await t.call(w, 'trades.create', {}))).toBe('UNAUTHENTICATED');
    }
    // The clerk goes on under the restored name; the owner who restored goes on.
    expect((await t.must(s.clerk, 'system.status', {})).session?.name).toBe('张三');
    const trade = await t.must(s.clerk, 'trades.create', {});
    expect(trade.staffName).toBe('张三');
    expect((await t.must(s.owner, 'system.status', {})).session?.role).toBe('owner');
  });

  it('restores onto another PC with the recovery passphrase and reads the secrets of unsold cards', async () => {
    const s = await counterShop();
    open.push(s.t);
    const paid = await payThreeCards(s.t, s.clerk, 'bank');
    const file = path.join(
      s.t.backend.services.backups.dir,
      (await s.t.must(s.owner, 'backups.run', {})).files[0]!.name,
    );

    const fresh = makeBackend({ keys: new MemoryKeyStore() });
    open.push(fresh);
    const visitor = new TestBinding();
    const wrong = await fresh.call(visitor, 'setup.restore', {
      path: file,
      passphrase: 'WRONG-WRONG-WRONG-WRONG',
      lastPrintedZ: 0,
    });
    expect(errorCode(wrong)).toBe('WRONG_PASSPHRASE');
    expect((await fresh.must(visitor, 'system.status', {})).setup).toBe('needed');
    expect(
      errorCode(
        await fresh.call(visitor, 'setup.restore', {
          path: path.join(fresh.dataDir, 'nothing.sqlite'),
          passphrase: PASSPHRASE,
          lastPrintedZ: 0,
        }),
      ),
    ).toBe('NOT_A_BACKUP');

    // No day was ever sealed, and head office is not set up: the owner types 0 for the last printed Z.
    const r = await fresh.must(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE, lastPrintedZ: 0 });
    expect(r.shopName).toBe('京东回收店');
    expect(fs.readdirSync(path.join(fresh.dataDir, 'backups')).some((n) => n.includes('before-restore'))).toBe(true);
    const status = await fresh.must(visitor, 'system.status', {});
    expect(status).toMatchObject({ setup: 'done', keys: 'ready' });
    await fresh.must(visitor, 'auth.login', { staffId: s.ownerId, pin: OWNER_PIN });
    const card = await fresh.must(visitor, 'trades.revealCard', { lineId: paid.lines[0]!.id });
    expect(card.secret).toBe('ABCD1234EFGH5678');
    expect((await fresh.must(visitor, 'ledger.verify', {})).ok).toBe(true);
    expect(
      errorCode(await fresh.call(visitor, 'setup.restore', { path: file, passphrase: PASSPHRASE, lastPrintedZ: 0 })),
    ).toBe('CONFLICT');
  });
});
