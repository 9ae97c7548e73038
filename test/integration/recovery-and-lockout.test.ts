// The recovery passphrase cannot be weak or guessed at speed, and PIN lockouts grow.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { growingWait, LONGEST_WAIT_MS } from '../../electron/core/auth/throttle';
import { PASSPHRASE_SCRYPT } from '../../electron/core/keys/crypto';
import { makePassphrase } from '../../electron/core/keys/service';
import { LOCKOUT_MS } from '../../electron/core/staff/service';
import { judgePassphrase } from '../../shared/domain/passphrase-strength';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import {
  errorCode,
  makeBackend,
  OWNER_PIN,
  PASSPHRASE,
  setUpShop,
  tempDir,
  TestBinding,
  type TestBackend,
} from '../support/backend';
import { ManualClock, SeededRandom } from '../support/ports';

const open: TestBackend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.close();
});
const backend = (opts: Parameters<typeof makeBackend>[0] = {}) => {
  const b = makeBackend(opts);
  open.push(b);
  return b;
};

const SHOP = { name: '京东回收店', code: 'SH01', address: '', phone: '', licenceNo: '' };
const WRONG = 'QQQQ-WRONG-GUESS-NUMBER-ONE';
const MINUTE = 60_000;

function details(r: { ok: boolean; error?: { details: Record<string, unknown> } }): Record<string, unknown> {
  return r.ok ? {} : (r.error?.details ?? {});
}

async function journal(t: TestBackend) {
  const b = new TestBinding();
  const owner = t.backend.services.sql.get<{ id: string }>("SELECT id FROM staff WHERE role = 'owner'")!;
  await t.must(b, 'auth.login', { staffId: owner.id, pin: OWNER_PIN });
  return t.must(b, 'journal.list', { limit: 200 });
}

describe('a strong recovery passphrase', () => {
  it('refuses weak passphrases at set-up with words, and takes the generated one', async () => {
    const t = backend();
    const b = new TestBinding();
    for (const weak of [
      'aaaaaaaaaaaaaaaa',
      '1234567890123456',
      'passwordpassword',
      'gardenwindowlamp',
      'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ',
      'CRSH-CRSH-CRSH-CRSH-CRSH-CRSH',
    ]) {
      const r = await t.call(b, 'setup.complete', {
        shop: SHOP,
        owner: { name: '王老板', pin: OWNER_PIN },
        passphrase: weak,
      });
      expect(errorCode(r), weak).toBe('PASSPHRASE_WEAK');
      expect(details(r)).toMatchObject({ field: 'passphrase', needBits: 120 });
    }
    expect((await t.must(b, 'system.status', {})).setup).toBe('needed');
    expect(en.errors.PASSPHRASE_WEAK).toBeTruthy();
    expect(zhCN.errors.PASSPHRASE_WEAK).toBeTruthy();
    const { passphrase } = await t.must(b, 'setup.suggestPassphrase', {});
    expect(passphrase).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){5}$/);
    await t.must(b, 'setup.complete', { shop: SHOP, owner: { name: '王老板', pin: OWNER_PIN }, passphrase });
    expect((await t.must(b, 'system.status', {})).keys).toBe('ready');
  });

  it('judges every generated passphrase strong, and a chosen one only when it is as strong', () => {
    const random = new SeededRandom('strength');
    for (let i = 0; i < 500; i++) expect(judgePassphrase(makePassphrase(random)).strong).toBe(true);
    expect(judgePassphrase('Xq7#mP2$vL9@kR4!wZ8&nT5*').strong).toBe(true);
    expect(judgePassphrase('correct horse battery staple').strong).toBe(false);
    expect(judgePassphrase('DEMO-SHOP-CARD-DESK-2026-JDJD').strong).toBe(false);
  });
});

describe('guessing the recovery passphrase', () => {
  it('locks recovery after five wrong passphrases for a minute, then two, across a restart, journaling each try without the passphrase', async () => {
    const dataDir = tempDir();
    const keys = new MemoryKeyStore();
    const clock = new ManualClock();
    let t = backend({ dataDir, keys, clock });
    const { ownerId } = await setUpShop(t);
    const visitor = new TestBinding();
    const recover = (passphrase: string) =>
      t.call(visitor, 'auth.recoverOwnerPin', { staffId: ownerId, passphrase, newPin: '918273' });

    const first: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await recover(WRONG);
      first.push([errorCode(r), details(r).remaining]);
    }
    expect(first).toEqual([
      ['WRONG_PASSPHRASE', 4],
      ['WRONG_PASSPHRASE', 3],
      ['WRONG_PASSPHRASE', 2],
      ['WRONG_PASSPHRASE', 1],
    ]);
    const fifth = await recover(WRONG);
    expect(errorCode(fifth)).toBe('RECOVERY_LOCKED');
    expect(Date.parse(String(details(fifth).until)) - clock.now()).toBe(MINUTE);
    // Locked means locked: the right passphrase waits too.
    expect(errorCode(await recover(PASSPHRASE))).toBe('RECOVERY_LOCKED');

    // A restart does not reset it, and the key unlock on another PC shares the count.
    t.close();
    open.splice(open.indexOf(t), 1);
    t = backend({ dataDir, keys: new MemoryKeyStore(), clock });
    expect(errorCode(await t.call(visitor, 'keys.unlock', { passphrase: PASSPHRASE }))).toBe('RECOVERY_LOCKED');

    clock.advance(MINUTE + 1);
    for (let i = 0; i < 4; i++)
      expect(errorCode(await t.call(visitor, 'keys.unlock', { passphrase: WRONG }))).toBe('WRONG_PASSPHRASE');
    const again = await t.call(visitor, 'keys.unlock', { passphrase: WRONG });
    expect(errorCode(again)).toBe('RECOVERY_LOCKED');
    expect(Date.parse(String(details(again).until)) - clock.now()).toBe(2 * MINUTE);

    clock.advance(2 * MINUTE + 1);
    await t.must(visitor, 'keys.unlock', { passphrase: PASSPHRASE });
    expect(t.backend.services.sql.get('SELECT failures, lockouts, locked_until FROM recovery_throttle')).toEqual({
      failures: 0,
      lockouts: 0,
      locked_until: null,
    });

    const entries = await journal(t);
    const kinds = entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'auth.recoveryFailed')).toHaveLength(8);
    expect(kinds.filter((k) => k === 'auth.recoveryLockedOut')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'auth.recoveryRefusedLocked')).toHaveLength(2);
    const text = JSON.stringify(entries).toUpperCase();
    expect(text).not.toContain('GUESS');
    expect(text).not.toContain(PASSPHRASE.slice(0, 9));
  });

  it('lets only one guess run at a time, so parallel guesses cannot slip past the lockout', async () => {
    const t = backend();
    const { ownerId } = await setUpShop(t);
    const visitor = new TestBinding();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.call(visitor, 'auth.recoverOwnerPin', { staffId: ownerId, passphrase: WRONG, newPin: '918273' }),
      ),
    );
    expect(results.map(errorCode).filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(4);
    expect(results.map(errorCode).filter((c) => c === 'RECOVERY_LOCKED')).toHaveLength(8);
  });

  it('ends the owner’s other sessions on a recovery, journaled as done by nobody logged in and naming the owner', async () => {
    const t = backend();
    const { owner, ownerId } = await setUpShop(t);
    expect(errorCode(await t.call(owner, 'staff.list', {}))).toBe('ok');
    await t.must(new TestBinding(), 'auth.recoverOwnerPin', {
      staffId: ownerId,
      passphrase: PASSPHRASE,
      newPin: '918273',
    });
    expect(errorCode(await t.call(owner, 'staff.list', {}))).toBe('UNAUTHENTICATED');
    const b = new TestBinding();
    await t.must(b, 'auth.login', { staffId: ownerId, pin: '918273' });
    const recovered = (await t.must(b, 'journal.list', { limit: 50 })).find((e) => e.kind === 'auth.pinRecovered');
    expect(recovered).toMatchObject({ staff: null, ref: ownerId, payload: { ownerId, ownerName: '王老板' } });
  });
});

describe('deriving the key from the passphrase', () => {
  it('runs off the main thread at N=2^17 as shipped, so timers keep firing while a passphrase is checked', async () => {
    const dataDir = tempDir();
    const t = backend({ dataDir, passphraseKdf: null });
    await setUpShop(t);
    const stored = JSON.parse(t.backend.services.sql.get<{ kdf: string }>('SELECT kdf FROM key_wrap')!.kdf) as {
      N: number;
    };
    t.close();
    open.splice(open.indexOf(t), 1);

    const other = backend({ dataDir, keys: new MemoryKeyStore(), passphraseKdf: null });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      await other.must(new TestBinding(), 'keys.unlock', { passphrase: PASSPHRASE });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
    expect(stored.N).toBe(1 << 17);
    expect(PASSPHRASE_SCRYPT.N).toBeGreaterThanOrEqual(1 << 17);
  });

  it('re-wraps keys stored under older parameters at the next successful unlock', async () => {
    const dataDir = tempDir();
    const old = backend({ dataDir, passphraseKdf: { N: 1 << 10, r: 8, p: 1 } });
    const { owner } = await setUpShop(old);
    const clerk = await old.must(owner, 'staff.add', {
      name: '张三',
      role: 'clerk',
      pin: '135790',
      phone: '13812345678',
    });
    old.close();
    open.splice(open.indexOf(old), 1);

    const newer = { N: 1 << 11, r: 8, p: 1 };
    const t = backend({ dataDir, keys: new MemoryKeyStore(), passphraseKdf: newer });
    await t.must(new TestBinding(), 'keys.unlock', { passphrase: PASSPHRASE });
    expect(JSON.parse(t.backend.services.sql.get<{ kdf: string }>('SELECT kdf FROM key_wrap')!.kdf)).toEqual({
      alg: 'scrypt',
      ...newer,
    });
    expect((await journal(t)).find((e) => e.kind === 'keys.rewrapped')).toBeTruthy();
    t.close();
    open.splice(open.indexOf(t), 1);

    // The new wrapping opens the same keys on yet another PC.
    const third = backend({ dataDir, keys: new MemoryKeyStore(), passphraseKdf: newer });
    const b = new TestBinding();
    await third.must(b, 'keys.unlock', { passphrase: PASSPHRASE });
    await third.must(b, 'auth.login', {
      staffId: third.backend.services.sql.get<{ id: string }>("SELECT id FROM staff WHERE role = 'owner'")!.id,
      pin: OWNER_PIN,
    });
    expect(await third.must(b, 'staff.revealPhone', { staffId: clerk.id })).toEqual({ phone: '13812345678' });
  });
});

describe('PIN lockouts', () => {
  it('wait 5, then 10, then 20 minutes for lockouts in a row, and start at 5 again after a correct PIN', async () => {
    const t = backend();
    const { ownerId } = await setUpShop(t);
    const b = new TestBinding();
    const lockFor = async () => {
      for (let i = 0; i < 4; i++)
        expect(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: '000000' }))).toBe('PIN_WRONG');
      const r = await t.call(b, 'auth.login', { staffId: ownerId, pin: '000000' });
      expect(errorCode(r)).toBe('PIN_LOCKED');
      return (Date.parse(String(details(r).until)) - t.clock.now()) / MINUTE;
    };
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await lockFor();
      waits.push(w);
      t.clock.advance(w * MINUTE + 1);
    }
    expect(waits).toEqual([5, 10, 20]);
    await t.must(b, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    expect(await lockFor()).toBe(5);
    expect(growingWait(LOCKOUT_MS, 30)).toBe(LONGEST_WAIT_MS);
  });

  it('locks the owner out when a clerk sends wrong approvals, and tells the owner at their next login when and by whom', async () => {
    const t = backend();
    const { ownerId } = await setUpShop(t);
    const owner = new TestBinding();
    await t.must(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    expect((await t.must(owner, 'staff.list', {})).length).toBe(1);
    const clerkRow = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: '135790' });
    const clerk = new TestBinding();
    await t.must(clerk, 'auth.login', { staffId: clerkRow.id, pin: '135790' });
    await t.must(owner, 'auth.logout', {});

    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        errorCode(
          await t.call(clerk, 'staff.clearLockout', {
            staffId: clerkRow.id,
            ownerApproval: { ownerId, pin: '000000', reason: '试一下' },
          }),
        ),
      );
    }
    expect(codes).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED']);
    expect(errorCode(await t.call(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN }))).toBe('PIN_LOCKED');

    t.clock.advance(5 * MINUTE + 1);
    const login = await t.must(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    expect(login.failedApprovals).toHaveLength(5);
    expect(login.failedApprovals[0]).toEqual({
      at: expect.any(String) as string,
      call: 'staff.clearLockout',
      byName: '张三',
    });
    expect(en.login.failedApprovals).toBeTruthy();
    expect(zhCN.login.failedApprovals).toBeTruthy();
    // Told once: the next login has nothing new to report.
    expect((await t.must(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN })).failedApprovals).toEqual([]);
  });

  it('ends a person’s other sessions when they change their PIN, and all of them when the owner resets it', async () => {
    const t = backend();
    const { owner } = await setUpShop(t);
    const clerkRow = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: '135790' });
    const here = new TestBinding();
    const there = new TestBinding();
    await t.must(here, 'auth.login', { staffId: clerkRow.id, pin: '135790' });
    await t.must(there, 'auth.login', { staffId: clerkRow.id, pin: '135790' });

    await t.must(here, 'auth.changePin', { currentPin: '135790', newPin: '112233' });
    expect(errorCode(await t.call(here, 'shop.get', {}))).toBe('ok');
    expect(errorCode(await t.call(there, 'shop.get', {}))).toBe('UNAUTHENTICATED');

    await t.must(owner, 'staff.resetPin', { staffId: clerkRow.id, newPin: '445566' });
    expect(errorCode(await t.call(here, 'shop.get', {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.call(owner, 'shop.get', {}))).toBe('ok');
  });
});
