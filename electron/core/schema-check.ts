// A zod schema's parse, written out as one function per schema: for the rows read from SQLite (db/rows.ts) and the
// input of every call (shared/contract), on the counter's path. For the kinds rows and inputs use (text with its
// bounds, patterns and trimming, numbers with theirs, enums, literals, flags, blobs, nullable and optional values,
// arrays, plain and strict objects), it reads each value once, checks it exactly as zod would and builds zod's
// output (an object with the schema's keys only, an optional key kept only when it was given). A value it refuses,
// or a schema of another kind, goes to zod itself, so the answer and the error are always zod's. Why: zod's own
// parse runs shared code for every schema, which V8 cannot specialise once hundreds of schemas pass through it
// (measured: a joined trade row took ~30 µs in the app against ~0.4 µs alone, a payment's input ~50 µs against
// ~1.5 µs; docs/counter.md).
import type { z } from 'zod';

/** The checker's answer for a value it does not accept as is. */
export const REFUSED: unique symbol = Symbol('refused');
export type Check = (value: unknown) => unknown;

/** A schema as zod holds it: its definition, and the classes it was made by (`$ZodExactOptional`, say). */
interface Node {
  _zod: { def: Def; traits?: Set<string> };
}
interface Def {
  type: string;
  /** A schema that is its own check (`z.uuid()`, `z.int()`): that check runs before the others. */
  check?: string;
  format?: string;
  pattern?: RegExp;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Node>;
  catchall?: Node;
  innerType?: Node;
  element?: Node;
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
  tx?: (v: unknown) => unknown;
  /** A string format of the caller's own (`z.stringFormat`): checked by this, not only by a pattern. */
  fn?: unknown;
}

/** Values the written code refers to (patterns, trimming, blob checks, key sets), passed in as an array. */
type Refs = unknown[];

const lit = (v: unknown): string | null => {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};

/** The string formats that are their pattern and nothing else. */
const PATTERN_FORMATS = new Set(['regex', 'uuid']);

/**
 * A text's length as zod measures it: in code points (a surrogate pair is one), so an emoji is one character, not
 * two UTF-16 units.
 */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * One check of a string, a number or an array, as a condition on `v`; null for one this does not handle. A text's
 * length bounds count code points, as zod does (counted only where the UTF-16 length leaves it open).
 */
function condition(c: CheckDef, v: string, ref: (x: unknown) => string, text = false): string | null {
  const cp = () => `${ref(codePoints)}(${v})`;
  switch (c.check) {
    case 'min_length': {
      const min = Number(c.minimum);
      return text
        ? `${v}.length >= ${min} && (${v}.length >= ${2 * min} || ${cp()} >= ${min})`
        : `${v}.length >= ${min}`;
    }
    case 'max_length': {
      const max = Number(c.maximum);
      return text ? `(${v}.length <= ${max} || ${cp()} <= ${max})` : `${v}.length <= ${max}`;
    }
    case 'length_equals': {
      const n = Number(c.length);
      return text ? `${v}.length >= ${n} && ${v}.length <= ${2 * n} && ${cp()} === ${n}` : `${v}.length === ${n}`;
    }
    case 'string_format':
      return c.format &&
        PATTERN_FORMATS.has(c.format) &&
        c.fn === undefined &&
        c.pattern &&
        !c.pattern.global &&
        !c.pattern.sticky
        ? `${ref(c.pattern)}.test(${v})`
        : null;
    case 'number_format':
      return c.format === 'safeint' ? `Number.isSafeInteger(${v})` : null;
    case 'greater_than':
      return typeof c.value === 'number' ? `${v} ${c.inclusive ? '>=' : '>'} ${c.value}` : null;
    case 'less_than':
      return typeof c.value === 'number' ? `${v} ${c.inclusive ? '<=' : '<'} ${c.value}` : null;
    default:
      return null;
  }
}

/** The schema's checks in zod's order: its own first (a format schema), then those added to it. */
function checksOf(def: Def): CheckDef[] {
  const added = (def.checks ?? []).map((c) => c._zod.def);
  return def.check ? [def as CheckDef, ...added] : added;
}

class Writer {
  readonly refs: Refs = [];
  private n = 0;
  ref(x: unknown): string {
    return `r[${this.refs.push(x) - 1}]`;
  }
  name(): string {
    return `v${this.n++}`;
  }

  /**
   * Statements that read `src`, `return refused` where zod would refuse it, and leave zod's output in a new
   * variable, whose name is answered; null for a kind this does not handle.
   */
  value(node: Node, src: string, out: string[]): string | null {
    const def = node._zod.def;
    const v = this.name();
    switch (def.type) {
      case 'string':
      case 'number': {
        const kind =
          def.type === 'string' ? `typeof ${v} === 'string'` : `typeof ${v} === 'number' && Number.isFinite(${v})`;
        out.push(`let ${v} = ${src};`, `if (!(${kind})) return refused;`);
        for (const c of checksOf(def)) {
          // `.trim()` and its kin: zod replaces the value with what the function gives, for the checks after it.
          if (c.check === 'overwrite' && def.type === 'string' && c.tx) {
            out.push(`${v} = ${this.ref(c.tx)}(${v});`);
            continue;
          }
          const cond = condition(c, v, (x) => this.ref(x), def.type === 'string');
          if (cond === null) return null;
          out.push(`if (!(${cond})) return refused;`);
        }
        return v;
      }
      case 'boolean':
      case 'null':
      case 'enum':
      case 'literal':
      case 'custom': {
        const cond = this.leaf(def, v);
        if (cond === null) return null;
        out.push(`const ${v} = ${src};`, `if (!(${cond})) return refused;`);
        return v;
      }
      case 'nullable':
      case 'optional': {
        if (!def.innerType || checksOf(def).length) return null;
        // `exactOptional()` is an optional that hands undefined to its inner schema: left to zod.
        if (node._zod.traits?.has('$ZodExactOptional')) return null;
        const none = def.type === 'nullable' ? 'null' : 'undefined';
        const inner: string[] = [];
        const got = this.value(def.innerType, v, inner);
        if (got === null) return null;
        out.push(`let ${v} = ${src};`, `if (${v} !== ${none}) {`, ...inner, `${v} = ${got};`, `}`);
        return v;
      }
      case 'array': {
        if (!def.element) return null;
        out.push(`const ${v} = ${src};`, `if (!Array.isArray(${v})) return refused;`);
        for (const c of checksOf(def)) {
          if (!['min_length', 'max_length', 'length_equals'].includes(c.check)) return null;
          out.push(`if (!(${condition(c, v, (x) => this.ref(x))})) return refused;`);
        }
        const list = this.name();
        const i = this.name();
        const each: string[] = [];
        const got = this.value(def.element, `${v}[${i}]`, each);
        if (got === null) return null;
        out.push(
          `const ${list} = new Array(${v}.length);`,
          `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
          ...each,
          `${list}[${i}] = ${got};`,
          `}`,
        );
        return list;
      }
      case 'object':
        return this.object(def, src, v, out);
      default:
        return null;
    }
  }

  /** A value checked by one condition (no output of its own to build). */
  private leaf(def: Def, v: string): string | null {
    // A custom schema is its own check (the function below); any other check is one this does not know.
    if ((def.checks ?? []).length || (def.check !== undefined && def.type !== 'custom')) return null;
    switch (def.type) {
      case 'boolean':
        return `typeof ${v} === 'boolean'`;
      case 'null':
        return `${v} === null`;
      case 'enum':
      case 'literal': {
        const values = def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []);
        // An enum made from a numeric TypeScript enum carries reverse mappings zod leaves out: left to zod.
        if (def.type === 'enum' && values.some((x) => typeof x === 'number')) return null;
        const written = values.map(lit);
        if (written.length === 0 || written.some((w) => w === null)) return null;
        return `(${written.map((w) => `${v} === ${w}`).join(' || ')})`;
      }
      case 'custom':
        // z.instanceof(Buffer) and its kin: zod calls the same function.
        return def.fn ? `${this.ref(def.fn)}(${v}) === true` : null;
      default:
        return null;
    }
  }

  /** A plain object (unknown keys dropped), a strict one (refused) or a loose one (kept as they are). */
  private object(def: Def, src: string, v: string, out: string[]): string | null {
    const catchall = def.catchall?._zod.def.type;
    const loose = catchall === 'unknown' || catchall === 'any';
    if (!def.shape || checksOf(def).length || (catchall !== undefined && catchall !== 'never' && !loose)) return null;
    const keys = Object.keys(def.shape);
    // A key zod treats apart (`__proto__` is never copied to its output), or a symbol key: left to zod.
    if (Object.getOwnPropertySymbols(def.shape).length || keys.includes('__proto__')) return null;
    out.push(
      `const ${v} = ${src};`,
      `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) return refused;`,
    );
    if (catchall === 'never') {
      const k = this.name();
      out.push(`for (const ${k} in ${v}) if (!${this.ref(new Set(keys))}.has(${k})) return refused;`);
    }
    const result = this.name();
    out.push(`const ${result} = {};`);
    for (const key of keys) {
      const field = def.shape[key];
      if (!field) return null;
      const at = `${v}[${JSON.stringify(key)}]`;
      if (field._zod.def.type === 'optional') {
        // An optional key: absent, it stays absent; given as undefined, it is kept as undefined (zod's output).
        const got = this.value(field, at, out);
        if (got === null) return null;
        out.push(
          `if (${got} !== undefined || ${JSON.stringify(key)} in ${v}) ${result}[${JSON.stringify(key)}] = ${got};`,
        );
        continue;
      }
      // A key that must be given is refused when absent, even where its schema would take undefined (zod's rule).
      out.push(`if (!(${JSON.stringify(key)} in ${v})) return refused;`);
      const got = this.value(field, at, out);
      if (got === null) return null;
      out.push(`${result}[${JSON.stringify(key)}] = ${got};`);
    }
    if (loose) {
      // After the schema's keys, in the order zod takes them (an own `__proto__` is never copied).
      const k = this.name();
      out.push(
        `for (const ${k} in ${v}) if (!${this.ref(new Set(keys))}.has(${k}) && ${k} !== '__proto__') ${result}[${k}] = ${v}[${k}];`,
      );
    }
    return result;
  }
}

/** The checking function for a schema, or null when zod must parse its values itself. */
export function compileCheck(schema: z.ZodType): Check | null {
  const w = new Writer();
  const body: string[] = [];
  const got = w.value(schema, 'input', body);
  if (got === null) return null;
  // Written from the schema's own keys and bounds (never from data), once per schema.
  // oxlint-disable-next-line typescript/no-implied-eval -- the point: one specialised function per schema
  const make = new Function(
    'r',
    'refused',
    `return function check(input) {\n${body.join('\n')}\nreturn ${got};\n};`,
  ) as (r: Refs, refused: typeof REFUSED) => Check;
  return make(w.refs, REFUSED);
}

const compiled = new WeakMap<z.ZodType, Check | null>();
let written = 0;

/**
 * How many schemas have had their check written so far. A check is written once per schema object: a schema made
 * on every call (`Row.pick(…)` inside a function) has its check written on every call, so schemas are module
 * constants (test/integration/counter.test.ts counts these across later trades and the screens' reads).
 */
export function checksWritten(): number {
  return written;
}

/** The value as the schema's written check answers it, or REFUSED (refused, or a schema left to zod). */
function checked(schema: z.ZodType, value: unknown): unknown {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileCheck(schema);
    compiled.set(schema, check);
    written += 1;
  }
  return check ? check(value) : REFUSED;
}

/** `schema.parse(value)`, through the schema's checking function when it has one. */
export function parseChecked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const out = checked(schema, value);
  return out !== REFUSED ? (out as z.output<S>) : schema.parse(value);
}

/** `schema.safeParse(value)`, through the schema's checking function when it has one. */
export function safeParseChecked<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  const out = checked(schema, value);
  return out !== REFUSED ? { success: true, data: out as z.output<S> } : schema.safeParse(value);
}
