// The owner's review (spec §9): days with their state and sync state, the files of a sealed day and of a range of
// days, 30-day and 12-month charts, and "verify ledger" against each day's frozen body.
import { z } from 'zod';
import {
  AppError,
  type ChartPoint,
  type DayListItem,
  type ExportFile,
  type LedgerCheck,
  type Page,
  type ZReportView,
} from '../../../shared/contract';
import { addDays, localDate, localDateTime } from '../../../shared/domain/dates';
import { DAY_FIGURE_KEYS, DAY_FIGURE_UNIT, dayFigures, type DayFacts } from '../../../shared/domain/day-figures';
import { averageRateBp, formatYuan } from '../../../shared/domain/money';
import { DAY_FIGURE_WORDS, FORM_WORDS, METHOD_WORDS, SEALED_STATUS_WORDS, wordOf } from '../../../shared/words';
import type { Days } from '../days/service';
import { sha256Hex, type Ledger } from '../days/ledger';
import { BrandFormRow, DayRow, SyncOutboxRow, ZReportRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { readJson, StoredSyncBody, StoredZReport } from '../db/stored';
import { csvFile, pdfFile, xlsxFile, type Cell } from '../exports';
import { jcs, type Journal } from '../journal/service';
import type { Clock } from '../ports';
import type { Settings } from '../settings/service';
import type { AfterSaleFigures } from '../resale/figures';
import { zItems } from '../receipts/zreport';
import { zPdf } from './pdf';

const ListedDay = DayRow.pick({
  id: true,
  business_date: true,
  status: true,
  z_number: true,
  discrepancy_fen: true,
  pending_owner: true,
}).extend({
  approved: z.number(),
  sync: SyncOutboxRow.shape.status.nullable(),
  body: ZReportRow.shape.body.nullable(),
});
const Counted = z.object({ n: z.number() });
const ChartDay = z.object({
  business_date: z.string(),
  trades: z.number(),
  value: z.number(),
  payout: z.number(),
  margin: z.number(),
});
const SealCheck = SyncOutboxRow.pick({ business_date: true, z_number: true, body: true, ledger_hash: true }).extend({
  z_head: z.string().nullable(),
  sealed_prev: z.string().nullable(),
  sealed_hash: z.string().nullable(),
});
const Body = ZReportRow.pick({ body: true });
const FormName = BrandFormRow.pick({ brand: true, form: true, name_zh: true });
const NO_FACTS: DayFacts = {
  totals: { trades: 0, cards: 0, valueFen: 0, payoutFen: 0, averageRateBp: 0 },
  payments: [],
  roundingFen: 0,
  voids: [],
  voidedPayoutFen: 0,
  netPayoutFen: 0,
  expectedMarginFen: 0,
  resale: [],
};

export class Review {
  constructor(
    private readonly sql: Sql,
    private readonly days: Days,
    private readonly ledger: Ledger,
    private readonly journal: Journal,
    private readonly settings: Settings,
    private readonly clock: Clock,
    /** The CJK font embedded in PDFs. */
    private readonly fontFile: string,
    private readonly afterSale: AfterSaleFigures,
  ) {}

  /** A day that can be printed or exported: closed and sealed. */
  sealedDay(date: string): DayRow {
    const d = this.days.byDate(date);
    if (d.status !== 'closed' || d.z_number === null)
      throw new AppError('CONFLICT', 'close and seal the day first', { businessDate: date });
    return d;
  }

  /** A page of days, newest first, each with its figures as its Z-report states them (the open day's so far). */
  daysList(before: string | undefined, offset: number, limit: number): Page<DayListItem> {
    const upTo = before ?? '9999-12-31';
    const total = this.sql.get(Counted, 'SELECT COUNT(*) AS n FROM days WHERE business_date < ?', upTo)?.n ?? 0;
    const rows = this.sql.all(
      ListedDay,
      `SELECT d.id, d.business_date, d.status, d.z_number, d.discrepancy_fen, d.pending_owner, EXISTS (SELECT 1 FROM day_approvals a WHERE a.day_id = d.id) AS approved,
              o.status AS sync, z.body
       FROM days d LEFT JOIN sync_outbox o ON o.day_id = d.id LEFT JOIN z_reports z ON z.day_id = d.id
       WHERE d.business_date < ? ORDER BY d.business_date DESC LIMIT ? OFFSET ?`,
      upTo,
      limit,
      offset,
    );
    const items = rows.map((r): DayListItem => {
      // A day closed before Z-reports existed has no facts: its figures read as nothing bought.
      const z = r.body ? readJson(StoredZReport, r.body) : r.status === 'open' ? this.ledger.report(r.id) : null;
      return {
        id: r.id,
        businessDate: r.business_date,
        status: r.status,
        zNumber: r.z_number,
        figures: dayFigures(z ?? NO_FACTS),
        discrepancyFen: r.discrepancy_fen,
        pendingOwner: r.pending_owner === 1 && r.approved === 0,
        sync: r.sync,
      };
    });
    return { items, total, offset, limit };
  }

  private zRows(z: ZReportView): Cell[][] {
    const rows: Cell[][] = [['项目 Item', '金额 Amount', '分 fen']];
    const language = this.settings.get('printer').language;
    const tz = this.settings.get('timeZone');
    for (const it of zItems({ z, language, localTime: (ms) => localDateTime(ms, tz), reprint: 0, changes: 'full' })) {
      if (it.t === 'row') rows.push([it.label.trim(), it.value, it.fen ?? '']);
      else if (it.t !== 'rule') rows.push([it.text, '', '']);
    }
    return rows;
  }

  private tradeRows(body: StoredSyncBody): Cell[][] {
    const rows: Cell[][] = [
      [
        '单号 Trade',
        '时间 Paid at',
        '店员 Staff',
        '状态 Status',
        '品牌 Brand',
        '形式 Form',
        '卡号 Card',
        '价值(分) Value fen',
        '回收率(bp) Rate bp',
        '付出(分) Payout fen',
        '付款 Payments',
      ],
    ];
    // Each card under its name as the catalogue has it (a brand switched off keeps its name), not its code.
    const names = new Map(
      this.sql
        .all(FormName, 'SELECT brand, form, name_zh FROM brand_forms')
        .map((f) => [`${f.brand}/${f.form}`, f.name_zh]),
    );
    for (const t of body.trades) {
      for (const l of t.lines) {
        rows.push([
          t.tradeNo,
          t.paidAt,
          t.staff,
          wordOf(SEALED_STATUS_WORDS['zh-CN'], t.status, t.status),
          names.get(`${l.brand}/${l.form}`) ?? l.brand,
          wordOf(FORM_WORDS['zh-CN'], l.form, l.form),
          `****${l.last4}`,
          l.valueFen,
          l.rateBp,
          l.payoutFen,
          t.payments
            .map((p) => `${wordOf(METHOD_WORDS['zh-CN'], p.method, p.method)} ${formatYuan(p.amountFen)}`)
            .join('; '),
        ]);
      }
    }
    return rows;
  }

  private body(dayId: string): StoredSyncBody {
    const r = this.sql.get(Body, 'SELECT body FROM sync_outbox WHERE day_id = ?', dayId);
    if (!r) throw new AppError('NOT_FOUND', 'this day has no sealed body', { dayId });
    return readJson(StoredSyncBody, r.body);
  }

  /** A sealed day as CSV or XLSX (figures and trades), or its Z-report as PDF. */
  async dayFile(d: DayRow, format: 'csv' | 'xlsx' | 'pdf'): Promise<ExportFile> {
    const z = this.ledger.report(d.id);
    const name = `Z${String(d.z_number).padStart(4, '0')}-${d.business_date}.${format}`;
    if (format === 'pdf') {
      const tz = this.settings.get('timeZone');
      return pdfFile(
        name,
        await zPdf(
          {
            z,
            language: this.settings.get('printer').language,
            localTime: (ms) => localDateTime(ms, tz),
            reprint: 0,
            changes: 'full',
          },
          this.fontFile,
        ),
      );
    }
    if (format === 'csv') return csvFile(name, [...this.zRows(z), [], ...this.tradeRows(this.body(d.id))]);
    return xlsxFile(name, [
      { name: 'Z报表', rows: this.zRows(z), width: 28 },
      { name: '交易 Trades', rows: this.tradeRows(this.body(d.id)), width: 18 },
    ]);
  }

  /** One row per sealed day in the range, the header first: the day figures under their words, amounts in fen. */
  daysRows(from: string, to: string): Cell[][] {
    const unit = { count: '', fen: '(分) fen', bp: '(bp)' } as const;
    const header: Cell[] = ['营业日 Date', 'Z'];
    for (const k of DAY_FIGURE_KEYS)
      header.push(
        `${DAY_FIGURE_WORDS['zh-CN'][k].label} ${DAY_FIGURE_WORDS.en[k].label} ${unit[DAY_FIGURE_UNIT[k]]}`.trim(),
      );
    header.push('差额(分) Discrepancy fen', '累计(分) Grand total fen');
    const rows: Cell[][] = [header];
    for (const r of this.sql.all(
      Body,
      'SELECT body FROM z_reports WHERE business_date BETWEEN ? AND ? ORDER BY business_date',
      from,
      to,
    )) {
      const z = readJson(StoredZReport, r.body);
      const f = dayFigures(z);
      rows.push([
        z.businessDate,
        z.zNumber ?? '',
        ...DAY_FIGURE_KEYS.map((k) => f[k]),
        z.cash.discrepancyFen ?? 0,
        z.grandTotalFen,
      ]);
    }
    return rows;
  }

  daysFile(from: string, to: string, format: 'csv' | 'xlsx', rows: Cell[][]): ExportFile | Promise<ExportFile> {
    const name = `days-${from}-${to}.${format}`;
    return format === 'csv' ? csvFile(name, rows) : xlsxFile(name, [{ name: '营业日 Days', rows }]);
  }

  /** Realised margin by the business date the card was bought (docs/after-sale.md). */
  realisedByDate(from: string, to: string): Map<string, number> {
    return this.afterSale.byPurchaseDate(from, to);
  }

  /** The last 30 days and 12 months: volume, payout, average rate, expected and realised margin. */
  charts(): { days: ChartPoint[]; months: ChartPoint[] } {
    const today = localDate(this.clock.now(), this.settings.get('timeZone'));
    const from30 = addDays(today, -29);
    const from12 = `${addDays(today, -365).slice(0, 7)}-01`;
    const point = (key: string): ChartPoint => ({
      key,
      trades: 0,
      valueFen: 0,
      payoutFen: 0,
      averageRateBp: 0,
      expectedMarginFen: 0,
      realisedMarginFen: 0,
    });
    const daysMap = new Map<string, ChartPoint>();
    for (let k = 0; k < 30; k++) daysMap.set(addDays(from30, k), point(addDays(from30, k)));
    const months = new Map<string, ChartPoint>();
    const add = (p: ChartPoint | undefined, z: Pick<ZReportView, 'totals' | 'expectedMarginFen'>) => {
      if (!p) return;
      p.trades += z.totals.trades;
      p.valueFen += z.totals.valueFen;
      p.payoutFen += z.totals.payoutFen;
      p.expectedMarginFen += z.expectedMarginFen;
    };
    const reports = this.sql
      .all(
        ChartDay,
        `SELECT business_date, json_extract(body, '$.totals.trades') AS trades, json_extract(body, '$.totals.valueFen') AS value,
              json_extract(body, '$.totals.payoutFen') AS payout, json_extract(body, '$.expectedMarginFen') AS margin
       FROM z_reports WHERE business_date >= ? ORDER BY business_date`,
        from12,
      )
      .map((r) => ({
        date: r.business_date,
        z: {
          totals: { trades: r.trades, cards: 0, valueFen: r.value, payoutFen: r.payout, averageRateBp: 0 },
          expectedMarginFen: r.margin,
        },
      }));
    const open = this.days.openRow();
    if (open) reports.push({ date: open.business_date, z: this.ledger.report(open.id) });
    for (const r of reports) {
      const m = r.date.slice(0, 7);
      if (!months.has(m)) months.set(m, point(m));
      add(months.get(m), r.z);
      add(daysMap.get(r.date), r.z);
    }
    for (const [d, v] of this.realisedByDate(from12, today)) {
      const dp = daysMap.get(d);
      if (dp) dp.realisedMarginFen += v;
      const mp = months.get(d.slice(0, 7));
      if (mp) mp.realisedMarginFen += v;
    }
    const done = (ps: Iterable<ChartPoint>) =>
      [...ps].map((p) => ({ ...p, averageRateBp: averageRateBp(p.payoutFen, p.valueFen) }));
    return { days: done(daysMap.values()), months: done([...months.values()].slice(-12)) };
  }

  /** The journal chain, and every sealed day's frozen body against its hash, its Z-report's head and its seal entry. */
  verify(): LedgerCheck {
    const j = this.journal.verify();
    const out: LedgerCheck['days'] = [];
    for (const r of this.sql.iterate(
      SealCheck,
      `SELECT o.business_date, o.z_number, o.body, o.ledger_hash, z.journal_head AS z_head,
              s.prev_hash AS sealed_prev, json_extract(s.payload, '$.ledgerHash') AS sealed_hash
       FROM sync_outbox o LEFT JOIN z_reports z ON z.day_id = o.day_id LEFT JOIN journal s ON s.ref = o.day_id AND s.kind = 'day.sealed' ORDER BY o.business_date`,
    )) {
      let problem: string | null = null;
      // The body's schema keeps every key it does not name, so the hash is of the body as stored.
      const b = readJson(StoredSyncBody, r.body);
      const { ledgerHash, ...unsigned } = b;
      if (ledgerHash !== r.ledger_hash || sha256Hex(jcs(unsigned)) !== r.ledger_hash) problem = 'ledger_hash';
      else if (b.journalHead !== r.z_head) problem = 'journal_head';
      else if (r.sealed_hash !== r.ledger_hash) problem = 'seal_entry';
      // The seal's own journal entry follows the head the body names.
      else if (r.sealed_prev !== b.journalHead) problem = 'journal_head';
      out.push({ businessDate: r.business_date, zNumber: r.z_number, ok: problem === null, problem });
    }
    return { ok: j.ok && out.every((d) => d.ok), journal: j, days: out };
  }
}
