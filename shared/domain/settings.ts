// The owner's settings (product/settings.md): every group, its keys, their units and bounds. Pure data shared by
// the backend (which enforces the bounds) and the screens (which print them in words). A group is one member of
// `SettingValues` and one entry of `SETTING_BOUNDS`; the rules across fields live with the backend's group.
import type { CashRounding } from './money';
import { PRICING_BOUNDS as P, type PricingValues } from './pricing-settings';

/** Spec §5. Money in fen, alerts in whole hours. */
export interface ComplianceValues {
  phoneFromFen: number;
  identityTradeFen: number;
  identityDayFen: number;
  noCashDayFen: number;
  maxCardsPerDay: number;
  unsoldHoursE: number;
  unsoldHoursPhysical: number;
}

/** Spec §1, §4, §7: the day and the drawer. The cut-off is minutes after local midnight (04:00 = 240). */
export interface DayValues {
  cashRounding: CashRounding;
  verifyWindowMinutes: number;
  discrepancyThresholdFen: number;
  cutoffMinutes: number;
  timeZone: string;
  quoteStaleDays: number;
  backupEveryTrades: number;
  idleLockMinutes: number;
}

export interface SettingValues {
  compliance: ComplianceValues;
  day: DayValues;
  /** Spec §3: the shop-wide policy, tiers, calendar demand, promotions and overrides per brand and form. */
  pricing: PricingValues;
}
export type SettingGroup = keyof SettingValues;
export const SETTING_GROUPS = ['compliance', 'day', 'pricing'] as const satisfies readonly SettingGroup[];

/** What a number counts, so its bounds and value read in words ("¥100", "20 分钟", "04:00"). */
export type SettingUnit = 'fen' | 'bp' | 'minutes' | 'hours' | 'clock' | 'cards' | 'trades' | 'businessDays' | 'rounds';

export interface RangeBounds {
  kind: 'range';
  unit: SettingUnit;
  min: number;
  max: number;
  /** The upper bound is this other setting of the group (the phone threshold up to the identity threshold). */
  maxKey?: string;
  /** The upper bound is the shipped default: a blocking threshold is made stricter, never looser. */
  stricter?: boolean;
  /** The value is a multiple of this other setting (the opening discount in steps). */
  stepKey?: string;
}
export interface ChoiceBounds {
  kind: 'choice';
  options: readonly string[];
}
/** An IANA time zone, changed only while no business day is open. */
export interface ZoneBounds {
  kind: 'zone';
}
/** A list setting (tiers, calendar, promotions): at most so many items, each `bp` within its range. */
export interface ListBounds {
  kind: 'list';
  maxItems: number;
  item: RangeBounds;
}
export type SettingBounds = RangeBounds | ChoiceBounds | ZoneBounds | ListBounds;

type BoundsOf<G extends SettingGroup> = { [K in keyof SettingValues[G]]: SettingBounds };

const range = (unit: SettingUnit, min: number, max: number, extra: Partial<RangeBounds> = {}): RangeBounds => ({
  kind: 'range',
  unit,
  min,
  max,
  ...extra,
});

/** settings.md's tables. A bound that depends on another setting names it; the backend fills in its value. */
export const SETTING_BOUNDS: { [G in SettingGroup]: BoundsOf<G> } = {
  compliance: {
    phoneFromFen: range('fen', 0, 500_000, { maxKey: 'identityTradeFen' }),
    identityTradeFen: range('fen', 10_000, 500_000, { stricter: true }),
    identityDayFen: range('fen', 10_000, 1_000_000, { stricter: true }),
    noCashDayFen: range('fen', 100_000, 5_000_000, { stricter: true }),
    maxCardsPerDay: range('cards', 1, 100),
    unsoldHoursE: range('hours', 1, 72),
    unsoldHoursPhysical: range('hours', 1, 336),
  },
  day: {
    cashRounding: { kind: 'choice', options: ['none', 'jiao', 'yuan'] },
    verifyWindowMinutes: range('minutes', 1, 60),
    discrepancyThresholdFen: range('fen', 0, 100_000),
    cutoffMinutes: range('clock', 0, 720),
    timeZone: { kind: 'zone' },
    quoteStaleDays: range('businessDays', 1, 7),
    backupEveryTrades: range('trades', 1, 500),
    idleLockMinutes: range('minutes', 1, 60),
  },
  pricing: {
    targetMarginBp: range('bp', P.targetMarginBp.min, P.targetMarginBp.max),
    minMarginBp: range('bp', P.minMarginBp.min, P.minMarginBp.max, { maxKey: 'targetMarginBp' }),
    openingDiscountBp: range('bp', P.openingDiscountBp.min, P.openingDiscountBp.max, { stepKey: 'stepBp' }),
    stepBp: range('bp', P.stepBp.min, P.stepBp.max),
    maxRounds: range('rounds', P.maxRounds.min, P.maxRounds.max),
    capitalCostBpPerDay: range('bp', P.capitalCostBpPerDay.min, P.capitalCostBpPerDay.max),
    physicalFallbackBp: range('bp', P.physicalFallbackBp.min, P.physicalFallbackBp.max),
    tiers: { kind: 'list', maxItems: P.tiers.max, item: range('bp', P.adjustmentBp.min, P.adjustmentBp.max) },
    calendar: { kind: 'list', maxItems: P.calendar.max, item: range('bp', P.adjustmentBp.min, P.adjustmentBp.max) },
    promotions: {
      kind: 'list',
      maxItems: P.promotions.max,
      item: range('bp', P.adjustmentBp.min, P.adjustmentBp.max),
    },
    // Each override is a policy: its margins within the shop-wide policy's bounds, and the same rules.
    overrides: {
      kind: 'list',
      maxItems: P.overrides.max,
      item: range('bp', P.targetMarginBp.min, P.targetMarginBp.max),
    },
  },
};

/** The keys of a group, in the order settings.md lists them (the screens show them so). */
export function settingKeys(group: SettingGroup): string[] {
  return Object.keys(SETTING_BOUNDS[group]);
}

/** `04:00` from 240 minutes after midnight. */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes after midnight from `4:00`, `04:30` or `4`, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/** Whether this runtime knows the time zone by its IANA name (`Asia/Shanghai`, `UTC`). */
export function isIanaZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone)) return false;
  if (zone === 'UTC') return true;
  return Intl.supportedValuesOf('timeZone').includes(zone);
}

/**
 * Why the backend refused a setting, in the error's details (`SETTING_REFUSED`): `range` (outside min–max),
 * `stricter` (above the shipped default), `aboveKey` (above another setting), `belowKey` (below another setting
 * that must stay under it), `choice`, `zone` (not an IANA zone), `dayOpen` (the zone while a day is open),
 * `step` (not a multiple of the step), `items` (too many items in a list).
 */
export type SettingRefusal =
  | 'range'
  | 'stricter'
  | 'aboveKey'
  | 'belowKey'
  | 'choice'
  | 'zone'
  | 'dayOpen'
  | 'step'
  | 'items'
  // Pricing's lists: a tier not above the one before, a range that ends before it starts, a second override of one
  // brand and form, a brand or a form not in the catalogue.
  | 'rising'
  | 'order'
  | 'duplicate'
  | 'brand'
  | 'form';
