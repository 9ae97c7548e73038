// The after-sale maths (shared/domain/aftersale.ts) over random cards and events: a batch's money always adds up,
// never goes to a card below nothing while paid short, and each event's share of the margin adds up to the card's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchShares, cardMargin, cardState, marginShares, type CardEvent } from '../../shared/domain/aftersale';
import { linePayout } from '../../shared/domain/money';

/** What a card can go through (spec §8): resold or not, then money, an own use or a rejection, maybe a rejection after money. */
const history = fc
  .record({
    resold: fc.boolean(),
    end: fc.constantFrom('none', 'settled', 'invalid', 'own_use', 'settled_then_invalid'),
    amount: fc.integer({ min: 0, max: 2_000_000 }),
    value: fc.integer({ min: 1, max: 2_000_000 }),
  })
  .map(({ resold, end, amount, value }) => {
    const events: CardEvent[] = resold ? [{ kind: 'resold', amountFen: amount }] : [];
    if (end === 'settled' || end === 'settled_then_invalid') events.push({ kind: 'settled', amountFen: amount });
    if (end === 'settled_then_invalid')
      events.push({ kind: 'settled', amountFen: -amount }, { kind: 'invalid', amountFen: 0 });
    if (end === 'invalid') events.push({ kind: 'invalid', amountFen: 0 });
    if (end === 'own_use' && !resold) events.push({ kind: 'own_use', amountFen: value });
    return events;
  });

describe('after-sale maths', () => {
  it('gives each event a share of the card’s margin that adds up to it, the cost counted once', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 2_000_000 }), (events, cost) => {
        const shares = marginShares(cost, events);
        const margin = cardMargin(cost, events);
        const state = cardState(events);
        if (state === 'in_stock' || state === 'resold') {
          expect(margin).toBeNull();
          expect(shares.every((x) => x === 0)).toBe(true);
        } else {
          expect(shares.reduce((a, b) => a + b, 0)).toBe(margin);
        }
        // A card rejected after it was paid for lost its whole cost.
        if (state === 'invalid') expect(margin).toBe(0 - cost);
      }),
    );
  });

  it('spreads a batch’s money over its good cards exactly, short-paid parts never below nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (values, rate, ratio) => {
          const cards = values.map((valueFen) => ({ valueFen }));
          const expected = values.reduce((s, v) => s + linePayout(v, rate), 0);
          const amount = Math.floor(expected * ratio);
          const shares = batchShares(amount, rate, cards);
          expect(shares.reduce((s, x) => s + x.amountFen, 0)).toBe(amount);
          for (const [i, x] of shares.entries()) {
            expect(x.expectedFen).toBe(linePayout(values[i]!, rate));
            expect(x.amountFen).toBeGreaterThanOrEqual(0);
            expect(x.shortFen).toBe(Math.max(0, x.expectedFen - x.amountFen));
          }
          if (amount <= expected) {
            // Paid short: no card gets more than expected, and the losses are the shortfall exactly.
            expect(shares.every((x) => x.amountFen <= x.expectedFen)).toBe(true);
            expect(shares.reduce((s, x) => s + x.shortFen, 0)).toBe(expected - amount);
          } else expect(shares.every((x) => x.shortFen === 0)).toBe(true);
        },
      ),
    );
  });

  it('shares ¥930.01 for two ¥500 cards expected at ¥470.00 each as ¥465.01 and ¥465.00', () => {
    expect(batchShares(93_001, 9400, [{ valueFen: 50_000 }, { valueFen: 50_000 }])).toEqual([
      { amountFen: 46_501, expectedFen: 47_000, shortFen: 499 },
      { amountFen: 46_500, expectedFen: 47_000, shortFen: 500 },
    ]);
  });
});
