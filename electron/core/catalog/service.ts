// Brands and their forms (spec §2, settings.md "Brands"): names, the shape of card numbers and secrets, the maximum
// value, and whether the counter offers them. A pattern is saved only when it compiles, is short, has no repeat
// inside a repeat and answers hostile inputs in time (./trial.ts); each item changed is one journal entry.
import type { z } from 'zod';
import shipped from '../../../resources/defaults/brands.json';
import {
  AppError,
  type BrandFormView as FormView,
  type BrandView,
  type CatalogChange,
  type CatalogValues,
} from '../../../shared/contract';
import { counterCalls } from '../../../shared/contract/calls-counter';
import { Form as FormCode } from '../../../shared/contract/schemas';
import {
  compilePattern,
  HOSTILE_LENGTH,
  PATTERN_MAX_LENGTH,
  PATTERN_TRIAL_MS,
  patternProblem,
} from '../../../shared/domain/pattern';
import { BrandFormRow, BrandRow } from '../db/rows';
import type { Kept, Sql } from '../db/sql';
import { checkPattern } from './trial';

const toForm = (r: z.infer<typeof BrandFormRow>): FormView => ({
  form: r.form,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  numberPattern: r.number_pattern,
  numberHint: r.number_hint,
  secretPattern: r.secret_pattern,
  secretHint: r.secret_hint,
  secretRequired: r.secret_required === 1,
  maxValueFen: r.max_value_fen,
  active: r.active === 1,
});

export interface BrandInput {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  forms: FormView[];
}

const BRAND_FIELDS = ['nameZh', 'nameEn', 'active'] as const;
const FORM_FIELDS = [
  'nameZh',
  'nameEn',
  'numberPattern',
  'numberHint',
  'secretPattern',
  'secretHint',
  'secretRequired',
  'maxValueFen',
  'active',
] as const;

/** One journal item: what changed between the stored values (none for an item added) and the new ones. */
function diff<K extends string>(
  fields: readonly K[],
  before: Record<K, string | number | boolean> | undefined,
  after: Record<K, string | number | boolean>,
  item: Omit<CatalogChange, 'change' | 'fields' | 'old' | 'new'>,
): CatalogChange | null {
  const changed = fields.filter((f) => before === undefined || before[f] !== after[f]);
  if (changed.length === 0) return null;
  const pick = (v: Record<K, string | number | boolean>): CatalogValues =>
    Object.fromEntries(changed.map((f) => [f, v[f]]));
  const switched = before !== undefined && 'active' in after && before['active' as K] !== after['active' as K];
  return {
    ...item,
    change: before === undefined ? 'added' : switched ? (after['active' as K] ? 'on' : 'off') : 'changed',
    fields: changed,
    old: before === undefined ? null : pick(before),
    new: pick(after),
  };
}

export class Catalog {
  private readonly patterns = new Map<string, RegExp>();
  /** Active forms by `brand/form`, read once between changes (every card line asks). */
  private readonly forms: Kept<FormView | null>;
  constructor(private readonly sql: Sql) {
    this.forms = sql.keep();
  }

  /** Every brand, switched off or not, with every form: the owner's screen and the names of cards bought. */
  list(): BrandView[] {
    const brands = this.sql.all(BrandRow, 'SELECT * FROM brands ORDER BY code');
    const forms = this.sql.all(BrandFormRow, 'SELECT * FROM brand_forms ORDER BY brand, form');
    return brands.map((b) => ({
      code: b.code,
      nameZh: b.name_zh,
      nameEn: b.name_en,
      active: b.active === 1,
      forms: forms.filter((f) => f.brand === b.code).map(toForm),
    }));
  }

  /** A brand the shop buys now. */
  has(brand: string): boolean {
    return this.sql.exists('SELECT 1 FROM brands WHERE code = ? AND active = 1', brand);
  }

  /** A form the counter may take a new card of: the brand and the form both switched on. */
  form(brand: string, form: string): FormView {
    const f = this.forms.get(`${brand}/${form}`, () => {
      const r = this.sql.get(
        BrandFormRow,
        `SELECT f.* FROM brand_forms f JOIN brands b ON b.code = f.brand
         WHERE f.brand = ? AND f.form = ? AND b.active = 1 AND f.active = 1`,
        brand,
        form,
      );
      return r ? toForm(r) : null;
    });
    if (!f) throw new AppError('VALIDATION', 'unknown brand or form', { field: this.has(brand) ? 'form' : 'brand' });
    return f;
  }

  regex(pattern: string): RegExp {
    let re = this.patterns.get(pattern);
    if (!re) {
      re = compilePattern(pattern);
      this.patterns.set(pattern, re);
    }
    return re;
  }

  /**
   * Adds or changes a brand and the forms it lists (a form not listed stays as it is); answers one change per
   * brand or form that changed, for the journal. Refuses, saving nothing, a pattern unfit for the counter, a form
   * listed twice, a brand switched on with no form on, and switching off the last brand the shop buys.
   */
  upsert(b: BrandInput, opts: { shipped?: boolean } = {}): CatalogChange[] {
    const before = this.list().find((x) => x.code === b.code);
    const seen = new Set<string>();
    for (const f of b.forms) {
      if (seen.has(f.form)) throw new AppError('VALIDATION', 'a form is listed twice', { field: 'forms' });
      seen.add(f.form);
      const stored = before?.forms.find((x) => x.form === f.form);
      for (const field of ['numberPattern', 'secretPattern'] as const) {
        // A pattern already on the counter is not tried again: only what the owner changes now.
        if (stored?.[field] === f[field]) continue;
        // The shipped patterns are tried by their own test (test/unit/pattern.test.ts), not at every setup.
        const problem = opts.shipped ? patternProblem(f[field]) : checkPattern(f[field]);
        if (problem)
          throw new AppError('PATTERN_REFUSED', `the pattern is refused: ${problem}`, {
            field: `forms.${f.form}.${field}`,
            problem,
            limit: PATTERN_MAX_LENGTH,
            ms: PATTERN_TRIAL_MS,
            length: HOSTILE_LENGTH,
          });
      }
    }
    const forms = new Map((before?.forms ?? []).map((f) => [f.form, f]));
    for (const f of b.forms) forms.set(f.form, f);
    if (b.active && ![...forms.values()].some((f) => f.active))
      throw new AppError('VALIDATION', 'a brand switched on needs a form switched on', { field: 'forms' });
    if (!b.active && !this.sql.exists('SELECT 1 FROM brands WHERE active = 1 AND code <> ?', b.code))
      throw new AppError('VALIDATION', 'the shop would buy no brand', { field: 'active' });

    this.forms.clear();
    this.sql.run(
      `INSERT INTO brands (code, name_zh, name_en, active) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, active = excluded.active`,
      b.code,
      b.nameZh,
      b.nameEn,
      Number(b.active),
    );
    for (const f of b.forms) {
      this.sql.run(
        `INSERT INTO brand_forms (brand, form, name_zh, name_en, number_pattern, number_hint, secret_pattern, secret_hint,
           secret_required, max_value_fen, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (brand, form) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
           number_pattern = excluded.number_pattern, number_hint = excluded.number_hint, secret_pattern = excluded.secret_pattern,
           secret_hint = excluded.secret_hint, secret_required = excluded.secret_required, max_value_fen = excluded.max_value_fen,
           active = excluded.active`,
        b.code,
        f.form,
        f.nameZh,
        f.nameEn,
        f.numberPattern,
        f.numberHint,
        f.secretPattern,
        f.secretHint,
        Number(f.secretRequired),
        f.maxValueFen,
        Number(f.active),
      );
    }

    const changes: (CatalogChange | null)[] = [
      diff(BRAND_FIELDS, before, b, {
        key: `catalog.${b.code}`,
        item: 'brand',
        brand: b.code,
        form: null,
        nameZh: b.nameZh,
        nameEn: b.nameEn,
      }),
      ...b.forms.map((f) =>
        diff(
          FORM_FIELDS,
          before?.forms.find((x) => x.form === f.form),
          f,
          {
            key: `catalog.${b.code}.${f.form}`,
            item: 'form',
            brand: b.code,
            form: f.form,
            nameZh: f.nameZh,
            nameEn: f.nameEn,
          },
        ),
      ),
    ];
    return changes.filter((c): c is CatalogChange => c !== null);
  }

  /**
   * Head office's brands for this shop's group (sync-protocol.md v2 "Pulls"), each checked as the owner's save
   * is: a code the owner's catalogue has (and head office did not give) stays the owner's; the others are added or
   * changed. Answers the codes that are head office's now, and the changes for the journal.
   */
  applyChain(raw: unknown[], before: readonly string[]): { codes: string[]; changes: CatalogChange[] } {
    const codes: string[] = [];
    const changes: CatalogChange[] = [];
    for (const entry of raw) {
      const b = counterCalls['catalog.upsert'].input.safeParse(entry);
      if (!b.success) throw new AppError('VALIDATION', 'a brand of head office is refused', { field: 'brands' });
      const owners =
        this.sql.exists('SELECT 1 FROM brands WHERE code = ?', b.data.code) && !before.includes(b.data.code);
      if (owners) continue;
      changes.push(...this.upsert(b.data));
      codes.push(b.data.code);
    }
    return { codes, changes };
  }

  seedShipped(): void {
    for (const b of shipped.brands)
      this.upsert(
        {
          ...b,
          active: true,
          forms: b.forms.map((f) => ({ ...f, form: FormCode.parse(f.form), active: true })),
        },
        { shipped: true },
      );
  }
}
