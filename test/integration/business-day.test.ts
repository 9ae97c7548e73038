// The business day through dispatch on a real SQLite file (spec §7): drawer, handover, close and seal with the
// Z-report against hand-computed figures, gapless Z numbers, triggers on sealed rows, the morning after a day
// left open, and corrections on the current day.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, OWNER_PIN, type TestBackend } from '../support/backend';
import type { TestBinding } from '../support/backend';
import { addCard, CLERK_PIN, counterShop, createTrade, tradeAtOpening } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const HOUR = 3_600_000;

/**
 * Day 1 (2026-11-25), float ¥10,000.00:
 *   T1 cash:   e ¥999.99 at 88.90 % = 888.99 + physical ¥1,000 at 88.10 % = 881.00 → Σ 1,769.99, cash 1,769.90, 抹零 0.09
 *   T2 WeChat: e ¥1,000 at 90.10 % = 901.00
 *   T3 cash:   e ¥1,000 at 90.10 % = 901.00, voided the same day by the owner (901.00 back in the drawer)
 *   cash in ¥500.00 (clerk), cash out ¥200.00 (owner)
 *   expected = 10,000.00 + 500.00 − 200.00 − (1,769.90 + 901.00) + 901.00 = 8,530.10; counted 8,510.10 (¥20 short)
 */
async function dayOne() {
  const s = await counterShop();
  t = s.t;
  const tb = s.t;
  const t1 = await tradeAtOpening(
    tb,
    s.clerk,
    [
      { form: 'e', valueFen: 99_999 },
      { form: 'physical', valueFen: 100_000 },
    ],
    'cash',
    'day-one-t1',
  );
  const t2 = await tradeAtOpening(tb, s.clerk, [{ form: 'e', valueFen: 100_000 }], 'wechat', 'day-one-t2');
  const t3 = await tradeAtOpening(tb, s.clerk, [{ form: 'e', valueFen: 100_000 }], 'cash', 'day-one-t3');
  await tb.must(s.owner, 'trades.void', { tradeId: t3.id, reason: '顾客反悔，现金已退回' });
  await tb.must(s.clerk, 'days.cash', { kind: 'in', amountFen: 50_000, reason: '补充零钱' });
  await tb.must(s.owner, 'days.cash', { kind: 'out', amountFen: 20_000, reason: '存银行' });
  return { ...s, tb, t1, t2, t3 };
}

/** Time passes; both people unlock their idle-locked sessions. */
async function later(s: { tb: TestBackend; clerk: TestBinding; owner: TestBinding }, ms: number) {
  s.tb.clock.advance(ms);
  await s.tb.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
  await s.tb.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
}

const SHORT_COUNT = { '10000': 85, '1000': 1, '10': 1 }; // ¥8,510.10

describe('the Z-report', () => {
  it('adds up to a hand-computed table: rates, drawer, discrepancy, margin and grand total', async () => {
    const s = await dayOne();
    expect(s.t1.payoutFen).toBe(176_999);
    expect(s.t1.roundingFen).toBe(9);
    const day = await s.tb.must(s.owner, 'days.current', {});
    expect(day?.expectedCashFen).toBe(853_010);
    expect((await s.tb.must(s.clerk, 'days.current', {}))?.expectedCashFen).toBeNull();

    // A clerk's ¥20 shortage needs the owner: FORBIDDEN, then the same call with the owner's PIN and reason.
    const refused = await s.tb.call(s.clerk, 'days.close', { count: SHORT_COUNT });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const closed = await s.tb.must(s.clerk, 'days.close', {
      count: SHORT_COUNT,
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '找零多给了顾客' },
    });
    const z = closed.report;
    expect(z.zNumber).toBe(1);
    expect(z.brands).toEqual([
      { brand: 'jd', form: 'e', name: '京东E卡', cards: 3, valueFen: 299_999, payoutFen: 269_099, averageRateBp: 8969 },
      {
        brand: 'jd',
        form: 'physical',
        name: '京东实体卡',
        cards: 1,
        valueFen: 100_000,
        payoutFen: 88_100,
        averageRateBp: 8810,
      },
    ]);
    expect(z.totals).toEqual({ trades: 3, cards: 4, valueFen: 399_999, payoutFen: 357_199, averageRateBp: 8929 });
    expect(z.payments).toEqual([
      { method: 'cash', count: 2, amountFen: 267_090 },
      { method: 'wechat', count: 1, amountFen: 90_100 },
    ]);
    expect(z.roundingFen).toBe(9);
    expect(z.staff).toEqual([{ name: '张三', trades: 3, payoutFen: 357_199 }]);
    expect(z.voids).toHaveLength(1);
    expect(z.voids[0]).toMatchObject({
      tradeNo: s.t3.tradeNo,
      payoutFen: 90_100,
      refundCashFen: 90_100,
      approvedBy: null,
    });
    expect(z.voidedPayoutFen).toBe(90_100);
    expect(z.netPayoutFen).toBe(267_099);
    expect(z.cash).toMatchObject({
      floatFen: 1_000_000,
      cashInFen: 50_000,
      cashOutFen: 20_000,
      payoutsFen: 267_090,
      refundsFen: 90_100,
      expectedFen: 853_010,
      countedFen: 851_010,
      discrepancyFen: -2_000,
      reason: '找零多给了顾客',
      pendingOwner: false,
    });
    // Margin at best exit, the voided trade left out: (929.59 − 888.99) + (919.60 − 881.00) + (939.60 − 901.00).
    expect(z.expectedMarginFen).toBe(4_060 + 3_860 + 3_860);
    expect(z.grandTotalFen).toBe(267_099);
    expect(z.approvals.map((a) => [a.what, a.ownerName, a.reason])).toEqual([
      ['day.close', '王老板', '找零多给了顾客'],
    ]);
    expect(z.journalHead).toMatch(/^[0-9a-f]{64}$/);
    expect(closed.day).toMatchObject({ status: 'closed', zNumber: 1, countedFen: 851_010, discrepancyFen: -2_000 });

    // On screen equals what was sealed; the frozen body carries the same figures and no card number.
    const shown = await s.tb.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' });
    expect(shown.report).toEqual(z);
    const outbox = s.tb.backend.services.sql.get<{ body: string; ledger_hash: string }>(
      'SELECT body, ledger_hash FROM sync_outbox',
    );
    const body = JSON.parse(outbox?.body ?? '{}') as {
      summary: { totals: unknown; netPayoutFen: number };
      trades: { status: string; lines: { last4: string }[] }[];
      ledgerHash: string;
      zNumber: number;
    };
    expect(body.zNumber).toBe(1);
    expect(body.summary.totals).toEqual(z.totals);
    expect(body.trades.map((x) => x.status)).toEqual(['paid', 'paid', 'voided']);
    expect(body.ledgerHash).toBe(outbox?.ledger_hash);
    expect((await s.tb.must(s.owner, 'ledger.verify', {})).ok).toBe(true);
  });
});

describe('sealing', () => {
  it('keeps Z numbers gapless across days and after a failed close, and SQLite refuses changes to a sealed day', async () => {
    const s = await dayOne();
    const db = s.tb.backend.services.sql.db;
    await s.tb.must(s.owner, 'days.close', { count: SHORT_COUNT, reason: '找零多给了顾客' });
    // The sealed day refuses a void (no day is open); voided today it is a correction naming the trade.
    expect(errorCode(await s.tb.call(s.owner, 'trades.void', { tradeId: s.t2.id, reason: '顾客退卡' }))).toBe(
      'DAY_NOT_OPEN',
    );
    for (const sqlText of [
      'UPDATE trades SET payout_fen = 1 WHERE trade_no IS NOT NULL',
      'UPDATE trade_lines SET payout_fen = 1',
      'DELETE FROM payments',
      'UPDATE cash_movements SET amount_fen = 1',
      'UPDATE days SET counted_fen = 0',
      'UPDATE z_reports SET grand_total_fen = 0',
      "UPDATE sync_outbox SET body = '{}'",
      'DELETE FROM rounds',
      'DELETE FROM trade_voids',
    ]) {
      expect(() => db.prepare(sqlText).run(), sqlText).toThrow(/sealed|never changes/);
    }
    // The outbox's sending state stays writable.
    db.prepare("UPDATE sync_outbox SET attempts = attempts + 1, last_error = 'offline'").run();

    await later(s, 24 * HOUR);
    await s.tb.must(s.clerk, 'days.open', { count: SHORT_COUNT });
    const voided = await s.tb.must(s.owner, 'trades.void', { tradeId: s.t2.id, reason: '顾客退卡' });
    expect(voided.status).toBe('voided');
    // The sealed trade row itself never changes: the void is an entry on today.
    expect(db.prepare('SELECT status FROM trades WHERE id = ?').get(s.t2.id)).toEqual({ status: 'paid' });
    // A close that fails (a large discrepancy without the owner) takes no Z number.
    expect(errorCode(await s.tb.call(s.clerk, 'days.close', { count: { '10000': 1 } }))).toBe('FORBIDDEN');
    const second = await s.tb.must(s.clerk, 'days.close', { count: SHORT_COUNT });
    expect(second.report.zNumber).toBe(2);
    expect(second.report.voids).toEqual([
      expect.objectContaining({ tradeNo: s.t2.tradeNo, paidDate: '2026-11-25', payoutFen: 90_100, refundCashFen: 0 }),
    ]);
    expect(second.report.netPayoutFen).toBe(-90_100);
    expect(second.report.grandTotalFen).toBe(267_099 - 90_100);
    const bodies = s.tb.backend.services.sql.all<{ business_date: string; body: string }>(
      'SELECT business_date, body FROM sync_outbox ORDER BY business_date',
    );
    const b2 = JSON.parse(bodies[1]?.body ?? '{}') as {
      corrections: { kind: string; tradeNo: string }[];
      prevDayJournalHead: string;
    };
    expect(b2.corrections).toEqual([expect.objectContaining({ kind: 'void', tradeNo: s.t2.tradeNo })]);
    expect(b2.prevDayJournalHead).toBe((JSON.parse(bodies[0]?.body ?? '{}') as { journalHead: string }).journalHead);
    const z1 = await s.tb.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' });
    expect(z1.report.voids).toHaveLength(1); // day 1 is as it was sealed
    expect((await s.tb.must(s.owner, 'ledger.days', {})).items.map((d) => [d.businessDate, d.zNumber, d.sync])).toEqual(
      [
        ['2026-11-26', 2, 'pending'],
        ['2026-11-25', 1, 'pending'],
      ],
    );
  });

  it('closes a day left open the next morning with the drawer as found, sealed pending the owner, and opens today with that float', async () => {
    const s = await dayOne();
    await later(s, 22 * HOUR); // 08:00 the next morning, local time
    const left = await s.tb.must(s.clerk, 'days.current', {});
    expect(left).toMatchObject({ businessDate: '2026-11-25', status: 'open', leftOpen: true, pastCutoff: true });
    expect(
      errorCode(
        await s.tb.call(s.clerk, 'trades.create', {}).then(() => s.tb.call(s.clerk, 'days.open', { count: {} })),
      ),
    ).toBe('CONFLICT');
    // The draft made this morning is unpaid: the close voids it, with one reason.
    expect(await s.tb.call(s.clerk, 'days.rollover', { count: SHORT_COUNT })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'voidReason', unpaid: 1 } },
    });
    const r = await s.tb.must(s.clerk, 'days.rollover', { count: SHORT_COUNT, voidReason: '顾客没有回来' });
    expect(r.closed.report.unpaidVoided).toEqual({ count: 1, reason: '顾客没有回来' });
    expect(await s.tb.must(s.clerk, 'days.unpaid', {})).toEqual([]);
    expect(r.closed.report.cash).toMatchObject({
      discrepancyFen: -2_000,
      pendingOwner: true,
      closedAsFound: true,
      reason: null,
    });
    expect(r.closed.day.pendingOwner).toBe(true);
    expect(r.opened).toMatchObject({ businessDate: '2026-11-26', status: 'open', floatFen: 851_010 });
    expect(
      (await s.tb.must(s.owner, 'ledger.days', {})).items.find((d) => d.businessDate === '2026-11-25')?.pendingOwner,
    ).toBe(true);
    // The owner approves later: an entry on today, the sealed day untouched.
    expect(errorCode(await s.tb.call(s.clerk, 'days.approve', { businessDate: '2026-11-25', reason: '已查明' }))).toBe(
      'FORBIDDEN',
    );
    await s.tb.must(s.owner, 'days.approve', { businessDate: '2026-11-25', reason: '昨晚找零多给，已查明' });
    expect(
      errorCode(await s.tb.call(s.owner, 'days.approve', { businessDate: '2026-11-25', reason: '再批一次' })),
    ).toBe('CONFLICT');
    expect(
      (await s.tb.must(s.owner, 'ledger.days', {})).items.find((d) => d.businessDate === '2026-11-25')?.pendingOwner,
    ).toBe(false);
    const sealed = await s.tb.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' });
    expect(sealed.report.cash.pendingOwner).toBe(true);
    const today = await s.tb.must(s.owner, 'ledger.report', { businessDate: '2026-11-26' });
    expect(today.report.approvals).toEqual([
      expect.objectContaining({
        what: 'day.discrepancyApproved 2026-11-25',
        ownerName: '王老板',
        reason: '昨晚找零多给，已查明',
      }),
    ]);
    // Rolling over today's own day is refused.
    expect(errorCode(await s.tb.call(s.clerk, 'days.rollover', { count: SHORT_COUNT }))).toBe('CONFLICT');
  });

  it('refuses a cash payout or a cash out larger than the drawer, with the message to record a cash-in; cash out needs the owner', async () => {
    const s = await counterShop({ open: false });
    t = s.t;
    await s.t.must(s.clerk, 'days.open', { count: { '10000': 5 } }); // ¥500
    const tr = await createTrade(s.t, s.clerk);
    await addCard(s.t, s.clerk, tr.id, 'e', 100_000);
    const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const r = await s.t.call(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'short-drawer-1',
      parts: [{ method: 'cash', amountFen: 90_100 }],
    });
    // The clerk counts blind: the refusal says the drawer is short, not what it holds; the owner hears the figure.
    expect(r.ok ? null : r.error).toMatchObject({ code: 'DRAWER_SHORT', details: { field: 'parts' } });
    expect(r.ok ? null : r.error.details).not.toHaveProperty('expectedCashFen');
    expect(errorCode(await s.t.call(s.clerk, 'days.cash', { kind: 'out', amountFen: 10_000, reason: '买文具' }))).toBe(
      'FORBIDDEN',
    );
    expect(await s.t.call(s.owner, 'days.cash', { kind: 'out', amountFen: 60_000, reason: '存银行' })).toMatchObject({
      ok: false,
      error: { code: 'DRAWER_SHORT', details: { expectedCashFen: 50_000 } },
    });
    await s.t.must(s.clerk, 'days.cash', { kind: 'in', amountFen: 50_000, reason: '补现金' });
    const paid = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'short-drawer-1',
      parts: [{ method: 'cash', amountFen: 90_100 }],
    });
    expect(paid.status).toBe('paid');
    const handover = await s.t.must(s.clerk, 'days.handover', { count: { '1000': 1 } });
    expect(handover).toMatchObject({
      seq: 1,
      countedFen: 1_000,
      expectedFen: 9_900,
      discrepancyFen: -8_900,
      staffName: '张三',
    });
  });
});

describe('the sealed day on paper and in files', () => {
  it('exports XLSX whose figures read back exactly, and a PDF whose hanzi and figures pdftotext finds', async () => {
    const s = await dayOne();
    const closed = await s.tb.must(s.owner, 'days.close', { count: SHORT_COUNT, reason: '找零多给了顾客' });
    const z = closed.report;
    expect(errorCode(await s.tb.call(s.clerk, 'ledger.export', { businessDate: '2026-11-25', format: 'xlsx' }))).toBe(
      'FORBIDDEN',
    );

    const xlsx = await s.tb.must(s.owner, 'ledger.export', { businessDate: '2026-11-25', format: 'xlsx' });
    expect(xlsx.fileName).toBe('Z0001-2026-11-25.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Z报表');
    const fenOf = new Map<string, number>();
    sheet?.eachRow((row) => {
      const [label, , fen] = [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value];
      if (typeof label === 'string' && typeof fen === 'number' && !fenOf.has(label)) fenOf.set(label, fen);
    });
    expect(fenOf.get('净付出')).toBe(z.netPayoutFen);
    expect(fenOf.get('应有现金')).toBe(853_010);
    expect(fenOf.get('实点现金')).toBe(851_010);
    expect(fenOf.get('差额')).toBe(-2_000);
    expect(fenOf.get('抹零')).toBe(9);
    expect(fenOf.get('预计毛利')).toBe(z.expectedMarginFen);
    expect(fenOf.get('累计总额')).toBe(z.grandTotalFen);
    const trades = wb.getWorksheet('交易 Trades');
    expect(trades?.rowCount).toBe(1 + 4); // header + four card lines
    expect(trades?.getRow(2).getCell(1).value).toBe(s.t1.tradeNo);
    expect(JSON.stringify(trades?.getSheetValues())).not.toMatch(/JDE\d{13}|ABCD1234EFGH5678/);

    const pdf = await s.tb.must(s.owner, 'ledger.export', { businessDate: '2026-11-25', format: 'pdf' });
    fs.mkdirSync('test-results', { recursive: true });
    const file = path.resolve('test-results/zreport-2026-11-25.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    for (const words of [
      '京东回收店',
      '日结单Z报表',
      'Z号0001',
      '净付出',
      '￥2,670.99',
      '￥8,530.10',
      '￥8,510.10',
      '-￥20.00',
      '找零多给了顾客',
      '累计总额',
    ]) {
      expect(flat, words).toContain(words);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      path.resolve('test-results/zreport-pdf'),
    ]);
    expect(fs.readdirSync('test-results').some((n) => n.startsWith('zreport-pdf') && n.endsWith('.png'))).toBe(true);

    const days = await s.tb.must(s.owner, 'ledger.exportDays', { from: '2026-11-01', to: '2026-11-30', format: 'csv' });
    const csv = Buffer.from(days.base64, 'base64').toString('utf8');
    // The day figures (shared/domain/day-figures.ts) in their order, then the discrepancy and the grand total.
    const paidOut = z.payments.reduce((a, p) => a + p.amountFen, 0);
    expect(paidOut).toBe(357_199 - 9);
    expect(csv.split('\r\n')[1]).toBe(
      `2026-11-25,1,3,4,399999,357199,9,${paidOut},8929,${z.voids.length},${z.voidedPayoutFen},267099,${z.expectedMarginFen},0,0,-2000,267099`,
    );
  });
});
