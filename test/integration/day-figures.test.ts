// One definition of each day figure (shared/domain/day-figures.ts): the ledger's day row, the close dialog's
// answer, the Z-report on screen (its SVG), on paper (ESC/POS read back), in the PDF and in the exports all give the
// same numbers under the same words — for a day with voids (its own and an earlier day's), cash rounding and
// after-sale events (a claw-back and a recovery among them); and a day sealed before the definition shows its stored figures under the new words.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { zBytes } from '../../electron/core/receipts/zreport';
import type { ZReportView } from '../../shared/contract';
import { DAY_FIGURE_KEYS, DAY_FIGURE_UNIT, dayFigures, type DayFigures } from '../../shared/domain/day-figures';
import { localDateTime } from '../../shared/domain/dates';
import { DAY_FIGURE_WORDS, dayFigureText } from '../../shared/words';
import { DEMO_OWNER, FIRST_RELEASE_PASSPHRASE } from '../../bench/shop';
import { makeBackend, OWNER_PIN, tempDir, TestBinding, type TestBackend } from '../support/backend';
import { CLERK_PIN, counterShop, tradeAtOpening } from '../support/counter';
import { readCsvStrict } from '../support/csv';
import { decodeEscPos } from '../support/escpos';

const HOUR = 3_600_000;
let t: TestBackend | undefined;
afterEach(() => t?.close());

/** The receipt image's characters in order, without the spacing between them. */
const svgText = (svg: string) => svg.replace(/<[^>]+>/g, '').replace(/&#xa0;|\s/g, '');

/** Each figure as the Z-report's paper, PDF and exports write it (￥ on paper). */
const paperLines = (f: DayFigures) =>
  DAY_FIGURE_KEYS.map((k) => [DAY_FIGURE_WORDS['zh-CN'][k].label, dayFigureText(f, k, '￥')] as const);

describe('the day figures', () => {
  it('are the same on the ledger row, the close, the Z-report on screen, on paper, in the PDF and in every export', async () => {
    const s = await counterShop();
    t = s.t;
    // Day 1: a trade paid, the day closed.
    const early = await tradeAtOpening(s.t, s.clerk, [{ form: 'e', valueFen: 100_000 }], 'bank', 'figures-d1-a');
    await s.t.must(s.clerk, 'days.close', {
      count: { '10000': 100 },
    });
    // Day 2: three trades (cash with 抹零, a transfer, one voided the same day), yesterday's trade voided today,
    // and after-sale events: a batch of two cards, one settled short, one rejected as invalid.
    s.t.clock.advance(24 * HOUR);
    await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
    await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    await s.t.must(s.clerk, 'days.open', { count: { '10000': 100 } });
    const cash = await tradeAtOpening(
      s.t,
      s.clerk,
      [
        { form: 'e', valueFen: 99_999 },
        { form: 'physical', valueFen: 100_000 },
      ],
      'cash',
      'figures-d2-a',
    );
    expect(cash.roundingFen).toBeGreaterThan(0);
    await tradeAtOpening(s.t, s.clerk, [{ form: 'e', valueFen: 50_000 }], 'bank', 'figures-d2-b');
    const gone = await tradeAtOpening(s.t, s.clerk, [{ form: 'e', valueFen: 20_000 }], 'cash', 'figures-d2-c');
    await s.t.must(s.owner, 'trades.void', { tradeId: gone.id, reason: '顾客反悔，现金已退回' });
    await s.t.must(s.owner, 'trades.void', { tradeId: early.id, reason: '平台退回，顾客退款' });
    const stock = await s.t.must(s.owner, 'resale.stock', { state: 'in_stock' });
    const ecards = stock.filter((c) => c.form === 'e');
    expect(ecards.length).toBeGreaterThanOrEqual(2);
    const batch = await s.t.must(s.owner, 'resale.createBatch', {
      platform: '平台A',
      rateBp: 9300,
      lineIds: ecards.slice(0, 2).map((c) => c.lineId),
    });
    await s.t.must(s.owner, 'resale.settleCard', {
      lineId: batch.lines[0]!.lineId,
      amountFen: 90_000,
      reason: '平台按余额结算',
    });
    // The second card is paid, then found invalid: the platform claws its money back (a negative amount), and part
    // of its loss is recovered from the customer in cash.
    const second = batch.lines[1]!;
    const secondPaid = Math.floor((second.valueFen * 9300) / 10_000);
    await s.t.must(s.owner, 'resale.settleCard', { lineId: second.lineId, amountFen: secondPaid, reason: '平台到账' });
    await s.t.must(s.owner, 'resale.invalid', { lineId: second.lineId, reason: '平台提示卡密已被使用' });
    const loss = (await s.t.must(s.owner, 'resale.losses', { open: true })).find((l) => l.kind === 'invalid');
    await s.t.must(s.owner, 'resale.recover', { lossId: loss!.id, method: 'cash', amountFen: 20_000 });

    const current = await s.t.must(s.owner, 'days.current', {});
    const closed = await s.t.must(s.owner, 'days.close', {
      count: { '10000': Math.floor((current?.expectedCashFen ?? 0) / 10_000) },
      reason: '零钱放进了保险柜',
    });
    const date = closed.day.businessDate;
    // The close dialog shows these.
    const f = dayFigures(closed.report);
    expect(f.voids).toBe(2);
    expect(f.voidedPayoutFen).toBe(gone.payoutFen + early.payoutFen);
    expect(f.netPayoutFen).toBe(f.payoutFen - f.voidedPayoutFen);
    expect(f.roundingFen).toBe(cash.roundingFen + gone.roundingFen);
    expect(f.paidOutFen).toBe(f.payoutFen - f.roundingFen);
    // Two resold, two settled, one invalid, one clawed back, one recovery.
    expect(f.afterSaleEvents).toBe(7);
    // What came in: both settlements, less the money clawed back, plus the recovery.
    expect(f.afterSaleReceivedFen).toBe(90_000 + 20_000);
    expect(closed.report.resale).toEqual([
      { kind: 'resold', cards: 2, amountFen: batch.expectedFen },
      { kind: 'settled', cards: 2, amountFen: 90_000 + secondPaid },
      { kind: 'invalid', cards: 1, amountFen: 0 },
      { kind: 'clawback', cards: 1, amountFen: -secondPaid },
      { kind: 'recovered', cards: 1, amountFen: 20_000 },
    ]);
    expect(closed.report.afterSale).toMatchObject({
      clawedBack: { cards: 1, amountFen: secondPaid },
      recovered: { count: 1, amountFen: 20_000, cashFen: 20_000 },
    });
    expect(f.trades).toBe(3);

    // The ledger's day row.
    const row = (await s.t.must(s.owner, 'ledger.days', {})).items.find((d) => d.businessDate === date);
    expect(row?.figures).toEqual(f);
    // The Z-report on screen: its figures, and the SVG image of the paper carries every label and value.
    const shown = await s.t.must(s.owner, 'ledger.report', { businessDate: date });
    expect(dayFigures(shown.report)).toEqual(f);
    for (const [label, value] of paperLines(f)) expect(svgText(shown.svg), label).toContain(`${label}${value}`);

    // On paper, at both widths: each figure's label and value on one printed line.
    const tz = 'Asia/Shanghai';
    for (const cpl of [32, 48] as const) {
      const printed = decodeEscPos(
        zBytes({ z: shown.report, language: 'zh-CN', localTime: (ms) => localDateTime(ms, tz), reprint: 0 }, { cpl }),
      ).lines.map((l) => l.text.replace(/\s+/g, ' ').trim());
      for (const [label, value] of paperLines(f)) expect(printed, `${cpl} ${label}`).toContain(`${label} ${value}`);
    }

    // The PDF.
    const pdf = await s.t.must(s.owner, 'ledger.export', { businessDate: date, format: 'pdf' });
    const file = path.join(tempDir('carddesk-figures-'), 'z.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const pdfLines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''));
    for (const [label, value] of paperLines(f)) expect(pdfLines, label).toContain(`${label}${value}`);

    // The day's CSV and XLSX: the label, the value as printed, the fen.
    const csv = readCsvStrict(
      Buffer.from(
        (await s.t.must(s.owner, 'ledger.export', { businessDate: date, format: 'csv' })).base64,
        'base64',
      ).toString('utf8'),
    );
    const xlsx = await s.t.must(s.owner, 'ledger.export', { businessDate: date, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheetRows: string[][] = [];
    wb.getWorksheet('Z报表')?.eachRow((r) => {
      sheetRows.push(
        [1, 2, 3].map((c) => {
          const v = r.getCell(c).value;
          return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
        }),
      );
    });
    for (const [i, [label, value]] of paperLines(f).entries()) {
      const k = DAY_FIGURE_KEYS[i]!;
      // Money rows carry their fen beside the printed amount; counts and the rate are written as printed only.
      const fen = DAY_FIGURE_UNIT[k] === 'fen' ? String(f[k]) : '';
      expect(csv, label).toContainEqual([label, value, fen]);
      expect(sheetRows, label).toContainEqual([label, value, fen]);
    }

    // The export of days: one row per sealed day, the figures in their order.
    const days = readCsvStrict(
      Buffer.from(
        (await s.t.must(s.owner, 'ledger.exportDays', { from: date, to: date, format: 'csv' })).base64,
        'base64',
      ).toString('utf8'),
    );
    expect(days[0]!.slice(2, 2 + DAY_FIGURE_KEYS.length).map((h) => h.split(' ')[0])).toEqual(
      DAY_FIGURE_KEYS.map((k) => DAY_FIGURE_WORDS['zh-CN'][k].label),
    );
    expect(days[1]!.slice(2, 2 + DAY_FIGURE_KEYS.length)).toEqual(DAY_FIGURE_KEYS.map((k) => String(f[k])));
  });

  it('shows a day sealed before the definition with its stored figures under the new words', async () => {
    const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'first-release');
    const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as {
      zReports: { business_date: string; body: string }[];
    };
    const dataDir = tempDir('carddesk-figures-old-');
    fs.copyFileSync(path.join(fixture, 'carddesk.sqlite'), path.join(dataDir, 'carddesk.sqlite'));
    t = makeBackend({ dataDir, keys: new MemoryKeyStore() });
    const b = new TestBinding();
    await t.must(b, 'keys.unlock', { passphrase: FIRST_RELEASE_PASSPHRASE });
    const owner = t.backend.services.sql.get<{ id: string }>("SELECT id FROM staff WHERE role = 'owner'")!;
    await t.must(b, 'auth.login', { staffId: owner.id, pin: DEMO_OWNER.pin });
    const listed = await t.must(b, 'ledger.days', { limit: 400 });
    expect(expected.zReports.length).toBeGreaterThan(0);
    for (const stored of expected.zReports) {
      const z = JSON.parse(stored.body) as ZReportView;
      const f = listed.items.find((d) => d.businessDate === stored.business_date)?.figures;
      expect(f, stored.business_date).toMatchObject({
        trades: z.totals.trades,
        cards: z.totals.cards,
        valueFen: z.totals.valueFen,
        payoutFen: z.totals.payoutFen,
        averageRateBp: z.totals.averageRateBp,
        roundingFen: z.roundingFen,
        voidedPayoutFen: z.voidedPayoutFen,
        netPayoutFen: z.netPayoutFen,
        expectedMarginFen: z.expectedMarginFen,
      });
      const shown = await t.must(b, 'ledger.report', { businessDate: stored.business_date });
      expect(svgText(shown.svg)).toContain(
        `${DAY_FIGURE_WORDS['zh-CN'].netPayoutFen.label}${dayFigureText(dayFigures(z), 'netPayoutFen', '￥')}`,
      );
    }
  });
});
