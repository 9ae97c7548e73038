// The owner's pricing levers (settings.md "Pricing"): a shop-wide policy with overrides per brand and form, the
// capital cost, the physical fallback, value tiers, calendar demand and promotions. Pure: the shape the owner
// edits, its shipped defaults, its bounds, and the form the pricing maths reads.
import type { Form } from './codes';
import { DEFAULT_POLICY, type CalendarDemand, type PolicyValues, type Promotion, type Tier } from './pricing';

export interface PolicyOverride extends PolicyValues {
  brand: string;
  form: Form;
}

/** A promotion as the owner enters it: from and to are instants (ISO 8601 with an offset), `to` exclusive. */
export interface PromotionEntry {
  name: string;
  from: string;
  to: string;
  bp: number;
  /** null: every brand (or every form). */
  brand: string | null;
  form: Form | null;
}

/** The shop-wide policy's fields first, in settings.md's order, then the lists and the overrides. */
export interface PricingValues extends PolicyValues {
  capitalCostBpPerDay: number;
  physicalFallbackBp: number;
  tiers: Tier[];
  calendar: CalendarDemand[];
  promotions: PromotionEntry[];
  overrides: PolicyOverride[];
}

export type PricingUnit = 'bp' | 'rounds' | 'fen' | 'items';

/** settings.md's bounds; `minMarginBp` is up to the target margin and the opening discount a multiple of the step. */
export const PRICING_BOUNDS = {
  targetMarginBp: { unit: 'bp', min: 0, max: 2000 },
  minMarginBp: { unit: 'bp', min: 0, max: 2000 },
  openingDiscountBp: { unit: 'bp', min: 0, max: 1000 },
  stepBp: { unit: 'bp', min: 1, max: 100 },
  maxRounds: { unit: 'rounds', min: 1, max: 20 },
  capitalCostBpPerDay: { unit: 'bp', min: 0, max: 50 },
  physicalFallbackBp: { unit: 'bp', min: 0, max: 2000 },
  adjustmentBp: { unit: 'bp', min: -500, max: 500 },
  tierValueFen: { unit: 'fen', min: 1, max: 10 ** 11 },
  tiers: { unit: 'items', min: 0, max: 10 },
  calendar: { unit: 'items', min: 0, max: 50 },
  promotions: { unit: 'items', min: 0, max: 50 },
  /** One per brand and form. */
  overrides: { unit: 'items', min: 0, max: 100 },
} as const satisfies Record<string, { unit: PricingUnit; min: number; max: number }>;

/** The longest name of a calendar entry or a promotion. */
export const NAME_MAX = 20;

/** The policy's own fields, in order; an override carries the same. */
export const POLICY_KEYS = ['targetMarginBp', 'minMarginBp', 'openingDiscountBp', 'stepBp', 'maxRounds'] as const;

/** Shipped: the spec's policy and tiers; 春节, 618 and 双十一 as examples to date and switch on. */
export const DEFAULT_PRICING_VALUES: PricingValues = {
  ...DEFAULT_POLICY,
  maxRounds: 6,
  capitalCostBpPerDay: 2,
  physicalFallbackBp: 200,
  tiers: [
    { minValueFen: 100_000, bp: 20 },
    { minValueFen: 500_000, bp: 40 },
  ],
  calendar: [
    { name: '春节', from: '2027-01-30', to: '2027-02-13', bp: 30, active: false },
    { name: '618', from: '2027-06-01', to: '2027-06-18', bp: 20, active: false },
    { name: '双十一', from: '2027-11-01', to: '2027-11-11', bp: 20, active: false },
  ],
  promotions: [],
  overrides: [],
};

/** What the pricing maths reads, compiled once per stored value: promotions in milliseconds, policies by key. */
export interface CompiledPricing {
  values: PricingValues;
  capitalCostBpPerDay: number;
  physicalFallbackBp: number;
  tiers: Tier[];
  calendar: CalendarDemand[];
  promotions: Promotion[];
  policyOf(brand: string, form: Form): PolicyValues;
}

export function compilePricing(v: PricingValues): CompiledPricing {
  const policy: PolicyValues = {
    targetMarginBp: v.targetMarginBp,
    minMarginBp: v.minMarginBp,
    openingDiscountBp: v.openingDiscountBp,
    stepBp: v.stepBp,
    maxRounds: v.maxRounds,
  };
  const byKey = new Map(v.overrides.map((o) => [`${o.brand}/${o.form}`, o]));
  const policyOf = (brand: string, form: Form): PolicyValues => {
    const o = byKey.get(`${brand}/${form}`);
    return o
      ? {
          targetMarginBp: o.targetMarginBp,
          minMarginBp: o.minMarginBp,
          openingDiscountBp: o.openingDiscountBp,
          stepBp: o.stepBp,
          maxRounds: o.maxRounds,
        }
      : policy;
  };
  return {
    values: v,
    capitalCostBpPerDay: v.capitalCostBpPerDay,
    physicalFallbackBp: v.physicalFallbackBp,
    tiers: v.tiers,
    calendar: v.calendar.filter((c) => c.active),
    promotions: v.promotions.map((p) => ({
      name: p.name,
      fromMs: Date.parse(p.from),
      toMs: Date.parse(p.to),
      bp: p.bp,
      brand: p.brand,
      form: p.form,
    })),
    policyOf,
  };
}

/**
 * Why a value is refused: `range` (outside min–max), `step` (not a multiple of the step), `items` (too many),
 * `rising` (a tier not above the one before), `order` (ends before it starts), `duplicate` (a second override of
 * one brand and form), `brand`/`form` (not in the catalogue). The contract's schema has already checked each
 * value's type, a name's length, a date's and a moment's shape.
 */
export type PricingWhy = 'range' | 'step' | 'items' | 'rising' | 'order' | 'duplicate' | 'brand' | 'form';

/** A refused value: its path within the pricing values (`tiers.1.bp`), why, and the range it allows. */
export interface PricingProblem {
  field: string;
  why: PricingWhy;
  unit?: PricingUnit;
  min?: number;
  max?: number;
}

/**
 * Every rule of settings.md on the pricing values, in the order the screen shows them: each bound, the minimum
 * margin up to the target, the opening discount on the step, tiers strictly rising, date ranges in order, one
 * override per brand and form, brands and forms from the catalogue. The first problem, or null.
 */
export function pricingProblem(
  v: PricingValues,
  catalogue: readonly { brand: string; forms: readonly Form[] }[],
): PricingProblem | null {
  const range = (
    field: string,
    value: number,
    b: { unit: PricingUnit; min: number; max: number },
  ): PricingProblem | null =>
    Number.isInteger(value) && value >= b.min && value <= b.max
      ? null
      : { field, why: 'range', unit: b.unit, min: b.min, max: b.max };
  const B = PRICING_BOUNDS;
  const policy = (p: PolicyValues, at: string): PricingProblem | null =>
    range(`${at}targetMarginBp`, p.targetMarginBp, B.targetMarginBp) ??
    range(`${at}minMarginBp`, p.minMarginBp, { ...B.minMarginBp, max: Math.max(0, p.targetMarginBp) }) ??
    range(`${at}openingDiscountBp`, p.openingDiscountBp, B.openingDiscountBp) ??
    range(`${at}stepBp`, p.stepBp, B.stepBp) ??
    (p.openingDiscountBp % p.stepBp !== 0
      ? { field: `${at}openingDiscountBp`, why: 'step', unit: 'bp', min: p.stepBp }
      : null) ??
    range(`${at}maxRounds`, p.maxRounds, B.maxRounds);
  const known = (brand: string | null, form: Form | null, at: string): PricingProblem | null => {
    if (brand === null) return null;
    const b = catalogue.find((c) => c.brand === brand);
    if (!b) return { field: `${at}.brand`, why: 'brand' };
    if (form !== null && !b.forms.includes(form)) return { field: `${at}.form`, why: 'form' };
    return null;
  };
  const items = (field: 'tiers' | 'calendar' | 'promotions' | 'overrides', n: number): PricingProblem | null =>
    n <= B[field].max ? null : { field, why: 'items', unit: 'items', min: 0, max: B[field].max };

  const first =
    policy(v, '') ??
    range('capitalCostBpPerDay', v.capitalCostBpPerDay, B.capitalCostBpPerDay) ??
    range('physicalFallbackBp', v.physicalFallbackBp, B.physicalFallbackBp) ??
    items('tiers', v.tiers.length) ??
    items('calendar', v.calendar.length) ??
    items('promotions', v.promotions.length) ??
    items('overrides', v.overrides.length);
  if (first) return first;
  for (const [i, t] of v.tiers.entries()) {
    const prev = i > 0 ? (v.tiers[i - 1]?.minValueFen ?? 0) : 0;
    const p =
      range(`tiers.${i}.minValueFen`, t.minValueFen, B.tierValueFen) ??
      (i > 0 && t.minValueFen <= prev
        ? { field: `tiers.${i}.minValueFen`, why: 'rising' as const, unit: 'fen' as const, min: prev + 1 }
        : null) ??
      range(`tiers.${i}.bp`, t.bp, B.adjustmentBp);
    if (p) return p;
  }
  for (const [i, c] of v.calendar.entries()) {
    const at = `calendar.${i}`;
    const p =
      (c.to < c.from ? { field: `${at}.to`, why: 'order' as const } : null) ?? range(`${at}.bp`, c.bp, B.adjustmentBp);
    if (p) return p;
  }
  for (const [i, pr] of v.promotions.entries()) {
    const at = `promotions.${i}`;
    const p =
      (Date.parse(pr.to) <= Date.parse(pr.from) ? { field: `${at}.to`, why: 'order' as const } : null) ??
      range(`${at}.bp`, pr.bp, B.adjustmentBp) ??
      known(pr.brand, pr.form, at);
    if (p) return p;
  }
  const seen = new Set<string>();
  for (const [i, o] of v.overrides.entries()) {
    const at = `overrides.${i}`;
    const p = known(o.brand, o.form, at) ?? policy(o, `${at}.`);
    if (p) return p;
    const key = `${o.brand}/${o.form}`;
    if (seen.has(key)) return { field: `${at}.form`, why: 'duplicate' };
    seen.add(key);
  }
  return null;
}
