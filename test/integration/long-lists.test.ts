// Every long list pages and says how many there are (ux.md "The owner's evening"): days, a day's trades, the
// journal, the compliance lists; and the alerts come grouped by kind and customer with counts, never one line per card.
import { afterEach, describe, expect, it } from 'vitest';
import { CLERK_PIN, counterShop, createTrade, addCard } from '../support/counter';
import { errorCode, OWNER_PIN, type TestBackend } from '../support/backend';

const HOUR = 3_600_000;
let t: TestBackend | undefined;
afterEach(() => t?.close());

async function shopWithUnsoldCards() {
  const s = await counterShop();
  t = s.t;
  const phones = ['13900000001', '13900000001', '13900000001', '13900000002', '13900000002', '13800000003'];
  const paid: string[] = [];
  for (const [i, mobile] of phones.entries()) {
    const tr = await createTrade(s.t, s.clerk, mobile);
    // Numbers far apart: no consecutive-number alert, only the unsold ones.
    const number = (k: number) => `JDE7${String(7_000_000_000 + i * 1_000 + k * 100).padStart(12, '0')}`;
    await addCard(s.t, s.clerk, tr.id, 'e', 10_000, number(0));
    if (i === 0) await addCard(s.t, s.clerk, tr.id, 'e', 20_000, number(1));
    const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    const done = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: `long-lists-${i}`,
      parts: [{ method: 'bank', amountFen: v.payoutFen, reference: `BK${i}` }],
    });
    paid.push(done.tradeNo ?? '');
  }
  // A draft: not a paid trade, so not among the day's trades in the ledger.
  await createTrade(s.t, s.clerk, '13900000009');
  // Three hours on, every e-card is past the 2 h unsold alert.
  s.t.clock.advance(3 * HOUR);
  await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
  await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
  const day = await s.t.must(s.owner, 'days.current', {});
  return { ...s, paid, date: day!.businessDate };
}

describe('long lists', () => {
  it('groups alerts by kind and customer with counts, filters by kind and customer, and pages the groups', async () => {
    const s = await shopWithUnsoldCards();
    const all = await s.t.must(s.owner, 'compliance.alertGroups', { from: s.date, to: s.date });
    // Seven cards unsold: seven alerts, but three customers — three groups, the first customer's on top.
    expect(all.kinds).toEqual([{ kind: 'unsold', alerts: 7, groups: 3 }]);
    expect(all.alerts).toBe(7);
    expect(all.groups.total).toBe(3);
    expect(all.groups.items.map((g) => [g.kind, g.phoneMasked, g.alerts, g.trades])).toEqual([
      ['unsold', '139****0001', 4, 3],
      ['unsold', '139****0002', 2, 2],
      ['unsold', '138****0003', 1, 1],
    ]);
    expect(all.groups.items[0]?.tradeNos).toEqual(s.paid.slice(0, 3));
    expect(all.groups.items[0]).toMatchObject({ firstDate: s.date, lastDate: s.date });

    const one = await s.t.must(s.owner, 'compliance.alertGroups', {
      from: s.date,
      to: s.date,
      customer: '139 0000 0002',
    });
    expect(one.groups.items.map((g) => [g.phoneMasked, g.alerts])).toEqual([['139****0002', 2]]);
    const none = await s.t.must(s.owner, 'compliance.alertGroups', { from: s.date, to: s.date, kind: 'structuring' });
    expect(none.groups.total).toBe(0);
    expect(none.kinds).toEqual(all.kinds); // the kind filter still counts every kind
    const second = await s.t.must(s.owner, 'compliance.alertGroups', {
      from: s.date,
      to: s.date,
      offset: 1,
      limit: 1,
    });
    expect(second.groups).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(second.groups.items.map((g) => g.phoneMasked)).toEqual(['139****0002']);

    // The report's lists: a page long, with how many in all.
    const report = await s.t.must(s.owner, 'compliance.report', {
      from: s.date,
      to: s.date,
      limit: 2,
      offsets: { alerts: 6 },
    });
    expect(report.totals.alerts).toBe(7);
    expect(report.alerts).toHaveLength(1);
    expect(report.offsets).toEqual({ threshold: 0, hits: 0, refusals: 0, overrides: 0, alerts: 6 });
    // A clerk cannot read them; bad input is refused in words and changes nothing.
    expect(errorCode(await s.t.call(s.clerk, 'compliance.alertGroups', { from: s.date, to: s.date }))).toBe(
      'FORBIDDEN',
    );
    const bad = await s.t.raw(s.owner, 'compliance.alertGroups', { from: s.date, to: s.date, offset: -1 });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'VALIDATION', details: { field: 'offset' } });
  });

  it('pages a day’s trades, the journal and the days, each saying how many there are', async () => {
    const s = await shopWithUnsoldCards();
    const first = await s.t.must(s.owner, 'trades.page', {
      from: s.date,
      to: s.date,
      numbered: true,
      limit: 4,
    });
    expect(first).toMatchObject({ total: 6, offset: 0, limit: 4 });
    expect(first.items.map((x) => x.tradeNo)).toEqual(s.paid.toReversed().slice(0, 4));
    const rest = await s.t.must(s.owner, 'trades.page', {
      from: s.date,
      to: s.date,
      numbered: true,
      offset: 4,
      limit: 4,
    });
    expect(rest.items.map((x) => x.tradeNo)).toEqual(s.paid.toReversed().slice(4));
    // Without `numbered` the draft is there too.
    expect((await s.t.must(s.clerk, 'trades.page', { from: s.date, to: s.date })).total).toBe(7);

    const journal = await s.t.must(s.owner, 'journal.page', { limit: 5 });
    const count = (await s.t.must(s.owner, 'journal.verify', {})).count;
    expect(journal.total).toBe(count);
    expect(journal.items.map((e) => e.seq)).toEqual([count, count - 1, count - 2, count - 3, count - 4]);
    const last = await s.t.must(s.owner, 'journal.page', { offset: count - 2, limit: 5 });
    expect(last.items.map((e) => e.seq)).toEqual([2, 1]);

    // Resale: the cards in stock a page at a time, and the batches.
    const stock = await s.t.must(s.owner, 'resale.stockPage', { states: ['in_stock'], limit: 3 });
    expect(stock).toMatchObject({ total: 7, inStock: 7, offset: 0, limit: 3 });
    expect(stock.items).toHaveLength(3);
    const cards = (await s.t.must(s.owner, 'resale.stockPage', { limit: 10 })).items;
    for (const lineIds of [cards.slice(0, 2), cards.slice(2, 3), cards.slice(3, 5)].map((cs) =>
      cs.map((c) => c.lineId),
    ))
      await s.t.must(s.owner, 'resale.createBatch', { platform: '平台A', rateBp: 9300, lineIds });
    const after = await s.t.must(s.owner, 'resale.stockPage', { states: ['in_stock'], offset: 1, limit: 1 });
    expect(after).toMatchObject({ total: 2, inStock: 2 });
    const batches = await s.t.must(s.owner, 'resale.batchPage', { offset: 2, limit: 2 });
    expect(batches).toMatchObject({ total: 3, offset: 2, limit: 2 });
    expect(batches.items.map((b) => b.cards)).toEqual([2]); // the oldest batch, on the last page

    // Two business days: one page of one day each.
    const expected = (await s.t.must(s.owner, 'days.current', {}))?.expectedCashFen ?? 0;
    await s.t.must(s.owner, 'days.close', {
      count: { '10000': Math.floor(expected / 10_000) },
      reason: '零钱另放',
      voidReason: '顾客没有回来',
    });
    s.t.clock.advance(24 * HOUR);
    await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
    await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    await s.t.must(s.clerk, 'days.open', { count: { '10000': 10 } });
    const newest = await s.t.must(s.owner, 'ledger.days', { limit: 1 });
    expect(newest).toMatchObject({ total: 2, offset: 0, limit: 1 });
    expect(newest.items[0]?.status).toBe('open');
    const older = await s.t.must(s.owner, 'ledger.days', { offset: 1, limit: 1 });
    expect(older.items.map((d) => [d.businessDate, d.figures.trades])).toEqual([[s.date, 6]]);
  });
});
