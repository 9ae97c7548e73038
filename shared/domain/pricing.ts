// Spec §3, pure: net exits of reference quotes, the best exit, the shop's adjustments, the policy levels,
// and the negotiation step. Shared by the core (which decides) and the counter (which previews).

import type { Form } from './codes';

export type { Form } from './codes';

/** What a reference quote says (spec §2); shipped defaults, stored quotes and views all carry these. */
export interface QuoteTerms {
  source: string;
  brand: string;
  form: Form;
  minValueFen: number;
  /** Exclusive; null = no upper limit. */
  maxValueFen: number | null;
  rateBp: number;
  feeBp: number;
  feeFixedFen: number;
  minAmountFen: number;
  settlementDays: number;
}

export interface Quote extends QuoteTerms {
  id: string;
  expiresAtMs: number;
}

export type Ineligible = 'stale' | 'form' | 'brand' | 'band' | 'minimum';

export interface QuoteVerdict {
  quoteId: string;
  source: string;
  form: Form;
  rateBp: number;
  /** Present when the quote is eligible. */
  netBp: number | null;
  reason: Ineligible | null;
}

export interface Exit {
  bestExitBp: number;
  /** The quote that gave the best exit, or 'fallback' (physical from e-card) or 'manual'. */
  basis:
    | { kind: 'quote'; quoteId: string; source: string; settlementDays: number; band: [number, number | null] }
    | { kind: 'fallback'; fromBp: number; discountBp: number }
    | { kind: 'manual'; reason: string };
  verdicts: QuoteVerdict[];
}

export interface ExitOptions {
  brand: string;
  form: Form;
  valueFen: number;
  nowMs: number;
  capitalCostBpPerDay: number;
  physicalFallbackBp: number;
}

export type ExitResult =
  | { ok: true; exit: Exit }
  | { ok: false; code: 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE'; verdicts: QuoteVerdict[] };

export function netExitBp(q: Quote, valueFen: number, capitalCostBpPerDay: number): number {
  return q.rateBp - q.feeBp - Math.ceil((q.feeFixedFen * 10000) / valueFen) - q.settlementDays * capitalCostBpPerDay;
}

function verdict(
  q: Quote,
  o: Pick<ExitOptions, 'brand' | 'valueFen' | 'nowMs' | 'capitalCostBpPerDay'>,
  form: Form,
): QuoteVerdict {
  const base = { quoteId: q.id, source: q.source, form: q.form, rateBp: q.rateBp };
  const reason: Ineligible | null =
    q.brand !== o.brand
      ? 'brand'
      : q.form !== form
        ? 'form'
        : q.expiresAtMs <= o.nowMs
          ? 'stale'
          : o.valueFen < q.minValueFen || (q.maxValueFen !== null && o.valueFen >= q.maxValueFen)
            ? 'band'
            : o.valueFen < q.minAmountFen
              ? 'minimum'
              : null;
  return { ...base, netBp: reason ? null : netExitBp(q, o.valueFen, o.capitalCostBpPerDay), reason };
}

function pickBest(quotes: Quote[], verdicts: QuoteVerdict[]): { q: Quote; net: number } | null {
  let best: { q: Quote; net: number } | null = null;
  for (const v of verdicts) {
    if (v.netBp === null) continue;
    const q = quotes.find((x) => x.id === v.quoteId);
    if (!q) continue;
    const better =
      !best ||
      v.netBp > best.net ||
      (v.netBp === best.net &&
        (q.settlementDays < best.q.settlementDays ||
          (q.settlementDays === best.q.settlementDays && q.source < best.q.source)));
    if (better) best = { q, net: v.netBp };
  }
  return best;
}

/** Best exit = highest net (ties: shorter settlement, then source name); every quote explained. */
export function bestExit(all: Quote[], o: ExitOptions): ExitResult {
  const quotes = all.filter((q) => q.brand === o.brand);
  const own = quotes.filter((q) => q.form === o.form);
  const verdicts = own.map((q) => verdict(q, o, o.form));
  const best = pickBest(own, verdicts);
  if (best) {
    return {
      ok: true,
      exit: {
        bestExitBp: best.net,
        verdicts,
        basis: {
          kind: 'quote',
          quoteId: best.q.id,
          source: best.q.source,
          settlementDays: best.q.settlementDays,
          band: [best.q.minValueFen, best.q.maxValueFen],
        },
      },
    };
  }
  if (o.form === 'physical') {
    const eQuotes = quotes.filter((q) => q.form === 'e');
    const eVerdicts = eQuotes.map((q) => verdict(q, o, 'e'));
    const eBest = pickBest(eQuotes, eVerdicts);
    const all2 = [...verdicts, ...eVerdicts];
    if (eBest) {
      return {
        ok: true,
        exit: {
          bestExitBp: eBest.net - o.physicalFallbackBp,
          verdicts: all2,
          basis: { kind: 'fallback', fromBp: eBest.net, discountBp: o.physicalFallbackBp },
        },
      };
    }
    return {
      ok: false,
      code: all2.some((v) => v.reason !== 'stale') ? 'NO_ELIGIBLE_QUOTE' : 'STALE_QUOTES',
      verdicts: all2,
    };
  }
  return {
    ok: false,
    code: verdicts.some((v) => v.reason !== 'stale') ? 'NO_ELIGIBLE_QUOTE' : 'STALE_QUOTES',
    verdicts,
  };
}

export interface Tier {
  minValueFen: number;
  bp: number;
}
/** Demand around a date range (business dates, inclusive); only switched-on entries move a price. */
export interface CalendarDemand {
  name: string;
  from: string;
  to: string;
  bp: number;
  active: boolean;
}
export interface Promotion {
  name: string;
  fromMs: number;
  toMs: number;
  bp: number;
  brand: string | null;
  form: Form | null;
}
export interface Adjustment {
  kind: 'tier' | 'calendar' | 'promotion';
  name: string;
  bp: number;
  /** A value tier's lower bound (older explanations only have it in `name`, as `≥100000`). */
  minValueFen?: number;
}

/** The shop's own moves on its offer, each a named line; the highest value tier applies, not their sum. */
export function adjustments(
  s: { tiers: Tier[]; calendar: CalendarDemand[]; promotions: Promotion[] },
  o: { valueFen: number; businessDate: string; nowMs: number; brand: string; form: Form },
): { lines: Adjustment[]; totalBp: number } {
  const lines: Adjustment[] = [];
  let tier: Tier | undefined;
  for (const t of s.tiers) if (o.valueFen >= t.minValueFen && (!tier || t.minValueFen > tier.minValueFen)) tier = t;
  if (tier) lines.push({ kind: 'tier', name: `≥${tier.minValueFen}`, bp: tier.bp, minValueFen: tier.minValueFen });
  for (const c of s.calendar)
    if (c.active && o.businessDate >= c.from && o.businessDate <= c.to)
      lines.push({ kind: 'calendar', name: c.name, bp: c.bp });
  for (const p of s.promotions) {
    if (
      o.nowMs >= p.fromMs &&
      o.nowMs < p.toMs &&
      (p.brand === null || p.brand === o.brand) &&
      (p.form === null || p.form === o.form)
    ) {
      lines.push({ kind: 'promotion', name: p.name, bp: p.bp });
    }
  }
  return { lines, totalBp: lines.reduce((sum, l) => sum + l.bp, 0) };
}

export interface Policy {
  targetMarginBp: number;
  minMarginBp: number;
  openingDiscountBp: number;
  stepBp: number;
}
export const DEFAULT_POLICY: Policy = { targetMarginBp: 300, minMarginBp: 100, openingDiscountBp: 100, stepBp: 10 };

/** A policy with its round limit: what the owner sets shop-wide and may override per brand and form. */
export interface PolicyValues extends Policy {
  /** After this many customer rounds the current offer is final. */
  maxRounds: number;
}

export const floorStep = (bp: number, step: number): number => Math.floor(bp / step) * step;

export interface Levels {
  hardCapBp: number;
  ceilingBp: number;
  targetBp: number;
  openingBp: number;
}

/** The cap, the clerk's ceiling (a true minimum margin: adjustments never lift it), the target and the opening. */
export function levels(bestExitBp: number, adjBp: number, p: Policy): Levels {
  const ceiling = bestExitBp - p.minMarginBp;
  const target = Math.min(ceiling, bestExitBp + adjBp - p.targetMarginBp);
  const opening = target - p.openingDiscountBp;
  return {
    hardCapBp: floorStep(bestExitBp, p.stepBp),
    ceilingBp: floorStep(ceiling, p.stepBp),
    targetBp: floorStep(target, p.stepBp),
    openingBp: floorStep(opening, p.stepBp),
  };
}

export type AskOutcome =
  | { kind: 'agreed'; rateBp: number }
  | { kind: 'proposal'; rateBp: number; final: boolean }
  | { kind: 'final'; rateBp: number };

/**
 * The customer asks `ask` against the shop's current offer (spec §3.4). The shop never pays less than it
 * offered; above the ceiling it answers a final offer at the ceiling; after `maxRounds` the offer is final.
 */
export function respondToAsk(
  s: { currentBp: number; ceilingBp: number; stepBp: number; roundsSoFar: number; maxRounds: number; final: boolean },
  askBp: number,
): AskOutcome {
  if (askBp <= s.currentBp) return { kind: 'agreed', rateBp: s.currentBp };
  if (s.final) return { kind: 'final', rateBp: s.currentBp };
  if (askBp > s.ceilingBp) return { kind: 'final', rateBp: Math.max(s.currentBp, s.ceilingBp) };
  const half = Math.floor((askBp - s.currentBp) / 2);
  const proposal = Math.min(askBp, s.currentBp + floorStep(Math.max(s.stepBp, half), s.stepBp));
  return { kind: 'proposal', rateBp: proposal, final: s.roundsSoFar + 1 >= s.maxRounds };
}
