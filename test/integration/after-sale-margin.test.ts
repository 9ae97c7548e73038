// Realised margin adds up (spec §8): over random shops — cards bought on a few days, batches, money per batch and
// per card, short payments, cards rejected before and after their money came, own use — the margin of every card
// adds up to its batch's, to the charts' purchase days and months, and to the Z-reports' after-sale figures by the
// day each event was recorded. The last two are different views of the same events and agree only in total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StockCardView } from '../../shared/contract';
import { countFor } from '../../electron/core/days/service';
import { OWNER_PIN } from '../support/backend';
import { CLERK_PIN, counterShop, FLOAT, payThreeCards } from '../support/counter';

const HOUR = 3_600_000;
const RUNS = Number(process.env.CARDDESK_AFTERSALE_RUNS ?? 8);

/** One step of the owner's evening, its targets picked by index among what fits when it runs. */
const Step = fc.oneof(
  fc.record({
    op: fc.constant('batch' as const),
    take: fc.integer({ min: 1, max: 4 }),
    rate: fc.integer({ min: 8500, max: 9600 }),
  }),
  fc.record({ op: fc.constant('settleBatch' as const), pick: fc.nat(), permille: fc.integer({ min: 900, max: 1020 }) }),
  fc.record({ op: fc.constant('settleCard' as const), pick: fc.nat(), permille: fc.integer({ min: 800, max: 1010 }) }),
  fc.record({ op: fc.constant('invalid' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('ownUse' as const), pick: fc.nat() }),
);
const Day = fc.record({
  trades: fc.integer({ min: 0, max: 2 }),
  steps: fc.array(Step, { minLength: 4, maxLength: 10 }),
});

const dateOf = (c: StockCardView) => {
  const m = /-(\d{4})(\d{2})(\d{2})-/.exec(c.tradeNo);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
};

describe('realised margin', () => {
  it(
    'adds up across card, batch, purchase day, month and the days the events were recorded',
    async () => {
      // What the random shops went through, so a run of empty evenings cannot pass for a proof.
      const seen = { ended: 0, clawedBack: 0, short: 0, batches: 0, days: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(Day, { minLength: 2, maxLength: 3 }), async (days) => {
          const s = await counterShop();
          const { t, owner, clerk } = s;
          try {
            const dates: string[] = [];
            for (const [d, plan] of days.entries()) {
              if (d > 0) {
                const cur = await t.must(owner, 'days.current', {});
                await t.must(owner, 'days.close', { count: countFor(cur?.expectedCashFen ?? 0) });
                t.clock.advance(24 * HOUR);
                await t.must(clerk, 'auth.unlock', { pin: CLERK_PIN });
                await t.must(owner, 'auth.unlock', { pin: OWNER_PIN });
                await t.must(clerk, 'days.open', { count: FLOAT });
                await t.must(owner, 'quotes.renew', {});
              }
              dates.push((await t.must(owner, 'days.current', {}))!.businessDate);
              for (let i = 0; i < plan.trades + (d === 0 ? 1 : 0); i++)
                await payThreeCards(t, clerk, 'bank', 10_000 * (i + 1));
              for (const step of plan.steps) {
                const stock = await t.must(owner, 'resale.stock', { limit: 2000 });
                const among = (states: string[]) => stock.filter((c) => states.includes(c.state));
                const pick = <T>(xs: T[], n: number): T | undefined => xs[n % Math.max(1, xs.length)];
                if (step.op === 'batch') {
                  const cards = among(['in_stock']).slice(0, step.take);
                  if (cards.length > 0)
                    await t.must(owner, 'resale.createBatch', {
                      platform: '平台A',
                      rateBp: step.rate,
                      lineIds: cards.map((c) => c.lineId),
                    });
                } else if (step.op === 'settleBatch') {
                  const open = (await t.must(owner, 'resale.batches', {})).filter(
                    (b) => b.settledFen === null && b.waitingCards > 0,
                  );
                  const b = pick(open, step.pick);
                  if (b) {
                    const waiting = b.lines.filter((l) => l.state === 'resold');
                    const expected = waiting.reduce((x, l) => x + (l.expectedFen ?? 0), 0);
                    await t.must(owner, 'resale.settle', {
                      batchId: b.id,
                      amountFen: Math.floor((expected * step.permille) / 1000),
                      reason: '平台结算',
                    });
                  }
                } else if (step.op === 'settleCard') {
                  const c = pick(among(['resold', 'in_stock']), step.pick);
                  if (c)
                    await t.must(owner, 'resale.settleCard', {
                      lineId: c.lineId,
                      amountFen: Math.floor(((c.expectedFen ?? c.valueFen) * step.permille) / 1000),
                      reason: '单张结算',
                    });
                } else if (step.op === 'invalid') {
                  const c = pick(among(['in_stock', 'resold', 'settled']), step.pick);
                  if (c) await t.must(owner, 'resale.invalid', { lineId: c.lineId, reason: '平台拒收' });
                } else {
                  const c = pick(among(['in_stock']), step.pick);
                  if (c) await t.must(owner, 'resale.ownUse', { lineId: c.lineId, reason: '自用' });
                }
              }
            }

            const cards = await t.must(owner, 'resale.stock', { limit: 2000 });
            const margin = (cs: StockCardView[]) => cs.reduce((x, c) => x + (c.realisedMarginFen ?? 0), 0);
            const total = margin(cards);
            seen.ended += cards.filter((c) => c.realisedMarginFen !== null).length;
            seen.clawedBack += cards.filter((c) => c.clawedBackFen > 0).length;
            seen.short += cards.filter((c) => c.shortFen > 0).length;
            seen.days += dates.length;
            // Card → batch: a batch whose cards have all ended carries their sum.
            const batches = await t.must(owner, 'resale.batches', {});
            seen.batches += batches.length;
            for (const b of batches) {
              const own = cards.filter((c) => c.batchId === b.id);
              if (own.every((c) => c.realisedMarginFen !== null)) expect(b.realisedMarginFen).toBe(margin(own));
              else expect(b.realisedMarginFen).toBeNull();
            }
            // Card → purchase day → month (the charts).
            const charts = await t.must(owner, 'ledger.charts', {});
            for (const date of dates) {
              const point = charts.days.find((p) => p.key === date);
              expect(point?.realisedMarginFen, date).toBe(margin(cards.filter((c) => dateOf(c) === date)));
            }
            expect(charts.days.reduce((x, p) => x + p.realisedMarginFen, 0)).toBe(total);
            expect(charts.months.reduce((x, p) => x + p.realisedMarginFen, 0)).toBe(total);
            // Card → the days the events were recorded (the Z-reports, the open day's X-report).
            let recorded = 0;
            for (const date of dates) {
              const z = (await t.must(owner, 'ledger.report', { businessDate: date })).report;
              recorded += z.afterSale?.realisedMarginFen ?? 0;
            }
            expect(recorded).toBe(total);
          } finally {
            t.close();
          }
        }),
        { numRuns: RUNS, seed: 20261125 },
      );
      expect(seen.ended).toBeGreaterThan(2 * RUNS);
      expect(seen.batches).toBeGreaterThan(RUNS / 2);
      expect(seen.clawedBack + seen.short).toBeGreaterThan(0);
      expect(seen.days).toBeGreaterThan(RUNS);
    },
    60_000 + RUNS * 20_000,
  );
});
