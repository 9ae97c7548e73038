// Summaries as days arrive (head-office.md): two shops push 45 scripted days across a month's end — paid and voided
// trades, voids of earlier days, cards resold in batches, settled one by one or as a batch, invalid, own use — and
// the per shop-day and shop-month rows head office wrote in each day's transaction equal a recomputation from the
// stored bodies alone; the chain's monthly figures read from them agree too. On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chainMonths } from '../../hq/figures';
import { addDays } from '../../shared/domain/dates';
import { averageRateBp } from '../../shared/domain/money';
import { DRIVERS, testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { dayBody, signedRequest } from '../support/hq-requests';

const SHOPS = ['SH31', 'SH32'];
const SECRET = 'figures-shop-secret-0123456789';
const DAYS = 45;
const FIRST = '2026-10-10';

/** A small seeded generator (mulberry32): the same days on every run. */
function seeded(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

interface HeldCard {
  tradeNo: string;
  last4: string;
}

/** One shop's days: trades and every kind of correction of sync-protocol.md, naming cards of earlier days. */
function scriptDays(shop: string, seed: number): { date: string; body: string }[] {
  const r = seeded(seed);
  const bought: HeldCard[] = [];
  const batches = new Map<string, number>();
  const out: { date: string; body: string }[] = [];
  let prevHead: string | null = null;
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(FIRST, d);
    const trades = Array.from({ length: 1 + r.int(6) }, (_, i) => {
      const lines = Array.from({ length: 1 + r.int(3) }, () => {
        const valueFen = (1 + r.int(20)) * 5_000;
        const rateBp = 8800 + r.int(500);
        return {
          brand: ['jd', 'tmall'][r.int(2)] ?? 'jd',
          form: ['e', 'physical'][r.int(2)] ?? 'e',
          // Two cards of one trade may share their last 4: corrections then name the first still open.
          last4: String(1000 + r.int(12)),
          cardHash: null,
          valueFen,
          rateBp,
          payoutFen: Math.floor((valueFen * rateBp) / 10000),
        };
      });
      const tradeNo = `${shop}-${date.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`;
      return {
        tradeNo,
        paidAt: `${date}T03:00:00.000Z`,
        staff: '店员',
        status: r.chance(0.1) ? 'voided' : 'paid',
        roundingFen: 0,
        payments: [],
        lines,
      };
    });
    const corrections: Record<string, unknown>[] = [];
    for (const t of trades)
      if (t.status === 'voided')
        corrections.push({
          at: `${date}T04:00:00Z`,
          kind: 'void',
          tradeNo: t.tradeNo,
          amountFen: 1,
          reason: '顾客反悔',
        });
    // After-sale events on cards of earlier days.
    const pick = () => bought[r.int(bought.length)];
    for (let k = 0; k < 4 && bought.length > 0; k++) {
      const c = pick();
      if (!c) continue;
      const roll = r.int(10);
      if (roll < 4) {
        const batchId = `B-${shop}-${r.int(6)}`;
        batches.set(batchId, (batches.get(batchId) ?? 0) + 1);
        corrections.push({ at: `${date}T05:00:00Z`, kind: 'resold', tradeNo: c.tradeNo, last4: c.last4, batchId });
      } else if (roll < 6)
        corrections.push({
          at: `${date}T05:00:00Z`,
          kind: 'settled',
          tradeNo: c.tradeNo,
          last4: c.last4,
          amountFen: 40_000 + r.int(60_000),
        });
      else if (roll < 7)
        corrections.push({
          at: `${date}T05:00:00Z`,
          kind: 'invalid',
          tradeNo: c.tradeNo,
          last4: c.last4,
          reason: '卡片无效',
        });
      else if (roll < 8)
        corrections.push({
          at: `${date}T05:00:00Z`,
          kind: 'own_use',
          tradeNo: c.tradeNo,
          last4: c.last4,
          amountFen: 1,
        });
      else
        corrections.push({ at: `${date}T05:00:00Z`, kind: 'void', tradeNo: c.tradeNo, amountFen: 1, reason: '冻结' });
    }
    if (d % 7 === 6)
      for (const [batchId] of batches)
        corrections.push({ at: `${date}T06:00:00Z`, kind: 'settled', batchId, amountFen: 100_000 + r.int(400_000) });
    for (const t of trades) for (const l of t.lines) bought.push({ tradeNo: t.tradeNo, last4: l.last4 });
    const head = d.toString(16).padStart(64, shop === 'SH31' ? 'a' : 'b');
    out.push({
      date,
      body: dayBody(shop, date, {
        zNumber: d + 1,
        trades,
        corrections,
        summary: { grandTotalFen: 0, expectedMarginFen: 1_000 + r.int(9_000) },
        journalHead: head,
        prevDayJournalHead: prevHead,
      }),
    });
    prevHead = head;
  }
  return out;
}

const Body = z.object({
  businessDate: z.string(),
  summary: z.object({ expectedMarginFen: z.number() }),
  trades: z.array(
    z.object({
      tradeNo: z.string(),
      status: z.string(),
      lines: z.array(
        z.object({
          brand: z.string(),
          form: z.string(),
          last4: z.string(),
          valueFen: z.number(),
          payoutFen: z.number(),
        }),
      ),
    }),
  ),
  corrections: z.array(
    z.object({
      kind: z.string(),
      tradeNo: z.string().optional(),
      last4: z.string().optional(),
      batchId: z.string().optional(),
      amountFen: z.number().optional(),
    }),
  ),
});

interface Card {
  date: string;
  tradeNo: string;
  position: number;
  brand: string;
  form: string;
  last4: string;
  value: number;
  payout: number;
  voided: boolean;
  batch: string | null;
  outcome: string | null;
  proceeds: number;
}

/** The figures from the stored bodies alone, each shop's in date order: cards' final states, then summed. */
function recompute(bodies: { shop: string; body: string }[]) {
  const cards = new Map<string, Card[]>();
  const months = new Map<string, { days: number; expected: number }>();
  for (const { shop, body } of bodies) {
    const b = Body.parse(JSON.parse(body));
    const mine = cards.get(shop) ?? [];
    cards.set(shop, mine);
    for (const t of b.trades)
      t.lines.forEach((l, i) =>
        mine.push({
          date: b.businessDate,
          tradeNo: t.tradeNo,
          position: i + 1,
          brand: l.brand,
          form: l.form,
          last4: l.last4,
          value: l.valueFen,
          payout: l.payoutFen,
          voided: t.status === 'voided',
          batch: null,
          outcome: null,
          proceeds: 0,
        }),
      );
    const mk = `${shop}|${b.businessDate.slice(0, 7)}`;
    const m = months.get(mk) ?? { days: 0, expected: 0 };
    m.days += 1;
    m.expected += b.summary.expectedMarginFen;
    months.set(mk, m);
    const named = (c: { tradeNo?: string; last4?: string }, open: (x: Card) => boolean) =>
      mine
        .filter((x) => x.tradeNo === c.tradeNo && x.last4 === c.last4)
        .sort((x, y) => Number(open(y)) - Number(open(x)) || x.position - y.position)[0];
    for (const c of b.corrections) {
      if (c.kind === 'void') {
        for (const x of mine) if (x.tradeNo === c.tradeNo) x.voided = true;
      } else if (c.kind === 'resold' && c.batchId) {
        const x = named(c, (y) => y.batch === null);
        if (x) x.batch = c.batchId;
      } else if (c.tradeNo) {
        const x = named(c, (y) => y.outcome === null);
        if (x)
          [x.outcome, x.proceeds] = [
            c.kind,
            c.kind === 'own_use' ? x.value : c.kind === 'invalid' ? 0 : (c.amountFen ?? 0),
          ];
      } else if (c.kind === 'settled' && c.batchId) {
        const open = mine
          .filter((x) => x.batch === c.batchId && x.outcome === null && !x.voided)
          .sort(
            (x, y) => x.date.localeCompare(y.date) || x.tradeNo.localeCompare(y.tradeNo) || x.position - y.position,
          );
        const total = open.reduce((s, x) => s + x.value, 0);
        const amount = c.amountFen ?? 0;
        const shares = open.map((x) => Math.floor((amount * x.value) / total));
        let rest = amount - shares.reduce((s, x) => s + x, 0);
        for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i] = (shares[i] ?? 0) + 1;
        open.forEach((x, i) => ([x.outcome, x.proceeds] = ['settled', shares[i] ?? 0]));
      }
    }
  }
  const day = new Map<string, number[]>();
  const month = new Map<string, number[]>();
  for (const [shop, list] of cards)
    for (const c of list.filter((x) => !x.voided)) {
      const v = [1, c.value, c.payout, c.outcome ? c.proceeds - c.payout : 0];
      for (const [map, key] of [
        [day, `${shop}|${c.date}|${c.brand}|${c.form}`],
        [month, `${shop}|${c.date.slice(0, 7)}|${c.brand}|${c.form}`],
      ] as const) {
        const acc = map.get(key) ?? [0, 0, 0, 0];
        map.set(
          key,
          acc.map((a, i) => a + (v[i] ?? 0)),
        );
      }
    }
  return { day, month, months };
}

const FigureRow = z.object({
  k: z.string(),
  cards: z.number(),
  value_fen: z.number(),
  payout_fen: z.number(),
  realised_margin_fen: z.number(),
});
const TotalRow = z.object({ k: z.string(), days: z.number(), expected_margin_fen: z.number() });
const StoredBody = z.object({ shop_id: z.string(), body: z.string() });
const nonZero = (rows: z.infer<typeof FigureRow>[]) =>
  new Map(
    rows
      .filter((r) => r.cards !== 0 || r.value_fen !== 0 || r.payout_fen !== 0 || r.realised_margin_fen !== 0)
      .map((r) => [r.k, [r.cards, r.value_fen, r.payout_fen, r.realised_margin_fen]]),
  );

describe.each(DRIVERS)('summaries on %s', (driver) => {
  const database = useHqDatabase(driver);
  let started: TestHq;
  let clock = Math.floor(Date.parse(`${FIRST}T12:00:00Z`) / 1000);
  beforeAll(async () => {
    started = await testHeadOffice(database().db, () => clock);
    for (const shop of SHOPS) await started.hq.shops.register({ shopId: shop, name: shop }, SECRET);
  });
  afterAll(() => started.close());

  it('writes per shop-day and shop-month rows with each day that equal a recomputation from the stored bodies', async () => {
    const scripts = SHOPS.map((shop, i) => ({ shop, days: scriptDays(shop, 17 + i) }));
    for (let d = 0; d < DAYS; d++) {
      clock += 86_400;
      for (const { shop, days } of scripts) {
        const day = days[d]!;
        const r = await signedRequest(
          started.url,
          shop,
          SECRET,
          clock,
          'PUT',
          `/v1/shops/${shop}/days/${day.date}`,
          day.body,
        );
        expect([r.status, r.body], `${shop} ${day.date}`).toEqual([201, '{"stored":true,"warnings":[]}']);
      }
    }
    const { db } = database();
    const stored = await db.all(StoredBody, 'SELECT shop_id, body FROM days ORDER BY shop_id, business_date');
    expect(stored).toHaveLength(SHOPS.length * DAYS);
    const want = recompute(stored.map((s) => ({ shop: s.shop_id, body: s.body })));
    const dayRows = await db.all(
      FigureRow,
      "SELECT shop_id || '|' || business_date || '|' || brand || '|' || form AS k, cards, value_fen, payout_fen, realised_margin_fen FROM day_figures",
    );
    const monthRows = await db.all(
      FigureRow,
      "SELECT shop_id || '|' || month || '|' || brand || '|' || form AS k, cards, value_fen, payout_fen, realised_margin_fen FROM month_figures",
    );
    expect(nonZero(dayRows)).toEqual(want.day);
    expect(nonZero(monthRows)).toEqual(want.month);
    const totals = await db.all(
      TotalRow,
      "SELECT shop_id || '|' || month AS k, days, expected_margin_fen FROM month_totals",
    );
    expect(new Map(totals.map((t) => [t.k, { days: t.days, expected: t.expected_margin_fen }]))).toEqual(want.months);
    // The script exercised what it means to: voids of earlier days, batches settled, realised margin both ways.
    const realised = [...want.day.values()].map((v) => v[3] ?? 0);
    expect(realised.some((x) => x > 0) && realised.some((x) => x < 0)).toBe(true);
    // A row down to no cards: every card of it voided on a later day.
    expect(dayRows.some((r) => r.cards === 0)).toBe(true);

    // The chain's charts read the month rows: per month, both shops together.
    const chart = await chainMonths(db, '2026-10', '2026-11');
    expect(chart.map((p) => p.month)).toEqual(['2026-10', '2026-11']);
    for (const p of chart) {
      const sum = [0, 0, 0, 0];
      for (const [k, v] of want.month)
        if (k.split('|')[1] === p.month) v.forEach((x, i) => (sum[i] = (sum[i] ?? 0) + x));
      const expected = [...want.months].filter(([k]) => k.endsWith(p.month)).reduce((s, [, m]) => s + m.expected, 0);
      expect(p).toEqual({
        month: p.month,
        cards: sum[0],
        valueFen: sum[1],
        payoutFen: sum[2],
        averageRateBp: averageRateBp(sum[2] ?? 0, sum[1] ?? 0),
        expectedMarginFen: expected,
        realisedMarginFen: sum[3],
      });
    }
  });
});
