// Summaries kept as days arrive (head-office.md "Figures"): per shop-day and per shop-month, per brand and form —
// cards, value, payout and realised margin — plus each month's days and expected margin (the Z-report gives
// expected margin for the whole day only). Cards count on the business date they were bought, as the shop's own
// charts do: a later void takes them out of that date, a later settlement adds its margin to that date.
import { z } from 'zod';
import { averageRateBp } from '../shared/domain/money';
import type { CardRow } from './db/rows';
import type { Queryable } from './db/types';

export type Card = z.infer<typeof CardRow> & { last4: string; card_hash: string | null; rate_bp: number };
type Delta = {
  date: string;
  brand: string;
  form: string;
  cards: number;
  value: number;
  payout: number;
  realised: number;
};

const monthOf = (date: string) => date.slice(0, 7);

/** What one stored day moves, gathered before it is written in a few statements. */
export class Figures {
  readonly deltas = new Map<string, Delta>();
  readonly months = new Map<string, { days: number; expected: number }>();

  private at(c: Pick<Card, 'business_date' | 'brand' | 'form'>): Delta {
    const k = `${c.business_date}\u0000${c.brand}\u0000${c.form}`;
    let d = this.deltas.get(k);
    if (!d) {
      d = { date: c.business_date, brand: c.brand, form: c.form, cards: 0, value: 0, payout: 0, realised: 0 };
      this.deltas.set(k, d);
    }
    return d;
  }

  /** A bought card in (+1) or a voided one out (−1), its realised margin with it. */
  add(
    c: Pick<Card, 'business_date' | 'brand' | 'form' | 'value_fen' | 'payout_fen' | 'outcome' | 'proceeds_fen'>,
    sign: 1 | -1,
  ): void {
    const d = this.at(c);
    d.cards += sign;
    d.value += sign * c.value_fen;
    d.payout += sign * c.payout_fen;
    if (c.outcome) d.realised += sign * ((c.proceeds_fen ?? 0) - c.payout_fen);
  }

  realise(c: Pick<Card, 'business_date' | 'brand' | 'form'>, margin: number): void {
    this.at(c).realised += margin;
  }

  day(date: string, expectedMargin: number): void {
    const m = this.months.get(monthOf(date)) ?? { days: 0, expected: 0 };
    m.days += 1;
    m.expected += expectedMargin;
    this.months.set(monthOf(date), m);
  }
}

/** Writes what a day moved into the summary tables, in the caller's transaction. */
export async function addFigures(q: Queryable, shopId: string, f: Figures): Promise<void> {
  /** Adds delta rows (keyed by `date`: a business date or a month) to a summary table, one statement. */
  const upsert = (table: 'day_figures' | 'month_figures', key: 'business_date' | 'month', rows: Delta[]) =>
    q.run(
      `INSERT INTO ${table} (shop_id, ${key}, brand, form, cards, value_fen, payout_fen, realised_margin_fen)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[])
       ON CONFLICT (shop_id, ${key}, brand, form) DO UPDATE SET
         cards = ${table}.cards + excluded.cards, value_fen = ${table}.value_fen + excluded.value_fen,
         payout_fen = ${table}.payout_fen + excluded.payout_fen,
         realised_margin_fen = ${table}.realised_margin_fen + excluded.realised_margin_fen`,
      [
        shopId,
        rows.map((r) => r.date),
        rows.map((r) => r.brand),
        rows.map((r) => r.form),
        rows.map((r) => r.cards),
        rows.map((r) => r.value),
        rows.map((r) => r.payout),
        rows.map((r) => r.realised),
      ],
    );
  const rows = [...f.deltas.values()];
  if (rows.length > 0) {
    await upsert('day_figures', 'business_date', rows);
    // Several dates of one month fold into one row first (ON CONFLICT touches a row once a statement).
    const byMonth = new Map<string, Delta>();
    for (const r of rows) {
      const k = `${monthOf(r.date)}\u0000${r.brand}\u0000${r.form}`;
      const m = byMonth.get(k) ?? { ...r, date: monthOf(r.date), cards: 0, value: 0, payout: 0, realised: 0 };
      m.cards += r.cards;
      m.value += r.value;
      m.payout += r.payout;
      m.realised += r.realised;
      byMonth.set(k, m);
    }
    await upsert('month_figures', 'month', [...byMonth.values()]);
  }
  for (const [month, m] of f.months)
    await q.run(
      `INSERT INTO month_totals (shop_id, month, days, expected_margin_fen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (shop_id, month) DO UPDATE SET days = month_totals.days + excluded.days,
         expected_margin_fen = month_totals.expected_margin_fen + excluded.expected_margin_fen`,
      [shopId, month, m.days, m.expected],
    );
}

export interface ChartPoint {
  month: string;
  cards: number;
  valueFen: number;
  payoutFen: number;
  averageRateBp: number;
  expectedMarginFen: number;
  realisedMarginFen: number;
}

const MonthPoint = z.object({
  month: z.string(),
  cards: z.number().int(),
  value_fen: z.number().int(),
  payout_fen: z.number().int(),
  realised_margin_fen: z.number().int(),
  expected_margin_fen: z.number().int(),
});

/** The chain's figures per month between two months (inclusive), read from the month summaries in one statement. */
export async function chainMonths(db: Queryable, from: string, to: string): Promise<ChartPoint[]> {
  const rows = await db.all(
    MonthPoint,
    `WITH f AS (
       SELECT month, SUM(cards)::bigint AS cards, SUM(value_fen)::bigint AS value_fen,
         SUM(payout_fen)::bigint AS payout_fen, SUM(realised_margin_fen)::bigint AS realised_margin_fen
       FROM month_figures WHERE month BETWEEN $1 AND $2 GROUP BY month),
     t AS (
       SELECT month, SUM(expected_margin_fen)::bigint AS expected_margin_fen
       FROM month_totals WHERE month BETWEEN $1 AND $2 GROUP BY month)
     SELECT f.*, COALESCE(t.expected_margin_fen, 0)::bigint AS expected_margin_fen
     FROM f LEFT JOIN t ON t.month = f.month ORDER BY f.month`,
    [from, to],
  );
  return rows.map((s) => ({
    month: s.month,
    cards: s.cards,
    valueFen: s.value_fen,
    payoutFen: s.payout_fen,
    averageRateBp: averageRateBp(s.payout_fen, s.value_fen),
    expectedMarginFen: s.expected_margin_fen,
    realisedMarginFen: s.realised_margin_fen,
  }));
}
