// Rows read from SQLite are parsed with their zod schema (./rows.ts); this makes that parse cheap on the counter's
// path. For a plain object schema of the kinds rows use (text, numbers, enums, literals, flags, blobs, nullable
// columns), it writes one checking function per schema: it reads each column once, checks it exactly as zod would
// and builds the row with the schema's columns only. A row it refuses, or a schema it does not know, goes to zod
// itself, so the answer and the error are always zod's. Why: zod's own parse runs shared code for every schema,
// which V8 cannot specialise once hundreds of schemas pass through it (measured: a joined trade row took ~30 µs in
// the app against ~0.4 µs alone; docs/counter.md).
import type { z } from 'zod';

/** The checker's answer for a row it does not accept as is. */
export const REFUSED: unique symbol = Symbol('refused');
export type RowCheck = (row: unknown) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, { _zod: { def: Def } }>;
  catchall?: unknown;
  innerType?: { _zod: { def: Def } };
  entries?: Record<string, unknown>;
  values?: unknown[];
  fn?: (v: unknown) => unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  pattern?: RegExp;
}

/** Values the written code refers to (patterns, blob checks, enum sets), passed in as an array. */
type Refs = unknown[];

const lit = (v: unknown): string | null => {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};

/** The condition under which `v` is acceptable for `def`, as JavaScript; null for a kind this does not handle. */
function accept(def: Def, v: string, refs: Refs): string | null {
  const checks = def.checks ?? [];
  const ref = (x: unknown) => `r[${refs.push(x) - 1}]`;
  switch (def.type) {
    case 'string': {
      const parts = [`typeof ${v} === 'string'`];
      for (const { _zod } of checks) {
        const c = _zod.def;
        if (c.check === 'min_length') parts.push(`${v}.length >= ${Number(c.minimum)}`);
        else if (c.check === 'max_length') parts.push(`${v}.length <= ${Number(c.maximum)}`);
        else if (c.check === 'length_equals') parts.push(`${v}.length === ${Number(c.length)}`);
        else if (
          c.check === 'string_format' &&
          c.format === 'regex' &&
          c.pattern &&
          !c.pattern.global &&
          !c.pattern.sticky
        )
          parts.push(`${ref(c.pattern)}.test(${v})`);
        else return null;
      }
      return parts.join(' && ');
    }
    case 'number': {
      const parts = [`typeof ${v} === 'number'`, `Number.isFinite(${v})`];
      for (const { _zod } of checks) {
        const c = _zod.def;
        if (c.check === 'number_format' && c.format === 'safeint') parts.push(`Number.isSafeInteger(${v})`);
        else if (c.check === 'greater_than' && typeof c.value === 'number')
          parts.push(`${v} ${c.inclusive ? '>=' : '>'} ${c.value}`);
        else if (c.check === 'less_than' && typeof c.value === 'number')
          parts.push(`${v} ${c.inclusive ? '<=' : '<'} ${c.value}`);
        else return null;
      }
      return parts.join(' && ');
    }
    case 'boolean':
      return checks.length ? null : `typeof ${v} === 'boolean'`;
    case 'null':
      return `${v} === null`;
    case 'enum':
    case 'literal': {
      const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []);
      if (checks.length || values.length === 0) return null;
      const written = values.map(lit);
      if (written.some((w) => w === null)) return null;
      return `(${written.map((w) => `${v} === ${w}`).join(' || ')})`;
    }
    case 'nullable': {
      const inner = def.innerType ? accept(def.innerType._zod.def, v, refs) : null;
      return inner === null || checks.length ? null : `(${v} === null || (${inner}))`;
    }
    case 'custom':
      // z.instanceof(Buffer) and its kin: zod calls the same function.
      return def.fn && !checks.length ? `${ref(def.fn)}(${v}) === true` : null;
    default:
      return null;
  }
}

/** The checking function for a plain object schema, or null when zod must parse its rows itself. */
export function compileRowCheck(schema: z.ZodType): RowCheck | null {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  if (def.type !== 'object' || def.catchall !== undefined || (def.checks ?? []).length > 0 || !def.shape) return null;
  const refs: Refs = [];
  const lines: string[] = [`if (typeof row !== 'object' || row === null) return refused;`];
  const fields: string[] = [];
  let i = 0;
  for (const [key, field] of Object.entries(def.shape)) {
    const v = `v${i++}`;
    const cond = accept(field._zod.def, v, refs);
    if (cond === null) return null;
    lines.push(`const ${v} = row[${JSON.stringify(key)}];`, `if (!(${cond})) return refused;`);
    fields.push(`${JSON.stringify(key)}: ${v}`);
  }
  lines.push(`return { ${fields.join(', ')} };`);
  // Written from the schema's own column names and bounds (never from data), once per schema.
  // oxlint-disable-next-line typescript/no-implied-eval -- the point: one specialised function per schema
  const make = new Function('r', 'refused', `return function checkRow(row) {\n${lines.join('\n')}\n};`) as (
    r: Refs,
    refused: typeof REFUSED,
  ) => RowCheck;
  return make(refs, REFUSED);
}

const compiled = new WeakMap<z.ZodType, RowCheck | null>();

/** `schema.parse(row)`, through the schema's checking function when it has one. */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown): z.output<S> {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileRowCheck(schema);
    compiled.set(schema, check);
  }
  if (check) {
    const out = check(row);
    if (out !== REFUSED) return out as z.output<S>;
  }
  return schema.parse(row);
}
