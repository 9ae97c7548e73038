// Brands and their forms (spec §2): names, the shape of card numbers and secrets, the maximum value.
import type { z } from 'zod';
import shipped from '../../../resources/defaults/brands.json';
import { AppError, type BrandFormView as FormView, type BrandView } from '../../../shared/contract';
import { Form as FormCode } from '../../../shared/contract/schemas';
import { BrandFormRow, BrandRow } from '../db/rows';
import type { Kept, Sql } from '../db/sql';

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
});

export class Catalog {
  private readonly patterns = new Map<string, RegExp>();
  /** Active forms by `brand/form`, read once between changes (every card line asks). */
  private readonly forms: Kept<FormView | null>;
  constructor(private readonly sql: Sql) {
    this.forms = sql.keep();
  }

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

  has(brand: string): boolean {
    return this.sql.exists('SELECT 1 FROM brands WHERE code = ? AND active = 1', brand);
  }

  form(brand: string, form: string): FormView {
    const f = this.forms.get(`${brand}/${form}`, () => {
      const r = this.sql.get(
        BrandFormRow,
        'SELECT f.* FROM brand_forms f JOIN brands b ON b.code = f.brand WHERE f.brand = ? AND f.form = ? AND b.active = 1',
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
      re = new RegExp(pattern, 'u');
      this.patterns.set(pattern, re);
    }
    return re;
  }

  upsert(b: { code: string; nameZh: string; nameEn: string; active: boolean; forms: FormView[] }): void {
    for (const f of b.forms) {
      for (const [field, p] of [
        ['numberPattern', f.numberPattern],
        ['secretPattern', f.secretPattern],
      ] as const) {
        try {
          // oxlint-disable-next-line no-new -- compiling the pattern is the check: it throws when invalid
          new RegExp(p, 'u');
        } catch {
          throw new AppError('VALIDATION', 'the pattern is not a valid regular expression', {
            field: `forms.${f.form}.${field}`,
          });
        }
      }
    }
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
        `INSERT INTO brand_forms (brand, form, name_zh, name_en, number_pattern, number_hint, secret_pattern, secret_hint, secret_required, max_value_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (brand, form) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
           number_pattern = excluded.number_pattern, number_hint = excluded.number_hint, secret_pattern = excluded.secret_pattern,
           secret_hint = excluded.secret_hint, secret_required = excluded.secret_required, max_value_fen = excluded.max_value_fen`,
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
      );
    }
  }

  seedShipped(): void {
    for (const b of shipped.brands)
      this.upsert({ ...b, active: true, forms: b.forms.map((f) => ({ ...f, form: FormCode.parse(f.form) })) });
  }
}
