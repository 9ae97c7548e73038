// The blind count (spec §7): while the day is open, nothing a clerk can call answers with the cash the drawer
// should hold, nor with a figure it follows from (an earlier handover's expected cash); the owner sees it. The
// sweep walks the contract, so a new clerk or public call fails here until it is listed with its inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type ErrorBody } from '../../shared/contract';
import { formatYuan } from '../../shared/domain/money';
import { errorText, i18n } from '../../renderer/src/i18n';
import { OWNER_PIN, PASSPHRASE, TestBinding, type TestBackend } from '../support/backend';
import { addCard, CLERK_PIN, counterShop, createTrade } from '../support/counter';

/** A call as a clerk (or someone without a session) may make it: its inputs, and who makes it. */
interface Case {
  input: unknown;
  /** 'nobody': a binding without a session, for the PIN and passphrase calls whose failures count towards a lockout. */
  as?: 'clerk' | 'nobody';
}

let t: TestBackend;
let s: Awaited<ReturnType<typeof counterShop>>;
/** The drawer's expected cash now, and at the handover earlier in the day. */
let expected = 0;
let atHandover = 0;
const answers: { call: string; json: string }[] = [];
let cases: Record<string, Case[]> = {};

/** The calls whose answer comes after the clerk's count was taken: spec §7 shows the expected amount then. */
const AFTER_THE_COUNT = new Set(['days.handover', 'days.count']);
/** Calls that end the clerk's session: made last. */
const LAST = new Set(['auth.lock', 'auth.logout']);

beforeAll(async () => {
  s = await counterShop({ open: false });
  t = s.t;
  const record = (call: string, value: unknown) => answers.push({ call, json: JSON.stringify(value) });
  const clerk = async (name: string, input: unknown) => {
    const r = await t.raw(s.clerk, name, input);
    record(name, r);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
    return r.value;
  };

  // Opened with ¥1,030.00; a ¥100 e-card bought for cash; a handover; ¥123.40 cash in.
  await clerk('days.open', { count: { '10000': 10, '1000': 3 } });
  const paid = await createTrade(t, s.clerk);
  await addCard(t, s.clerk, paid.id, 'e', 10_000);
  const offer = await t.must(s.clerk, 'trades.offer', { tradeId: paid.id });
  const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: paid.id, groupKey: offer.groups[0]!.key });
  const cash = agreed.payoutFen - (agreed.payoutFen % 10);
  await clerk('trades.pay', {
    tradeId: paid.id,
    requestId: 'blind-pay-1',
    parts: [{ method: 'cash', amountFen: cash }],
  });
  atHandover = 103_000 - cash;
  const shift = (await clerk('days.handover', { count: { '10000': 10 } })) as { expectedFen: number };
  if (shift.expectedFen !== atHandover)
    throw new Error(`the handover expected ${shift.expectedFen}, not ${atHandover}`);
  answers.pop();
  await clerk('days.cash', { kind: 'in', amountFen: 12_340, reason: '补充零钱' });
  expected = atHandover + 12_340;

  // A draft agreed for more cash than the drawer holds, for the DRAWER_SHORT refusal.
  const draft = await createTrade(t, s.clerk);
  await addCard(t, s.clerk, draft.id, 'e', 200_000);
  const o2 = await t.must(s.clerk, 'trades.offer', { tradeId: draft.id });
  const big = await t.must(s.clerk, 'trades.accept', { tradeId: draft.id, groupKey: o2.groups[0]!.key });
  const bigCash = big.payoutFen - (big.payoutFen % 10);
  if (bigCash <= expected) throw new Error('the large draft must need more cash than the drawer holds');

  const tradeId = paid.id;
  const lineId = agreed.lines[0]!.id;
  const groupKey = offer.groups[0]!.key;
  const businessDate = (await t.must(s.owner, 'days.current', {}))!.businessDate;
  const approval = { ownerId: s.ownerId, pin: OWNER_PIN, reason: '店主在场' };
  cases = {
    'catalog.list': [{ input: {} }],
    'quotes.list': [{ input: {} }],
    'pricing.preview': [{ input: { brand: 'jd', form: 'e', valueFen: 10_000 } }],
    'days.current': [{ input: {} }],
    'days.open': [{ input: { count: { '10000': 1 } } }],
    'trades.create': [{ input: {} }],
    'trades.get': [{ input: { tradeId } }, { input: { tradeId: draft.id } }],
    'trades.journal': [{ input: { tradeId } }, { input: { tradeId: draft.id } }],
    'trades.list': [{ input: {} }, { input: { from: businessDate, to: businessDate } }],
    'trades.page': [{ input: {} }, { input: { from: businessDate, to: businessDate, numbered: true, offset: 0 } }],
    'trades.addLine': [
      {
        input: {
          tradeId,
          brand: 'jd',
          form: 'e',
          number: 'JDE7777777777777',
          secret: 'ABCD1234EFGH5678',
          faceValueFen: 10_000,
          verifiedHow: 'official',
        },
      },
    ],
    'trades.removeLine': [{ input: { tradeId, lineId } }],
    'trades.editLine': [{ input: { tradeId, lineId, valueFen: 9_000, notes: '部分已用' } }],
    'trades.verify': [{ input: { tradeId, lineId, how: 'official' } }, { input: { tradeId, how: 'customer_screen' } }],
    'trades.offer': [{ input: { tradeId } }],
    'trades.ask': [{ input: { tradeId, groupKey, askBp: 9500 } }],
    'trades.accept': [{ input: { tradeId, groupKey } }],
    'trades.pay': [
      { input: { tradeId: draft.id, requestId: 'blind-pay-short', parts: [{ method: 'cash', amountFen: bigCash }] } },
      {
        input: {
          tradeId: draft.id,
          requestId: 'blind-pay-short-2',
          parts: [{ method: 'cash', amountFen: bigCash }],
          ownerApproval: approval,
        },
      },
    ],
    'trades.void': [{ input: { tradeId, reason: '顾客反悔' } }],
    'customers.attach': [{ input: { tradeId, phone: '13900000000' } }],
    'customers.setIdentity': [{ input: { tradeId, name: '李四', idType: 'resident', idNumber: '11010519491231002X' } }],
    'customers.setFundsSource': [{ input: { tradeId: draft.id, fundsSource: 'gift' } }],
    'display.pair': [{ input: {} }],
    'display.show': [{ input: { tradeId: draft.id } }, { input: { tradeId: null } }],
    'display.view': [{ input: {} }],
    'customers.find': [{ input: { query: '1390' } }],
    'customers.afterSale': [{ input: { customerId: draft.customer!.id } }],
    'printing.status': [{ input: {} }],
    'printing.jobs': [{ input: { tradeId } }],
    'printing.preview': [{ input: { tradeId } }, { input: { tradeId, copy: 'shop' } }],
    'printing.reprint': [{ input: { tradeId } }],
    // A count for the close answers the expected cash after it (journaled, printed on the Z-report).
    'days.count': [{ input: { count: { '10': 1 } } }],
    'days.unpaid': [{ input: {} }],
    // A count far from the drawer is refused without the owner (with the owner it would seal: the test's last step).
    'days.close': [{ input: { count: { '10': 1 } } }, { input: { count: { '10': 1 }, voidReason: '顾客走了' } }],
    'days.rollover': [{ input: { count: { '10': 1 } } }],
    'days.cash': [
      { input: { kind: 'out', amountFen: 10_000_000, reason: '存银行' } },
      { input: { kind: 'out', amountFen: 10_000_000, reason: '存银行', ownerApproval: approval } },
    ],
    'days.handover': [],
    'setup.restore': [{ input: { path: '/nowhere/carddesk.backup', passphrase: PASSPHRASE } }],
    'sync.status': [{ input: {} }],
    'system.status': [{ input: {} }, { input: {}, as: 'nobody' }],
    'setup.suggestPassphrase': [{ input: {} }],
    'setup.complete': [
      {
        input: {
          shop: { name: '店', code: 'SH02', address: '', phone: '', licenceNo: '' },
          owner: { name: '某人', pin: '314159' },
          passphrase: PASSPHRASE,
        },
      },
    ],
    'keys.unlock': [{ input: { passphrase: 'WRONG-WRONG-WRONG-WRONG' }, as: 'nobody' }],
    'prefs.setLanguage': [{ input: { language: 'zh-CN' } }],
    'auth.staffList': [{ input: {} }, { input: {}, as: 'nobody' }],
    'auth.login': [{ input: { staffId: s.clerkId, pin: '000000' }, as: 'nobody' }],
    'auth.unlock': [{ input: { pin: CLERK_PIN }, as: 'nobody' }],
    'auth.changePin': [{ input: { currentPin: CLERK_PIN, newPin: '864200' }, as: 'nobody' }],
    'auth.recoverOwnerPin': [
      { input: { staffId: s.ownerId, passphrase: 'WRONG-WRONG-WRONG-WRONG', newPin: '864200' }, as: 'nobody' },
    ],
    'shop.get': [{ input: {} }],
    'settings.get': [{ input: {} }],
    'staff.clearLockout': [{ input: { staffId: s.clerkId } }],
    'auth.lock': [{ input: {} }],
    'auth.logout': [{ input: {} }],
  };
  const names = Object.keys(cases).sort((a, b) => Number(LAST.has(a)) - Number(LAST.has(b)));
  for (const name of names) {
    for (const c of cases[name] ?? []) {
      const r = await t.raw(c.as === 'nobody' ? new TestBinding() : s.clerk, name, c.input);
      record(name, r);
    }
  }
});
afterAll(() => t.close());

/** The figure as a number in JSON and as any screen or printout writes it. */
function leaks(json: string, fen: number): boolean {
  const grouped = formatYuan(fen, '');
  return (
    new RegExp(`(?<![0-9])${fen}(?![0-9])`).test(json) ||
    json.includes(grouped) ||
    json.includes(grouped.replaceAll(',', ''))
  );
}

describe('the blind count', () => {
  it('lists every call a clerk can make, so a new one is swept too', () => {
    const clerkCallable = Object.entries(calls)
      .filter(([, spec]) => spec.role !== 'owner' || spec.approval)
      .map(([name]) => name)
      .sort();
    expect(Object.keys(cases).sort()).toEqual(clerkCallable);
  });

  it('answers a clerk nothing that carries the expected cash, or an earlier handover’s figure, while the day is open', () => {
    expect(expected).not.toBe(atHandover);
    expect(answers.length).toBeGreaterThan(50);
    const found = answers
      .filter((a) => !AFTER_THE_COUNT.has(a.call) && (leaks(a.json, expected) || leaks(a.json, atHandover)))
      .map((a) => `${a.call}: ${a.json.slice(0, 300)}`);
    expect(found).toEqual([]);
    // The sweep did reach the refusals that used to carry the figure.
    expect(answers.filter((a) => a.call === 'trades.pay' && a.json.includes('DRAWER_SHORT'))).toHaveLength(2);
    expect(answers.filter((a) => a.call === 'days.cash' && a.json.includes('DRAWER_SHORT'))).toHaveLength(1);
    expect(answers.some((a) => a.call === 'days.current' && a.json.includes('"expectedCashFen":null'))).toBe(true);
  });

  it('shows the owner the expected cash and the handover’s figures', async () => {
    const day = await t.must(s.owner, 'days.current', {});
    expect(day?.expectedCashFen).toBe(expected);
    expect(day?.shifts[0]?.expectedFen).toBe(atHandover);
    const short = await t.call(s.owner, 'days.cash', { kind: 'out', amountFen: 10_000_000, reason: '存银行' });
    expect(short).toMatchObject({ ok: false, error: { code: 'DRAWER_SHORT', details: { expectedCashFen: expected } } });
  });

  it('tells a clerk the drawer is short in words without a figure, and the owner with it', async () => {
    const clerk: ErrorBody = { code: 'DRAWER_SHORT', details: { field: 'parts' }, message: '' };
    const owner: ErrorBody = {
      code: 'DRAWER_SHORT',
      details: { field: 'parts', expectedCashFen: expected },
      message: '',
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      await i18n.changeLanguage(lang);
      expect(errorText(clerk)).not.toMatch(/[¥()（）]|\{\{/);
      expect(errorText(owner)).toContain(formatYuan(expected));
    }
  });

  it('shows the clerk the expected cash once the count is in: the handover and the close', async () => {
    const day = await t.must(s.owner, 'days.current', {});
    const clerk = new TestBinding();
    await t.must(clerk, 'auth.login', { staffId: s.clerkId, pin: CLERK_PIN });
    const counted = { '10000': 10 };
    const shift = await t.must(clerk, 'days.handover', { count: counted });
    expect(shift).toMatchObject({ countedFen: 100_000, expectedFen: expected, discrepancyFen: 100_000 - expected });
    // A count for the close answers the figures to whoever counted; the day as a clerk reads it keeps them blind.
    const count = await t.must(clerk, 'days.count', { count: counted });
    expect(count).toMatchObject({ countedFen: 100_000, expectedFen: expected, aboveThreshold: true });
    const seen = await t.must(clerk, 'days.current', {});
    expect(seen?.counts.at(-1)).toMatchObject({ countedFen: 100_000, expectedFen: null, discrepancyFen: null });
    expect(leaks(JSON.stringify(seen), expected)).toBe(false);
    const closed = await t.must(clerk, 'days.close', {
      voidReason: '顾客走了',
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '点错了' },
    });
    expect(closed.day).toMatchObject({ status: 'closed', expectedCashFen: expected, countedFen: 100_000 });
    expect(day?.businessDate).toBe(closed.day.businessDate);
  });
});
