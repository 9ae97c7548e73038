// Spec §5 through dispatch: thresholds at their exact boundaries (inclusive, on the payout at the current offer
// and the customer's business-day total), alerts, the watch list, blocked customers, search, the report.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { linePayout } from '../../shared/domain/money';
import { errorCode, OWNER_PIN, TestBinding, type TestBackend } from '../support/backend';
import { counterShop, createTrade, eCard, phone, SECRET } from '../support/counter';
import { residentCheckChar } from '../../shared/domain/identity';
import { errorText, i18n } from '../../renderer/src/i18n';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const ID = (() => {
  const first = '11010119900307123';
  return first + residentCheckChar(first);
})();

type Shop = Awaited<ReturnType<typeof counterShop>>;

/** The card value whose payout at its opening offer is exactly `targetFen` (searching near `nearFen`). */
async function valueFor(s: Shop, targetFen: number, nearFen: number): Promise<number> {
  const rate = (await s.t.must(s.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: nearFen })).openingBp;
  let v = Math.ceil((targetFen * 10000) / rate);
  while (linePayout(v, rate) < targetFen) v++;
  const check = await s.t.must(s.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: v });
  if (linePayout(v, check.openingBp) !== targetFen) throw new Error(`no value pays exactly ${targetFen}`);
  return v;
}

async function tradeOf(s: Shop, values: number[], mobile: string, numbers?: string[]): Promise<TradeView> {
  const tr = await createTrade(s.t, s.clerk, mobile);
  for (const [i, v] of values.entries()) {
    await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: numbers?.[i] ?? eCard(),
      secret: SECRET,
      faceValueFen: v,
      verifiedHow: 'official',
    });
  }
  return s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
}

async function acceptAll(s: Shop, tr: TradeView) {
  let last = tr;
  for (const g of tr.groups) last = await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
  return last;
}

const bank = (fen: number, ref: string) => [{ method: 'bank' as const, amountFen: fen, reference: ref }];
let reqs = 0;
async function payBank(s: Shop, tr: TradeView) {
  return s.t.must(s.clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `compliance-${++reqs}`,
    parts: bank(tr.payoutFen, `B${reqs}`),
  });
}

function journalCount(tb: TestBackend): number {
  return tb.backend.services.journal.head().seq;
}

describe('thresholds, at their boundaries', () => {
  it('refuses to agree without the customer’s phone, changing nothing but one journal entry', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await t.must(s.clerk, 'trades.create', {});
    await t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: eCard(),
      secret: SECRET,
      faceValueFen: 10_000,
      verifiedHow: 'official',
    });
    const offered = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    expect(offered.compliance).toMatchObject({ phoneRequired: true, identityRequired: false });
    const before = journalCount(t);
    const r = await t.call(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: offered.groups[0]!.key });
    expect(errorCode(r)).toBe('PHONE_REQUIRED');
    expect(journalCount(t)).toBe(before + 1);
    expect((await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).groups[0]?.agreedBp).toBeNull();
  });

  it('asks for identity at ¥5,000.00 but not at ¥4,999.90, keeping the cards', async () => {
    const s = await counterShop();
    t = s.t;
    const below = await tradeOf(s, [await valueFor(s, 499_990, 550_000)], phone());
    expect(below.compliance).toMatchObject({ basisFen: 499_990, identityRequired: false });
    expect((await acceptAll(s, below)).status).toBe('agreed');

    const at = await tradeOf(s, [await valueFor(s, 500_000, 550_000)], phone());
    expect(at.compliance).toMatchObject({ basisFen: 500_000, identityRequired: true, identityBecause: 'trade' });
    expect(await t.call(s.clerk, 'trades.accept', { tradeId: at.id, groupKey: at.groups[0]!.key })).toMatchObject({
      ok: false,
      error: { code: 'IDENTITY_REQUIRED', details: { because: 'trade' } },
    });
    expect((await t.must(s.clerk, 'trades.get', { tradeId: at.id })).lines).toHaveLength(1);
    const bad = await t.call(s.clerk, 'customers.setIdentity', {
      tradeId: at.id,
      name: '李四',
      idType: 'resident',
      idNumber: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'),
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'idNumber', problem: 'checksum' } },
    });
    const identified = await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: at.id,
      name: '李四',
      idType: 'resident',
      idNumber: ID.toLowerCase(),
    });
    expect(identified.customer).toMatchObject({
      name: '李四',
      idType: 'resident',
      idMasked: `110***********${ID.slice(-4)}`,
    });
    const recorded = await t.must(s.clerk, 'customers.setFundsSource', { tradeId: at.id, fundsSource: 'gift' });
    expect((await acceptAll(s, recorded)).status).toBe('agreed');
  });

  it('asks for identity when the day total reaches ¥10,000.00 on the third trade', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    for (const target of [400_000, 400_000]) {
      const tr = await tradeOf(s, [await valueFor(s, target, 440_000)], mobile);
      expect(tr.compliance.identityRequired).toBe(false);
      await payBank(s, await acceptAll(s, tr));
    }
    const third = await tradeOf(s, [await valueFor(s, 200_000, 220_000)], mobile);
    expect(third.compliance).toMatchObject({
      basisFen: 200_000,
      dayTotalFen: 1_000_000,
      identityRequired: true,
      identityBecause: 'day',
    });
    expect(
      errorCode(await t.call(s.clerk, 'trades.accept', { tradeId: third.id, groupKey: third.groups[0]!.key })),
    ).toBe('IDENTITY_REQUIRED');
  });

  it('answers the phone of a returning customer with their day so far, as the trade read again says', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    const kept = await payBank(s, await acceptAll(s, await tradeOf(s, [100_000], mobile)));
    const voided = await payBank(s, await acceptAll(s, await tradeOf(s, [200_000], mobile)));
    await t.must(s.owner, 'trades.void', { tradeId: voided.id, reason: '顾客反悔' });
    const fresh = await t.must(s.clerk, 'trades.create', {});
    // The day total comes with the customer's read: compliance reads no day total of its own for the answer.
    const dayTotal = vi.spyOn(t.backend.services.compliance, 'dayTotal');
    const attached = await t.must(s.clerk, 'customers.attach', { tradeId: fresh.id, phone: mobile });
    expect(dayTotal).not.toHaveBeenCalled();
    dayTotal.mockRestore();
    // The voided trade is not in the day; the paid one is.
    expect(kept.payoutFen).toBeGreaterThan(0);
    expect(attached.compliance).toMatchObject({ basisFen: 0, dayTotalFen: kept.payoutFen });
    expect((await t.must(s.clerk, 'trades.get', { tradeId: fresh.id })).compliance).toEqual(attached.compliance);
    // A customer new to the shop has no day yet.
    const stranger = await createTrade(t, s.clerk);
    expect(stranger.compliance.dayTotalFen).toBe(0);
    expect((await t.must(s.clerk, 'trades.get', { tradeId: stranger.id })).compliance).toEqual(stranger.compliance);
  });

  it('refuses a cash part when the day total reaches ¥50,000.00, while a bank transfer passes', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    const big = await tradeOf(s, [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000], mobile);
    await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: big.id,
      name: '王五',
      idType: 'passport',
      idNumber: 'E12345678',
    });
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: big.id, fundsSource: 'benefit' });
    const paidBig = await payBank(s, await acceptAll(s, big));
    const rest = 5_000_000 - paidBig.payoutFen;
    const lastOffer = await tradeOf(s, [await valueFor(s, rest, Math.round(rest / 0.9))], mobile);
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: lastOffer.id, fundsSource: 'purchase' });
    const last = await acceptAll(s, lastOffer);
    expect(last.compliance).toMatchObject({ dayTotalFen: 5_000_000, cashAllowed: false });
    const before = journalCount(t);
    const cash = await t.call(s.clerk, 'trades.pay', {
      tradeId: last.id,
      requestId: 'nocash-1',
      parts: [{ method: 'cash', amountFen: last.payoutFen - (last.payoutFen % 10) }],
    });
    expect(cash).toMatchObject({ ok: false, error: { code: 'CASH_NOT_ALLOWED' } });
    expect(journalCount(t)).toBe(before + 1);
    const wechat = await t.call(s.clerk, 'trades.pay', {
      tradeId: last.id,
      requestId: 'nocash-2',
      parts: [
        { method: 'cash', amountFen: 10 },
        { method: 'wechat', amountFen: last.payoutFen - 10, reference: 'WX' },
      ],
    });
    expect(errorCode(wechat)).toBe('CASH_NOT_ALLOWED');
    expect((await payBank(s, last)).status).toBe('paid');
  });

  it('refuses WeChat Pay and Alipay at exactly the bank-only total, journaling each, and takes them one fen below', async () => {
    const s = await counterShop();
    t = s.t;
    /** A customer who has been paid ¥50,000 − `short` today by bank, and one more trade agreed that reaches it. */
    const upTo = async (short: number) => {
      const mobile = phone();
      const big = await tradeOf(s, [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000], mobile);
      await t!.must(s.clerk, 'customers.setIdentity', {
        tradeId: big.id,
        name: '王五',
        idType: 'resident',
        idNumber: ID,
      });
      // Where the cards came from is asked with the identity (spec §5).
      await t!.must(s.clerk, 'customers.setFundsSource', { tradeId: big.id, fundsSource: 'gift' });
      const paid = await payBank(s, await acceptAll(s, big));
      const rest = 5_000_000 - short - paid.payoutFen;
      const last = await tradeOf(s, [await valueFor(s, rest, Math.round(rest / 0.9))], mobile);
      await t!.must(s.clerk, 'customers.setFundsSource', { tradeId: last.id, fundsSource: 'gift' });
      return acceptAll(s, last);
    };
    const at = await upTo(0);
    expect(at.compliance).toMatchObject({ dayTotalFen: 5_000_000, cashAllowed: false });
    const tries = [
      [{ method: 'wechat' as const, amountFen: at.payoutFen, reference: 'WX-1' }],
      [{ method: 'alipay' as const, amountFen: at.payoutFen, reference: 'ZFB-1' }],
      [
        { method: 'bank' as const, amountFen: at.payoutFen - 100, reference: 'BK-1' },
        { method: 'alipay' as const, amountFen: 100, reference: 'ZFB-2' },
      ],
    ];
    for (const [i, parts] of tries.entries()) {
      const before = journalCount(t);
      const r = await t.call(s.clerk, 'trades.pay', { tradeId: at.id, requestId: `bank-only-${i}`, parts });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BANK_TRANSFER_ONLY', details: { field: `parts.${parts.length - 1}.method` } },
      });
      // The refusal changes nothing but one journal entry recording the attempt (spec §5).
      expect(journalCount(t)).toBe(before + 1);
      expect((await t.must(s.clerk, 'trades.get', { tradeId: at.id })).status).toBe('agreed');
    }
    const words = await t.call(s.clerk, 'trades.pay', { tradeId: at.id, requestId: 'bank-only-w', parts: tries[0]! });
    if (words.ok) throw new Error('paid by WeChat Pay at the bank-only total');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(words.error)).toBe(
      '顾客今日累计已达只能银行转账的额度：第 1 笔付款的付款方式请改为银行转账（微信支付、支付宝都不算银行转账）',
    );
    expect((await payBank(s, at)).status).toBe('paid');

    const below = await upTo(1);
    expect(below.compliance).toMatchObject({ dayTotalFen: 4_999_999, cashAllowed: true });
    const wechat = await t.must(s.clerk, 'trades.pay', {
      tradeId: below.id,
      requestId: 'bank-only-below',
      parts: [{ method: 'wechat', amountFen: below.payoutFen, reference: 'WX-2' }],
    });
    expect(wechat.status).toBe('paid');
  });
});

describe('alerts', () => {
  it('raises structuring for two ¥4,900 trades by one phone in a day, not for one', async () => {
    const s = await counterShop();
    t = s.t;
    const [a, b] = [phone(), phone()];
    const v = await valueFor(s, 490_000, 540_000);
    await payBank(s, await acceptAll(s, await tradeOf(s, [v], a)));
    await payBank(s, await acceptAll(s, await tradeOf(s, [v], a)));
    await payBank(s, await acceptAll(s, await tradeOf(s, [v], b)));
    const today = (await t.must(s.clerk, 'days.current', {}))!.businessDate;
    const alerts = await t.must(s.owner, 'compliance.alerts', { from: today, to: today });
    const structuring = alerts.filter((x) => x.kind === 'structuring');
    expect(structuring).toHaveLength(1);
    expect(structuring[0]).toMatchObject({
      phoneMasked: `139****${a.slice(-4)}`,
      detail: { trades: 2, totalFen: 980_000 },
    });
  });

  it('raises consecutive numbers in one trade, and more than 10 cards from one customer in a day', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    await payBank(
      s,
      await acceptAll(s, await tradeOf(s, [10_000, 10_000], mobile, ['JDE7000000000100', 'JDE7000000000101'])),
    );
    const today = (await t.must(s.clerk, 'days.current', {}))!.businessDate;
    let alerts = await t.must(s.owner, 'compliance.alerts', { from: today, to: today });
    expect(alerts.filter((x) => x.kind === 'consecutive')).toHaveLength(1);
    expect(alerts.filter((x) => x.kind === 'cards_per_day')).toHaveLength(0);
    await payBank(
      s,
      await acceptAll(
        s,
        await tradeOf(
          s,
          Array.from({ length: 8 }, () => 10_000),
          mobile,
        ),
      ),
    );
    alerts = await t.must(s.owner, 'compliance.alerts', { from: today, to: today });
    expect(alerts.filter((x) => x.kind === 'cards_per_day')).toHaveLength(0); // 10 cards: not more than 10
    await payBank(s, await acceptAll(s, await tradeOf(s, [10_000], mobile)));
    alerts = await t.must(s.owner, 'compliance.alerts', { from: today, to: today });
    expect(alerts.filter((x) => x.kind === 'cards_per_day')).toMatchObject([{ detail: { cards: 11, max: 10 } }]);
  });

  it('raises an unsold card once an e-card has been held 2 hours without a resale event', async () => {
    const s = await counterShop();
    t = s.t;
    await payBank(s, await acceptAll(s, await tradeOf(s, [10_000], phone())));
    const today = (await t.must(s.clerk, 'days.current', {}))!.businessDate;
    expect(
      (await t.must(s.owner, 'compliance.alerts', { from: today, to: today })).filter((x) => x.kind === 'unsold'),
    ).toHaveLength(0);
    t.clock.advance(2 * 3_600_000);
    await t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    expect(
      (await t.must(s.owner, 'compliance.alerts', { from: today, to: today })).filter((x) => x.kind === 'unsold'),
    ).toMatchObject([{ detail: { form: 'e', limitHours: 2 } }]);
  });
});

describe('the watch list and blocked customers', () => {
  it('blocks an imported card for a clerk; the owner proceeds with a reason; the report shows hit and override', async () => {
    const s = await counterShop();
    t = s.t;
    const stolen = eCard();
    const imp = await t.must(s.owner, 'watchlist.import', {
      text: `kind,number,reason\ncard,${stolen},顾客报失\nid,${ID},证件被盗`,
    });
    expect(imp).toEqual({ imported: 2, problems: [] });
    expect(await t.must(s.owner, 'watchlist.import', { text: 'card,123,x\nphone,13800000000,报失' })).toMatchObject({
      imported: 0,
      problems: [
        { row: 1, field: 'number' },
        { row: 2, field: 'kind' },
      ],
    });
    const tr = await createTrade(t, s.clerk);
    const before = journalCount(t);
    const add = {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e' as const,
      number: stolen,
      secret: SECRET,
      faceValueFen: 10_000,
      verifiedHow: 'official' as const,
    };
    expect(await t.call(s.clerk, 'trades.addLine', add)).toMatchObject({
      ok: false,
      error: { code: 'WATCHLIST_HIT', details: { kind: 'card' } },
    });
    expect(journalCount(t)).toBe(before + 1);
    expect(errorCode(await t.call(s.clerk, 'trades.addLine', { ...add, overrideReason: '店员自己说没问题' }))).toBe(
      'FORBIDDEN',
    );
    const passed = await t.must(s.clerk, 'trades.addLine', {
      ...add,
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '报失已撤销，店主核实' },
    });
    expect(passed.lines).toHaveLength(1);
    const tr2 = await createTrade(t, s.owner);
    await t.must(s.owner, 'trades.addLine', { ...add, tradeId: tr2.id, number: stolen.replace(/.$/, '9') }); // not listed
    expect(
      errorCode(
        await t.call(s.clerk, 'customers.setIdentity', {
          tradeId: tr.id,
          name: '赵六',
          idType: 'resident',
          idNumber: ID,
        }),
      ),
    ).toBe('WATCHLIST_HIT');
    const today = (await t.must(s.clerk, 'days.current', {}))!.businessDate;
    const report = await t.must(s.owner, 'compliance.report', { from: today, to: today });
    expect(report.hits.map((h) => h.detail.kind)).toEqual(['card', 'id']);
    expect(report.overrides).toMatchObject([
      { ref: tr.id, detail: { what: 'watch-list override', reason: '报失已撤销，店主核实', ownerName: '王老板' } },
    ]);
  });

  it('imports a file written in Chinese, all or nothing, and says what is wrong with each row in words', async () => {
    const s = await counterShop();
    t = s.t;
    const stolen = eCard();
    const bad = await t.must(s.owner, 'watchlist.import', {
      text: `类型，号码，原因\n卡，${stolen}，顾客报失\n手机，13800000000，报失\n证件，${ID}，x`,
    });
    expect(bad).toEqual({
      imported: 0,
      problems: [
        { row: 3, field: 'kind', reason: 'card_or_id' },
        { row: 4, field: 'reason', reason: 'too_short' },
      ],
    });
    expect(await t.must(s.owner, 'watchlist.list', {})).toEqual([]);
    const said = bad.problems.map((p) => i18n.t(`compliance.importProblem.${p.reason}`, { row: p.row, lng: 'zh-CN' }));
    expect(said).toEqual(['第 3 行第一列应为“卡”或“证件”；', '第 4 行请写明原因（至少 2 个字）；']);
    const good = await t.must(s.owner, 'watchlist.import', {
      text: `类型,号码,原因\n卡,${stolen},顾客报失\n身份证,${ID},证件被盗`,
    });
    expect(good).toEqual({ imported: 2, problems: [] });
    expect((await t.must(s.owner, 'watchlist.list', {})).map((w) => w.kind).sort()).toEqual(['card', 'id']);
  });

  it('refuses a blocked customer; a clerk can neither unblock nor reveal (journaled)', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    const tr = await createTrade(t, s.clerk, mobile);
    const customerId = tr.customer!.id;
    await t.must(s.owner, 'customers.block', { customerId, reason: '多次拿来路不明的卡' });
    const next = await t.must(s.clerk, 'trades.create', {});
    expect(await t.call(s.clerk, 'customers.attach', { tradeId: next.id, phone: mobile })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_BLOCKED' },
    });
    expect(errorCode(await t.call(s.clerk, 'customers.unblock', { customerId, reason: '我觉得没事' }))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.call(s.clerk, 'customers.reveal', { customerId }))).toBe('FORBIDDEN');
    const denied = (await t.must(s.owner, 'journal.list', { limit: 20 }))
      .filter((e) => e.kind === 'auth.denied')
      .map((e) => (e.payload as { call: string }).call);
    expect(denied).toEqual(['customers.reveal', 'customers.unblock']);
    expect(await t.must(s.owner, 'customers.reveal', { customerId })).toEqual({ phone: mobile, idNumber: null });
  });
});

describe('search by customer', () => {
  it('finds a customer’s trades and day totals by phone or by ID number', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    const first = await acceptAll(s, await tradeOf(s, [10_000], mobile));
    await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: first.id,
      name: '钱七',
      idType: 'resident',
      idNumber: ID,
    });
    const p1 = await payBank(s, first);
    const p2 = await payBank(s, await acceptAll(s, await tradeOf(s, [20_000], mobile)));
    await payBank(s, await acceptAll(s, await tradeOf(s, [30_000], phone())));
    const byPhone = await t.must(s.clerk, 'trades.list', {
      query: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
    });
    const byNo = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');
    expect(byPhone.map((x) => x.tradeNo).sort(byNo)).toEqual([p1.tradeNo, p2.tradeNo].sort(byNo));
    const [found] = await t.must(s.clerk, 'customers.find', { query: ID });
    expect(found?.customer.name).toBe('钱七');
    expect(found?.trades).toHaveLength(2);
    expect(found?.days).toEqual([{ businessDate: p1.businessDate, trades: 2, totalFen: p1.payoutFen + p2.payoutFen }]);
  });
});

describe('the compliance report', () => {
  it('exports CSV and XLSX that read back with the threshold trade, identity masked', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await tradeOf(s, [await valueFor(s, 550_000, 600_000)], phone());
    await t.must(s.clerk, 'customers.setIdentity', { tradeId: tr.id, name: '孙八', idType: 'resident', idNumber: ID });
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'other', fundsNote: '朋友转让' });
    const paid = await payBank(s, await acceptAll(s, tr));
    const today = paid.businessDate;
    const report = await t.must(s.owner, 'compliance.report', { from: today, to: today });
    expect(report.thresholdTrades).toMatchObject([
      {
        tradeNo: paid.tradeNo,
        identity: true,
        because: 'trade',
        name: '孙八',
        idMasked: `110***********${ID.slice(-4)}`,
        fundsSource: 'other',
        fundsNote: '朋友转让',
      },
    ]);
    const xlsx = await t.must(s.owner, 'compliance.export', { from: today, to: today, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1).map(String));
    expect(rows[0]).toEqual(['section', 'date', 'trade', 'customer', 'identity', 'detail', 'funds_source']);
    expect(rows.find((r) => r[0] === 'threshold')?.[2]).toBe(paid.tradeNo);
    expect(rows.find((r) => r[0] === 'threshold')?.[6]).toBe('其他（朋友转让）');
    expect(JSON.stringify(rows)).not.toContain(ID);
    const csv = Buffer.from(
      (await t.must(s.owner, 'compliance.export', { from: today, to: today, format: 'csv' })).base64,
      'base64',
    ).toString('utf8');
    expect(csv).toContain(paid.tradeNo!);
    expect(csv).not.toContain(ID);
    expect(errorCode(await t.call(s.clerk, 'compliance.export', { from: today, to: today, format: 'csv' }))).toBe(
      'FORBIDDEN',
    );
    void TestBinding;
  });
});
