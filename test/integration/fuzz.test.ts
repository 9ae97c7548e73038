// Every contract call through dispatch with random and hostile input, from nobody, a clerk and an owner:
// never a throw, always a Result with a known code (never INTERNAL), and the journal still verifies.
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, ERROR_CODES, type CallName } from '../../shared/contract';
import { makeBackend, setUpShop, TestBinding, type TestBackend } from '../support/backend';
import { hostileInput } from '../support/hostile';
import { payThreeCards } from '../support/counter';

const RUNS = Number(process.env.CARDDESK_FUZZ_RUNS ?? 60);
/** Fixed, so a failure reproduces; a long run may vary it (CARDDESK_FUZZ_SEED). */
const SEED = Number(process.env.CARDDESK_FUZZ_SEED ?? 20261125);
let t: TestBackend;
let ids: { owner: string; clerk: string };
/** Ids of real things (trades, cards, days, a resale batch) made by the clerk and the owner, fed to every call. */
let real: string[] = [];
let sealedBefore = '';

/** Everything a sealed day holds, as text: it must not change whatever the calls. */
function sealedRows(): string {
  const { sql } = t.backend.services;
  const sealed = "(SELECT id FROM days WHERE status = 'closed')";
  return JSON.stringify([
    sql.all(`SELECT * FROM trades WHERE paid_day IN ${sealed} ORDER BY id`),
    sql.all(
      `SELECT id, trade_id, value_fen, rate_bp, payout_fen, last4 FROM trade_lines WHERE trade_id IN (SELECT id FROM trades WHERE paid_day IN ${sealed}) ORDER BY id`,
    ),
    sql.all(`SELECT * FROM payments WHERE trade_id IN (SELECT id FROM trades WHERE paid_day IN ${sealed}) ORDER BY id`),
    sql.all(`SELECT * FROM days WHERE id IN ${sealed} ORDER BY id`),
    sql.all('SELECT day_id, body FROM z_reports ORDER BY day_id'),
    sql.all('SELECT day_id, body, ledger_hash FROM sync_outbox ORDER BY day_id'),
  ]);
}
let fuzzed = 0;
const seen = new Map<string, number>();

beforeAll(async () => {
  t = makeBackend();
  const { owner, ownerId } = await setUpShop(t);
  const clerk = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: '135790' });
  ids = { owner: ownerId, clerk: clerk.id };
  // A real shop to attack: a sealed day with a paid trade, today's trades (one paid, one half made), a resale batch.
  const c = new TestBinding();
  await t.must(c, 'auth.login', { staffId: clerk.id, pin: '135790' });
  await t.must(owner, 'quotes.renew', {});
  await t.must(c, 'days.open', { count: { '10000': 100 } });
  const old = await payThreeCards(t, c, 'bank', 10_000);
  await t.must(owner, 'days.close', { count: { '10000': 100 } });
  t.clock.advance(86_400_000);
  for (const [b, pin] of [
    [owner, '246810'],
    [c, '135790'],
  ] as const)
    await t.must(b, 'auth.unlock', { pin });
  await t.must(owner, 'quotes.renew', {});
  await t.must(c, 'days.open', { count: { '10000': 100 } });
  const today = await payThreeCards(t, c, 'bank', 10_000);
  const draft = await t.must(c, 'trades.create', {});
  const batch = await t.must(owner, 'resale.createBatch', {
    platform: '平台A',
    rateBp: 9300,
    lineIds: [today.lines[0]!.id],
  });
  const days = t.backend.services.sql.all<{ id: string }>('SELECT id FROM days');
  real = [
    old.id,
    today.id,
    draft.id,
    batch.id,
    ...old.lines.map((l) => l.id),
    ...today.lines.map((l) => l.id),
    ...days.map((d) => d.id),
  ];
  sealedBefore = sealedRows();
});
afterAll(() => {
  t.close();
  // oxlint-disable-next-line vitest/no-standalone-expect -- checked once, after every fuzzed call of the file has run
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Fresh sessions for each call, so one fuzzed logout or lock does not hide the next call's behaviour. */
function bindings(): TestBinding[] {
  const { sessions } = t.backend.services;
  const o = sessions.open({ id: ids.owner, name: '王老板', role: 'owner' });
  const c = sessions.open({ id: ids.clerk, name: '张三', role: 'clerk' });
  return [new TestBinding(), new TestBinding(c.id), new TestBinding(o.id)];
}

/** Values of the right shape, so fuzzing reaches authorisation, PIN checks and handlers, not only the schema. */
function plausible(): fc.Arbitrary<unknown>[] {
  const id = fc.constantFrom(ids.owner, ids.clerk, '00000000-0000-7000-8000-000000000000', ...real);
  const pin = fc.oneof(fc.stringMatching(/^\d{6}$/), fc.constantFrom('246810', '135790'));
  return [
    id,
    pin,
    fc.constantFrom(
      'zh-CN',
      'en',
      'clerk',
      'owner',
      '',
      '13812345678',
      'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ',
      '李四',
      'SH01',
    ),
    fc.integer({ min: -5, max: 70 }),
    fc.boolean(),
    fc.record({ ownerId: id, pin, reason: fc.constantFrom('店主在场', 'x', '') }),
    fc.record({
      name: fc.constantFrom('店', ''),
      code: fc.constantFrom('AB', 'a'),
      address: fc.constant(''),
      phone: fc.constant(''),
      licenceNo: fc.constant(''),
    }),
  ];
}

/** A plausible value for a field, chosen by its name, so a plausible input reaches past the schema by design. */
function plausibleFor(key: string): fc.Arbitrary<unknown> {
  const [id, pin, words, int, bool, approval, shop] = plausible() as [
    fc.Arbitrary<unknown>,
    ...fc.Arbitrary<unknown>[],
  ];
  if (key.endsWith('Id')) return id;
  if (/[pP]in$/.test(key)) return pin!;
  if (key === 'ownerApproval') return approval!;
  if (key === 'shop') return shop!;
  if (/Fen$|Bp$|Minutes$|limit|Seq$/.test(key)) return fc.oneof(int!, fc.integer({ min: 1, max: 200_000 }));
  if (key === 'active') return bool!;
  if (key === 'group') return fc.constantFrom('compliance', 'day');
  return fc.oneof(words!, int!, bool!);
}

const names = Object.keys(calls) as CallName[];
const known = new Set<string>(ERROR_CODES);

describe('hostile input to every call', () => {
  for (const [index, name] of names.entries()) {
    it(`${name} answers every input with a Result and a known code`, async () => {
      const spec = calls[name];
      const input = spec.input as z.ZodType;
      // A union of objects (settings.update's groups) offers every option's keys.
      const keys = [
        ...new Set(
          input instanceof z.ZodObject
            ? Object.keys(input.shape)
            : input instanceof z.ZodDiscriminatedUnion
              ? input.options.flatMap((o) => (o instanceof z.ZodObject ? Object.keys(o.shape) : []))
              : [],
        ),
      ];
      // Mostly hostile values; one input in four made only of plausible ones, so the deep paths are reached.
      const plausibleOnly = fc.record(Object.fromEntries(keys.map((k) => [k, plausibleFor(k)])));
      const inputs = fc.oneof(
        { weight: 3, arbitrary: hostileInput(keys, plausible()) },
        { weight: 1, arbitrary: plausibleOnly },
      );
      await fc.assert(
        fc.asyncProperty(inputs, fc.integer({ min: 0, max: 2 }), async (input, who) => {
          const binding = bindings()[who]!;
          const r = await t.raw(binding, name, input);
          fuzzed += 1;
          const outcome = r.ok ? 'ok' : r.error.code;
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            expect(known.has(r.error.code), r.error.code).toBe(true);
            expect(r.error.code).not.toBe('INTERNAL');
            expect(typeof r.error.message).toBe('string');
            expect(JSON.stringify(r.error)).not.toMatch(/\n\s+at /);
          }
        }),
        { numRuns: RUNS, seed: SEED + index },
      );
    });
  }

  it('answers calls in the wrong order and with other staff’s ids with typed refusals', async () => {
    const fresh = makeBackend();
    const b = new TestBinding();
    expect((await fresh.raw(b, 'staff.list', {})).ok).toBe(false);
    expect(await fresh.raw(b, 'auth.login', { staffId: ids.owner, pin: '246810' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await fresh.raw(b, 'keys.unlock', { passphrase: 'ABCD-EFGH-JKLM-NPQR' })).toMatchObject({
      ok: false,
      error: { code: 'SETUP_REQUIRED' },
    });
    expect(await fresh.raw(b, 'shop.get', {})).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    expect(await fresh.raw(b, 'no.such.call', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    fresh.close();
  });

  it('leaves a journal that verifies and every sealed row as it was', () => {
    expect(t.backend.services.journal.verify()).toMatchObject({ ok: true, firstBad: null });
    expect(sealedRows()).toBe(sealedBefore);
    expect(t.logs.filter((l) => l.includes('internal error'))).toEqual([]);
    expect(fuzzed).toBe(names.length * RUNS);
    // The fuzz reached past the schema: refusals by role and PIN, and calls that succeeded.
    for (const outcome of ['ok', 'VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN'])
      expect(seen.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    expect((seen.get('PIN_WRONG') ?? 0) + (seen.get('PIN_LOCKED') ?? 0)).toBeGreaterThan(0);
  });
});
