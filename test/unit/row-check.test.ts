// The written row checks (electron/core/db/row-check.ts) answer exactly as zod does: every row schema of the app
// is compiled, and for rows made from its columns — right ones and each column made wrong in turn — the check
// accepts what zod accepts with zod's output, and refuses what zod refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as rows from '../../electron/core/db/rows';
import { TradeJoined, ViewLine } from '../../electron/core/trades/views';
import { compileRowCheck, parseRow, REFUSED } from '../../electron/core/db/row-check';

const schemas: [string, z.ZodType][] = [
  ...Object.entries(rows as Record<string, unknown>).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType),
  ['TradeJoined', TradeJoined],
  ['ViewLine', ViewLine],
];

/** Values worth trying for any column: right for some kind, wrong for the others. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, undefined, true, NaN, Infinity, -0, 1.5, Buffer.from('ab'), {}, [], 'e', 'physical', 'cash'),
);

type Shape = Record<string, z.ZodType>;
const shapeOf = (s: z.ZodType): Shape => (s as unknown as { shape: Shape }).shape;

/** A value zod accepts for a column schema, found among samples (undefined when none is). */
function goodValue(col: z.ZodType, samples: unknown[]): { v: unknown } | undefined {
  for (const v of samples) if (col.safeParse(v).success) return { v };
  return undefined;
}

const SAMPLES: unknown[] = [
  'text',
  '',
  0,
  1,
  123_456,
  null,
  Buffer.from('x'),
  'e',
  'physical',
  'cash',
  'wechat',
  'alipay',
  'bank',
  'draft',
  'paid',
  'active',
  'clerk',
  'owner',
];

describe('row checks written per schema', () => {
  it('compile for every plain row schema of the app', () => {
    const compiled = schemas.filter(([, s]) => compileRowCheck(s) !== null).map(([n]) => n);
    // Every table's schema is a plain object of the kinds the checks handle.
    expect(compiled.length).toBeGreaterThanOrEqual(schemas.length - 2);
    expect(compiled).toContain('TradeJoined');
    expect(compiled).toContain('ViewLine');
  });

  for (const [name, schema] of schemas) {
    const check = compileRowCheck(schema);
    if (!check) continue;
    it(`answers as zod does for ${name}`, () => {
      const shape = shapeOf(schema);
      const row: Record<string, unknown> = {};
      for (const [k, col] of Object.entries(shape)) {
        const good = goodValue(col, SAMPLES);
        // A column whose right values are not among the samples (an enum of its own): its first enum value.
        const def = (col as unknown as { _zod: { def: { type: string; entries?: object; innerType?: z.ZodType } } })
          ._zod.def;
        const first: unknown =
          def.type === 'enum'
            ? (Object.values(def.entries ?? {}) as unknown[])[0]
            : def.type === 'nullable'
              ? null
              : undefined;
        row[k] = good ? good.v : first;
      }
      row.extra_column = 'not in the schema';
      const right = schema.safeParse(row);
      expect(right.success).toBe(true);
      expect(check(row)).toEqual(right.data);
      expect(Object.keys(check(row) as object)).not.toContain('extra_column');
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(shape)), anyValue, (key, value) => {
          const changed = { ...row, [key]: value };
          const z_ = schema.safeParse(changed);
          const ours = check(changed);
          if (z_.success) expect(ours).toEqual(z_.data);
          else expect(ours).toBe(REFUSED);
          // And through the parse the app uses: zod's answer or zod's error.
          if (z_.success) expect(parseRow(schema, changed)).toEqual(z_.data);
          else expect(() => parseRow(schema, changed)).toThrow(z.ZodError);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('leaves to zod what it does not know, and refuses what is not a row', () => {
    expect(compileRowCheck(z.object({ a: z.string().trim() }))).toBeNull();
    expect(compileRowCheck(z.object({ a: z.string().optional() }))).toBeNull();
    expect(compileRowCheck(z.looseObject({ a: z.string() }))).toBeNull();
    expect(compileRowCheck(z.string())).toBeNull();
    const check = compileRowCheck(z.object({ a: z.number().int().min(1).max(3), b: z.string().regex(/^x+$/) }));
    expect(check?.({ a: 2, b: 'xx' })).toEqual({ a: 2, b: 'xx' });
    for (const bad of [null, 'row', { a: 4, b: 'x' }, { a: 1.5, b: 'x' }, { a: 1, b: 'y' }, { a: 1 }])
      expect(check?.(bad)).toBe(REFUSED);
  });
});
