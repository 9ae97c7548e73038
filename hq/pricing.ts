// The chain's pricing levers (head-office.md "Rates and levers", sync-protocol.md v2 "Pulls"): brands, calendar
// demand and promotions set by head office for all shops or for one group. Each entry is checked with the shop's
// own schemas and rules (shared/contract, shared/domain/pricing-settings.ts) before it is stored, so a shop can
// always apply what it pulls. A shop pulls what is set for all shops followed by what is set for its group (a
// brand set for its group replaces the same brand set for all).
import { z } from 'zod';
import { counterCalls } from '../shared/contract/calls-counter';
import { PricingValuesInput } from '../shared/contract/calls-pricing';
import { DEFAULT_PRICING_VALUES, PRICING_BOUNDS, pricingProblem } from '../shared/domain/pricing-settings';
import { patternProblem } from '../shared/domain/pattern';
import { jcs } from '../shared/protocol/canonical';
import { sha256Hex } from '../shared/protocol/signing';
import type { Db, Queryable } from './db/types';

const BrandEntry = counterCalls['catalog.upsert'].input;
export const PricingEntries = z.strictObject({
  brands: z.array(BrandEntry).max(100).default([]),
  calendar: PricingValuesInput.shape.calendar.default([]),
  promotions: PricingValuesInput.shape.promotions.default([]),
});
export type PricingEntries = z.infer<typeof PricingEntries>;

const Row = z.object({ group_name: z.string(), entries: z.string() });
const GroupOf = z.object({ group_name: z.string() });
const SetRow = z.object({ entries: z.string(), set_at: z.number().int() });

export class PricingError extends Error {
  override name = 'PricingError';
  /** The entry it concerns (`promotions.0.bp`, or the list), as the message begins. */
  get field(): string {
    return this.message.split(':')[0] ?? '';
  }
  /** The refusal's code for the console: why a brand's pattern is refused (`pattern_nested`), else `pricing`. */
  get code(): string {
    const m = /the pattern is refused \((invalid|long|nested)\)$/.exec(this.message);
    return m ? `pattern_${m[1]}` : 'pricing';
  }
}

/** What a shop of `group` pulls: the entries for all shops, then its group's. */
export function combine(all: PricingEntries | null, group: PricingEntries | null): PricingEntries {
  const brands = new Map((all?.brands ?? []).map((b) => [b.code, b]));
  for (const b of group?.brands ?? []) brands.set(b.code, b);
  return {
    brands: [...brands.values()],
    calendar: [...(all?.calendar ?? []), ...(group?.calendar ?? [])],
    promotions: [...(all?.promotions ?? []), ...(group?.promotions ?? [])],
  };
}

/** The first reason a shop would refuse these entries, in words for the owner at the command line; or null. */
export function entriesProblem(e: PricingEntries): string | null {
  const codes = new Set<string>();
  for (const [i, b] of e.brands.entries()) {
    if (codes.has(b.code)) return `brands.${i}: ${b.code} is set twice`;
    codes.add(b.code);
    const forms = new Set<string>();
    for (const [j, f] of b.forms.entries()) {
      if (forms.has(f.form)) return `brands.${i}.forms.${j}: the form ${f.form} is set twice`;
      forms.add(f.form);
      for (const field of ['numberPattern', 'secretPattern'] as const) {
        const p = patternProblem(f[field]);
        if (p) return `brands.${i}.forms.${j}.${field}: the pattern is refused (${p})`;
      }
    }
  }
  // A promotion may name a brand a shop does not carry: that shop skips it, as it skips such quotes.
  const named = e.promotions.flatMap((p) => (p.brand ? [p.brand] : []));
  const catalogue = [...new Set([...codes, ...named])].map((brand) => ({
    brand,
    forms: e.brands.find((b) => b.code === brand)?.forms.map((f) => f.form) ?? (['e', 'physical'] as const),
  }));
  const problem = pricingProblem(
    { ...DEFAULT_PRICING_VALUES, calendar: e.calendar, promotions: e.promotions },
    catalogue,
  );
  if (!problem) return null;
  const bound = problem.max !== undefined ? ` (${problem.min ?? ''}–${problem.max} ${problem.unit ?? ''})` : '';
  return `${problem.field}: ${problem.why}${bound}`;
}

export class Pricing {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  private async entries(group: string, q: Queryable = this.db): Promise<PricingEntries | null> {
    const row = await q.get(Row, 'SELECT group_name, entries FROM pricing WHERE group_name = $1', [group]);
    return row ? PricingEntries.parse(JSON.parse(row.entries)) : null;
  }

  /**
   * Sets the entries for `group` ('' for all shops), replacing what was set for it. Refused whole, nothing
   * changed, when an entry would be refused by a shop, alone or with what the shops of a group pull beside it.
   */
  async set(raw: unknown, group = '', q: Queryable = this.db): Promise<string> {
    const parsed = PricingEntries.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PricingError(`${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'not pricing entries'}`);
    }
    const e = parsed.data;
    const groups =
      group === ''
        ? (await q.all(GroupOf, "SELECT group_name FROM pricing WHERE group_name <> ''")).map((r) => r.group_name)
        : [group];
    const all = group === '' ? e : await this.entries('', q);
    const checks = group === '' ? [e, ...(await Promise.all(groups.map((g) => this.entries(g, q))))] : [e];
    for (const [i, g] of checks.entries()) {
      const pulled = group === '' ? (i === 0 ? e : combine(all, g)) : combine(all, e);
      for (const list of ['calendar', 'promotions'] as const)
        if (pulled[list].length > PRICING_BOUNDS[list].max)
          throw new PricingError(
            `${list}: a shop${group || i > 0 ? ` of group ${group || groups[i - 1]}` : ''} would pull ${pulled[list].length}, at most ${PRICING_BOUNDS[list].max}`,
          );
      const problem = entriesProblem(pulled);
      if (problem) throw new PricingError(problem);
    }
    await q.run(
      `INSERT INTO pricing (group_name, entries, set_at) VALUES ($1, $2, $3)
       ON CONFLICT (group_name) DO UPDATE SET entries = excluded.entries, set_at = excluded.set_at`,
      [group, JSON.stringify(e), this.now()],
    );
    return this.etagOf(group === '' ? e : combine(all, e));
  }

  etagOf(e: PricingEntries): string {
    return `"${sha256Hex(jcs(e)).slice(0, 16)}"`;
  }

  /** What is set for `group` ('' for all shops), and what a shop of it pulls with that pull's ETag. */
  async read(
    group: string,
  ): Promise<{ entries: PricingEntries; setAt: number | null; pulled: PricingEntries; etag: string }> {
    const row = await this.db.get(SetRow, 'SELECT entries, set_at FROM pricing WHERE group_name = $1', [group]);
    const entries = row ? PricingEntries.parse(JSON.parse(row.entries)) : PricingEntries.parse({});
    const pulled = await this.forGroup(group);
    return { entries, setAt: row?.set_at ?? null, pulled: pulled.entries, etag: pulled.etag };
  }

  /** What a shop of `group` pulls ('' : a shop with no group's entries), with its ETag. */
  async forGroup(group: string): Promise<{ entries: PricingEntries; etag: string }> {
    const entries = combine(await this.entries(''), group === '' ? null : await this.entries(group));
    return { entries, etag: this.etagOf(entries) };
  }

  /** What the shop pulls, with its ETag. */
  async forShop(shopId: string): Promise<{ entries: PricingEntries; etag: string }> {
    const rows = await this.db.all(
      Row,
      `SELECT p.group_name, p.entries FROM pricing p
       WHERE p.group_name = '' OR p.group_name = (SELECT group_name FROM shops WHERE shop_id = $1 AND group_name <> '')`,
      [shopId],
    );
    const read = (g: string) => {
      const r = rows.find((x) => (g === '' ? x.group_name === '' : x.group_name !== ''));
      return r ? PricingEntries.parse(JSON.parse(r.entries)) : null;
    };
    const entries = combine(read(''), read('group'));
    return { entries, etag: this.etagOf(entries) };
  }
}
