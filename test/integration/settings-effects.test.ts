// Each owner setting proved by its effect on the next call that uses it (product/settings.md, issue 14 item 5):
// identity asked at ¥3,000, 抹零 to the yuan, a 20-minute balance-check window, the discrepancy threshold, the
// cut-off, backups every N trades — and the quote staleness, the time zone, the unsold alert — each against what
// the shipped default does in the same shop, on a real SQLite file through dispatch.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { linePayout } from '../../shared/domain/money';
import { residentCheckChar } from '../../shared/domain/identity';
import { errorText, i18n } from '../../renderer/src/i18n';
import { OWNER_PIN, type TestBackend } from '../support/backend';
import { CLERK_PIN, counterShop, createTrade, eCard, FLOAT, phone, SECRET } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

type Shop = Awaited<ReturnType<typeof counterShop>>;
const MINUTE = 60_000;
const ID = (() => {
  const first = '11010119900307123';
  return first + residentCheckChar(first);
})();

async function shop(opts: { open?: boolean } = {}): Promise<Shop> {
  const s = await counterShop(opts);
  t = s.t;
  return s;
}

async function offered(s: Shop, values: number[]): Promise<TradeView> {
  const tr = await createTrade(s.t, s.clerk, phone());
  for (const v of values)
    await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: eCard(),
      secret: SECRET,
      faceValueFen: v,
      verifiedHow: 'official',
    });
  return s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
}

async function agreed(s: Shop, values: number[]): Promise<TradeView> {
  let tr = await offered(s, values);
  for (const g of tr.groups) tr = await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
  return tr;
}

/** After the clock moved past the idle lock, both come back with their PINs. */
async function unlock(s: Shop): Promise<void> {
  await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
  await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
}

let reqs = 0;
const payBank = (s: Shop, tr: TradeView) =>
  s.t.call(s.clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `effects-${++reqs}`,
    parts: [{ method: 'bank', amountFen: tr.payoutFen, reference: `B${reqs}` }],
  });

describe('each setting takes effect on the next call', () => {
  it('asks for the customer’s identity at ¥3,000 once the owner lowered the threshold to ¥3,000', async () => {
    const s = await shop();
    // ¥3,500 of e-card pays a little over ¥3,000 at its opening offer.
    const before = await offered(s, [350_000]);
    expect(before.offerPayoutFen).toBeGreaterThanOrEqual(300_000);
    expect(before.compliance.identityRequired).toBe(false);
    await s.t.must(s.owner, 'settings.update', { group: 'compliance', values: { identityTradeFen: 300_000 } });

    const after = await offered(s, [350_000]);
    expect(after.compliance).toMatchObject({ identityRequired: true, identityBecause: 'trade' });
    const refused = await s.t.call(s.clerk, 'trades.accept', { tradeId: after.id, groupKey: after.groups[0]!.key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IDENTITY_REQUIRED' } });
    // Just under the new threshold nothing is asked.
    const rate = after.groups[0]!.currentBp;
    let under = Math.floor((300_000 * 10_000) / rate);
    while (linePayout(under, rate) >= 300_000) under -= 1;
    expect((await offered(s, [under])).compliance.identityRequired).toBe(false);

    const identified = await s.t.must(s.clerk, 'customers.setIdentity', {
      tradeId: after.id,
      name: '李四',
      idType: 'resident',
      idNumber: ID,
    });
    // Where the cards came from is asked at the same threshold (spec §5).
    const accept = { tradeId: identified.id, groupKey: identified.groups[0]!.key };
    expect(await s.t.call(s.clerk, 'trades.accept', accept)).toMatchObject({
      ok: false,
      error: { code: 'FUNDS_SOURCE_REQUIRED' },
    });
    await s.t.must(s.clerk, 'customers.setFundsSource', { tradeId: identified.id, fundsSource: 'gift' });
    const ok = await s.t.must(s.clerk, 'trades.accept', accept);
    expect(ok.status).toBe('agreed');
  });

  it('rounds the cash part down to the yuan (抹零) after the owner chose yuan; a trade paid before keeps its own', async () => {
    const s = await shop();
    // Paid before the change, in jiao: it keeps its 抹零 after it.
    const before = await agreed(s, [99_999]);
    const paidBefore = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: before.id,
      requestId: 'jiao-pay-1',
      parts: [{ method: 'cash', amountFen: before.payoutFen - (before.payoutFen % 10) }],
    });
    const tr = await agreed(s, [99_999]);
    expect(tr.payoutFen % 100).not.toBe(0);
    const toJiao = tr.payoutFen - (tr.payoutFen % 10);
    const toYuan = tr.payoutFen - (tr.payoutFen % 100);
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { cashRounding: 'yuan' } });
    // The jiao amount the shipped setting takes is now refused; the yuan amount is paid, the rest is 抹零.
    const jiao = await s.t.call(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'yuan-pay-1',
      parts: [{ method: 'cash', amountFen: toJiao }],
    });
    if (toJiao !== toYuan) expect(jiao).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const paid = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'yuan-pay-2',
      parts: [{ method: 'cash', amountFen: toYuan }],
    });
    expect(paid.roundingFen).toBe(tr.payoutFen % 100);
    expect((await s.t.must(s.clerk, 'trades.get', { tradeId: before.id })).roundingFen).toBe(paidBefore.roundingFen);
    expect(paidBefore.roundingFen).toBe(before.payoutFen % 10);
    expect((await s.t.must(s.clerk, 'settings.get', {})).cashRounding).toBe('yuan');
  });

  it('takes a balance check 15 minutes old with a 20-minute window, and asks the owner after 21 minutes, saying 20 minutes', async () => {
    const s = await shop();
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { verifyWindowMinutes: 20 } });
    const first = await agreed(s, [50_000]);
    s.t.clock.advance(15 * MINUTE);
    await unlock(s);
    expect((await payBank(s, first)).ok).toBe(true);

    const second = await agreed(s, [50_000]);
    s.t.clock.advance(21 * MINUTE);
    await unlock(s);
    const late = await payBank(s, second);
    if (late.ok) throw new Error('paid without the owner');
    expect(late.error).toMatchObject({ code: 'FORBIDDEN', details: { need: 'unverified card', minutes: 20 } });
    await i18n.changeLanguage('zh-CN');
    expect(errorText(late.error)).toBe('需要店主授权：卡片超过 20 分钟未核验余额');
    await i18n.changeLanguage('en');
    expect(errorText(late.error)).toBe('The owner must approve a card unchecked for over 20 minutes');
  });

  it('lets a clerk seal a ¥20 short drawer alone once the threshold is ¥50, where ¥10 needed the owner', async () => {
    const s = await shop();
    // Float ¥10,000 and no trades: counted ¥9,980.
    const short = { '10000': 99, '5000': 1, '2000': 1, '1000': 1 };
    const refused = await s.t.call(s.clerk, 'days.close', { count: short });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'close with discrepancy' } },
    });
    expect((await s.t.must(s.clerk, 'days.current', {}))?.status).toBe('open');
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { discrepancyThresholdFen: 5_000 } });
    const closed = await s.t.must(s.clerk, 'days.close', { count: short });
    expect(closed.day).toMatchObject({ status: 'closed', discrepancyFen: -2_000, pendingOwner: false });
  });

  it('warns past the cut-off the owner set (02:00), and not before it', async () => {
    const s = await shop();
    // Opened 2026-11-25 10:00 in Shanghai; now 2026-11-26 02:30 there.
    s.t.clock.t = Date.parse('2026-11-25T18:30:00Z');
    await unlock(s);
    expect((await s.t.must(s.owner, 'days.current', {}))?.pastCutoff).toBe(false);
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { cutoffMinutes: 120 } });
    expect((await s.t.must(s.owner, 'days.current', {}))?.pastCutoff).toBe(true);
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { cutoffMinutes: 165 } });
    expect((await s.t.must(s.owner, 'days.current', {}))?.pastCutoff).toBe(false);
    expect((await s.t.must(s.clerk, 'settings.get', {})).cutoffMinutes).toBe(165);
  });

  it('backs up after every paid trade once the owner set 1, where 20 waited', async () => {
    const s = await shop();
    const { backups } = s.t.backend.services;
    fs.mkdirSync(backups.dir, { recursive: true });
    const intra = () =>
      fs.readdirSync(backups.dir).filter((n) => n.startsWith('carddesk-intra-') && !n.endsWith('.partial')).length;
    expect((await payBank(s, await agreed(s, [10_000]))).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(intra()).toBe(0);
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { backupEveryTrades: 1 } });
    s.t.clock.advance(MINUTE);
    expect((await payBank(s, await agreed(s, [10_000]))).ok).toBe(true);
    await vi.waitFor(() => expect(intra()).toBe(1));
    s.t.clock.advance(MINUTE);
    expect((await payBank(s, await agreed(s, [10_000]))).ok).toBe(true);
    await vi.waitFor(() => expect(intra()).toBe(2));
  });

  it('keeps a quote entered after the change valid for the business days the owner set, at the cut-off', async () => {
    const s = await shop();
    const input = {
      source: '平台A',
      brand: 'jd',
      form: 'e',
      minValueFen: 0,
      maxValueFen: null,
      rateBp: 9400,
      settlementDays: 2,
    } as const;
    const shipped = await s.t.must(s.owner, 'quotes.add', input);
    // Observed on 2026-11-25: stale at the end of the next business day, 2026-11-27 04:00 in Shanghai.
    expect(shipped.expiresAt).toBe('2026-11-26T20:00:00.000Z');
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { quoteStaleDays: 3, cutoffMinutes: 270 } });
    const later = await s.t.must(s.owner, 'quotes.add', { ...input, source: '平台B' });
    expect(later.expiresAt).toBe('2026-11-28T20:30:00.000Z');
    // The quote entered before the change keeps its expiry.
    const again = (await s.t.must(s.owner, 'quotes.list', {})).find((q) => q.id === shipped.id);
    expect(again?.expiresAt).toBe(shipped.expiresAt);
  });

  it('opens the business day at the date of the time zone the owner chose while no day was open', async () => {
    const s = await shop({ open: false });
    // 2026-11-25 02:00 UTC is 10:00 in Shanghai and still 2026-11-24 in New York.
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { timeZone: 'America/New_York' } });
    const day = await s.t.must(s.clerk, 'days.open', { count: FLOAT });
    expect(day.businessDate).toBe('2026-11-24');
  });

  it('raises the unsold e-card alert after the hours the owner set', async () => {
    const s = await shop();
    await s.t.must(s.owner, 'settings.update', { group: 'compliance', values: { unsoldHoursE: 1 } });
    expect((await payBank(s, await agreed(s, [10_000]))).ok).toBe(true);
    const today = (await s.t.must(s.clerk, 'days.current', {}))!.businessDate;
    s.t.clock.advance(61 * MINUTE);
    await unlock(s);
    const alerts = await s.t.must(s.owner, 'compliance.alerts', { from: today, to: today });
    expect(alerts.filter((x) => x.kind === 'unsold')).toMatchObject([{ detail: { form: 'e', limitHours: 1 } }]);
  });
});
