// The chain's figures on the console (head-office.md "Figures"; docs/console.md): over the last 30 days or 12 months
// up to a date, the shops a person may see (filtered by group and city), per day or month and per shop, group, brand
// or form — cards, value, payout, average rate, expected and realised margin — read from the summaries kept as days
// arrive (day_figures, month_figures, month_totals; days for a day's expected margin), never from bodies or cards.
// Expected margin exists for a whole shop-day only (the Z-report gives no split by brand), so a brand or form row
// has none.
import { z } from 'zod';
import { addDays } from '../../shared/domain/dates';
import { averageRateBp } from '../../shared/domain/money';
import type { Queryable } from '../db/types';

export type Period = '30d' | '12m';
export type By = 'shop' | 'group' | 'brand' | 'form';

export interface FigurePoint {
  /** YYYY-MM-DD for a day, YYYY-MM for a month, or the shop, group, brand or form of a breakdown row. */
  key: string;
  cards: number;
  valueFen: number;
  payoutFen: number;
  averageRateBp: number;
  /** null where the summaries hold none (a brand or form row). */
  expectedMarginFen: number | null;
  realisedMarginFen: number;
}

export interface FiguresAnswer {
  period: Period;
  by: By;
  from: string;
  to: string;
  series: FigurePoint[];
  breakdown: FigurePoint[];
}

const int = z.number().int();
const Sum = z.object({
  k: z.string(),
  cards: int,
  value_fen: int,
  payout_fen: int,
  realised_margin_fen: int,
  expected_margin_fen: int.nullable(),
});
type Sum = z.infer<typeof Sum>;

const point = (r: Sum): FigurePoint => ({
  key: r.k,
  cards: r.cards,
  valueFen: r.value_fen,
  payoutFen: r.payout_fen,
  averageRateBp: averageRateBp(r.payout_fen, r.value_fen),
  expectedMarginFen: r.expected_margin_fen,
  realisedMarginFen: r.realised_margin_fen,
});

const monthsBack = (month: string, n: number) => {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/**
 * The figures up to `to` (a business date). `shops` limits them to those shops (a manager's groups, a filter);
 * null: every shop, without naming them.
 */
export async function chainFigures(
  q: Queryable,
  o: { period: Period; by: By; to: string; shops: string[] | null },
): Promise<FiguresAnswer> {
  const monthly = o.period === '12m';
  const to = monthly ? o.to.slice(0, 7) : o.to;
  const from = monthly ? monthsBack(to, 11) : addDays(o.to, -29);
  const table = monthly ? 'month_figures' : 'day_figures';
  const key = monthly ? 'month' : 'business_date';
  const scope = '($3::text[] IS NULL OR shop_id = ANY($3::text[]))';
  const params = [from, to, o.shops];
  // Expected margin per shop and day or month: month_totals, or each stored day's own.
  const expected = monthly
    ? `SELECT shop_id, month AS t, expected_margin_fen FROM month_totals WHERE month BETWEEN $1 AND $2 AND ${scope}`
    : `SELECT shop_id, business_date AS t, expected_margin_fen FROM days WHERE business_date BETWEEN $1 AND $2 AND ${scope}`;
  const sums = `SUM(cards)::bigint AS cards, SUM(value_fen)::bigint AS value_fen, SUM(payout_fen)::bigint AS payout_fen,
    SUM(realised_margin_fen)::bigint AS realised_margin_fen`;
  const series = await q.all(
    Sum,
    `WITH f AS (SELECT ${key} AS k, ${sums} FROM ${table} WHERE ${key} BETWEEN $1 AND $2 AND ${scope} GROUP BY 1),
       e AS (SELECT t AS k, SUM(expected_margin_fen)::bigint AS expected_margin_fen FROM (${expected}) x GROUP BY 1)
     SELECT COALESCE(f.k, e.k) AS k, COALESCE(f.cards, 0)::bigint AS cards, COALESCE(f.value_fen, 0)::bigint AS value_fen,
       COALESCE(f.payout_fen, 0)::bigint AS payout_fen, COALESCE(f.realised_margin_fen, 0)::bigint AS realised_margin_fen,
       COALESCE(e.expected_margin_fen, 0)::bigint AS expected_margin_fen
     FROM f FULL JOIN e ON e.k = f.k ORDER BY 1`,
    params,
  );
  let breakdown: Sum[];
  if (o.by === 'brand' || o.by === 'form') {
    breakdown = await q.all(
      Sum,
      `SELECT ${o.by} AS k, ${sums}, NULL::bigint AS expected_margin_fen FROM ${table}
       WHERE ${key} BETWEEN $1 AND $2 AND ${scope} GROUP BY 1 ORDER BY 1`,
      params,
    );
  } else {
    const label = o.by === 'shop' ? 'shop_id' : 'group_name';
    breakdown = await q.all(
      Sum,
      `WITH f AS (SELECT shop_id, ${sums} FROM ${table} WHERE ${key} BETWEEN $1 AND $2 AND ${scope} GROUP BY 1),
         e AS (SELECT shop_id, SUM(expected_margin_fen)::bigint AS expected_margin_fen FROM (${expected}) x GROUP BY 1)
       SELECT s.${label} AS k, COALESCE(SUM(f.cards), 0)::bigint AS cards,
         COALESCE(SUM(f.value_fen), 0)::bigint AS value_fen, COALESCE(SUM(f.payout_fen), 0)::bigint AS payout_fen,
         COALESCE(SUM(f.realised_margin_fen), 0)::bigint AS realised_margin_fen,
         COALESCE(SUM(e.expected_margin_fen), 0)::bigint AS expected_margin_fen
       FROM shops s LEFT JOIN f ON f.shop_id = s.shop_id LEFT JOIN e ON e.shop_id = s.shop_id
       WHERE ($3::text[] IS NULL OR s.shop_id = ANY($3::text[])) AND (f.shop_id IS NOT NULL OR e.shop_id IS NOT NULL)
       GROUP BY 1 ORDER BY 1`,
      params,
    );
  }
  // Every day or month of the period, a quiet one at zero, so the axis runs evenly.
  const held = new Map(series.map((r) => [r.k, point(r)]));
  const keys = monthly
    ? Array.from({ length: 12 }, (_, i) => monthsBack(to, 11 - i))
    : Array.from({ length: 30 }, (_, i) => addDays(from, i));
  const zero = (k: string): FigurePoint => ({
    key: k,
    cards: 0,
    valueFen: 0,
    payoutFen: 0,
    averageRateBp: 0,
    expectedMarginFen: 0,
    realisedMarginFen: 0,
  });
  return {
    period: o.period,
    by: o.by,
    from,
    to,
    series: keys.map((k) => held.get(k) ?? zero(k)),
    breakdown: breakdown.map(point),
  };
}
