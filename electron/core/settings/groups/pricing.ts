// The owner's pricing levers (spec §3, settings.md "Pricing"), stored together under `pricing`. Beyond each key's
// bounds: the opening discount on the step, tiers strictly rising, date ranges in order, one override per brand
// and form, brands and forms from the catalogue (shared/domain/pricing-settings.ts). A list changes as one journal
// entry per item added, changed or removed.
import { yuanShort } from '../../../../shared/words/settings';
import { pricingProblem, type PricingProblem, type PricingValues } from '../../../../shared/domain/pricing-settings';
import type { JsonValue } from '../../journal/service';
import { refuse, type GroupDef, type SettingChange, type SettingsEnv } from './types';

const LISTS = ['tiers', 'calendar', 'promotions', 'overrides'] as const;
type ListKey = (typeof LISTS)[number];

/** The refusal of a pricing value: the key, and for a list the item (from 0) and its part (`tiers.1.bp`). */
export function refusePricing(p: PricingProblem): never {
  const [key = '', item, part] = p.field.split('.');
  const at: Record<string, string | number> = item !== undefined ? { item: Number(item), part: part ?? '' } : {};
  // Not on the step: the key's own bounds name the step; an override's item carries the step as its minimum.
  const range: Record<string, string | number> =
    p.why === 'step' && item === undefined
      ? {}
      : {
          ...(p.unit !== undefined ? { unit: p.unit } : {}),
          ...(p.min !== undefined ? { min: p.min } : {}),
          ...(p.max !== undefined ? { max: p.max } : {}),
        };
  return refuse('pricing', key, p.why, { ...at, ...range });
}

/** Checks the values as a whole; throws the first refusal. */
export function checkPricing(v: PricingValues, env: SettingsEnv): void {
  const p = pricingProblem(v, env.catalogue());
  if (p) refusePricing(p);
}

/** How a list item is named in the journal: a tier by its value, an override by brand and form, others by name. */
function labels(key: ListKey, items: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return items.map((raw) => {
    const x = raw as Record<string, unknown>;
    const base =
      key === 'tiers'
        ? `≥ ${yuanShort(Number(x.minValueFen))}`
        : key === 'overrides'
          ? `${String(x.brand)}/${String(x.form)}`
          : String(x.name);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function listChanges(key: ListKey, old: readonly unknown[], next: readonly unknown[]): SettingChange[] {
  const before = new Map(labels(key, old).map((l, i) => [l, old[i]]));
  const after = new Map(labels(key, next).map((l, i) => [l, next[i]]));
  const out: SettingChange[] = [];
  const entry = (item: string, change: string, o: unknown, n: unknown): SettingChange => ({
    group: 'pricing',
    key,
    item,
    change,
    old: (o ?? null) as JsonValue,
    new: (n ?? null) as JsonValue,
  });
  for (const [item, o] of before) {
    const n = after.get(item);
    if (n === undefined) out.push(entry(item, 'removed', o, null));
    else if (JSON.stringify(o) !== JSON.stringify(n)) out.push(entry(item, 'changed', o, n));
  }
  for (const [item, n] of after) if (!before.has(item)) out.push(entry(item, 'added', null, n));
  return out;
}

export const pricingGroup: GroupDef<'pricing'> = {
  read: (s) => s.get('pricing'),
  defaults: (s) => s.shipped('pricing'),
  write: (s, next) => s.set('pricing', next),
  check: (next, _old, env) => checkPricing(next, env),
  changes: (old, next) => {
    const out: SettingChange[] = [];
    for (const k of Object.keys(next) as (keyof PricingValues)[]) {
      if ((LISTS as readonly string[]).includes(k)) continue;
      if (old[k] !== next[k])
        out.push({ group: 'pricing', key: k, old: old[k] as JsonValue, new: next[k] as JsonValue });
    }
    for (const k of LISTS) out.push(...listChanges(k, old[k], next[k]));
    return out;
  },
};
