// Weak PINs (spec §6, issue 15): one digit six times, or six digits each one more (or each one less) than the one
// before, are refused wherever a PIN is set — nothing saved, the field named in words — and a person whose stored
// PIN is such a one (set before this rule) is told so at their next login.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/contract';
import { isWeakPin } from '../../shared/domain/pin';
import { hashPin } from '../../electron/core/keys/crypto';
import { errorText, i18n } from '../../renderer/src/i18n';
import { errorCode, makeBackend, PASSPHRASE, setUpShop, TestBinding, type TestBackend } from '../support/backend';
import { CLERK_PIN } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const journalSeq = (tb: TestBackend) => tb.backend.services.journal.head().seq;

async function refusal(r: Promise<{ ok: boolean; error?: ErrorBody }>): Promise<ErrorBody> {
  const got = await r;
  if (got.ok || !got.error) throw new Error('accepted a weak PIN');
  return got.error;
}

describe('which PINs are weak', () => {
  it('names one digit six times and runs up or down, and nothing else', () => {
    for (const pin of [
      '111111',
      '000000',
      '999999',
      '123456',
      '234567',
      '456789',
      '012345',
      '654321',
      '987654',
      '543210',
    ])
      expect(isWeakPin(pin), pin).toBe(true);
    for (const pin of [
      '123457',
      '890123',
      '098765',
      '121212',
      '112233',
      '135790',
      '246810',
      '111112',
      '12345',
      'abcdef',
    ])
      expect(isWeakPin(pin), pin).toBe(false);
  });
});

describe('a weak PIN is refused wherever a PIN is set', () => {
  it('refuses it in the first-run wizard, naming the owner’s PIN, with nothing saved', async () => {
    t = makeBackend();
    const b = new TestBinding();
    const e = await refusal(
      t.call(b, 'setup.complete', {
        shop: { name: '京东回收店', code: 'SH01', address: '', phone: '', licenceNo: '' },
        owner: { name: '王老板', pin: '123456' },
        passphrase: PASSPHRASE,
      }),
    );
    expect(e).toMatchObject({ code: 'PIN_WEAK', details: { field: 'owner.pin' } });
    expect(JSON.stringify(e)).not.toContain('123456');
    expect((await t.must(b, 'system.status', {})).setup).toBe('needed');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(e)).toBe('店主 PIN 太容易被猜到（同一个数字重复，或一串连续的数字，如 123456、654321），请换一个');
    await i18n.changeLanguage('en');
    expect(errorText(e)).toContain('Owner’s PIN is too easy to guess');
    await i18n.changeLanguage('zh-CN');
  });

  it('refuses it when the owner adds someone or resets a PIN, and when a person changes their own', async () => {
    t = makeBackend();
    const { owner } = await setUpShop(t);
    const before = journalSeq(t);
    expect(await refusal(t.call(owner, 'staff.add', { name: '张三', role: 'clerk', pin: '111111' }))).toMatchObject({
      code: 'PIN_WEAK',
      details: { field: 'pin' },
    });
    expect((await t.must(owner, 'staff.list', {})).map((s) => s.name)).toEqual(['王老板']);
    expect(journalSeq(t)).toBe(before);

    const clerk = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
    expect(await refusal(t.call(owner, 'staff.resetPin', { staffId: clerk.id, newPin: '987654' }))).toMatchObject({
      code: 'PIN_WEAK',
      details: { field: 'newPin' },
    });
    const b = new TestBinding();
    await t.must(b, 'auth.login', { staffId: clerk.id, pin: CLERK_PIN });
    expect(await refusal(t.call(b, 'auth.changePin', { currentPin: CLERK_PIN, newPin: '234567' }))).toMatchObject({
      code: 'PIN_WEAK',
      details: { field: 'newPin' },
    });
    // The old PIN still opens the door: nothing changed.
    expect(errorCode(await t.call(new TestBinding(), 'auth.login', { staffId: clerk.id, pin: CLERK_PIN }))).toBe('ok');
  });

  it('refuses it in a recovery before the passphrase is tried, so it costs no guess', async () => {
    t = makeBackend();
    const { owner, ownerId } = await setUpShop(t);
    const e = await refusal(
      t.call(new TestBinding(), 'auth.recoverOwnerPin', { staffId: ownerId, passphrase: PASSPHRASE, newPin: '000000' }),
    );
    expect(e).toMatchObject({ code: 'PIN_WEAK', details: { field: 'newPin' } });
    const kinds = (await t.must(owner, 'journal.list', { limit: 50 })).map((j) => j.kind);
    expect(kinds).not.toContain('auth.pinRecovered');
    expect(kinds).not.toContain('auth.recoveryFailed');
  });
});

describe('a weak PIN stored before the rule', () => {
  it('is named at the login, and not after the person changes it', async () => {
    t = makeBackend();
    const { owner } = await setUpShop(t);
    const clerk = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
    // As an earlier version stored it: the rule did not exist then.
    t.backend.services.sql.run(
      'UPDATE staff SET pin_hash = ? WHERE id = ?',
      hashPin('111111', randomBytes(16)),
      clerk.id,
    );
    const b = new TestBinding();
    expect(await t.must(b, 'auth.login', { staffId: clerk.id, pin: '111111' })).toMatchObject({ weakPin: true });
    await t.must(b, 'auth.changePin', { currentPin: '111111', newPin: '529174' });
    expect(await t.must(new TestBinding(), 'auth.login', { staffId: clerk.id, pin: '529174' })).toMatchObject({
      weakPin: false,
    });
  });
});
