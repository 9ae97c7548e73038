// Rates, levers and the watch list on the console (head-office.md "Rates and levers", "Watch list";
// docs/console.md): the quotes feed checked with the shop's own quote schema, a preview of what a sample card would
// be offered at a shop of a group — computed with the shop's own pricing functions (shared/domain/pricing.ts) —
// and the watch list entered or imported from CSV (all rows or none), each number hashed with the chain key at
// once and never kept, logged or answered in clear.
import { readCsvLine } from '../../shared/domain/sheets';
import { z } from 'zod';
import { counterCalls } from '../../shared/contract/calls-counter';
import { WATCH_HEADER_WORDS, WATCH_KIND_WORDS } from '../../shared/domain/codes';
import { normalise } from '../../shared/domain/normalise';
import { adjustments, bestExit, levels, type Form, type Quote } from '../../shared/domain/pricing';
import { compilePricing, DEFAULT_PRICING_VALUES } from '../../shared/domain/pricing-settings';
import type { PricingEntries } from '../pricing';
import { ConsoleError } from './accounts';

/** One quote of the feed: the shop's own quote fields (the counter's `quotes.add`), with when it holds. */
export const FeedQuote = counterCalls['quotes.add'].input.extend({
  observedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
});
export const FeedQuotes = z.array(FeedQuote).max(500);
export type FeedQuote = z.output<typeof FeedQuote>;

/** The first quote a shop would refuse, as the row and field it concerns; or null. */
export function feedProblem(qs: readonly FeedQuote[]): { row: number; field: string } | null {
  for (const [i, q] of qs.entries()) {
    if (q.maxValueFen !== null && q.maxValueFen <= q.minValueFen) return { row: i + 1, field: 'maxValueFen' };
    if (Date.parse(q.expiresAt) <= Date.parse(q.observedAt)) return { row: i + 1, field: 'expiresAt' };
  }
  return null;
}

export interface Sample {
  brand: string;
  form: Form;
  valueFen: number;
}

export type PreviewAnswer =
  | {
      ok: true;
      bestExitBp: number;
      basis: string;
      adjustments: { kind: string; name: string; bp: number }[];
      adjustmentBp: number;
      openingBp: number;
      targetBp: number;
      ceilingBp: number;
      hardCapBp: number;
      openingPayoutFen: number;
      targetPayoutFen: number;
    }
  | { ok: false; code: 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE' | 'BRAND_UNKNOWN' };

/**
 * What a shop of the group would offer for `sample` now: the feed's best exit, the pulled calendar demand and
 * promotions as named adjustments, and the levels, by the shop's own functions. What head office does not hold —
 * the shop's margins, value tiers and capital cost — are the shop's shipped values (DEFAULT_PRICING_VALUES).
 */
export function preview(
  pulled: PricingEntries,
  feed: readonly FeedQuote[],
  sample: Sample,
  nowMs: number,
  businessDate: string,
): PreviewAnswer {
  const carried = new Set(pulled.brands.map((b) => b.code));
  if (carried.size > 0 && !carried.has(sample.brand)) return { ok: false, code: 'BRAND_UNKNOWN' };
  const p = compilePricing({ ...DEFAULT_PRICING_VALUES, calendar: pulled.calendar, promotions: pulled.promotions });
  const quotes: Quote[] = feed.map((q, i) => ({
    id: `feed-${i + 1}`,
    source: q.source,
    brand: q.brand,
    form: q.form,
    minValueFen: q.minValueFen,
    maxValueFen: q.maxValueFen,
    rateBp: q.rateBp,
    feeBp: q.feeBp,
    feeFixedFen: q.feeFixedFen,
    minAmountFen: q.minAmountFen,
    settlementDays: q.settlementDays,
    expiresAtMs: Date.parse(q.expiresAt),
  }));
  const exit = bestExit(quotes, {
    brand: sample.brand,
    form: sample.form,
    valueFen: sample.valueFen,
    nowMs,
    capitalCostBpPerDay: p.capitalCostBpPerDay,
    physicalFallbackBp: p.physicalFallbackBp,
  });
  if (!exit.ok) return { ok: false, code: exit.code };
  const adj = adjustments(p, {
    valueFen: sample.valueFen,
    businessDate,
    nowMs,
    brand: sample.brand,
    form: sample.form,
  });
  const l = levels(exit.exit.bestExitBp, adj.totalBp, p.policyOf(sample.brand, sample.form));
  const basis = exit.exit.basis;
  return {
    ok: true,
    bestExitBp: exit.exit.bestExitBp,
    basis: basis.kind === 'quote' ? basis.source : basis.kind,
    adjustments: adj.lines.map((x) => ({ kind: x.kind, name: x.name, bp: x.bp })),
    adjustmentBp: adj.totalBp,
    openingBp: l.openingBp,
    targetBp: l.targetBp,
    ceilingBp: l.ceilingBp,
    hardCapBp: l.hardCapBp,
    // The shop's payout: value × rate, rounded down to the fen.
    openingPayoutFen: Math.floor((sample.valueFen * Math.max(0, l.openingBp)) / 10000),
    targetPayoutFen: Math.floor((sample.valueFen * Math.max(0, l.targetBp)) / 10000),
  };
}

/** A watch-list number: after normalising, 6 to 40 letters and digits (a card, or an ID number). */
const NUMBER = /^[0-9A-Z]{6,40}$/;
const REASON_MAX = 60;
export const WATCH_IMPORT_ROWS = 2000;

export interface WatchInput {
  kind: 'card' | 'id';
  /** Normalised; hashed at once by the caller and never kept. */
  number: string;
  reason: string;
}
/** A refused row, said in words on the screen: its row number (1 = the first line of the file) and why. */
export interface RowProblem {
  row: number;
  why: 'columns' | 'kind' | 'number' | 'reason' | 'repeated';
}

/** One entry typed in: normalised and checked, or refused with the field it concerns. */
export function watchEntry(kind: string, number: string, reason: string): WatchInput {
  if (kind !== 'card' && kind !== 'id') throw new ConsoleError('invalid', 422, 'kind');
  const n = normalise(number);
  if (!NUMBER.test(n)) throw new ConsoleError('watch_number', 422, 'number');
  const r = reason.trim();
  if (!r || r.length > REASON_MAX || /[\r\n]/.test(r)) throw new ConsoleError('invalid', 422, 'reason');
  return { kind, number: n, reason: r };
}

/**
 * A CSV of `kind,number,reason` (an optional header line naming those columns): every row checked, all taken or
 * none. A problem never repeats the number it is about.
 */
export function parseWatchCsv(text: string): { rows: WatchInput[]; problems: RowProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: WatchInput[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const row = i + 1;
    const cells = readCsvLine(line);
    if (i === 0 && cells && WATCH_HEADER_WORDS.has((cells[0] ?? '').toLowerCase())) return;
    if (!cells || cells.length !== 3) return void problems.push({ row, why: 'columns' });
    const kind = WATCH_KIND_WORDS[(cells[0] ?? '').toLowerCase()];
    if (!kind) return void problems.push({ row, why: 'kind' });
    const n = normalise(cells[1] ?? '');
    if (!NUMBER.test(n)) return void problems.push({ row, why: 'number' });
    const reason = cells[2] ?? '';
    if (!reason || reason.length > REASON_MAX) return void problems.push({ row, why: 'reason' });
    if (seen.has(`${kind}:${n}`)) return void problems.push({ row, why: 'repeated' });
    seen.add(`${kind}:${n}`);
    rows.push({ kind, number: n, reason });
  });
  if (rows.length + problems.length > WATCH_IMPORT_ROWS) throw new ConsoleError('too_large', 413);
  return { rows, problems };
}
