// The owner's pricing levers as the contract takes them (settings.md "Pricing"), and the call that shows what
// the counter would offer now and after a proposed change.
import { z } from 'zod';
import { FORMS } from '../domain/codes';
import { NAME_MAX, type PricingValues } from '../domain/pricing-settings';
import { call, out } from './define';
import { Brand, DateStr, ONE_LINE } from './schemas';
import type { Form } from './schemas';

// Each value's type here; the bounds of settings.md and the rules across fields are the backend's, which refuses
// naming the field and the range it allows (shared/domain/pricing-settings.ts).
const Whole = z.int();
const EntryName = z.string().trim().min(1).max(NAME_MAX).regex(ONE_LINE);
const Instant = z.iso.datetime({ offset: true });
const Policy = {
  targetMarginBp: Whole,
  minMarginBp: Whole,
  openingDiscountBp: Whole,
  stepBp: Whole,
  maxRounds: Whole,
};

export const PricingValuesInput = z.strictObject({
  ...Policy,
  capitalCostBpPerDay: Whole,
  physicalFallbackBp: Whole,
  tiers: z.array(z.strictObject({ minValueFen: Whole, bp: Whole })),
  calendar: z.array(z.strictObject({ name: EntryName, from: DateStr, to: DateStr, bp: Whole, active: z.boolean() })),
  promotions: z.array(
    z.strictObject({
      name: EntryName,
      from: Instant,
      to: Instant,
      bp: Whole,
      brand: Brand.nullable(),
      form: z.enum(FORMS).nullable(),
    }),
  ),
  overrides: z.array(z.strictObject({ brand: Brand, form: z.enum(FORMS), ...Policy })),
});

/** What the counter would offer for one sample card; an error code when no quote takes it. */
export type CompareSide =
  | { ok: true; openingBp: number; targetBp: number; ceilingBp: number; adjBp: number }
  | { ok: false; code: 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE' };

export interface PricingCompareView {
  brand: string;
  rows: { form: Form; valueFen: number; now: CompareSide; after: CompareSide }[];
}

/** Head office's pricing entries for this shop's group, as last pulled: applied beside the owner's, read-only here. */
export interface ChainPricingView {
  calendar: PricingValues['calendar'];
  promotions: PricingValues['promotions'];
  /** Head office's brands for the group, by code and names; `inCatalogue`: taken into the catalogue as head office's (read-only), not a code the owner already had. */
  brands: { code: string; nameZh: string; nameEn: string; inCatalogue: boolean }[];
}

export const pricingCalls = {
  'pricing.chain': call({
    input: {},
    output: out<ChainPricingView>(),
    role: 'owner',
    mutates: false,
    summary:
      'Head office’s calendar demand and promotions for this shop’s group (sync-protocol.md v2), applied beside the owner’s own; read-only at the shop.',
  }),
  'pricing.compare': call({
    input: { brand: Brand, values: PricingValuesInput.partial() },
    output: out<PricingCompareView>(),
    role: 'owner',
    mutates: false,
    summary:
      'What the counter would offer now and after a proposed change of the pricing settings (checked as saving it would be, never saved) for the sample cards (¥100, ¥500, ¥1,000, ¥5,000; both forms): opening, target, clerk ceiling.',
  }),
};
