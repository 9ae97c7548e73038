// The consecutive-number alert decrypts a line only when its last four allow adjacency: that test may let a pair
// through, never turn an adjacent pair away.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacent } from '../../electron/core/compliance/service';
import { mayBeAdjacent } from '../../electron/core/trades/lines';

const alnum = fc.constantFrom(...'0123456789AB'.split(''));
const digits = fc.stringMatching(/^[0-9]{1,20}$/);

describe('mayBeAdjacent', () => {
  it('holds for every adjacent pair, carries and short numbers included', () => {
    fc.assert(
      fc.property(
        fc.array(alnum, { maxLength: 8 }).map((a) => a.join('')),
        digits,
        fc.boolean(),
        (prefix, tail, up) => {
          const n = BigInt(tail) + (up ? 1n : -1n);
          if (n < 0n) return;
          const other = String(n).padStart(tail.length, '0');
          if (other.length !== tail.length) return;
          const a = prefix + tail;
          const b = prefix + other;
          expect(adjacent(a, b)).toBe(true);
          expect(mayBeAdjacent(a.slice(-4), b.slice(-4))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never refuses a pair that adjacent accepts', () => {
    fc.assert(
      fc.property(
        fc.array(alnum, { minLength: 1, maxLength: 10 }),
        fc.array(alnum, { minLength: 1, maxLength: 10 }),
        (x, y) => {
          const a = x.join('');
          const b = y.join('');
          if (adjacent(a, b)) expect(mayBeAdjacent(a.slice(-4), b.slice(-4))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    const pairs: [string, string][] = [
      ['JDE0999', 'JDE1000'],
      ['JDE9998', 'JDE9999'],
      ['A0000', 'A9999'],
      ['12', '13'],
      ['1999', '2000'],
    ];
    for (const [a, b] of pairs) {
      if (adjacent(a, b)) expect(mayBeAdjacent(a.slice(-4), b.slice(-4))).toBe(true);
    }
    expect(mayBeAdjacent('0001', '0003')).toBe(false);
    expect(mayBeAdjacent('0001', '0001')).toBe(false);
    expect(mayBeAdjacent('X001', 'Y002')).toBe(false);
  });
});
