// After-sale per card (spec §8, issue 16) through dispatch: a card found invalid after its batch was paid, money per
// card with a reason and balance mismatch, a batch's money only over its good cards, due dates and 到账延迟, a loss
// with its trade, clerk and customer, the watch list in the same step, the counter's warning, money recovered into
// the drawer, and refusals that save nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { dayFigures } from '../../shared/domain/day-figures';
import { residentCheckChar } from '../../shared/domain/identity';
import { countFor } from '../../electron/core/days/service';
import { errorCode, OWNER_PIN, type TestBackend, type TestBinding } from '../support/backend';
import { CLERK_PIN, counterShop, createTrade, FLOAT, payThreeCards, SECRET } from '../support/counter';

const HOUR = 3_600_000;
type Shop = Awaited<ReturnType<typeof counterShop>>;

let s: Shop | undefined;
afterEach(() => s?.t.close());

async function shop(): Promise<Shop> {
  s = await counterShop();
  return s;
}

/** The owner closes today with the drawer as expected; the next morning the clerk opens again. */
async function nextDay(x: Shop) {
  const day = await x.t.must(x.owner, 'days.current', {});
  await x.t.must(x.owner, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) });
  x.t.clock.advance(24 * HOUR);
  await x.t.must(x.clerk, 'auth.unlock', { pin: CLERK_PIN });
  await x.t.must(x.owner, 'auth.unlock', { pin: OWNER_PIN });
  await x.t.must(x.clerk, 'days.open', { count: FLOAT });
}

const ID17 = '11010119900307123';
const ID = ID17 + residentCheckChar(ID17);

/** A paid trade of one ¥500 e-card from a customer who showed their ID card. */
async function tradeWithId(t: TestBackend, clerk: TestBinding, mobile: string, number: string): Promise<TradeView> {
  const tr = await createTrade(t, clerk, mobile);
  await t.must(clerk, 'customers.setIdentity', { tradeId: tr.id, name: '李四', idType: 'resident', idNumber: ID });
  await t.must(clerk, 'trades.addLine', {
    tradeId: tr.id,
    brand: 'jd',
    form: 'e',
    number,
    secret: SECRET,
    faceValueFen: 50_000,
    verifiedHow: 'official',
  });
  const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
  for (const g of o.groups) await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
  const v = await t.must(clerk, 'trades.get', { tradeId: tr.id });
  return t.must(clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `id-${number}`,
    parts: [{ method: 'bank', amountFen: v.payoutFen, reference: `BK-${number}` }],
  });
}

const journalLength = async (x: Shop) => (await x.t.must(x.owner, 'journal.list', { limit: 5000 })).length;

describe('after-sale per card', () => {
  it('finds a card invalid after its batch was paid: what it brought is clawed back and its whole cost is the loss', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    const eCards = a.lines.filter((l) => l.form === 'e');
    const batch = await x.t.must(x.owner, 'resale.createBatch', {
      platform: '平台A',
      rateBp: 9400,
      lineIds: eCards.map((l) => l.id),
    });
    await x.t.must(x.owner, 'resale.settle', { batchId: batch.id, amountFen: batch.expectedFen });
    const rejected = eCards[1]!;
    const card = await x.t.must(x.owner, 'resale.invalid', { lineId: rejected.id, reason: '平台提示卡密已被使用' });
    expect(card).toMatchObject({
      state: 'invalid',
      proceedsFen: 0,
      clawedBackFen: 47_000,
      realisedMarginFen: -rejected.payoutFen!,
    });
    const after = (await x.t.must(x.owner, 'resale.batches', {})).find((b) => b.id === batch.id)!;
    expect(after.receivedFen).toBe(47_000);
    expect(after.realisedMarginFen).toBe(after.lines.reduce((m, l) => m + (l.realisedMarginFen ?? 0), 0));
    expect(after.realisedMarginFen).toBe(47_000 - eCards[0]!.payoutFen! - rejected.payoutFen!);
    // The Z-report counts the claw-back on the day it was recorded, as its own row apart from the money received.
    const closed = await x.t.must(x.owner, 'days.close', { count: FLOAT });
    expect(closed.report.resale).toEqual([
      { kind: 'resold', cards: 2, amountFen: 94_000 },
      { kind: 'settled', cards: 2, amountFen: 94_000 },
      { kind: 'invalid', cards: 1, amountFen: 0 },
      { kind: 'clawback', cards: 1, amountFen: -47_000 },
    ]);
    // The day figures count the claw-back as one more event and take its money off what came in.
    expect(dayFigures(closed.report)).toMatchObject({ afterSaleEvents: 6, afterSaleReceivedFen: 47_000 });
    expect(closed.report.afterSale).toMatchObject({
      invalid: { cards: 1, lossFen: rejected.payoutFen },
      clawedBack: { cards: 1, amountFen: 47_000 },
      realisedMarginFen: after.realisedMarginFen,
    });
    const entry = (await x.t.must(x.owner, 'journal.list', { limit: 20 })).find((e) => e.kind === 'resale.invalid');
    expect(entry?.payload).toMatchObject({ clawedBackFen: 47_000, lossFen: rejected.payoutFen });
  });

  it('records money per card with a reason, and calls it a balance mismatch below V × the batch rate', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    const [first, , third] = a.lines;
    const batch = await x.t.must(x.owner, 'resale.createBatch', {
      platform: '平台A',
      rateBp: 9400,
      lineIds: [first!.id, third!.id],
    });
    // No reason, nothing saved.
    const before = await journalLength(x);
    const bare = await x.t.raw(x.owner, 'resale.settleCard', { lineId: first!.id, amountFen: 47_000 });
    expect(bare.ok ? 'ok' : bare.error.details.field).toBe('reason');
    expect(await journalLength(x)).toBe(before);
    const full = await x.t.must(x.owner, 'resale.settleCard', {
      lineId: first!.id,
      amountFen: 47_000,
      reason: '平台按面值结算',
    });
    expect(full).toMatchObject({ state: 'settled', expectedFen: 47_000, shortFen: 0, proceedsFen: 47_000 });
    const short = await x.t.must(x.owner, 'resale.settleCard', {
      lineId: third!.id,
      amountFen: 45_000,
      reason: '平台查询余额只有 ¥479',
    });
    expect(short).toMatchObject({ state: 'settled', expectedFen: 47_000, shortFen: 2_000 });
    const losses = await x.t.must(x.owner, 'resale.losses', {});
    expect(losses).toHaveLength(1);
    expect(losses[0]).toMatchObject({
      kind: 'balance_mismatch',
      tradeNo: a.tradeNo,
      last4: third!.last4,
      lossFen: 2_000,
      clerkName: '张三',
      reason: '平台查询余额只有 ¥479',
      recoveredFen: 0,
    });
    const b = (await x.t.must(x.owner, 'resale.batches', {})).find((y) => y.id === batch.id)!;
    expect(b).toMatchObject({ waitingCards: 0, receivedFen: 92_000, overdue: false });
    const z = (await x.t.must(x.owner, 'days.close', { count: FLOAT })).report;
    expect(z.afterSale?.shortPaid).toEqual({ cards: 1, shortFen: 2_000 });
  });

  it('spreads a batch settled as a whole only over its cards still good, and asks why when it is paid short', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    const batch = await x.t.must(x.owner, 'resale.createBatch', {
      platform: '平台A',
      rateBp: 9000,
      lineIds: a.lines.map((l) => l.id),
    });
    expect(batch.expectedFen).toBe(3 * 45_000);
    await x.t.must(x.owner, 'resale.invalid', { lineId: a.lines[1]!.id, reason: '实体卡已冻结' });
    // ¥890.00 for the two good cards expected at ¥900.00: a shortfall of ¥10.00 needs its reason, nothing saved.
    const before = await journalLength(x);
    const refused = await x.t.call(x.owner, 'resale.settle', { batchId: batch.id, amountFen: 89_000 });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'reason', shortFen: 1_000 },
    });
    expect(await journalLength(x)).toBe(before);
    expect((await x.t.must(x.owner, 'resale.stock', { state: 'settled' })).length).toBe(0);
    const settled = await x.t.must(x.owner, 'resale.settle', {
      batchId: batch.id,
      amountFen: 89_000,
      reason: '平台扣了手续费',
    });
    const byState = (state: string) => settled.lines.filter((l) => l.state === state);
    expect(byState('settled').map((l) => l.proceedsFen)).toEqual([44_500, 44_500]);
    expect(byState('settled').map((l) => l.shortFen)).toEqual([500, 500]);
    expect(byState('invalid').map((l) => l.proceedsFen)).toEqual([0]);
    expect(settled.realisedMarginFen).toBe(89_000 - a.payoutFen);
    expect(settled.waitingCards).toBe(0);
    // Nothing waits any more: a second settlement is refused with its own words.
    expect(errorCode(await x.t.call(x.owner, 'resale.settle', { batchId: batch.id, amountFen: 1 }))).toBe(
      'BATCH_SETTLED',
    );
    // The platform did not say which card was short: no loss is named after the customer for it, the batch's
    // shortfall is on the Z-report as the batch's.
    expect((await x.t.must(x.owner, 'resale.losses', {})).map((l) => [l.kind, l.lossFen])).toEqual([
      ['invalid', a.lines[1]!.payoutFen],
    ]);
    const z = (await x.t.must(x.owner, 'days.close', { count: FLOAT })).report;
    expect(z.afterSale).toMatchObject({
      shortPaid: { cards: 0, shortFen: 0 },
      batchShort: { batches: 1, shortFen: 1_000 },
      invalid: { cards: 1, lossFen: a.lines[1]!.payoutFen },
    });
  });

  it('gives each batch a due date from the platform’s quotes and raises 到账延迟 on the home page, the compliance report and the Z-report', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    // A platform nobody quotes needs its settlement days; refused, nothing saved.
    const unknown = await x.t.call(x.owner, 'resale.createBatch', {
      platform: '本地商户',
      rateBp: 9000,
      lineIds: [a.lines[0]!.id],
    });
    expect(unknown.ok ? null : unknown.error).toMatchObject({
      code: 'VALIDATION',
      details: { field: 'settlementDays' },
    });
    expect(await x.t.must(x.owner, 'resale.stock', { state: 'in_stock' })).toHaveLength(3);
    const own = await x.t.must(x.owner, 'resale.createBatch', {
      platform: '本地商户',
      rateBp: 9000,
      lineIds: [a.lines[0]!.id],
      settlementDays: 5,
    });
    expect(own).toMatchObject({ settlementDays: 5, dueDate: '2026-11-30' });
    const batch = await x.t.must(x.owner, 'resale.createBatch', {
      platform: '平台A',
      rateBp: 9400,
      lineIds: [a.lines[2]!.id],
    });
    expect(batch).toMatchObject({ settlementDays: 2, dueDate: '2026-11-27', overdue: false, waitingCards: 1 });
    // The due date moves with a reason, never before the day the batch was sent.
    expect(
      errorCode(
        await x.t.call(x.owner, 'resale.setDueDate', { batchId: batch.id, dueDate: '2026-11-24', reason: '核对' }),
      ),
    ).toBe('VALIDATION');
    const moved = await x.t.must(x.owner, 'resale.setDueDate', {
      batchId: batch.id,
      dueDate: '2026-11-26',
      reason: '平台客服说明天到账',
    });
    expect(moved).toMatchObject({ dueDate: '2026-11-26', settlementDays: 1 });
    expect((await x.t.must(x.owner, 'journal.list', { limit: 1 }))[0]).toMatchObject({
      kind: 'resale.dueDateChanged',
      payload: { from: '2026-11-27', to: '2026-11-26', reason: '平台客服说明天到账' },
    });

    await nextDay(x); // 11-26: due today, not late yet
    expect(await x.t.must(x.owner, 'resale.overdue', {})).toEqual([]);
    await nextDay(x); // 11-27: a day late
    expect(await x.t.must(x.owner, 'resale.overdue', {})).toEqual([
      {
        batchId: batch.id,
        platform: '平台A',
        createdAt: batch.createdAt,
        dueDate: '2026-11-26',
        daysLate: 1,
        waitingCards: 1,
        waitingFen: 47_000,
      },
    ]);
    const report = await x.t.must(x.owner, 'compliance.report', { from: '2026-11-25', to: '2026-11-27' });
    expect(report.alerts.filter((al) => al.kind === 'overdue')).toEqual([
      {
        kind: 'overdue',
        businessDate: '2026-11-27',
        customerId: null,
        phoneMasked: null,
        tradeNo: null,
        detail: { platform: '平台A', dueDate: '2026-11-26', cards: 1, waitingFen: 47_000 },
      },
    ]);
    // The grouped alerts on the compliance screen carry the kind with its count, and filter by it.
    const grouped = await x.t.must(x.owner, 'compliance.alertGroups', {
      from: '2026-11-25',
      to: '2026-11-27',
      kind: 'overdue',
    });
    expect(grouped.kinds).toContainEqual({ kind: 'overdue', alerts: 1, groups: 1 });
    expect(grouped.groups.items).toMatchObject([{ kind: 'overdue', customerId: null, alerts: 1, trades: 0 }]);
    // Paid late today: the day's Z-report still says a batch was late today; tomorrow nothing is.
    await x.t.must(x.owner, 'resale.settle', { batchId: batch.id, amountFen: 47_000 });
    expect(await x.t.must(x.owner, 'resale.overdue', {})).toEqual([]);
    const day = await x.t.must(x.owner, 'days.current', {});
    const z = (await x.t.must(x.owner, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) })).report;
    expect(z.afterSale?.overdueBatches).toBe(1);
    expect(z.alerts.filter((al) => al.kind === 'overdue')).toHaveLength(1);
    const later = await x.t.must(x.owner, 'compliance.alerts', { from: '2026-11-28', to: '2026-11-28' });
    expect(later.filter((al) => al.kind === 'overdue')).toEqual([]);
  });

  it('names a loss’s trade, clerk and customer, puts the card and the ID on the watch list in the same step, and warns the counter when the customer comes back', async () => {
    const x = await shop();
    const sold = await tradeWithId(x.t, x.clerk, '13900001111', 'JDE7000000000001');
    const line = sold.lines[0]!;
    const bare = await payThreeCards(x.t, x.clerk, 'bank');
    // A customer without an ID on record: the ID cannot go on the watch list, and nothing at all is saved.
    const before = await journalLength(x);
    const noId = await x.t.call(x.owner, 'resale.invalid', {
      lineId: bare.lines[0]!.id,
      reason: '卡密错误',
      watchCard: true,
      watchId: true,
    });
    expect(noId.ok ? null : noId.error).toMatchObject({ code: 'NO_CUSTOMER_ID', details: { tradeNo: bare.tradeNo } });
    expect(await journalLength(x)).toBe(before);
    expect(await x.t.must(x.owner, 'resale.losses', {})).toEqual([]);

    await x.t.must(x.owner, 'resale.invalid', {
      lineId: line.id,
      reason: '平台提示卡已冻结',
      watchCard: true,
      watchId: true,
    });
    const [loss] = await x.t.must(x.owner, 'resale.losses', {});
    expect(loss).toMatchObject({
      kind: 'invalid',
      tradeId: sold.id,
      tradeNo: sold.tradeNo,
      clerkName: '张三',
      customer: { phoneMasked: '139****1111', name: '李四', idMasked: expect.stringMatching(/^110/) as unknown },
      lossFen: line.payoutFen,
      watched: { card: true, id: true },
    });
    expect(
      (await x.t.must(x.owner, 'watchlist.list', {}))
        .map((w) => [w.kind, w.reason.startsWith(sold.tradeNo!)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ).toEqual([
      ['card', true],
      ['id', true],
    ]);
    // The customer's return is flagged at the counter.
    const back = await createTrade(x.t, x.clerk, '139 0000 1111');
    expect(back.customer?.id).toBe(loss!.customer!.id);
    expect(await x.t.must(x.clerk, 'customers.afterSale', { customerId: back.customer!.id })).toEqual({
      invalidCards: 1,
      losses: 1,
      openLosses: 1,
    });
    // Their ID shown again is now a watch-list hit: the clerk needs the owner.
    const again = await x.t.call(x.clerk, 'customers.setIdentity', {
      tradeId: back.id,
      name: '李四',
      idType: 'resident',
      idNumber: ID,
    });
    expect(errorCode(again)).toBe('WATCHLIST_HIT');
    // Owner only: a clerk records no after-sale event and reads no loss.
    expect(errorCode(await x.t.call(x.clerk, 'resale.losses', {}))).toBe('FORBIDDEN');
    expect(errorCode(await x.t.call(x.clerk, 'resale.watchLoss', { lossId: loss!.id, card: true, id: true }))).toBe(
      'FORBIDDEN',
    );
  });

  it('takes money recovered from the customer into today’s drawer, naming the trade and the card, never more than the loss', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    const physical = a.lines[1]!;
    await x.t.must(x.owner, 'resale.invalid', { lineId: physical.id, reason: '实体卡已被挂失' });
    const [loss] = await x.t.must(x.owner, 'resale.losses', { open: true });
    const drawer = async () => (await x.t.must(x.owner, 'days.current', {}))?.expectedCashFen ?? 0;
    const cashBefore = await drawer();
    const before = await journalLength(x);
    expect(
      await x.t.call(x.owner, 'resale.recover', { lossId: loss!.id, method: 'cash', amountFen: loss!.lossFen + 1 }),
    ).toMatchObject({ ok: false, error: { code: 'RECOVERY_TOO_MUCH', details: { outstandingFen: loss!.lossFen } } });
    const noRef = await x.t.call(x.owner, 'resale.recover', { lossId: loss!.id, method: 'bank', amountFen: 100 });
    expect(noRef.ok ? null : noRef.error.details.field).toBe('reference');
    expect(await journalLength(x)).toBe(before);
    expect(await drawer()).toBe(cashBefore);

    const part = await x.t.must(x.owner, 'resale.recover', { lossId: loss!.id, method: 'cash', amountFen: 20_000 });
    expect(part.recoveredFen).toBe(20_000);
    expect(await drawer()).toBe(cashBefore + 20_000);
    const day = await x.t.must(x.owner, 'days.current', {});
    expect(day?.movements.at(-1)).toMatchObject({
      kind: 'in',
      amountFen: 20_000,
      reason: `${a.tradeNo} ****${physical.last4}`,
    });
    const rest = loss!.lossFen - 20_000;
    const done = await x.t.must(x.owner, 'resale.recover', {
      lossId: loss!.id,
      method: 'wechat',
      amountFen: rest,
      reference: 'WX-RECOVER-1',
    });
    expect(done.recoveries.map((r) => [r.method, r.amountFen, r.reference])).toEqual([
      ['cash', 20_000, null],
      ['wechat', rest, 'WX-RECOVER-1'],
    ]);
    expect(await x.t.must(x.owner, 'resale.losses', { open: true })).toEqual([]);
    expect(await drawer()).toBe(cashBefore + 20_000);
    const z = (await x.t.must(x.owner, 'days.close', { count: countFor(cashBefore + 20_000) })).report;
    expect(z.cash.cashInFen).toBe(20_000);
    expect(z.afterSale?.recovered).toEqual({ count: 2, amountFen: loss!.lossFen, cashFen: 20_000 });
    // The day figures count both recoveries as after-sale events and their money as received.
    expect(z.resale.at(-1)).toEqual({ kind: 'recovered', cards: 2, amountFen: loss!.lossFen });
    expect(dayFigures(z)).toMatchObject({ afterSaleEvents: 3, afterSaleReceivedFen: loss!.lossFen });
    const kinds = (await x.t.must(x.owner, 'journal.list', { limit: 10 })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'resale.lossRecovered')).toHaveLength(2);
  });

  it('refuses what a card’s state does not allow, in words, and saves nothing', async () => {
    const x = await shop();
    const a = await payThreeCards(x.t, x.clerk, 'bank');
    await x.t.must(x.owner, 'resale.createBatch', { platform: '平台A', rateBp: 9400, lineIds: [a.lines[0]!.id] });
    await x.t.must(x.owner, 'resale.ownUse', { lineId: a.lines[2]!.id, reason: '绑定店铺京东账号' });
    const before = await journalLength(x);
    const ownUse = await x.t.call(x.owner, 'resale.ownUse', { lineId: a.lines[0]!.id, reason: '自用' });
    expect(ownUse.ok ? null : ownUse.error).toMatchObject({
      code: 'CARD_STATE',
      details: { tradeNo: a.tradeNo, last4: a.lines[0]!.last4, state: 'resold' },
    });
    expect(errorCode(await x.t.call(x.owner, 'resale.invalid', { lineId: a.lines[2]!.id, reason: '平台拒收' }))).toBe(
      'CARD_STATE',
    );
    expect(
      errorCode(
        await x.t.call(x.owner, 'resale.settleCard', { lineId: a.lines[2]!.id, amountFen: 1, reason: '平台结算' }),
      ),
    ).toBe('CARD_STATE');
    expect(await journalLength(x)).toBe(before);
    for (const [name, input] of [
      ['resale.overdue', {}],
      ['resale.setDueDate', { batchId: a.id, dueDate: '2026-11-30', reason: '改期' }],
      ['resale.recover', { lossId: a.id, method: 'cash', amountFen: 1 }],
      ['ledger.evidence', { tradeId: a.id }],
    ] as const)
      expect(errorCode(await x.t.raw(x.clerk, name, input)), name).toBe('FORBIDDEN');
  });
});
