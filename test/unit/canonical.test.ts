// Canonical JSON (shared/protocol/canonical.ts): the journal's and the ledger's hashes are taken over it, so its
// text must be RFC 8785's whichever way it is made — `JSON.stringify` when the value is in canonical order already,
// `canonicalize` otherwise.
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jcs } from '../../shared/protocol/canonical';
import { body } from '../../bench/sync';

/** JSON values with keys in any order, integer-like keys, any Unicode text (lone surrogates included) and numbers. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    // Surrogate halves in any order: pairs, and halves on their own, which JCS refuses.
    fc.string({ unit: fc.constantFrom('a', '\uD83D', '\uDE00', '"') }),
    fc.array(tie('value')),
    fc.dictionary(
      fc.oneof(fc.string({ unit: 'binary' }), fc.nat().map(String), fc.constantFrom('a', 'b', 'aa', 'B', 'é', '😀')),
      tie('value'),
    ),
  ),
})).value;

/** The same value with every object's keys in canonical order, as a body parsed from canonical text has them. */
const canonicalOrder = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canonicalOrder);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, canonicalOrder(o[k])]),
  );
};

/** A value that writes itself as an object whose keys are not in order. */
class Wrapped {
  toJSON() {
    return { b: 1, a: 2 };
  }
}

const outcome = (f: () => string | undefined) => {
  try {
    return { text: f() };
  } catch {
    return { threw: true };
  }
};

describe('jcs', () => {
  it('writes what canonicalize writes, and refuses what it refuses, in any key order', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        expect(outcome(() => jcs(v))).toEqual(outcome(() => canonicalize(v)));
        const ordered = canonicalOrder(v);
        expect(outcome(() => jcs(ordered))).toEqual(outcome(() => canonicalize(ordered)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each<[string, unknown, string]>([
    ['integer-like keys JSON puts first', { b: 1, 10: 2, 9: 3 }, '{"10":2,"9":3,"b":1}'],
    ['keys in UTF-16 order, not code point order', { '\u{1F600}': 1, '\uFFFD': 2 }, '{"😀":1,"�":2}'],
    ['negative zero', { a: -0 }, '{"a":0}'],
    ['a key whose value is undefined is left out', { b: undefined, a: 1 }, '{"a":1}'],
    ['undefined in an array is null', [1, undefined], '[1,null]'],
    ['a Date through its toJSON', { d: new Date(0) }, '{"d":"1970-01-01T00:00:00.000Z"}'],
    ['what a toJSON answers, sorted', { y: new Wrapped() }, '{"y":{"a":2,"b":1}}'],
    [
      "what an array's own toJSON answers, sorted",
      { y: Object.assign([1], { toJSON: () => ({ b: 1, a: 2 }) }) },
      '{"y":{"a":2,"b":1}}',
    ],
    [
      'what a toJSON it does not list answers, sorted',
      { y: Object.defineProperty({ c: 3 }, 'toJSON', { value: () => ({ b: 1, a: 2 }), enumerable: false }) },
      '{"y":{"a":2,"b":1}}',
    ],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { b: 1, a: 2 }), '{"a":2,"b":1}'],
    ['escapes', { a: '"\\\n\u0001\u2028' }, '{"a":"\\"\\\\\\n\\u0001\u2028"}'],
    [
      'numbers as ECMAScript writes them',
      [1e21, 1e-7, 0.1, 123456789012345680000],
      '[1e+21,1e-7,0.1,123456789012345680000]',
    ],
  ])('%s', (_, value, text) => {
    expect(jcs(value)).toBe(text);
    expect(jcs(value)).toBe(canonicalize(value));
  });

  it.each([
    ['NaN', { a: Number.NaN }, /NaN is not allowed/],
    ['Infinity', [Number.POSITIVE_INFINITY], /Infinity is not allowed/],
    ['a lone surrogate in a value', { a: '\uD800' }, /Lone surrogate/],
    ['a lone surrogate in a key', { '\uDC00': 1 }, /Lone surrogate/],
    ['a bigint', { a: 1n }, /BigInt/],
  ])('refuses %s', (_, value, why) => expect(() => jcs(value)).toThrow(why));

  it('leaves a value nested deeper than canonicalize can go to canonicalize, which refuses it', () => {
    const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
    expect(jcs(deep(200))).toBe(canonicalize(deep(200)));
    // Deep enough for canonicalize to run out of stack, not JSON.stringify (~1,800 and ~4,000 arrays here).
    const tooDeep = JSON.parse(`${'['.repeat(3000)}1${']'.repeat(3000)}`) as unknown;
    expect(() => canonicalize(tooDeep)).toThrow(RangeError);
    expect(JSON.stringify(tooDeep)).toHaveLength(6001);
    expect(() => jcs(tooDeep)).toThrow(RangeError);
  });

  it("writes a day's body, read back from its canonical text, as canonicalize does", () => {
    const raw = JSON.parse(body('2026-07-01', 1, 200, null, 'SH01').text) as Record<string, unknown>;
    expect(jcs(raw)).toBe(canonicalize(raw));
    expect(jcs({ ...raw, trades: [] })).toBe(canonicalize({ ...raw, trades: [] }));
  });
});
