// The business day past midnight and the evening close (spec §1, §7; issue 15), through dispatch on a real SQLite
// file with the shop's clock moved by hand (Asia/Shanghai, the shipped 04:00 cut-off):
//   - until the cut-off the open day keeps its cash, handover, trading and close; from it, payments are refused and
//     the day is rolled over (the owner gives a reason when the drawer is off);
//   - the close: a count, the discrepancy, one recount, then a reason and the owner only if still above the
//     threshold; every count journaled and on the Z-report; unpaid trades listed and voided with one reason;
//   - after the seal the date says it is sealed, and trading resumes on the next.
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { zonedMinutes } from '../../shared/domain/dates';
import { zItems } from '../../electron/core/receipts/zreport';
import { errorText, i18n } from '../../renderer/src/i18n';
import { errorCode, OWNER_PIN, type TestBackend, type TestBinding } from '../support/backend';
import { addCard, CLERK_PIN, counterShop, createTrade } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

type Shop = Awaited<ReturnType<typeof counterShop>>;
const TZ = 'Asia/Shanghai';
/** The instant of a local time in the shop (the test's clock starts 2026-11-25 10:00 there). */
const local = (date: string, hh: number, mm: number) => zonedMinutes(date, hh * 60 + mm, TZ);

/** Moves the shop's clock to a local time; both people unlock their idle-locked sessions. */
async function at(s: Shop, date: string, hh: number, mm: number) {
  s.t.clock.t = local(date, hh, mm);
  await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
  await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
}

let reqs = 0;
/** A ¥1,000 e-card agreed at its opening offer (checked just now), and the pay call's answer. */
async function agreed(s: Shop, b: TestBinding = s.clerk): Promise<TradeView> {
  const tr = await createTrade(s.t, b);
  await addCard(s.t, b, tr.id, 'e', 100_000);
  const o = await s.t.must(b, 'trades.offer', { tradeId: tr.id });
  return s.t.must(b, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
}
const payCash = (s: Shop, tr: TradeView) =>
  s.t.call(s.clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `close-pay-${++reqs}`,
    parts: [{ method: 'cash', amountFen: tr.offerPayoutFen - (tr.offerPayoutFen % 10) }],
  });

const journalKinds = async (s: Shop) => (await s.t.must(s.owner, 'journal.list', { limit: 500 })).map((e) => e.kind);

describe('the business day past midnight', () => {
  it('keeps cash, handover, trading and close until the cut-off: 23:59, 00:01 and 03:59 pay on the open day', async () => {
    const s = await counterShop();
    t = s.t;
    await at(s, '2026-11-25', 23, 59);
    const late = await payCash(s, await agreed(s));
    expect(late.ok && late.value.tradeNo).toBe('SH01-20261125-0001');
    expect(await s.t.must(s.clerk, 'days.current', {})).toMatchObject({
      businessDate: '2026-11-25',
      pastMidnight: false,
      pastCutoff: false,
      leftOpen: false,
      cutoff: '04:00',
    });

    await at(s, '2026-11-26', 0, 1);
    const day = await s.t.must(s.clerk, 'days.current', {});
    expect(day).toMatchObject({ businessDate: '2026-11-25', status: 'open', pastMidnight: true, pastCutoff: false });
    expect(day?.leftOpen).toBe(false);
    const past = await payCash(s, await agreed(s));
    // Still the open day's date: its trade numbers continue.
    expect(past.ok && past.value.tradeNo).toBe('SH01-20261125-0002');
    await s.t.must(s.clerk, 'days.cash', { kind: 'in', amountFen: 10_000, reason: '补零钱' });
    await s.t.must(s.clerk, 'days.handover', { count: { '10000': 80 } });
    // Not a day left open: it is closed the usual way, not rolled over.
    expect(errorCode(await s.t.call(s.clerk, 'days.rollover', { count: { '10000': 80 } }))).toBe('CONFLICT');

    await at(s, '2026-11-26', 3, 59);
    const last = await payCash(s, await agreed(s));
    expect(last.ok && last.value.tradeNo).toBe('SH01-20261125-0003');
    const expected = (await s.t.must(s.owner, 'days.current', {}))!.expectedCashFen ?? 0;
    await s.t.must(s.clerk, 'days.count', { count: countOf(expected) });
    const closed = await s.t.must(s.clerk, 'days.close', {});
    expect(closed.report).toMatchObject({ businessDate: '2026-11-25', zNumber: 1 });
    expect(closed.report.totals.trades).toBe(3);
  });

  it('refuses payments from the cut-off with words, and the owner rolls the day over giving a reason for the drawer', async () => {
    const s = await counterShop();
    t = s.t;
    await at(s, '2026-11-26', 3, 59);
    const agreedBefore = await agreed(s);

    await at(s, '2026-11-26', 4, 1);
    expect(await s.t.must(s.clerk, 'days.current', {})).toMatchObject({
      businessDate: '2026-11-25',
      pastCutoff: true,
      leftOpen: true,
    });
    const refused = await payCash(s, await agreed(s));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DAY_PAST_CUTOFF', details: { businessDate: '2026-11-25', cutoff: '04:00' } },
    });
    expect(errorCode(await payCash(s, agreedBefore))).toBe('DAY_PAST_CUTOFF');
    if (refused.ok) throw new Error('paid');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(refused.error)).toBe(
      '2026-11-25 的营业日已过 04:00 截止时间，不能再付款：请先在顶栏结掉它并开始今天',
    );
    await i18n.changeLanguage('en');
    expect(errorText(refused.error)).toContain('past its 04:00 cut-off');
    await i18n.changeLanguage('zh-CN');

    // The owner rolls it over ¥20 short: the reason is asked for (with the figure, the owner sees it), then given.
    const count = { '10000': 99, '1000': 8 }; // ¥9,980.00: ¥20.00 short of the float
    const noReason = await s.t.call(s.owner, 'days.rollover', { count, voidReason: '顾客没有回来' });
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'reason', discrepancyFen: -2_000 } },
    });
    if (noReason.ok) throw new Error('rolled over');
    expect(errorText(noReason.error)).toBe('差额 -¥20.00 超过上限，请填写差额原因');
    const r = await s.t.must(s.owner, 'days.rollover', { count, reason: '昨晚找零多给', voidReason: '顾客没有回来' });
    expect(r.closed.report.cash).toMatchObject({ discrepancyFen: -2_000, reason: '昨晚找零多给', pendingOwner: false });
    expect(r.closed.report.unpaidVoided).toEqual({ count: 2, reason: '顾客没有回来' });
    expect(r.opened).toMatchObject({ businessDate: '2026-11-26', status: 'open', floatFen: 998_000 });
    expect((await payCash(s, await agreed(s))).ok).toBe(true);
  });

  it('reads the cut-off from the settings', async () => {
    const s = await counterShop();
    t = s.t;
    s.t.backend.services.settings.set('cutoffMinutes', 120);
    await at(s, '2026-11-26', 1, 59);
    expect((await payCash(s, await agreed(s))).ok).toBe(true);
    await at(s, '2026-11-26', 2, 1);
    expect(await s.t.must(s.clerk, 'days.current', {})).toMatchObject({ pastCutoff: true, cutoff: '02:00' });
    expect(errorCode(await payCash(s, await agreed(s)))).toBe('DAY_PAST_CUTOFF');
  });
});

/** A count adding up to `fen` in ¥100 notes and small change (whole jiao). */
function countOf(fen: number): Record<string, number> {
  const out: Record<string, number> = {};
  let rest = fen;
  for (const d of [10000, 5000, 2000, 1000, 500, 100, 50, 10]) {
    const n = Math.floor(rest / d);
    if (n > 0) out[String(d)] = n;
    rest -= n * d;
  }
  return out;
}

describe('the evening close', () => {
  it('counts, shows the discrepancy, allows one recount, then needs a reason and the owner; every count on the Z-report', async () => {
    const s = await counterShop();
    t = s.t;
    await at(s, '2026-11-25', 20, 0);
    const paid = await payCash(s, await agreed(s));
    if (!paid.ok) throw new Error('not paid');
    const waiting = await agreed(s); // agreed, not paid: the customer went to the cash machine
    const draft = await createTrade(s.t, s.clerk); // a draft with no card yet
    const expected = 1_000_000 - (paid.value.payments[0]?.amountFen ?? 0);

    // Listed before the count: at handover and at close.
    const unpaid = await s.t.must(s.clerk, 'days.unpaid', {});
    expect(unpaid.map((u) => [u.id, u.status, u.cards, u.staffName])).toEqual([
      [waiting.id, 'agreed', 1, '张三'],
      [draft.id, 'draft', 0, '张三'],
    ]);
    expect(unpaid[0]?.offerFen).toBe(waiting.offerPayoutFen);
    // No count yet: the close asks for one.
    const none = await s.t.call(s.clerk, 'days.close', { voidReason: '顾客没有回来' });
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'count' } } });
    if (none.ok) throw new Error('closed');
    expect(errorText(none.error)).toBe('请先清点钱箱，再结账');

    // First count ¥20 short: the discrepancy is shown, a recount is allowed.
    const first = await s.t.must(s.clerk, 'days.count', { count: countOf(expected - 2_000) });
    expect(first).toMatchObject({
      seq: 1,
      countedFen: expected - 2_000,
      expectedFen: expected,
      discrepancyFen: -2_000,
      aboveThreshold: true,
      thresholdFen: 1_000,
      recountAllowed: true,
    });
    const second = await s.t.must(s.clerk, 'days.count', { count: countOf(expected - 1_500) });
    expect(second).toMatchObject({ seq: 2, discrepancyFen: -1_500, aboveThreshold: true, recountAllowed: false });
    // A third count of the same drawer is the owner's: the clerk asks on the spot.
    const third = await s.t.call(s.clerk, 'days.count', { count: countOf(expected) });
    expect(third).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'recount', approval: true } },
    });

    // Still above the threshold: the unpaid trades need their reason, the discrepancy the owner; nothing changes.
    expect(await s.t.call(s.clerk, 'days.close', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'voidReason', unpaid: 2 } },
    });
    expect(await s.t.call(s.clerk, 'days.close', { voidReason: '顾客没有回来' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'close with discrepancy' } },
    });
    expect(await s.t.must(s.clerk, 'days.unpaid', {})).toHaveLength(2);
    expect((await s.t.must(s.owner, 'days.current', {}))?.counts).toHaveLength(2);

    const closed = await s.t.must(s.clerk, 'days.close', {
      reason: '找零多给了顾客',
      voidReason: '顾客没有回来',
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '店主在场核对' },
    });
    const z = closed.report;
    expect(z.cash).toMatchObject({ countedFen: expected - 1_500, discrepancyFen: -1_500, reason: '找零多给了顾客' });
    expect(z.closeCounts?.map((c) => [c.seq, c.staffName, c.countedFen, c.discrepancyFen])).toEqual([
      [1, '张三', expected - 2_000, -2_000],
      [2, '张三', expected - 1_500, -1_500],
    ]);
    expect(z.unpaidVoided).toEqual({ count: 2, reason: '顾客没有回来' });
    // On paper: both counts and the voided trades, so a count made to learn the figure is seen.
    const paper = zItems({ z, language: 'zh-CN', localTime: (ms) => new Date(ms).toISOString(), reprint: 0 }).map((i) =>
      'text' in i ? i.text : 'label' in i ? `${i.label} ${i.value}` : '',
    );
    const counts = paper.filter((l) => l.startsWith('结账清点'));
    expect(counts).toHaveLength(2);
    for (const [i, l] of counts.entries()) expect(l).toMatch(new RegExp(`^结账清点 ${i + 1} · .* · 张三 ￥`));
    expect(paper.filter((l) => l.startsWith('清点差额'))).toEqual(['清点差额 -￥20.00', '清点差额 -￥15.00']);
    expect(paper).toContain('结账作废未付款单 × 2 · 顾客没有回来');
    // The voids never cross the seal: journaled, each trade voided with the one reason.
    for (const id of [waiting.id, draft.id]) {
      const tr = await s.t.must(s.clerk, 'trades.get', { tradeId: id });
      expect(tr.status).toBe('voided');
      const j = await s.t.must(s.clerk, 'trades.journal', { tradeId: id });
      expect(j.at(-1)).toMatchObject({ kind: 'trade.voided', payload: { reason: '顾客没有回来', atClose: true } });
    }
    expect((await journalKinds(s)).filter((k) => k === 'day.counted')).toHaveLength(2);
  });

  it('closes without the owner when a recount comes within the threshold, and asks to count again after the drawer moved', async () => {
    const s = await counterShop();
    t = s.t;
    const first = await s.t.must(s.clerk, 'days.count', { count: { '10000': 99 } });
    expect(first).toMatchObject({ discrepancyFen: -10_000, aboveThreshold: true });
    const recount = await s.t.must(s.clerk, 'days.count', { count: { '10000': 100 } });
    expect(recount).toMatchObject({ discrepancyFen: 0, aboveThreshold: false });
    // A payment after the count: the close asks for a new count of the drawer as it is now.
    const paid = await payCash(s, await agreed(s));
    if (!paid.ok) throw new Error('not paid');
    const moved = await s.t.call(s.clerk, 'days.close', {});
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'count' } } });
    if (moved.ok) throw new Error('closed');
    expect(errorText(moved.error)).toBe('清点之后钱箱有变动（又有付款或现金存取），请重新清点');
    // A new drawer: its count is the clerk's again.
    const now = await s.t.must(s.clerk, 'days.count', {
      count: countOf(1_000_000 - (paid.value.payments[0]?.amountFen ?? 0)),
    });
    expect(now).toMatchObject({ seq: 3, discrepancyFen: 0, recountAllowed: true });
    const closed = await s.t.must(s.clerk, 'days.close', {});
    expect(closed.report.closeCounts).toHaveLength(3);
    expect(closed.report.unpaidVoided).toBeNull();
    expect(closed.report.approvals).toEqual([]);
  });

  it('says the date is sealed after the close, and trading resumes on the next business date', async () => {
    const s = await counterShop();
    t = s.t;
    await at(s, '2026-11-25', 21, 0);
    await s.t.must(s.clerk, 'days.count', { count: { '10000': 100 } });
    await s.t.must(s.clerk, 'days.close', {});
    expect(await s.t.must(s.clerk, 'days.current', {})).toMatchObject({
      businessDate: '2026-11-25',
      status: 'closed',
      zNumber: 1,
      sealedToday: true,
      pastMidnight: false,
    });
    const again = await s.t.call(s.clerk, 'days.open', { count: { '10000': 100 } });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'DAY_SEALED', details: { businessDate: '2026-11-25', zNumber: 1, nextDate: '2026-11-26' } },
    });
    if (again.ok) throw new Error('opened');
    expect(errorText(again.error)).toBe('2026-11-25 已结账（Z 0001），下一个营业日 2026-11-26 再开业');

    // After midnight the next date may open; until the cut-off the sealed day is still the one shown.
    await at(s, '2026-11-26', 0, 30);
    expect(await s.t.must(s.clerk, 'days.current', {})).toMatchObject({ sealedToday: true, pastMidnight: true });
    await at(s, '2026-11-26', 8, 0);
    expect((await s.t.must(s.clerk, 'days.current', {}))?.sealedToday).toBe(false);
    expect(await s.t.must(s.clerk, 'days.open', { count: { '10000': 100 } })).toMatchObject({
      businessDate: '2026-11-26',
      status: 'open',
    });
  });
});
