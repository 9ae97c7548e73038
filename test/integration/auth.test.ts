import { afterEach, describe, expect, it } from 'vitest';
import {
  errorCode,
  makeBackend,
  OWNER_PIN,
  PASSPHRASE,
  setUpShop,
  TestBinding,
  type TestBackend,
} from '../support/backend';

let t: TestBackend;
afterEach(() => t?.close());

async function withClerk() {
  t = makeBackend();
  const { owner, ownerId } = await setUpShop(t);
  const clerkRow = await t.must(owner, 'staff.add', {
    name: '张三',
    role: 'clerk',
    pin: '135790',
    phone: '13812345678',
  });
  const clerk = new TestBinding();
  await t.must(clerk, 'auth.login', { staffId: clerkRow.id, pin: '135790' });
  return { owner, ownerId, clerk, clerkId: clerkRow.id };
}

describe('first run and logging in', () => {
  it('logs the owner in at the end of the first-run wizard', async () => {
    t = makeBackend();
    const b = new TestBinding();
    expect((await t.must(b, 'system.status', {})).setup).toBe('needed');
    await setUpShop(t, b);
    const status = await t.must(b, 'system.status', {});
    expect(status.setup).toBe('done');
    expect(status.keys).toBe('ready');
    expect(status.session?.role).toBe('owner');
    expect(status.shop?.code).toBe('SH01');
  });

  it('refuses a second first-run once the shop exists', async () => {
    t = makeBackend();
    await setUpShop(t);
    const again = await t.call(new TestBinding(), 'setup.complete', {
      shop: { name: 'X', code: 'XX', address: '', phone: '', licenceNo: '' },
      owner: { name: 'Y', pin: '314159' },
      passphrase: PASSPHRASE,
    });
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('answers UNAUTHENTICATED after log out', async () => {
    t = makeBackend();
    const { owner } = await setUpShop(t);
    await t.must(owner, 'auth.logout', {});
    expect(errorCode(await t.call(owner, 'staff.list', {}))).toBe('UNAUTHENTICATED');
  });

  it('locks a person out after five wrong PINs and lets the right PIN in once five minutes pass', async () => {
    t = makeBackend();
    const { ownerId } = await setUpShop(t);
    const b = new TestBinding();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: '000000' })));
    expect(codes).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED']);
    expect(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: OWNER_PIN }))).toBe('PIN_LOCKED');
    t.clock.advance(5 * 60_000 + 1);
    expect(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: OWNER_PIN }))).toBe('ok');
    const kinds = (await t.must(b, 'journal.list', { limit: 20 })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'auth.pinWrong')).toHaveLength(4);
    expect(kinds).toContain('auth.lockedOut');
    expect(kinds).toContain('auth.pinRefusedLocked');
  });

  it('locks an idle window, keeps its session, and unlocks it with the same PIN', async () => {
    t = makeBackend();
    const { owner } = await setUpShop(t);
    t.clock.advance(5 * 60_000 + 1);
    expect(errorCode(await t.call(owner, 'staff.list', {}))).toBe('SESSION_LOCKED');
    expect((await t.must(owner, 'system.status', {})).session?.locked).toBe(true);
    expect(errorCode(await t.call(owner, 'auth.unlock', { pin: '918273' }))).toBe('PIN_WRONG');
    await t.must(owner, 'auth.unlock', { pin: OWNER_PIN });
    expect(errorCode(await t.call(owner, 'staff.list', {}))).toBe('ok');
  });
});

describe('roles and owner approval', () => {
  it('answers a clerk FORBIDDEN on staff calls and journals the attempt', async () => {
    const { clerk, clerkId } = await withClerk();
    const r = await t.call(clerk, 'staff.add', { name: '李四', role: 'clerk', pin: '527364' });
    expect(errorCode(r)).toBe('FORBIDDEN');
    const owner = new TestBinding();
    const ownerId = (await t.must(owner, 'auth.staffList', {})).find((s) => s.role === 'owner')!.id;
    await t.must(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    const denied = (await t.must(owner, 'journal.list', { limit: 50 })).find((e) => e.kind === 'auth.denied');
    expect(denied?.staff).toBe(clerkId);
    expect(denied?.payload).toMatchObject({ call: 'staff.add' });
    expect((await t.must(owner, 'staff.list', {})).map((s) => s.name)).not.toContain('李四');
  });

  it('lets a clerk make an approvable call with the owner PIN and reason, journaled with both names', async () => {
    const { owner, ownerId, clerk, clerkId } = await withClerk();
    const other = await t.must(owner, 'staff.add', { name: '李四', role: 'clerk', pin: '527364' });
    const lb = new TestBinding();
    for (let i = 0; i < 5; i++) await t.call(lb, 'auth.login', { staffId: other.id, pin: '000000' });
    const r = await t.call(clerk, 'staff.clearLockout', {
      staffId: other.id,
      ownerApproval: { ownerId, pin: OWNER_PIN, reason: '同事忘了密码，已核实身份' },
    });
    expect(errorCode(r)).toBe('ok');
    const entry = (await t.must(owner, 'journal.list', { limit: 50 })).find((e) => e.kind === 'staff.lockoutCleared');
    expect(entry?.staff).toBe(clerkId);
    expect(entry?.staffName).toBe('张三');
    expect(entry?.payload).toMatchObject({
      actorName: '张三',
      approval: { ownerId, ownerName: '王老板', reason: '同事忘了密码，已核实身份' },
    });
    expect(errorCode(await t.call(lb, 'auth.login', { staffId: other.id, pin: '527364' }))).toBe('ok');
  });

  it('counts a wrong owner PIN in an approval towards that owner’s lockout', async () => {
    const { ownerId, clerk, clerkId } = await withClerk();
    const wrong = () =>
      t.call(clerk, 'staff.clearLockout', {
        staffId: clerkId,
        ownerApproval: { ownerId, pin: '000000', reason: '试一下' },
      });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(errorCode(await wrong()));
    expect(codes).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED']);
    expect(errorCode(await t.call(new TestBinding(), 'auth.login', { staffId: ownerId, pin: OWNER_PIN }))).toBe(
      'PIN_LOCKED',
    );
  });

  it('keeps at least one active owner', async () => {
    t = makeBackend();
    const { owner, ownerId } = await setUpShop(t);
    expect(errorCode(await t.call(owner, 'staff.update', { staffId: ownerId, role: 'clerk' }))).toBe('LAST_OWNER');
    expect(errorCode(await t.call(owner, 'staff.update', { staffId: ownerId, active: false }))).toBe('LAST_OWNER');
  });

  it('ends the sessions of someone deactivated', async () => {
    const { owner, clerk, clerkId } = await withClerk();
    await t.must(owner, 'staff.update', { staffId: clerkId, active: false });
    expect(errorCode(await t.call(clerk, 'shop.get', {}))).toBe('UNAUTHENTICATED');
    expect((await t.must(new TestBinding(), 'auth.staffList', {})).map((s) => s.id)).not.toContain(clerkId);
  });

  it('lets the owner reset a clerk’s PIN, after which only the new PIN works', async () => {
    const { owner, clerkId } = await withClerk();
    await t.must(owner, 'staff.resetPin', { staffId: clerkId, newPin: '112233' });
    expect(errorCode(await t.call(new TestBinding(), 'auth.login', { staffId: clerkId, pin: '135790' }))).toBe(
      'PIN_WRONG',
    );
    expect(errorCode(await t.call(new TestBinding(), 'auth.login', { staffId: clerkId, pin: '112233' }))).toBe('ok');
  });
});

describe('forgotten owner PIN', () => {
  it('sets a new PIN with the recovery passphrase, and not with a wrong one', async () => {
    t = makeBackend();
    const { ownerId } = await setUpShop(t);
    const b = new TestBinding();
    const wrong = await t.call(b, 'auth.recoverOwnerPin', {
      staffId: ownerId,
      passphrase: 'WRONG-WRONG-WRONG-WRONG',
      newPin: '918273',
    });
    expect(errorCode(wrong)).toBe('WRONG_PASSPHRASE');
    expect(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: '918273' }))).toBe('PIN_WRONG');
    // spaces, dashes and lower case do not matter when typing the passphrase back
    await t.must(b, 'auth.recoverOwnerPin', {
      staffId: ownerId,
      passphrase: PASSPHRASE.toLowerCase().replaceAll('-', ' '),
      newPin: '918273',
    });
    expect(errorCode(await t.call(b, 'auth.login', { staffId: ownerId, pin: '918273' }))).toBe('ok');
    expect(errorCode(await t.call(new TestBinding(), 'auth.login', { staffId: ownerId, pin: OWNER_PIN }))).toBe(
      'PIN_WRONG',
    );
  });

  it('does not recover a clerk’s PIN with the passphrase', async () => {
    const { clerkId } = await withClerk();
    const r = await t.call(new TestBinding(), 'auth.recoverOwnerPin', {
      staffId: clerkId,
      passphrase: PASSPHRASE,
      newPin: '918273',
    });
    expect(errorCode(r)).toBe('FORBIDDEN');
  });
});
