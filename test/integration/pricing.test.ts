// The owner's pricing levers through dispatch on a real SQLite file: settings.md's worked example (春节 +30 bp and a
// promotion +20 bp open the ¥1,000 e-card at 90.60 %), the now/after table before saving, every bound refused in
// words with nothing saved, one journal entry per list item, and nothing decided moving across a change.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInput, ErrorBody, Result } from '../../shared/contract';
import { DEFAULT_PRICING_VALUES, type PricingValues } from '../../shared/domain/pricing-settings';
import { errorText, i18n } from '../../renderer/src/i18n';
import { OWNER_PIN, type TestBackend } from '../support/backend';
import { addCard, CLERK_PIN, counterShop, createTrade, FLOAT, groupOf, payThreeCards } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const TODAY = '2026-11-25'; // the test clock's business date
const SPRING = { name: '春节', from: TODAY, to: '2026-11-27', bp: 30, active: true };
const PROMO = { name: '周末促销', from: '2026-11-25T00:00:00+08:00', to: '2026-11-30T00:00:00+08:00', bp: 20 };
const promo = (extra: Partial<PricingValues['promotions'][number]> = {}) => ({
  ...PROMO,
  brand: 'jd',
  form: 'e' as const,
  ...extra,
});

async function shop() {
  const s = await counterShop();
  t = s.t;
  return { ...s, t: s.t };
}

type Change = CallInput<'settings.update'> & { group: 'pricing' };
const pricing = (values: Change['values']): Change => ({ group: 'pricing', values });

const pricingNow = async (tb: TestBackend, owner: Parameters<TestBackend['must']>[0]) =>
  Object.fromEntries(
    (await tb.must(owner, 'settings.list', {})).filter((e) => e.group === 'pricing').map((e) => [e.key, e.value]),
  );

async function words(e: ErrorBody, lang: 'zh-CN' | 'en'): Promise<string> {
  await i18n.changeLanguage(lang);
  return errorText(e);
}

describe('settings.md’s worked example', () => {
  it('shows now and after for the sample cards before saving, then opens the ¥1,000 e-card at 90.60 % with both named lines', async () => {
    const { t, owner, clerk } = await shop();
    const values: PricingValues = {
      ...DEFAULT_PRICING_VALUES,
      calendar: DEFAULT_PRICING_VALUES.calendar.map((c) => (c.name === '春节' ? SPRING : c)),
      promotions: [promo()],
    };
    const cmp = await t.must(owner, 'pricing.compare', { brand: 'jd', values });
    expect(cmp.rows.map((r) => `${r.form}:${r.valueFen}`)).toEqual([
      'e:10000',
      'e:50000',
      'e:100000',
      'e:500000',
      'physical:10000',
      'physical:50000',
      'physical:100000',
      'physical:500000',
    ]);
    const e1000 = cmp.rows.find((r) => r.form === 'e' && r.valueFen === 100_000);
    expect(e1000?.now).toEqual({ ok: true, openingBp: 9010, targetBp: 9110, ceilingBp: 9290, adjBp: 20 });
    expect(e1000?.after).toEqual({ ok: true, openingBp: 9060, targetBp: 9160, ceilingBp: 9290, adjBp: 70 });
    // The promotion is for e-cards: the physical ¥1,000 card moves by 春节 only.
    const p1000 = cmp.rows.find((r) => r.form === 'physical' && r.valueFen === 100_000);
    expect(p1000?.after).toMatchObject({ openingBp: 8840, adjBp: 50 });
    // Nothing was saved by the comparison.
    expect((await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 })).openingBp).toBe(
      9010,
    );

    await t.must(owner, 'settings.update', pricing({ calendar: values.calendar, promotions: values.promotions }));
    const p = await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 });
    expect([p.bestExitBp, p.adjBp, p.ceilingBp, p.targetBp, p.openingBp]).toEqual([9396, 70, 9290, 9160, 9060]);
    expect(p.explanation.adjustments).toEqual([
      { kind: 'tier', name: '≥100000', bp: 20, minValueFen: 100_000 },
      { kind: 'calendar', name: '春节', bp: 30 },
      { kind: 'promotion', name: '周末促销', bp: 20 },
    ]);

    // At the counter: the opening offer, and the adjustments snapshotted with the group.
    const trade = await createTrade(t, clerk);
    await addCard(t, clerk, trade.id, 'e', 100_000);
    const offered = await t.must(clerk, 'trades.offer', { tradeId: trade.id });
    const g = offered.groups[0];
    expect(g?.openingBp).toBe(9060);
    expect(g?.explanation.adjustments.map((a) => `${a.name} ${a.bp}`)).toEqual([
      '≥100000 20',
      '春节 30',
      '周末促销 20',
    ]);

    // Switched off again: the next price is back to 90.10 %; the group offered keeps its snapshot.
    await t.must(owner, 'settings.update', pricing({ calendar: DEFAULT_PRICING_VALUES.calendar, promotions: [] }));
    expect((await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 })).openingBp).toBe(
      9010,
    );
    const kept = await t.must(clerk, 'trades.get', { tradeId: trade.id });
    expect(kept.groups[0]?.explanation.adjustments.map((a) => a.name)).toEqual(['≥100000', '春节', '周末促销']);
  });

  it('applies a calendar entry only while switched on and on its business dates, and a promotion only to its brand, form and time', async () => {
    const { t, owner, clerk } = await shop();
    const adj = async (form: 'e' | 'physical') =>
      (await t.must(clerk, 'pricing.preview', { brand: 'jd', form, valueFen: 50_000 })).explanation.adjustments.map(
        (a) => a.name,
      );
    await t.must(
      owner,
      'settings.update',
      pricing({
        calendar: [
          { ...SPRING, active: false },
          { name: '昨天', from: '2026-11-20', to: '2026-11-24', bp: 10, active: true },
          { name: '今天', from: TODAY, to: TODAY, bp: 10, active: true },
        ],
        promotions: [
          promo({ name: '实体卡', form: 'physical' }),
          promo({ name: '全部', brand: null, form: null }),
          promo({ name: '明天起', from: '2026-11-26T00:00:00+08:00' }),
          promo({ name: '已结束', to: '2026-11-25T10:00:00+08:00' }),
        ],
      }),
    );
    expect(await adj('e')).toEqual(['今天', '全部']);
    expect(await adj('physical')).toEqual(['今天', '实体卡', '全部']);
  });

  it('applies a promotion from its start to its end as the clock moves through one business day', async () => {
    const { t, owner, clerk } = await shop();
    const adj = async () =>
      (
        await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 50_000 })
      ).explanation.adjustments.map((a) => a.name);
    const now = t.clock.now();
    const at = (ms: number) => new Date(ms).toISOString();
    await t.must(
      owner,
      'settings.update',
      pricing({
        calendar: [],
        promotions: [promo({ name: '一小时后', from: at(now + 3_600_000), to: at(now + 7_200_000) })],
      }),
    );
    expect(await adj()).toEqual([]);
    t.clock.advance(3_600_000);
    await t.must(clerk, 'auth.unlock', { pin: CLERK_PIN });
    expect(await adj()).toEqual(['一小时后']);
    t.clock.advance(3_600_000);
    await t.must(clerk, 'auth.unlock', { pin: CLERK_PIN });
    expect(await adj()).toEqual([]);
  });

  it('prices a brand and form with its own policy and round limit', async () => {
    const { t, owner, clerk } = await shop();
    await t.must(
      owner,
      'settings.update',
      pricing({
        overrides: [
          {
            brand: 'jd',
            form: 'physical',
            targetMarginBp: 500,
            minMarginBp: 200,
            openingDiscountBp: 200,
            stepBp: 50,
            maxRounds: 3,
          },
        ],
      }),
    );
    const e = await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 });
    const p = await t.must(clerk, 'pricing.preview', { brand: 'jd', form: 'physical', valueFen: 100_000 });
    expect([e.openingBp, e.stepBp, e.maxRounds]).toEqual([9010, 10, 6]);
    // 9196 + 20 − 500 = 8716 → 8700 on the 50 bp step; opening 8516 → 8500; ceiling 8996 → 8950.
    expect([p.ceilingBp, p.targetBp, p.openingBp, p.stepBp, p.maxRounds]).toEqual([8950, 8700, 8500, 50, 3]);
  });
});

describe('the pricing group’s bounds', () => {
  type Row = [string, Change['values'], string | null, string?];
  const tiers = (n: number) => Array.from({ length: n }, (_, i) => ({ minValueFen: (i + 1) * 10_000, bp: 10 }));
  const days = (n: number) => Array.from({ length: n }, (_, i) => ({ ...SPRING, name: `日${i}` }));
  const promos = (n: number) => Array.from({ length: n }, (_, i) => promo({ name: `促${i}` }));
  const override = (o: Partial<PricingValues['overrides'][number]> = {}) => ({
    brand: 'jd',
    form: 'e' as const,
    targetMarginBp: 300,
    minMarginBp: 100,
    openingDiscountBp: 100,
    stepBp: 10,
    maxRounds: 6,
    ...o,
  });
  // [what, values, refused field (null: accepted), why]
  const ROWS: Row[] = [
    ['target margin below 0', { targetMarginBp: -1, minMarginBp: 0 }, 'targetMarginBp', 'range'],
    ['target margin 0', { targetMarginBp: 0, minMarginBp: 0 }, null],
    ['target margin 0.01%', { targetMarginBp: 1, minMarginBp: 0 }, null],
    ['target margin 19.99%', { targetMarginBp: 1999 }, null],
    ['target margin 20%', { targetMarginBp: 2000 }, null],
    ['target margin above 20%', { targetMarginBp: 2001 }, 'targetMarginBp', 'range'],
    ['minimum margin below 0', { minMarginBp: -1 }, 'minMarginBp', 'range'],
    ['minimum margin just under the target', { minMarginBp: 299 }, null],
    ['minimum margin at the target', { minMarginBp: 300 }, null],
    ['minimum margin above the target', { minMarginBp: 301 }, 'minMarginBp', 'aboveKey'],
    ['target margin lowered under the minimum margin', { targetMarginBp: 99 }, 'targetMarginBp', 'belowKey'],
    ['opening discount below 0', { openingDiscountBp: -10 }, 'openingDiscountBp', 'range'],
    ['opening discount 0', { openingDiscountBp: 0 }, null],
    ['opening discount 9.90%', { openingDiscountBp: 990 }, null],
    ['opening discount 10%', { openingDiscountBp: 1000 }, null],
    ['opening discount above 10%', { openingDiscountBp: 1010 }, 'openingDiscountBp', 'range'],
    ['opening discount off the step', { openingDiscountBp: 105 }, 'openingDiscountBp', 'step'],
    ['opening discount on a smaller step', { openingDiscountBp: 105, stepBp: 5 }, null],
    ['step 0', { stepBp: 0 }, 'stepBp', 'range'],
    ['step 0.01%', { stepBp: 1 }, null],
    ['step that the opening discount is no multiple of', { stepBp: 99 }, 'openingDiscountBp', 'step'],
    ['step 0.99% with an opening of one step', { stepBp: 99, openingDiscountBp: 99 }, null],
    ['step 1%', { stepBp: 100 }, null],
    ['step above 1%', { stepBp: 101 }, 'stepBp', 'range'],
    ['rounds 0', { maxRounds: 0 }, 'maxRounds', 'range'],
    ['rounds 1', { maxRounds: 1 }, null],
    ['rounds 19', { maxRounds: 19 }, null],
    ['rounds 20', { maxRounds: 20 }, null],
    ['rounds 21', { maxRounds: 21 }, 'maxRounds', 'range'],
    ['capital cost below 0', { capitalCostBpPerDay: -1 }, 'capitalCostBpPerDay', 'range'],
    ['capital cost 0', { capitalCostBpPerDay: 0 }, null],
    ['capital cost 0.50%', { capitalCostBpPerDay: 50 }, null],
    ['capital cost above 0.50%', { capitalCostBpPerDay: 51 }, 'capitalCostBpPerDay', 'range'],
    ['physical fallback below 0', { physicalFallbackBp: -1 }, 'physicalFallbackBp', 'range'],
    ['physical fallback 0', { physicalFallbackBp: 0 }, null],
    ['physical fallback 20%', { physicalFallbackBp: 2000 }, null],
    ['physical fallback above 20%', { physicalFallbackBp: 2001 }, 'physicalFallbackBp', 'range'],
    ['no tiers', { tiers: [] }, null],
    ['10 tiers', { tiers: tiers(10) }, null],
    ['11 tiers', { tiers: tiers(11) }, 'tiers', 'items'],
    ['a tier at +5%', { tiers: [{ minValueFen: 100_000, bp: 500 }] }, null],
    ['a tier above +5%', { tiers: [{ minValueFen: 100_000, bp: 501 }] }, 'tiers.0.bp', 'range'],
    ['a tier at −5%', { tiers: [{ minValueFen: 100_000, bp: -500 }] }, null],
    ['a tier below −5%', { tiers: [{ minValueFen: 100_000, bp: -501 }] }, 'tiers.0.bp', 'range'],
    ['a tier of ¥0', { tiers: [{ minValueFen: 0, bp: 10 }] }, 'tiers.0.minValueFen', 'range'],
    [
      'tiers not rising',
      {
        tiers: [
          { minValueFen: 500_000, bp: 40 },
          { minValueFen: 100_000, bp: 20 },
        ],
      },
      'tiers.1.minValueFen',
      'rising',
    ],
    [
      'two tiers of one value',
      {
        tiers: [
          { minValueFen: 100_000, bp: 20 },
          { minValueFen: 100_000, bp: 40 },
        ],
      },
      'tiers.1.minValueFen',
      'rising',
    ],
    ['50 calendar entries', { calendar: days(50) }, null],
    ['51 calendar entries', { calendar: days(51) }, 'calendar', 'items'],
    ['a one-day calendar entry', { calendar: [{ ...SPRING, to: TODAY }] }, null],
    [
      'a calendar entry ending before it starts',
      { calendar: [{ ...SPRING, to: '2026-11-24' }] },
      'calendar.0.to',
      'order',
    ],
    ['a calendar entry above +5%', { calendar: [{ ...SPRING, bp: 501 }] }, 'calendar.0.bp', 'range'],
    ['a calendar entry at −5%', { calendar: [{ ...SPRING, bp: -500 }] }, null],
    ['50 promotions', { promotions: promos(50) }, null],
    ['51 promotions', { promotions: promos(51) }, 'promotions', 'items'],
    ['a promotion ending as it starts', { promotions: [promo({ to: PROMO.from })] }, 'promotions.0.to', 'order'],
    ['a promotion below −5%', { promotions: [promo({ bp: -501 })] }, 'promotions.0.bp', 'range'],
    [
      'a promotion of a brand not in the catalogue',
      { promotions: [promo({ brand: 'nosuch' })] },
      'promotions.0.brand',
      'brand',
    ],
    ['a promotion for every brand', { promotions: [promo({ brand: null, form: null })] }, null],
    ['an override', { overrides: [override()] }, null],
    ['two overrides of one brand and form', { overrides: [override(), override()] }, 'overrides.1.form', 'duplicate'],
    ['an override of an unknown brand', { overrides: [override({ brand: 'nosuch' })] }, 'overrides.0.brand', 'brand'],
    [
      'an override above 20%',
      { overrides: [override({ targetMarginBp: 2001 })] },
      'overrides.0.targetMarginBp',
      'range',
    ],
    [
      'an override’s minimum above its target',
      { overrides: [override({ minMarginBp: 301 })] },
      'overrides.0.minMarginBp',
      'range',
    ],
    [
      'an override’s opening off its step',
      { overrides: [override({ stepBp: 30 })] },
      'overrides.0.openingDiscountBp',
      'step',
    ],
  ];

  it.each(ROWS)('%s', async (_what, values, field, why) => {
    const { t, owner } = await shop();
    const before = await pricingNow(t, owner);
    const head = (await t.must(owner, 'journal.list', { limit: 1 }))[0]?.seq;
    const r: Result<unknown> = await t.call(owner, 'settings.update', pricing(values));
    if (field === null) {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const after = await pricingNow(t, owner);
      for (const [k, v] of Object.entries(values)) expect(after[k]).toEqual(v);
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const [key, item, part] = field.split('.');
    expect(r.error.code).toBe('SETTING_REFUSED');
    expect(r.error.details).toMatchObject({ group: 'pricing', key, why });
    if (item !== undefined) expect(r.error.details).toMatchObject({ item: Number(item), part: part ?? '' });
    // Nothing saved, nothing journaled.
    expect(await pricingNow(t, owner)).toEqual(before);
    expect((await t.must(owner, 'journal.list', { limit: 1 }))[0]?.seq).toBe(head);
    // In words, naming the setting and what it allows; never a code or a field path.
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = await words(r.error, lang);
      expect(text).not.toMatch(/[a-z][A-Z]|SETTING|pricing\.|\{\{/);
      expect(text.length).toBeGreaterThan(8);
    }
    // The comparison refuses the same values the same way, and saves nothing either.
    const cmp = await t.call(owner, 'pricing.compare', { brand: 'jd', values });
    expect(cmp.ok ? 'ok' : cmp.error.details.key).toBe(key);
  });

  it('says the range and the rule in words for a refused tier and the step', async () => {
    const { t, owner } = await shop();
    const r = await t.call(owner, 'settings.update', pricing({ tiers: [{ minValueFen: 100_000, bp: 501 }] }));
    expect(r.ok ? '' : await words(r.error, 'zh-CN')).toBe('没有保存 — 第 1 档面额的调整：−5.00% – 5.00%');
    expect(r.ok ? '' : await words(r.error, 'en')).toBe('Not saved — Value tier 1, adjustment: −5.00% – 5.00%');
    const s = await t.call(owner, 'settings.update', pricing({ openingDiscountBp: 105 }));
    expect(s.ok ? '' : await words(s.error, 'zh-CN')).toBe(
      '没有保存 — 开价低于目标：0.00% – 10.00%，要是谈价步长的整数倍',
    );
    const up = await t.call(
      owner,
      'settings.update',
      pricing({
        tiers: [
          { minValueFen: 500_000, bp: 40 },
          { minValueFen: 100_000, bp: 20 },
        ],
      }),
    );
    expect(up.ok ? '' : await words(up.error, 'zh-CN')).toBe(
      '没有保存 — 第 2 档面额的起始面额：要高于上一档，至少 ¥5,000.01',
    );
  });

  it('journals a list change as one entry per item added, changed or removed', async () => {
    const { t, owner } = await shop();
    await t.must(
      owner,
      'settings.update',
      pricing({
        targetMarginBp: 350,
        tiers: [
          { minValueFen: 100_000, bp: 30 },
          { minValueFen: 1_000_000, bp: 60 },
        ],
        calendar: DEFAULT_PRICING_VALUES.calendar.map((c) => (c.name === '春节' ? SPRING : c)),
      }),
    );
    const entries = (await t.must(owner, 'journal.list', { limit: 10 })).filter((e) => e.kind === 'settings.changed');
    const facts = entries.map((e) => {
      const p = e.payload as Record<string, string | undefined>;
      return `${p.key ?? ''}:${p.item ?? ''}:${p.change ?? ''}`;
    });
    expect(facts.sort()).toEqual(
      [
        'targetMarginBp::',
        'tiers:≥ ¥1,000:changed',
        'tiers:≥ ¥5,000:removed',
        'tiers:≥ ¥10,000:added',
        'calendar:春节:changed',
      ].sort(),
    );
  });
});

describe('nothing decided moves', () => {
  it('keeps offered groups as snapshotted until F4, then prices them again never below the offer made, rounds kept; agreed rates, paid trades and sealed days stay', async () => {
    const { t, owner, clerk } = await shop();
    // Day 1: a paid trade, then the day sealed.
    const paid = await payThreeCards(t, clerk, 'bank', 100_000);
    await t.must(clerk, 'days.close', { count: FLOAT });
    const sealed = (await t.must(owner, 'ledger.report', { businessDate: TODAY })).report;
    t.clock.advance(24 * 3600_000);
    await t.must(clerk, 'auth.unlock', { pin: CLERK_PIN });
    await t.must(owner, 'auth.unlock', { pin: OWNER_PIN });
    await t.must(clerk, 'days.open', { count: FLOAT });
    await t.must(owner, 'quotes.renew', {});
    const tomorrow = '2026-11-26';

    // Day 2: one ¥1,000 e-card haggled one round, a physical card agreed, a ¥999.99 e-card offered.
    const tr = await createTrade(t, clerk);
    await addCard(t, clerk, tr.id, 'e', 100_000);
    await addCard(t, clerk, tr.id, 'physical', 100_000);
    await addCard(t, clerk, tr.id, 'e', 99_999);
    const offered = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    const e1000 = groupOf(offered, 'e', 100_000);
    const phys = groupOf(offered, 'physical', 100_000);
    const e999 = groupOf(offered, 'e', 99_999);
    const r1 = await t.must(clerk, 'trades.ask', { tradeId: tr.id, groupKey: e1000, askBp: 9210 });
    expect([r1.outcome, r1.rateBp]).toEqual(['proposal', 9110]);
    await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: phys });
    const before = await t.must(clerk, 'trades.get', { tradeId: tr.id });
    const paidBefore = await t.must(owner, 'trades.get', { tradeId: paid.id });

    // The owner switches on 春节 for today, a promotion for e-cards, and cuts the rounds to 2.
    await t.must(
      owner,
      'settings.update',
      pricing({
        calendar: [{ ...SPRING, from: tomorrow, to: tomorrow }],
        promotions: [promo({ from: '2026-11-26T00:00:00+08:00' })],
        maxRounds: 2,
      }),
    );

    // Until F4 nothing moves: the levels and the round limit stay as offered.
    const waiting = await t.must(clerk, 'trades.get', { tradeId: tr.id });
    expect(waiting.groups).toEqual(before.groups);
    // The second round is not final: the group keeps the limit of 6 it was offered under.
    const r2 = await t.must(clerk, 'trades.ask', { tradeId: tr.id, groupKey: e1000, askBp: 9200 });
    expect([r2.outcome, r2.rateBp]).toEqual(['proposal', 9150]);
    expect(r2.trade.groups.find((g) => g.key === e1000)?.final).toBe(false);

    // F4: every group not agreed is priced again.
    const again = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    const g = (form: 'e' | 'physical', v: number) => {
      const key = groupOf(again, form, v);
      const found = again.groups.find((x) => x.key === key);
      if (!found) throw new Error('no group');
      return found;
    };
    // ¥1,000 e-card: adjustments 20 + 30 + 20, opening 90.60 % — below the 91.50 % already offered, which stands.
    const a = g('e', 100_000);
    expect([a.adjBp, a.ceilingBp, a.targetBp, a.openingBp, a.currentBp]).toEqual([70, 9290, 9160, 9060, 9150]);
    expect([a.rounds, a.maxRounds, a.final, a.lastAskBp]).toEqual([2, 2, true, 9200]);
    expect(a.explanation.adjustments.map((x) => x.name)).toEqual(['≥100000', '春节', '周末促销']);
    // Its rounds so far are kept under its new key, with the offer made again.
    expect(
      again.rounds.filter((r) => r.groupKey === a.key).map((r) => `${r.n}:${r.actor}:${r.kind}:${r.rateBp}`),
    ).toEqual([
      '0:shop:opening:9010',
      '1:customer:ask:9210',
      '1:shop:proposal:9110',
      '2:customer:ask:9200',
      '2:shop:proposal:9150',
      '2:shop:opening:9150',
    ]);
    // ¥999.99 e-card: 30 + 20 lift its opening from 88.90 % to 89.40 %, above what it was offered.
    const b = g('e', 99_999);
    expect([b.adjBp, b.openingBp, b.currentBp, b.rounds, b.final]).toEqual([50, 8940, 8940, 0, false]);
    expect(b.key).not.toBe(e999);
    // The agreed physical card does not move, though 春节 now applies to physical cards.
    expect(g('physical', 100_000)).toEqual(before.groups.find((x) => x.key === phys));
    expect(again.lines.find((l) => l.form === 'physical')?.rateBp).toBe(8810);
    // F4 again without a change writes nothing new.
    const same = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    expect(same.groups).toEqual(again.groups);
    expect(same.rounds).toEqual(again.rounds);

    // The final offer is agreed at the offer made; the paid trade and the sealed day are as they were.
    await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: a.key });
    const agreed = await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: b.key });
    expect(agreed.status).toBe('agreed');
    expect(agreed.lines.map((l) => l.rateBp)).toEqual([9150, 8810, 8940]);
    expect(await t.must(owner, 'trades.get', { tradeId: paid.id })).toEqual(paidBefore);
    expect((await t.must(owner, 'ledger.report', { businessDate: TODAY })).report).toEqual(sealed);
  });

  it('keeps the offer made when a change lowers the ceiling under it, and agrees there without the owner', async () => {
    const { t, owner, clerk } = await shop();
    const tr = await createTrade(t, clerk);
    await addCard(t, clerk, tr.id, 'e', 100_000);
    const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    const key = o.groups[0]?.key ?? '';
    // Above the ceiling: a final offer at the ceiling, 92.90 %.
    const r = await t.must(clerk, 'trades.ask', { tradeId: tr.id, groupKey: key, askBp: 9350 });
    expect([r.outcome, r.rateBp]).toEqual(['final', 9290]);
    // The owner raises the minimum margin: the ceiling drops to 91.90 %.
    await t.must(owner, 'settings.update', pricing({ minMarginBp: 200 }));
    const again = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    const g = again.groups[0];
    expect([g?.ceilingBp, g?.currentBp, g?.final]).toEqual([9190, 9290, true]);
    // Agreeing at the offer already made needs nobody; above it needs the owner, up to the cap.
    const agreed = await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g?.key ?? '' });
    expect(agreed.lines[0]?.rateBp).toBe(9290);
  });

  it('splits a group whose cards a new tier tells apart: each part keeps the offer made and the rounds so far', async () => {
    const { t, owner, clerk } = await shop();
    const tr = await createTrade(t, clerk);
    await addCard(t, clerk, tr.id, 'e', 100_000);
    await addCard(t, clerk, tr.id, 'e', 120_000);
    const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    expect(o.groups).toHaveLength(1);
    const key = o.groups[0]?.key ?? '';
    await t.must(clerk, 'trades.ask', { tradeId: tr.id, groupKey: key, askBp: 9210 });
    await t.must(
      owner,
      'settings.update',
      pricing({
        tiers: [
          { minValueFen: 100_000, bp: 20 },
          { minValueFen: 110_000, bp: 30 },
        ],
      }),
    );
    const split = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    expect(split.groups.map((g) => [g.tierBp, g.openingBp, g.currentBp, g.rounds])).toEqual([
      [20, 9010, 9110, 1],
      [30, 9020, 9110, 1],
    ]);
    // The ¥1,000 card's group is the one it was; the ¥1,200 card's carries the same history.
    expect(split.groups[0]?.key).toBe(key);
    const history = (k: string | undefined) =>
      split.rounds.filter((r) => r.groupKey === k).map((r) => `${r.n}:${r.kind}:${r.rateBp}`);
    expect(history(split.groups[0]?.key)).toEqual(['0:opening:9010', '1:ask:9210', '1:proposal:9110']);
    expect(history(split.groups[1]?.key)).toEqual([
      '0:opening:9010',
      '1:ask:9210',
      '1:proposal:9110',
      '1:opening:9110',
    ]);
  });

  it('keeps an offered group as it was when its quotes have gone stale since, and a new card without quotes waits, marked', async () => {
    const { t, owner, clerk } = await shop();
    const tr = await createTrade(t, clerk);
    await addCard(t, clerk, tr.id, 'e', 100_000);
    const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    for (const q of await t.must(owner, 'quotes.list', {})) await t.must(owner, 'quotes.expire', { quoteId: q.id });
    await t.must(owner, 'settings.update', pricing({ promotions: [promo()] }));
    const again = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    expect(again.groups).toEqual(o.groups);
    await addCard(t, clerk, tr.id, 'e', 50_000);
    // The offer already made stands; the new card is not priced and says why (it no longer blocks the others).
    const r = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    expect(r.groups).toEqual(o.groups);
    expect(r.lines.map((l) => [l.valueFen, l.groupKey !== null, l.unpriced])).toEqual([
      [100_000, true, null],
      [50_000, false, 'STALE_QUOTES'],
    ]);
  });
});
