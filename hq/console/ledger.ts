// The consolidated ledger (head-office.md "Days"): per shop and date, the day as received — its Z-report figures
// from the sealed body's summary (the same definition and words as the shop's printout: shared/domain/day-figures.ts,
// shared/words), its trades with masked lines, its corrections — and the day as CSV or XLSX. Bodies carry last 4
// and chain hashes only, so nothing here can show more.
import { z } from 'zod';
import { DAY_FIGURE_KEYS, DAY_FIGURE_UNIT, dayFigures, type DayFigures } from '../../shared/domain/day-figures';
import { formatRate, formatYuan } from '../../shared/domain/money';
import { toCsv, xlsxBuffer, type Cell } from '../../shared/domain/sheets';
import { DAY_FIGURE_WORDS, Z_WORDS, type Lang } from '../../shared/words';
import { DayRow } from '../db/rows';
import type { Queryable } from '../db/types';

const int = z.number().int();
const Totals = z.object({ trades: int, cards: int, valueFen: int, payoutFen: int, averageRateBp: int });
/** The Z-report's facts in a sealed body's summary (electron/core/days/ledger.ts writes them). */
const Facts = z.looseObject({
  totals: Totals,
  payments: z.array(z.looseObject({ method: z.string(), count: int.optional(), amountFen: int })),
  roundingFen: int,
  voids: z.array(
    z.looseObject({ tradeNo: z.string().optional(), payoutFen: int.optional(), reason: z.string().optional() }),
  ),
  voidedPayoutFen: int,
  netPayoutFen: int,
  expectedMarginFen: int,
  resale: z.array(z.looseObject({ kind: z.string(), cards: int, amountFen: int })),
  brands: z
    .array(
      z.looseObject({
        brand: z.string(),
        form: z.string(),
        name: z.string().optional(),
        cards: int,
        valueFen: int,
        payoutFen: int,
        averageRateBp: int,
      }),
    )
    .optional(),
  staff: z.array(z.looseObject({ name: z.string(), trades: int, payoutFen: int })).optional(),
  cash: z
    .looseObject({
      floatFen: int,
      cashInFen: int,
      cashOutFen: int,
      payoutsFen: int,
      refundsFen: int,
      expectedFen: int,
      countedFen: int.nullable(),
      discrepancyFen: int.nullable(),
      reason: z.string().nullable().optional(),
    })
    .optional(),
});
type Facts = z.infer<typeof Facts>;

const Line = z.looseObject({
  brand: z.string(),
  form: z.string(),
  last4: z.string(),
  valueFen: int,
  rateBp: int,
  payoutFen: int,
});
const Received = z.looseObject({
  zNumber: int,
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  summary: z.record(z.string(), z.unknown()),
  trades: z.array(
    z.looseObject({
      tradeNo: z.string(),
      paidAt: z.string().optional(),
      staff: z.string().optional(),
      status: z.string(),
      payments: z.array(z.looseObject({ method: z.string(), amountFen: int })).optional(),
      lines: z.array(Line),
    }),
  ),
  corrections: z.array(
    z.looseObject({
      at: z.string().optional(),
      kind: z.string(),
      tradeNo: z.string().optional(),
      last4: z.string().optional(),
      batchId: z.string().optional(),
      amountFen: int.optional(),
      reason: z.string().optional(),
    }),
  ),
  alerts: z.array(z.unknown()),
});
const Alert = z.looseObject({ kind: z.string(), tradeNo: z.string().nullable().optional() });

export const masked = (last4: string) => `****${last4.replace(/[^0-9A-Za-z]/g, '').slice(-4)}`;

export interface DayListItem {
  businessDate: string;
  zNumber: number;
  storedAt: number;
  chainGap: boolean;
  grandTotalFen: number;
  figures: DayFigures | null;
}

export interface DayView {
  shopId: string;
  businessDate: string;
  zNumber: number;
  openedAt: string | null;
  closedAt: string | null;
  storedAt: number;
  chainGap: boolean;
  grandTotalFen: number;
  /** null for a body whose summary predates the Z-report's facts: its stored totals are shown instead. */
  figures: DayFigures | null;
  brands: { brand: string; form: string; name: string; cards: number; valueFen: number; payoutFen: number }[];
  payments: { method: string; count: number | null; amountFen: number }[];
  staff: { name: string; trades: number; payoutFen: number }[];
  resale: { kind: string; cards: number; amountFen: number }[];
  cash: Facts['cash'] | null;
  trades: {
    tradeNo: string;
    paidAt: string | null;
    staff: string | null;
    status: string;
    payments: { method: string; amountFen: number }[];
    lines: { brand: string; form: string; card: string; valueFen: number; rateBp: number; payoutFen: number }[];
  }[];
  corrections: {
    at: string | null;
    kind: string;
    tradeNo: string | null;
    card: string | null;
    batchId: string | null;
    amountFen: number | null;
    reason: string | null;
  }[];
  alerts: { kind: string; tradeNo: string | null }[];
}

const ListRow = DayRow.pick({
  business_date: true,
  z_number: true,
  stored_at: true,
  warnings: true,
  grand_total_fen: true,
}).extend({ summary: z.string() });
const factsOf = (summary: unknown): Facts | null => {
  const r = Facts.safeParse(summary);
  return r.success ? r.data : null;
};
const Total = z.object({ n: int });

/** A shop's days, the newest first, a page at a time, with the day figures of each. */
export async function shopDays(
  q: Queryable,
  shopId: string,
  offset: number,
  limit: number,
): Promise<{ items: DayListItem[]; total: number }> {
  const rows = await q.all(
    ListRow,
    `SELECT business_date, z_number, stored_at, warnings, grand_total_fen, (body::jsonb -> 'summary')::text AS summary
     FROM days WHERE shop_id = $1 ORDER BY business_date DESC LIMIT $2 OFFSET $3`,
    [shopId, limit, offset],
  );
  const total = (await q.get(Total, 'SELECT COUNT(*)::int AS n FROM days WHERE shop_id = $1', [shopId]))?.n ?? 0;
  return {
    total,
    items: rows.map((r) => {
      const facts = factsOf(JSON.parse(r.summary));
      return {
        businessDate: r.business_date,
        zNumber: r.z_number,
        storedAt: r.stored_at,
        chainGap: r.warnings.includes('chain_gap'),
        grandTotalFen: r.grand_total_fen,
        figures: facts ? dayFigures(facts) : null,
      };
    }),
  };
}

const Stored = DayRow.pick({ body: true, warnings: true, stored_at: true, grand_total_fen: true });

/** One day as received, or null when head office holds no such day. */
export async function dayView(q: Queryable, shopId: string, date: string): Promise<DayView | null> {
  const row = await q.get(
    Stored,
    'SELECT body, warnings, stored_at, grand_total_fen FROM days WHERE shop_id = $1 AND business_date = $2',
    [shopId, date],
  );
  if (!row) return null;
  // The body was read and checked when it was stored (hq/body.ts); here only what is shown is picked.
  const b = Received.parse(JSON.parse(row.body));
  const facts = factsOf(b.summary);
  return {
    shopId,
    businessDate: date,
    zNumber: b.zNumber,
    openedAt: b.openedAt ?? null,
    closedAt: b.closedAt ?? null,
    storedAt: row.stored_at,
    chainGap: row.warnings.includes('chain_gap'),
    grandTotalFen: row.grand_total_fen,
    figures: facts ? dayFigures(facts) : null,
    brands: (facts?.brands ?? []).map((x) => ({
      brand: x.brand,
      form: x.form,
      name: x.name ?? x.brand,
      cards: x.cards,
      valueFen: x.valueFen,
      payoutFen: x.payoutFen,
    })),
    payments: (facts?.payments ?? []).map((p) => ({
      method: p.method,
      count: p.count ?? null,
      amountFen: p.amountFen,
    })),
    staff: (facts?.staff ?? []).map((s) => ({ name: s.name, trades: s.trades, payoutFen: s.payoutFen })),
    resale: (facts?.resale ?? []).map((r) => ({ kind: r.kind, cards: r.cards, amountFen: r.amountFen })),
    cash: facts?.cash ?? null,
    trades: b.trades.map((t) => ({
      tradeNo: t.tradeNo,
      paidAt: t.paidAt ?? null,
      staff: t.staff ?? null,
      status: t.status,
      payments: (t.payments ?? []).map((p) => ({ method: p.method, amountFen: p.amountFen })),
      lines: t.lines.map((l) => ({
        brand: l.brand,
        form: l.form,
        card: masked(l.last4),
        valueFen: l.valueFen,
        rateBp: l.rateBp,
        payoutFen: l.payoutFen,
      })),
    })),
    corrections: b.corrections.map((c) => ({
      at: c.at ?? null,
      kind: c.kind,
      tradeNo: c.tradeNo ?? null,
      card: c.last4 ? masked(c.last4) : null,
      batchId: c.batchId ?? null,
      amountFen: c.amountFen ?? null,
      reason: c.reason ?? null,
    })),
    alerts: b.alerts.flatMap((a) => {
      const r = Alert.safeParse(a);
      return r.success ? [{ kind: r.data.kind, tradeNo: r.data.tradeNo ?? null }] : [];
    }),
  };
}

/** The day's rows for a spreadsheet: its figures (words, the amount as written, fen), then one row per card. */
export function dayRows(d: DayView, lang: Lang): { figures: Cell[][]; trades: Cell[][] } {
  const fw = DAY_FIGURE_WORDS[lang];
  const zw = Z_WORDS[lang];
  const figures: Cell[][] = [
    lang === 'en' ? ['Item', 'Amount', 'fen'] : ['项目', '金额', '分'],
    [zw.zNo, String(d.zNumber).padStart(4, '0'), ''],
    [zw.date, d.businessDate, ''],
  ];
  if (d.figures)
    for (const k of DAY_FIGURE_KEYS) {
      const v = d.figures[k];
      const unit = DAY_FIGURE_UNIT[k];
      figures.push([
        fw[k].label,
        unit === 'fen' ? formatYuan(v) : unit === 'bp' ? formatRate(v) : v,
        unit === 'fen' ? v : '',
      ]);
    }
  figures.push([zw.grandTotal, formatYuan(d.grandTotalFen), d.grandTotalFen]);
  const trades: Cell[][] = [
    lang === 'en'
      ? ['Trade', 'Paid at', 'Staff', 'Status', 'Brand', 'Form', 'Card', 'Value fen', 'Rate bp', 'Payout fen']
      : ['单号', '付款时间', '店员', '状态', '品牌', '形式', '卡号', '价值(分)', '回收率(bp)', '付出(分)'],
  ];
  const forms: Readonly<Record<string, string>> = zw.forms;
  for (const t of d.trades)
    for (const l of t.lines)
      trades.push([
        t.tradeNo,
        t.paidAt ?? '',
        t.staff ?? '',
        t.status,
        l.brand,
        forms[l.form] ?? l.form,
        l.card,
        l.valueFen,
        l.rateBp,
        l.payoutFen,
      ]);
  return { figures, trades };
}

export async function dayFile(
  d: DayView,
  format: 'csv' | 'xlsx',
  lang: Lang,
): Promise<{ fileName: string; mime: string; body: Buffer }> {
  const { figures, trades } = dayRows(d, lang);
  const fileName = `${d.shopId}-Z${String(d.zNumber).padStart(4, '0')}-${d.businessDate}.${format}`;
  if (format === 'csv')
    return { fileName, mime: 'text/csv; charset=utf-8', body: Buffer.from(toCsv([...figures, [], ...trades])) };
  return {
    fileName,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsxBuffer([
      { name: lang === 'en' ? 'Z-report' : 'Z报表', rows: figures, width: 24 },
      { name: lang === 'en' ? 'Trades' : '交易', rows: trades, width: 18 },
    ]),
  };
}

export interface DateRow {
  shopId: string;
  name: string;
  group: string;
  city: string;
  /** null: head office holds no day of this shop for the date. */
  zNumber: number | null;
  chainGap: boolean;
  figures: DayFigures | null;
}

const DateDay = ListRow.extend({ shop_id: z.string() });

/** One date across the shops given (in their order): each shop's day as received, or none. */
export async function dateAcrossShops(
  q: Queryable,
  date: string,
  shops: { shop_id: string; name: string; group_name: string; city: string }[],
): Promise<DateRow[]> {
  const rows = shops.length
    ? await q.all(
        DateDay,
        `SELECT shop_id, business_date, z_number, stored_at, warnings, grand_total_fen,
           (body::jsonb -> 'summary')::text AS summary
         FROM days WHERE business_date = $1 AND shop_id = ANY($2::text[])`,
        [date, shops.map((s) => s.shop_id)],
      )
    : [];
  const held = new Map(rows.map((r) => [r.shop_id, r]));
  return shops.map((s) => {
    const r = held.get(s.shop_id);
    const facts = r ? factsOf(JSON.parse(r.summary)) : null;
    return {
      shopId: s.shop_id,
      name: s.name,
      group: s.group_name,
      city: s.city,
      zNumber: r?.z_number ?? null,
      chainGap: r ? r.warnings.includes('chain_gap') : false,
      figures: facts ? dayFigures(facts) : null,
    };
  });
}
