// What each input field of a call expects, read from its zod schema (through its JSON Schema), so the words for a
// refused field come from the same rule that refused it. Backend and tests only: the renderer gets the rule in
// the error's details and never loads zod.
import { z } from 'zod';
import { ONE_LINE } from '../contract/schemas';
import { PATTERN_NAMES, type FieldRule } from './fields';

interface Json {
  type?: string | string[];
  properties?: Record<string, Json>;
  additionalProperties?: Json | boolean;
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

export interface InputField {
  /** The field's path with `*` for an array index or a record key: `parts.*.reference`. */
  path: string;
  rule: FieldRule;
}

const FORMATS: Record<string, FieldRule['kind']> = { uuid: 'id', date: 'date', 'date-time': 'datetime' };

const cache = new WeakMap<z.ZodType, Json>();
function jsonOf(schema: z.ZodType): Json {
  let j = cache.get(schema);
  if (!j) {
    j = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    cache.set(schema, j);
  }
  return j;
}

const isNull = (j: Json) => j.type === 'null';
const isEmptyText = (j: Json) => j.const === '';
const isRecord = (j: Json) => typeof j.additionalProperties === 'object' && !j.properties;

/**
 * Objects told apart by one field (settings.update's groups) read as one object: every option's fields, the
 * telling field as a choice among its constants.
 */
function mergeObjects(options: Json[]): Json {
  const properties: Record<string, Json> = {};
  const seen: Record<string, Json[]> = {};
  for (const o of options) for (const [k, v] of Object.entries(o.properties ?? {})) (seen[k] ??= []).push(v);
  for (const [k, vs] of Object.entries(seen)) {
    const first = vs[0] ?? {};
    properties[k] = vs.every((v) => v.const !== undefined)
      ? { enum: vs.map((v) => v.const) }
      : vs.every((v) => v.type === 'object')
        ? mergeObjects(vs)
        : first;
  }
  return { type: 'object', properties };
}

/** The options of a union that say something, and whether null or '' is also accepted. */
function unwrap(j: Json): { j: Json; empty: boolean; none: boolean } {
  if (j.oneOf && j.oneOf.every((o) => o.type === 'object'))
    return { j: mergeObjects(j.oneOf), empty: false, none: false };
  if (!j.anyOf) return { j, empty: false, none: false };
  const rest = j.anyOf.filter((o) => !isNull(o) && !isEmptyText(o));
  const empty = j.anyOf.some(isEmptyText);
  const none = j.anyOf.some(isNull);
  const only = rest.length === 1 ? rest[0] : undefined;
  if (only) return { j: only, empty, none };
  if (rest.every((o) => o.const !== undefined)) return { j: { enum: rest.map((o) => o.const) }, empty, none };
  return { j: { anyOf: rest }, empty, none };
}

function ruleOf(name: string, raw: Json): FieldRule {
  const { j, empty, none } = unwrap(raw);
  const flags = { ...(empty ? { empty: true } : {}), ...(none ? { none: true } : {}) };
  const range = {
    ...(j.minimum !== undefined ? { min: j.minimum } : {}),
    ...(j.maximum !== undefined ? { max: j.maximum } : {}),
  };
  if (j.enum) return { kind: 'choice', ...flags };
  if (j.type === 'boolean') return { kind: 'yesno', ...flags };
  if (j.type === 'array')
    return {
      kind: 'list',
      ...(j.minItems !== undefined ? { min: j.minItems } : {}),
      ...(j.maxItems !== undefined ? { max: j.maxItems } : {}),
      ...flags,
    };
  if (j.type === 'object') return { kind: 'group', ...flags };
  if (j.type === 'integer' || j.type === 'number') {
    const kind = name.endsWith('Fen') ? 'money' : name.endsWith('Bp') ? 'rate' : 'number';
    return { kind, ...range, ...flags };
  }
  const format = j.format ? FORMATS[j.format] : undefined;
  if (format) return { kind: format, ...flags };
  // One line of text is still text with its length: the words add "on one line".
  const line = j.pattern === ONE_LINE.source;
  if (j.pattern !== undefined && !line)
    return { kind: 'pattern', pattern: PATTERN_NAMES[j.pattern] ?? 'unknown', ...flags };
  return {
    kind: 'text',
    ...(j.minLength !== undefined ? { min: j.minLength } : {}),
    ...(j.maxLength !== undefined ? { max: j.maxLength } : {}),
    ...(line ? { line: true } : {}),
    ...flags,
  };
}

function walk(j: Json, path: string, out: InputField[]): void {
  const name =
    path
      .split('.')
      .filter((s) => s !== '*')
      .pop() ?? '';
  out.push({ path: path || '(input)', rule: ruleOf(name, j) });
  const { j: inner } = unwrap(j);
  const under = (p: string) => (path ? `${path}.${p}` : p);
  if (inner.properties) for (const [k, v] of Object.entries(inner.properties)) walk(v, under(k), out);
  else if (isRecord(inner)) walk(inner.additionalProperties as Json, under('*'), out);
  else if (inner.items) walk(inner.items, under('*'), out);
}

/** Every field a call's input can refuse, the input itself (`(input)`) first. */
export function inputFields(schema: z.ZodType): InputField[] {
  const out: InputField[] = [];
  walk(jsonOf(schema), '', out);
  return out;
}

/** The field at a refused path (`parts.1.reference`), or the nearest enclosing one the schema names. */
export function fieldAt(schema: z.ZodType, path: readonly PropertyKey[]): InputField {
  let j = jsonOf(schema);
  const template: string[] = [];
  for (const seg of path.map(String)) {
    const { j: inner } = unwrap(j);
    const next = inner.properties?.[seg] ?? (isRecord(inner) ? (inner.additionalProperties as Json) : inner.items);
    if (!next) break;
    template.push(inner.properties?.[seg] ? seg : '*');
    j = next;
  }
  const t = template.join('.');
  return { path: t || '(input)', rule: ruleOf(template.filter((s) => s !== '*').pop() ?? '', j) };
}
