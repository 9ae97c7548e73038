// The pricing screen's draft: what the owner types (percentages, yuan, local times) and the values the contract
// takes, both ways; and where on the screen a refusal belongs. Pure, no React.
import type { ErrorBody } from '../../../../shared/contract';
import type { Form } from '../../../../shared/domain/codes';
import { formatYuan, parseRate, parseYuan } from '../../../../shared/domain/money';
import { POLICY_KEYS, type PricingValues } from '../../../../shared/domain/pricing-settings';

export type PolicyKey = (typeof POLICY_KEYS)[number];
export type ShopKey = PolicyKey | 'capitalCostBpPerDay' | 'physicalFallbackBp';
export const SHOP_KEYS: readonly ShopKey[] = [...POLICY_KEYS, 'capitalCostBpPerDay', 'physicalFallbackBp'];

export interface Draft {
  shop: Record<ShopKey, string>;
  tiers: { from: string; bp: string }[];
  calendar: { name: string; from: string; to: string; bp: string; active: boolean }[];
  /** `brand`/`form` '' is every brand / every form; `from`/`to` as a datetime-local input holds them. */
  promotions: { name: string; from: string; to: string; bp: string; brand: string; form: '' | Form }[];
  overrides: ({ brand: string; form: Form } & Record<PolicyKey, string>)[];
}

/** Out of every range: what cannot be read is sent so, and refused in words next to its field. */
const UNREADABLE = 1_000_000_000;

/** `3.00` from 300 bp; the round limit as a count. */
export const pct = (bp: number): string =>
  `${bp < 0 ? '-' : ''}${Math.floor(Math.abs(bp) / 100)}.${String(Math.abs(bp) % 100).padStart(2, '0')}`;
export const signedPct = (bp: number): string => (bp > 0 ? `+${pct(bp)}` : pct(bp));

/** bp from `3`, `3.00`, `+0.30`, `-0.2`, `−0.20%`; unreadable text answers a value no bound takes. */
export function readPct(text: string): number {
  const t = text.normalize('NFKC').trim().replace(/^−/, '-');
  const sign = t.startsWith('-') ? -1 : 1;
  const bp = parseRate(t.replace(/^[+-]/, ''));
  return bp === null ? UNREADABLE : sign * bp;
}
const readCount = (text: string): number => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : UNREADABLE);
const readYuan = (text: string): number => parseYuan(text) ?? 0;

const two = (n: number) => String(n).padStart(2, '0');
/** `2026-11-25T09:30` in this PC's time, as a datetime-local input shows it. */
export function localInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
/** The instant a datetime-local input names in this PC's time, with its offset (`…T09:30:00+08:00`). */
export function instantOf(local: string): string {
  const d = new Date(local);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) || Number.isNaN(d.getTime())) return local;
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${local}:00${sign}${two(Math.floor(Math.abs(off) / 60))}:${two(Math.abs(off) % 60)}`;
}

const policyText = (p: Record<PolicyKey, number>): Record<PolicyKey, string> => ({
  targetMarginBp: pct(p.targetMarginBp),
  minMarginBp: pct(p.minMarginBp),
  openingDiscountBp: pct(p.openingDiscountBp),
  stepBp: pct(p.stepBp),
  maxRounds: String(p.maxRounds),
});
const policyValues = (p: Record<PolicyKey, string>): Record<PolicyKey, number> => ({
  targetMarginBp: readPct(p.targetMarginBp),
  minMarginBp: readPct(p.minMarginBp),
  openingDiscountBp: readPct(p.openingDiscountBp),
  stepBp: readPct(p.stepBp),
  maxRounds: readCount(p.maxRounds),
});

export function draftOf(v: PricingValues): Draft {
  return {
    shop: {
      ...policyText(v),
      capitalCostBpPerDay: pct(v.capitalCostBpPerDay),
      physicalFallbackBp: pct(v.physicalFallbackBp),
    },
    tiers: v.tiers.map((t) => ({ from: formatYuan(t.minValueFen).replace(/^¥/, ''), bp: signedPct(t.bp) })),
    calendar: v.calendar.map((c) => ({ ...c, bp: signedPct(c.bp) })),
    promotions: v.promotions.map((p) => ({
      name: p.name,
      from: localInput(p.from),
      to: localInput(p.to),
      bp: signedPct(p.bp),
      brand: p.brand ?? '',
      form: p.form ?? '',
    })),
    overrides: v.overrides.map((o) => ({ brand: o.brand, form: o.form, ...policyText(o) })),
  };
}

export function valuesOf(d: Draft): PricingValues {
  return {
    ...policyValues(d.shop),
    capitalCostBpPerDay: readPct(d.shop.capitalCostBpPerDay),
    physicalFallbackBp: readPct(d.shop.physicalFallbackBp),
    tiers: d.tiers.map((t) => ({ minValueFen: readYuan(t.from), bp: readPct(t.bp) })),
    calendar: d.calendar.map((c) => ({ name: c.name, from: c.from, to: c.to, bp: readPct(c.bp), active: c.active })),
    promotions: d.promotions.map((p) => ({
      name: p.name,
      from: instantOf(p.from),
      to: instantOf(p.to),
      bp: readPct(p.bp),
      brand: p.brand === '' ? null : p.brand,
      form: p.form === '' ? null : p.form,
    })),
    overrides: d.overrides.map((o) => ({ brand: o.brand, form: o.form, ...policyValues(o) })),
  };
}

/**
 * Where a refusal belongs on the screen: a key (`targetMarginBp`), a list (`tiers`), an item (`tiers.1`) or a
 * part of one (`tiers.1.bp`); null when it names none of them.
 */
export function refusedAt(e: ErrorBody | null | undefined): string | null {
  if (!e) return null;
  const d = e.details;
  if (e.code === 'SETTING_REFUSED' && d.group === 'pricing' && typeof d.key === 'string')
    return typeof d.item === 'number'
      ? `${d.key}.${d.item}${typeof d.part === 'string' && d.part ? `.${d.part}` : ''}`
      : d.key;
  if (e.code === 'VALIDATION' && typeof d.field === 'string' && d.field.startsWith('values.'))
    return d.field.slice('values.'.length);
  return null;
}
