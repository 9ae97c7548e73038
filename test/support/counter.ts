// A shop ready to trade: owner and clerk, quotes confirmed, the day open with a float.
import type { TradeView } from '../../shared/contract';
import type { Hq } from '../../electron/core/ports';
import { makeBackend, setUpShop, TestBinding, type TestBackend } from './backend';

export const CLERK_PIN = '135790';
export const FLOAT = { '10000': 100 } as const; // ¥10,000 in ¥100 notes

export async function counterShop(opts: { open?: boolean; confirm?: boolean; hq?: Hq; code?: string } = {}) {
  const t = makeBackend({ hq: opts.hq });
  const { owner, ownerId } = await setUpShop(t, undefined, opts.code);
  const clerkRow = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
  const clerk = new TestBinding();
  await t.must(clerk, 'auth.login', { staffId: clerkRow.id, pin: CLERK_PIN });
  if (opts.confirm !== false) await t.must(owner, 'quotes.renew', {});
  if (opts.open !== false) await t.must(clerk, 'days.open', { count: FLOAT });
  return { t, owner, ownerId, clerk, clerkId: clerkRow.id };
}

let serial = 0;
/** A JD e-card number (16 letters/digits) that no other test uses. */
export function eCard(n = ++serial): string {
  return `JDE${String(n).padStart(13, '0')}`;
}
export function physicalCard(n = ++serial): string {
  return String(6200_0000_0000_0000n + BigInt(n));
}
export const SECRET = 'ABCD1234EFGH5678';

export async function addCard(
  t: TestBackend,
  b: TestBinding,
  tradeId: string,
  form: 'e' | 'physical',
  valueFen: number,
  number?: string,
): Promise<TradeView> {
  return t.must(b, 'trades.addLine', {
    tradeId,
    brand: 'jd',
    form,
    number: number ?? (form === 'e' ? eCard() : physicalCard()),
    secret: SECRET,
    faceValueFen: valueFen,
    verifiedHow: 'official',
  });
}

export function groupOf(t: TradeView, form: 'e' | 'physical', valueFen: number): string {
  const line = t.lines.find((l) => l.form === form && l.valueFen === valueFen);
  if (!line?.groupKey) throw new Error('no priced line');
  return line.groupKey;
}

let phones = 0;
/** A mobile number no other trade in this run uses. */
export function phone(n = ++phones): string {
  return `139${String(n).padStart(8, '0')}`;
}

/** F2 then F7: a new trade with the customer's phone on it (spec §5 asks it of every trade by default). */
export async function createTrade(t: TestBackend, b: TestBinding, mobile = phone()): Promise<TradeView> {
  const tr = await t.must(b, 'trades.create', {});
  return t.must(b, 'customers.attach', { tradeId: tr.id, phone: mobile });
}

/** Every group of the trade offered and agreed at its opening offer; the trade as read again. */
export async function agreeAtOpening(t: TestBackend, b: TestBinding, tradeId: string): Promise<TradeView> {
  const o = await t.must(b, 'trades.offer', { tradeId });
  for (const g of o.groups) await t.must(b, 'trades.accept', { tradeId, groupKey: g.key });
  return t.must(b, 'trades.get', { tradeId });
}

/**
 * A trade of the given cards, every group agreed at its opening offer, paid as told: cash rounded down to the
 * ¥0.10, a transfer (bank, WeChat) in full with a reference made from the request id.
 */
export async function tradeAtOpening(
  t: TestBackend,
  b: TestBinding,
  cardsOf: { form: 'e' | 'physical'; valueFen: number }[],
  pay: 'cash' | 'bank' | 'wechat',
  requestId: string,
): Promise<TradeView> {
  const tr = await createTrade(t, b);
  for (const c of cardsOf) await addCard(t, b, tr.id, c.form, c.valueFen);
  const v = await agreeAtOpening(t, b, tr.id);
  const parts =
    pay === 'cash'
      ? [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }]
      : [{ method: pay, amountFen: v.payoutFen, reference: `${pay === 'bank' ? 'BK' : 'WX'}-${requestId}` }];
  return t.must(b, 'trades.pay', { tradeId: tr.id, requestId, parts });
}

let cards = 0;
/** A paid trade of three cards (e, physical, e) worth `valueFen` each, paid in cash or by bank transfer. */
export async function payThreeCards(
  t: TestBackend,
  b: TestBinding,
  method: 'cash' | 'bank',
  valueFen = 50_000,
): Promise<TradeView> {
  const tr = await createTrade(t, b);
  for (const form of ['e', 'physical', 'e'] as const) {
    cards += 1;
    await t.must(b, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form,
      number: form === 'e' ? `JDE9${String(cards).padStart(12, '0')}` : String(6290000000000000n + BigInt(cards)),
      secret: SECRET,
      faceValueFen: valueFen,
      verifiedHow: 'official',
    });
  }
  const v = await agreeAtOpening(t, b, tr.id);
  const parts =
    method === 'cash'
      ? [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }]
      : [{ method: 'bank' as const, amountFen: v.payoutFen, reference: `BK${cards}` }];
  return t.must(b, 'trades.pay', { tradeId: tr.id, requestId: `three-cards-${cards}-${method}`, parts });
}
