// Spec §3.5 worked example, exactly, and the properties that keep the shop from overpaying.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRateBp, linePayout, roundCashDown, formatYuan, parseYuan, parseRate } from '../../shared/domain/money';
import {
  adjustments,
  bestExit,
  DEFAULT_POLICY,
  floorStep,
  levels,
  respondToAsk,
  type Form,
  type Quote,
} from '../../shared/domain/pricing';
import { SHIPPED_QUOTES } from '../../electron/core/quotes/shipped';
import { DEFAULT_PRICING_VALUES, pricingProblem, type PricingValues } from '../../shared/domain/pricing-settings';
import { adjustmentLine } from '../../shared/words/pricing';
import { draftOf, instantOf, readPct, valuesOf } from '../../renderer/src/features/pricing/draft';

const NOW = Date.parse('2026-11-25T04:00:00Z');
const fresh: Quote[] = SHIPPED_QUOTES.map((q, i) => ({
  ...q,
  id: `q${i}`,
  brand: 'jd',
  expiresAtMs: NOW + 86_400_000,
}));
const TIERS = [
  { minValueFen: 100_000, bp: 20 },
  { minValueFen: 500_000, bp: 40 },
];
const opts = (form: Form, valueFen: number) => ({
  brand: 'jd',
  form,
  valueFen,
  nowMs: NOW,
  capitalCostBpPerDay: 2,
  physicalFallbackBp: 200,
});

function price(form: Form, valueFen: number) {
  const r = bestExit(fresh, opts(form, valueFen));
  if (!r.ok) throw new Error(r.code);
  const adj = adjustments(
    { tiers: TIERS, calendar: [], promotions: [] },
    { valueFen, businessDate: '2026-11-25', nowMs: NOW, brand: 'jd', form },
  );
  return { best: r.exit, adj: adj.totalBp, ...levels(r.exit.bestExitBp, adj.totalBp, DEFAULT_POLICY) };
}

describe('the worked example of spec §3.5', () => {
  it.each([
    ['JD E-card, V ¥1,000.00', 'e', 100_000, '平台A', 9396, 20, 9390, 9290, 9110, 9010],
    ['JD E-card, V ¥999.99', 'e', 99_999, '平台A', 9296, 0, 9290, 9190, 8990, 8890],
    ['JD physical, V ¥1,000.00', 'physical', 100_000, '平台A', 9196, 20, 9190, 9090, 8910, 8810],
    ['JD E-card, V ¥80.00', 'e', 8_000, '平台B', 8900, 0, 8900, 8800, 8600, 8500],
  ] as const)('%s', (_name, form, v, source, best, adj, cap, ceiling, target, opening) => {
    const p = price(form, v);
    expect(p.best.basis).toMatchObject({ kind: 'quote', source });
    expect([p.best.bestExitBp, p.adj, p.hardCapBp, p.ceilingBp, p.targetBp, p.openingBp]).toEqual([
      best,
      adj,
      cap,
      ceiling,
      target,
      opening,
    ]);
  });

  it('explains why 平台A and 平台C do not take an ¥80 card', () => {
    const r = bestExit(fresh, opts('e', 8_000));
    if (!r.ok) throw new Error(r.code);
    expect(r.exit.verdicts.filter((v) => v.reason !== 'band').map((v) => [v.source, v.reason, v.netBp])).toEqual([
      ['平台A', 'minimum', null],
      ['平台B', null, 8900],
      ['平台C', 'minimum', null],
    ]);
  });

  it('haggles the two ¥1,000 e-cards in two rounds and pays ¥3,605.90 in cash with ¥0.09 抹零', () => {
    const e = price('e', 100_000);
    const s = {
      currentBp: e.openingBp,
      ceilingBp: e.ceilingBp,
      stepBp: 10,
      roundsSoFar: 0,
      maxRounds: 6,
      final: false,
    };
    const r1 = respondToAsk(s, 9210);
    expect(r1).toEqual({ kind: 'proposal', rateBp: 9110, final: false });
    const r2 = respondToAsk({ ...s, currentBp: 9110, roundsSoFar: 1 }, 9160);
    expect(r2).toEqual({ kind: 'proposal', rateBp: 9130, final: false });
    const lines = [
      linePayout(100_000, 9130),
      linePayout(100_000, 9130),
      linePayout(100_000, price('physical', 100_000).targetBp),
      linePayout(99_999, price('e', 99_999).openingBp),
    ];
    expect(lines).toEqual([91_300, 91_300, 89_100, 88_899]);
    const total = lines.reduce((a, b) => a + b, 0);
    expect(total).toBe(360_599);
    expect(roundCashDown(total, 'jiao')).toEqual({ cashFen: 360_590, roundingFen: 9 });
    expect([formatYuan(total), formatYuan(360_590), formatYuan(9)]).toEqual(['¥3,605.99', '¥3,605.90', '¥0.09']);
  });
});

describe('the average rate', () => {
  it('is floor(Σ payout × 10000 / Σ value) exactly, also for a chain’s year where the product passes 2^53', () => {
    expect(averageRateBp(360_599, 399_999)).toBe(9014);
    expect(averageRateBp(0, 0)).toBe(0);
    // 500 shops × 365 days × ~¥360,000 of payout: ~6.6e12 fen, times 10,000 far past Number.MAX_SAFE_INTEGER.
    const payout = 6_570_000_123_456;
    const value = 7_300_000_000_001;
    expect(averageRateBp(payout, value)).toBe(Number((BigInt(payout) * 10000n) / BigInt(value)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 1, max: 2 ** 51 }), (p, v) => {
        expect(averageRateBp(p, v)).toBe(Number((BigInt(p) * 10000n) / BigInt(v)));
      }),
    );
  });
});

describe('pricing properties', () => {
  const value = fc.integer({ min: 100, max: 2_000_000 });
  const form = fc.constantFrom<Form>('e', 'physical');
  const policy = fc.record({
    targetMarginBp: fc.integer({ min: 0, max: 800 }),
    minMarginBp: fc.integer({ min: 0, max: 500 }),
    openingDiscountBp: fc.integer({ min: 0, max: 500 }),
    stepBp: fc.constantFrom(1, 5, 10, 25, 50),
  });
  const asks = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 10 });

  it('offers are multiples of the step, the ceiling never passes the cap, and negotiation never agrees above the ceiling or the cap', () => {
    fc.assert(
      fc.property(value, form, policy, fc.integer({ min: -100, max: 200 }), asks, (v, f, p, adj, askList) => {
        const r = bestExit(fresh, opts(f, v));
        if (!r.ok) return;
        const l = levels(r.exit.bestExitBp, adj, p);
        for (const x of Object.values(l)) expect(x % p.stepBp).toBe(0);
        expect(l.ceilingBp).toBeLessThanOrEqual(l.hardCapBp);
        expect(l.targetBp).toBeLessThanOrEqual(l.ceilingBp);
        let current = l.openingBp;
        let final = false;
        for (let i = 0; i < askList.length; i++) {
          const ask = floorStep(askList[i]!, p.stepBp);
          const out = respondToAsk(
            { currentBp: current, ceilingBp: l.ceilingBp, stepBp: p.stepBp, roundsSoFar: i, maxRounds: 6, final },
            ask,
          );
          expect(out.rateBp % p.stepBp).toBe(0);
          expect(out.rateBp).toBeLessThanOrEqual(Math.max(l.ceilingBp, l.openingBp));
          expect(out.rateBp).toBeLessThanOrEqual(l.hardCapBp);
          expect(out.rateBp).toBeGreaterThanOrEqual(current);
          if (out.kind === 'agreed') break;
          current = out.rateBp;
          final = out.kind === 'final' || out.final;
        }
      }),
    );
  });

  it('a line never pays more than V × rate, and cash rounding never pays more than the exact sum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 11 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('none', 'jiao', 'yuan' as const),
        (v, rate, rounding) => {
          const p = linePayout(v, rate);
          expect(Number.isInteger(p)).toBe(true);
          expect(p * 10000).toBeLessThanOrEqual(v * rate);
          expect((p + 1) * 10000).toBeGreaterThan(v * rate);
          const { cashFen, roundingFen } = roundCashDown(p, rounding);
          expect(cashFen).toBeLessThanOrEqual(p);
          expect(cashFen + roundingFen).toBe(p);
          expect(roundingFen).toBeGreaterThanOrEqual(0);
          expect(roundingFen).toBeLessThan(rounding === 'none' ? 1 : rounding === 'jiao' ? 10 : 100);
        },
      ),
    );
  });

  it('parses what a clerk types as whole fen and bp, and nothing else', () => {
    expect([
      parseYuan('1000'),
      parseYuan('999.99'),
      parseYuan('１,０００.５'),
      parseYuan('0.001'),
      parseYuan('-1'),
      parseYuan('abc'),
    ]).toEqual([100_000, 99_999, 100_050, null, null, null]);
    expect([parseRate('91.6'), parseRate('91.60%'), parseRate('100'), parseRate('100.01'), parseRate('9.999')]).toEqual(
      [9160, 9160, 10000, null, null],
    );
  });
});

describe('the owner’s pricing levers', () => {
  const at = { valueFen: 100_000, businessDate: '2026-11-25', nowMs: NOW, brand: 'jd', form: 'e' as const };
  const promo = { fromMs: NOW - 1, toMs: NOW + 1, bp: 20, brand: null, form: null };

  it('takes the highest tier only, calendar entries only while switched on and on their dates, promotions only in their time, brand and form', () => {
    const a = adjustments(
      {
        tiers: [
          { minValueFen: 500_000, bp: 40 },
          { minValueFen: 100_000, bp: 20 },
          { minValueFen: 50_000, bp: 10 },
        ],
        calendar: [
          { name: '春节', from: '2026-11-25', to: '2026-11-25', bp: 30, active: true },
          { name: '关着', from: '2026-11-01', to: '2026-11-30', bp: 99, active: false },
          { name: '明天', from: '2026-11-26', to: '2026-11-30', bp: 99, active: true },
        ],
        promotions: [
          { ...promo, name: '全部' },
          { ...promo, name: '实体卡', form: 'physical' },
          { ...promo, name: '别的品牌', brand: 'tmall' },
          { ...promo, name: '结束了', toMs: NOW },
          { ...promo, name: '刚开始', fromMs: NOW },
        ],
      },
      at,
    );
    expect(a.lines.map((l) => `${l.name} ${l.bp}`)).toEqual(['≥100000 20', '春节 30', '全部 20', '刚开始 20']);
    expect(a.totalBp).toBe(90);
  });

  it('opens the ¥1,000 e-card at 90.60% with 春节 +30 bp and a promotion +20 bp (settings.md’s worked example)', () => {
    const r = bestExit(fresh, opts('e', 100_000));
    if (!r.ok) throw new Error(r.code);
    const adj = adjustments(
      {
        tiers: TIERS,
        calendar: [{ name: '春节', from: '2026-11-25', to: '2026-11-25', bp: 30, active: true }],
        promotions: [{ ...promo, name: '促销' }],
      },
      at,
    );
    expect(adj.totalBp).toBe(70);
    expect(levels(r.exit.bestExitBp, adj.totalBp, DEFAULT_POLICY)).toEqual({
      hardCapBp: 9390,
      ceilingBp: 9290,
      targetBp: 9160,
      openingBp: 9060,
    });
  });

  it('names each adjustment as a line of the explanation, in both languages', () => {
    const lines = [
      { kind: 'tier' as const, name: '≥100000', bp: 20, minValueFen: 100_000 },
      { kind: 'tier' as const, name: '≥500000', bp: 40 },
      { kind: 'calendar' as const, name: '春节', bp: 30 },
      { kind: 'promotion' as const, name: '清仓', bp: -20 },
    ];
    expect(lines.map((l) => adjustmentLine(l, 'zh-CN'))).toEqual([
      '面额 ≥ ¥1,000 +0.20%',
      '面额 ≥ ¥5,000 +0.40%',
      '春节 +0.30%',
      '清仓 −0.20%',
    ]);
    expect(adjustmentLine(lines[0]!, 'en')).toBe('value ≥ ¥1,000 +0.20%');
  });

  it('reads the pricing screen’s draft back into the values it was made from; unreadable text is out of every range', () => {
    const values: PricingValues = {
      ...DEFAULT_PRICING_VALUES,
      tiers: [...DEFAULT_PRICING_VALUES.tiers, { minValueFen: 1_000_050, bp: -15 }],
      promotions: [
        {
          name: '周末',
          from: instantOf('2026-11-25T09:30'),
          to: instantOf('2026-11-27T00:00'),
          bp: 20,
          brand: 'jd',
          form: null,
        },
      ],
      overrides: [{ brand: 'jd', form: 'physical', ...DEFAULT_POLICY, maxRounds: 3 }],
    };
    expect(valuesOf(draftOf(values))).toEqual(values);
    expect([readPct('+0.30'), readPct('−0.20%'), readPct('3'), readPct('abc'), readPct('100.01')]).toEqual([
      30, -20, 300, 1_000_000_000, 1_000_000_000,
    ]);
    const promotion = valuesOf(draftOf(values)).promotions[0];
    expect(Date.parse(promotion?.from ?? '')).toBe(new Date('2026-11-25T09:30').getTime());
  });

  it('finds the first broken rule across fields, naming the item and its part', () => {
    const catalogue = [{ brand: 'jd', forms: ['e', 'physical'] as const }];
    const with_ = (v: Partial<PricingValues>) => pricingProblem({ ...DEFAULT_PRICING_VALUES, ...v }, catalogue);
    expect(with_({})).toBeNull();
    expect(with_({ minMarginBp: 301 })).toEqual({ field: 'minMarginBp', why: 'range', unit: 'bp', min: 0, max: 300 });
    expect(with_({ openingDiscountBp: 105 })).toMatchObject({ field: 'openingDiscountBp', why: 'step' });
    expect(
      with_({
        tiers: [
          { minValueFen: 100_000, bp: 20 },
          { minValueFen: 100_000, bp: 30 },
        ],
      }),
    ).toEqual({
      field: 'tiers.1.minValueFen',
      why: 'rising',
      unit: 'fen',
      min: 100_001,
    });
    expect(
      with_({ calendar: [{ name: '春节', from: '2026-11-25', to: '2026-11-24', bp: 30, active: false }] }),
    ).toEqual({ field: 'calendar.0.to', why: 'order' });
    expect(
      with_({
        promotions: [
          { name: '促', from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z', bp: 1, brand: 'jd', form: null },
        ],
        overrides: [{ brand: 'tmall', form: 'e', ...DEFAULT_POLICY, maxRounds: 6 }],
      }),
    ).toEqual({ field: 'overrides.0.brand', why: 'brand' });
  });
});
