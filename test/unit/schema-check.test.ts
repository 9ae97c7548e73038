// The written checks (electron/core/schema-check.ts) answer exactly as zod does. Every row schema of the app is
// compiled, and for rows made from its columns — right ones and each column made wrong in turn — the check accepts
// what zod accepts with zod's output, and refuses what zod refuses. So is the input of every call: values made from
// its schema, right ones and each key made wrong, left out or added in turn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as rows from '../../electron/core/db/rows';
import * as stored from '../../electron/core/db/stored';
import { TradeJoined, ViewLine } from '../../electron/core/trades/views';
import { calls } from '../../shared/contract';
import { compileCheck, parseChecked, REFUSED, safeParseChecked } from '../../electron/core/schema-check';

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
    const compiled = schemas.filter(([, s]) => compileCheck(s) !== null).map(([n]) => n);
    // Every table's schema is a plain object of the kinds the checks handle.
    expect(compiled.length).toBeGreaterThanOrEqual(schemas.length - 2);
    expect(compiled).toContain('TradeJoined');
    expect(compiled).toContain('ViewLine');
  });

  for (const [name, schema] of schemas) {
    const check = compileCheck(schema);
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
          if (z_.success) expect(parseChecked(schema, changed)).toEqual(z_.data);
          else expect(() => parseChecked(schema, changed)).toThrow(z.ZodError);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('answers as zod does where zod is particular', () => {
    const cases: [z.ZodType, unknown][] = [
      // Text lengths count characters (code points), not UTF-16 units.
      [z.string().min(2), '😀'],
      [z.string().min(2), '😀😀'],
      [z.string().trim().min(2), ' 😀 '],
      [z.string().length(2), '😀'],
      [z.string().length(2), '😀😀'],
      [z.string().max(2), '😀😀'],
      [z.string().max(2), '😀😀😀'],
      [z.string().min(16).max(200), '😀'.repeat(8)],
      [z.array(z.string()).min(2), ['😀']],
      // A key that must be given, whose schema would take undefined; an optional behind nullable.
      [z.object({ a: z.custom<string>() }), {}],
      [z.object({ a: z.custom<string>() }), { a: undefined }],
      [z.object({ a: z.string().optional().nullable() }), {}],
      [z.object({ a: z.string().optional().nullable() }), { a: undefined }],
      [z.strictObject({ a: z.string() }), JSON.parse('{"a":"x","__proto__":{"b":1}}')],
      [z.looseObject({ a: z.string() }), JSON.parse('{"a":"x","__proto__":{"b":1}}')],
      [z.object({ a: z.string() }), ['x']],
      [z.array(z.number()), { length: 0 }],
    ];
    for (const [schema, value] of cases) {
      const z_ = schema.safeParse(value);
      const ours = compileCheck(schema)?.(value) ?? REFUSED;
      if (ours !== REFUSED) expect(z_.success && ours).toStrictEqual(z_.data);
      if (!z_.success) expect(ours).toBe(REFUSED);
      expect(safeParseChecked(schema, value)).toStrictEqual(z_);
    }
    // Kinds that look like others but are not: left to zod.
    expect(compileCheck(z.string().exactOptional())).toBeNull();
    expect(compileCheck(z.object({ a: z.string().exactOptional() }))).toBeNull();
    expect(compileCheck(z.object({ ['__proto__']: z.string() }))).toBeNull();
    enum Numbered {
      A = 1,
    }
    expect(compileCheck(z.enum(Numbered))).toBeNull();
    expect(compileCheck(z.stringFormat('uuid', (v) => v === 'x'))).toBeNull();
  });

  it('leaves to zod what it does not know, and refuses what is not a row', () => {
    expect(compileCheck(z.object({ a: z.string().transform((x) => x.length) }))).toBeNull();
    expect(compileCheck(z.object({ a: z.email() }))).toBeNull();
    expect(compileCheck(z.object({ a: z.string() }).catchall(z.string()))).toBeNull();
    expect(compileCheck(z.object({ a: z.string().default('x') }))).toBeNull();
    const check = compileCheck(z.object({ a: z.number().int().min(1).max(3), b: z.string().regex(/^x+$/) }));
    expect(check?.({ a: 2, b: 'xx' })).toEqual({ a: 2, b: 'xx' });
    for (const bad of [null, 'row', [], { a: 4, b: 'x' }, { a: 1.5, b: 'x' }, { a: 1, b: 'y' }, { a: 1 }])
      expect(check?.(bad)).toBe(REFUSED);
  });
});

interface Def {
  type: string;
  check?: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  checks?: { _zod: { def: Def } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values for a schema, mostly right ones (zod decides which are): from its kind and its bounds. */
function valuesOf(s: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(s);
  const checks = [...(def.check ? [def] : []), ...(def.checks ?? []).map((c) => c._zod.def)];
  const bound = (name: string) => checks.find((c) => c.check === name);
  switch (def.type) {
    case 'string': {
      const min = bound('min_length')?.minimum ?? 0;
      const max = bound('max_length')?.maximum ?? 40;
      const pattern = checks.find((c) => c.pattern)?.pattern;
      const text = pattern ? fc.stringMatching(pattern) : fc.string({ minLength: min, maxLength: Math.min(max, 40) });
      // Spaces around some (a trimmed field takes them off before its bounds are checked), an emoji after others (two UTF-16 units, one character to zod).
      return fc
        .tuple(text, fc.constantFrom('', '', '', '', '', ' ', '😀'))
        .map(([t, pad]) => (pad === ' ' ? ` ${t} ` : `${t}${pad}`));
    }
    case 'number': {
      const lo = bound('greater_than');
      const hi = bound('less_than');
      const min = lo?.value === undefined ? -1_000 : lo.value + (lo.inclusive ? 0 : 1);
      const max = hi?.value === undefined ? 1_000_000 : hi.value - (hi.inclusive ? 0 : 1);
      return fc.oneof(
        { arbitrary: fc.integer({ min, max }), weight: 6 },
        { arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 1.5), weight: 1 },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'nullable':
      return fc.oneof(fc.constant(null), valuesOf(def.innerType ?? z.never()));
    case 'optional':
      return fc.oneof(fc.constant(undefined), valuesOf(def.innerType ?? z.never()));
    case 'array': {
      const min = bound('min_length')?.minimum ?? 0;
      const max = bound('max_length')?.maximum ?? 4;
      return fc.array(valuesOf(def.element ?? z.never()), { minLength: min, maxLength: Math.min(max, 6) });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const required = Object.keys(shape).filter((k) => defOf(shape[k] ?? z.never()).type !== 'optional');
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, valuesOf(v)])), {
        requiredKeys: required,
      });
    }
    default:
      return fc.constant(undefined);
  }
}

/** A value changed in one place: a key given a value of any kind, left out, or added. */
const changed = (value: unknown, keys: string[]) =>
  fc.tuple(fc.constantFrom(...keys, '(added)'), anyValue, fc.boolean()).map(([key, v, drop]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return v;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (key === '(added)') copy.unexpected = v;
    else if (drop) delete copy[key];
    else copy[key] = v;
    return copy;
  });

describe('the input of every call, checked as zod does', () => {
  const inputs: (readonly [string, z.ZodType])[] = Object.entries(calls).map(([name, spec]) => [name, spec.input]);

  it('compile for the counter’s calls and most others', () => {
    const compiled = inputs.filter(([, s]) => compileCheck(s) !== null).map(([n]) => n);
    for (const name of ['trades.create', 'customers.attach', 'trades.addLine', 'trades.offer', 'trades.accept'])
      expect(compiled).toContain(name);
    expect(compiled).toContain('trades.pay');
    // The others have defaults, records, refinements or unions: zod parses those itself.
    expect(compiled.length).toBeGreaterThan(inputs.length * 0.6);
  });

  // And the kinds no call input has: a loose object (its other keys kept, as a row with more columns read).
  const others: (readonly [string, z.ZodType])[] = [
    ['a loose object', z.looseObject({ id: z.uuid(), n: z.int().min(0).nullable(), note: z.string().optional() })],
    // The JSON stored in columns (db/stored.ts), read back through the same checks.
    ...Object.entries(stored as Record<string, unknown>)
      .filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType)
      .map(([n, s]) => [`stored ${n}`, s] as const),
  ];
  for (const [name, schema] of [...inputs, ...others]) {
    const check = compileCheck(schema);
    if (!check) continue;
    it(`answers as zod does for ${name}`, () => {
      const keys = Object.keys(defOf(schema).shape ?? {});
      const same = (value: unknown) => {
        const z_ = schema.safeParse(value);
        const ours = check(value);
        if (z_.success) expect(ours).toStrictEqual(z_.data);
        else expect(ours).toBe(REFUSED);
        // And through the parse dispatch uses: zod's answer, or zod's error.
        const through = safeParseChecked(schema, value);
        expect(through.success).toBe(z_.success);
        if (through.success) expect(through.data).toStrictEqual(z_.data);
        else expect(through.error?.issues).toEqual(z_.error?.issues);
        return z_.success;
      };
      let right = 0;
      fc.assert(
        fc.property(valuesOf(schema), (v) => {
          if (same(v)) right++;
        }),
        { numRuns: 150 },
      );
      // Most made values are right ones: the comparison is not only of refusals.
      expect(right).toBeGreaterThan(keys.length === 0 ? 0 : 10);
      fc.assert(
        fc.property(
          valuesOf(schema).chain((v) => changed(v, keys.length ? keys : ['(none)'])),
          (v) => void same(v),
        ),
        { numRuns: 150 },
      );
    });
  }
});
