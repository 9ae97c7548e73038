// Cards across the chain at head office (sync-protocol.md v2), over real HTTP on PGlite and on a real PostgreSQL:
// schema 2 sealed bodies stored beside schema 1 ones; bought and voided cards reported live, idempotent on their
// key; the check at the counter answering from live reports and stored days; the cross-shop duplicate alert raised
// once per pair (live+live, live+sealed, sealed+sealed) and never for a voided purchase; the customer alert only
// with matching on; an invalid card proposed, accepted and pulled; tombstones in the watch-list pull; pricing per
// group with its ETag.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from '../../hq/db/migrate';
import { MIGRATIONS } from '../../hq/db/migrations';
import { openPg } from '../../hq/db/pg';
import { openPglite } from '../../hq/db/pglite';
import { MAX_CARD_BODY_BYTES } from '../../hq/server';
import { chainHash, signedHeaders } from '../../shared/protocol/signing';
import { DRIVERS, testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { dayBody, rawRequest, signedRequest } from '../support/hq-requests';

const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';
const SECRETS: Record<string, string> = {
  SA: 'chain-test-secret-shop-a-0123',
  SB: 'chain-test-secret-shop-b-0123',
  SC: 'chain-test-secret-shop-c-0123',
};
const card = (n: string) => chainHash(CHAIN_KEY, n);
const phone = (n: string) => chainHash(CHAIN_KEY, n);

interface Line {
  number: string;
  valueFen?: number;
  payoutFen?: number;
  hqCheck?: 'clear' | 'hit_overridden' | 'unchecked' | null;
}
/** A schema 2 trade as the shop seals it. */
function trade2(tradeNo: string, lines: Line[], o: { status?: string; customerHash?: string | null } = {}) {
  return {
    tradeNo,
    paidAt: '2026-12-01T03:00:00.000Z',
    staff: 'clerk',
    status: o.status ?? 'paid',
    roundingFen: 0,
    customerHash: o.customerHash ?? null,
    payments: [],
    lines: lines.map((l, i) => ({
      position: i + 1,
      brand: 'jd',
      form: 'e',
      last4: l.number.slice(-4),
      cardHash: card(l.number),
      valueFen: l.valueFen ?? 10_000,
      rateBp: 9000,
      payoutFen: l.payoutFen ?? 9_000,
      hqCheck: l.hqCheck === undefined ? 'clear' : l.hqCheck,
    })),
  };
}
const day2 = (shop: string, date: string, extra: Record<string, unknown>) =>
  dayBody(shop, date, { schema: 2, settingsChanges: [], ...extra });

describe.each(DRIVERS)('head office across the chain on %s', (driver) => {
  const database = useHqDatabase(driver);
  const clock = 1_796_000_000;
  let started: TestHq;
  beforeAll(async () => {
    started = await testHeadOffice(database().db, () => clock);
    const { shops, chain } = started.hq;
    await chain.set(CHAIN_KEY);
    await shops.register({ shopId: 'SA', name: '东门店', city: '深圳', group: 'south' }, SECRETS.SA);
    await shops.register({ shopId: 'SB', name: '西门店', city: '深圳', group: 'south' }, SECRETS.SB);
    await shops.register({ shopId: 'SC', name: '北京店', city: '北京', group: 'north' }, SECRETS.SC);
  });
  afterAll(() => started.close());
  const ask = (shop: string, method: string, p: string, body: string, headers: Record<string, string> = {}) =>
    signedRequest(started.url, shop, SECRETS[shop] ?? '', clock, method, p, body, { headers });
  const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
  const bought = (shop: string, tradeNo: string, numbers: string[], paidAt = '2026-12-01T02:00:00.000Z') => {
    const body = JSON.stringify({
      tradeNo,
      paidAt,
      lines: numbers.map((n, i) => ({ position: i + 1, cardHash: card(n), brand: 'jd', form: 'e', valueFen: 10_000 })),
    });
    return ask(shop, 'POST', `/v1/shops/${shop}/cards/bought`, body, {
      'Idempotency-Key': `${shop}:${tradeNo}:bought`,
    });
  };
  const voided = (shop: string, tradeNo: string) =>
    ask(shop, 'POST', `/v1/shops/${shop}/cards/voided`, JSON.stringify({ tradeNo }), {
      'Idempotency-Key': `${shop}:${tradeNo}:voided`,
    });
  const check = async (shop: string, numbers: string[]) => {
    const r = await ask(
      shop,
      'POST',
      `/v1/shops/${shop}/cards/check`,
      JSON.stringify({ cardHashes: numbers.map(card) }),
    );
    expect(r.status).toBe(200);
    return (json(r).seen as { cardHash: string; shopId: string; shopName: string; tradeNo: string; paidAt: string }[])
      .map((s) => `${s.shopId} ${s.shopName} ${s.tradeNo} ${s.paidAt}`)
      .sort();
  };
  const duplicates = async (number: string) =>
    (await started.hq.alerts.list({ kind: 'duplicate_card' })).filter((a) => a.subject === card(number));

  it('stores a schema 2 day with its positions, checks and customer hashes, and still verifies schema 1 days', async () => {
    const p = '/v1/shops/SA/days/2026-11-20';
    const v1 = await ask('SA', 'PUT', p, dayBody('SA', '2026-11-20'));
    expect(v1.status).toBe(201);
    const body = day2('SA', '2026-11-21', {
      trades: [trade2('SA-1121-1', [{ number: '6200000000000001' }, { number: '6200000000000002', hqCheck: null }])],
      corrections: [
        { at: '2026-11-21T05:00:00.000Z', kind: 'settled', tradeNo: 'SA-1121-1', position: 2, amountFen: -300 },
      ],
      settingsChanges: [{ group: 'pricing', key: 'stepBp' }],
    });
    const r = await ask('SA', 'PUT', '/v1/shops/SA/days/2026-11-21', body);
    expect([r.status, json(r)]).toEqual([201, { stored: true, warnings: ['chain_gap'] }]);
    expect((await ask('SA', 'PUT', '/v1/shops/SA/days/2026-11-21', body)).status).toBe(200);
    expect((await ask('SA', 'PUT', p, dayBody('SA', '2026-11-20'))).status).toBe(200);
    const { db } = database();
    const schemas = await db.all(
      z.object({ schema: z.number() }),
      "SELECT schema FROM days WHERE shop_id = 'SA' ORDER BY business_date",
    );
    expect(schemas.map((s) => s.schema)).toEqual([1, 2]);
    const cards = await db.all(
      z.object({
        position: z.number(),
        hq_check: z.string().nullable(),
        paid_at: z.string().nullable(),
        outcome: z.string().nullable(),
        proceeds_fen: z.number().nullable(),
      }),
      "SELECT position, hq_check, paid_at, outcome, proceeds_fen FROM cards WHERE shop_id = 'SA' ORDER BY position",
    );
    expect(cards).toEqual([
      { position: 1, hq_check: 'clear', paid_at: '2026-12-01T03:00:00.000Z', outcome: null, proceeds_fen: null },
      // A claw-back: a negative settlement of the card it names by position.
      { position: 2, hq_check: null, paid_at: '2026-12-01T03:00:00.000Z', outcome: 'settled', proceeds_fen: -300 },
    ]);
    // Schema 2 wants what it adds; an unknown check or a position twice is refused.
    const refused = async (extra: Record<string, unknown>) =>
      json(await ask('SA', 'PUT', '/v1/shops/SA/days/2026-11-22', day2('SA', '2026-11-22', extra))).reason;
    const { customerHash: _, ...noCustomer } = trade2('SA-1122-1', [{ number: '6200000000000003' }]);
    expect(await refused({ trades: [noCustomer] })).toBe('trades');
    expect(
      await refused({ trades: [trade2('SA-1122-1', [{ number: '6200000000000003', hqCheck: 'maybe' as 'clear' }])] }),
    ).toBe('trades');
    const twice = trade2('SA-1122-1', [{ number: '6200000000000003' }, { number: '6200000000000004' }]);
    twice.lines[1] = { ...twice.lines[1]!, position: 1 };
    expect(await refused({ trades: [twice] })).toBe('trades');
    expect(await refused({ settingsChanges: undefined })).toBe('settingsChanges');
    expect(await refused({ schema: 3 })).toBe('schema');
  });

  it('takes bought and voided cards live, once per key: the same body again is a replay, another body 409', async () => {
    const first = await bought('SA', 'SA-1201-1', ['6211000000000001']);
    expect([first.status, json(first)]).toEqual([201, { stored: true }]);
    const again = await bought('SA', 'SA-1201-1', ['6211000000000001']);
    expect([again.status, json(again)]).toEqual([200, { stored: true, replay: true }]);
    expect((await bought('SA', 'SA-1201-1', ['6211000000000009'])).status).toBe(409);
    // The key names the trade and what happened to it.
    const wrongKey = await ask(
      'SA',
      'POST',
      '/v1/shops/SA/cards/bought',
      JSON.stringify({
        tradeNo: 'SA-1201-2',
        paidAt: 'x',
        lines: [{ position: 1, cardHash: card('1'), brand: 'jd', form: 'e', valueFen: 1 }],
      }),
      { 'Idempotency-Key': 'SA:SA-1201-1:bought' },
    );
    expect(json(wrongKey)).toEqual({ error: 'invalid', reason: 'idempotency_key' });
    expect(
      json(await ask('SA', 'POST', '/v1/shops/SA/cards/bought', '{"tradeNo":"T","paidAt":"x","lines":[]}')),
    ).toEqual({ error: 'invalid', reason: 'lines' });
    expect(json(await ask('SA', 'POST', '/v1/shops/SA/cards/bought', '{'))).toEqual({
      error: 'invalid',
      reason: 'json',
    });
    expect((await ask('SA', 'GET', '/v1/shops/SA/cards/bought', '')).status).toBe(405);
    // Answers are signed like every v2 answer.
    expect(again.headers['x-carddesk-signature']).toMatch(/^v2=[0-9a-f]{64}$/);

    expect(await check('SB', ['6211000000000001'])).toEqual(['SA 东门店 SA-1201-1 2026-12-01T02:00:00.000Z']);
    // A shop is not told of its own purchase.
    expect(await check('SA', ['6211000000000001'])).toEqual([]);
    const v = await voided('SA', 'SA-1201-1');
    expect(v.status).toBe(201);
    expect((await voided('SA', 'SA-1201-1')).status).toBe(200);
    expect(await check('SB', ['6211000000000001'])).toEqual([]);
    // A void that arrives before its purchase: the purchase is held voided.
    expect((await voided('SB', 'SB-1201-9')).status).toBe(201);
    expect((await bought('SB', 'SB-1201-9', ['6211000000000002'])).status).toBe(201);
    expect(await check('SA', ['6211000000000002'])).toEqual([]);
    // At most 50 hashes a check.
    const many = Array.from({ length: 51 }, (_, i) => card(String(i)));
    expect(json(await ask('SB', 'POST', '/v1/shops/SB/cards/check', JSON.stringify({ cardHashes: many })))).toEqual({
      error: 'invalid',
      reason: 'cardHashes',
    });
  });

  it('answers the check from stored days as well as live reports, each purchase once', async () => {
    const body = day2('SC', '2026-12-01', {
      trades: [
        trade2('SC-1201-1', [{ number: '6222000000000001' }]),
        trade2('SC-1201-2', [{ number: '6222000000000002' }], { status: 'voided' }),
      ],
    });
    expect((await ask('SC', 'PUT', '/v1/shops/SC/days/2026-12-01', body)).status).toBe(201);
    // Reported live too: still one purchase.
    expect((await bought('SC', 'SC-1201-1', ['6222000000000001'], '2026-12-01T03:00:00.000Z')).status).toBe(201);
    expect(await check('SA', ['6222000000000001', '6222000000000002', '6222000000000003'])).toEqual([
      'SC 北京店 SC-1201-1 2026-12-01T03:00:00.000Z',
    ]);
  });

  it('raises a cross-shop duplicate alert once per pair of unvoided purchases: live+live, live+sealed, sealed+sealed', async () => {
    // live + live
    await bought('SA', 'SA-1202-1', ['6233000000000001']);
    await bought('SB', 'SB-1202-1', ['6233000000000001']);
    await bought('SB', 'SB-1202-1', ['6233000000000001']);
    expect(await duplicates('6233000000000001')).toHaveLength(1);
    // ... and when the two days arrive later, nothing more for that pair.
    await ask(
      'SA',
      'PUT',
      '/v1/shops/SA/days/2026-12-02',
      day2('SA', '2026-12-02', { trades: [trade2('SA-1202-1', [{ number: '6233000000000001' }])] }),
    );
    await ask(
      'SB',
      'PUT',
      '/v1/shops/SB/days/2026-12-02',
      day2('SB', '2026-12-02', { trades: [trade2('SB-1202-1', [{ number: '6233000000000001' }])] }),
    );
    const [pair] = await duplicates('6233000000000001');
    expect(pair?.detail).toEqual({
      purchases: [
        { shopId: 'SA', tradeNo: 'SA-1202-1', paidAt: '2026-12-01T02:00:00.000Z' },
        { shopId: 'SB', tradeNo: 'SB-1202-1', paidAt: '2026-12-01T02:00:00.000Z' },
      ],
    });
    expect(await duplicates('6233000000000001')).toHaveLength(1);

    // live + sealed: a live report, then another shop's sealed day (which came with head office down).
    await bought('SA', 'SA-1203-1', ['6233000000000002']);
    await ask(
      'SC',
      'PUT',
      '/v1/shops/SC/days/2026-12-03',
      day2('SC', '2026-12-03', {
        trades: [trade2('SC-1203-1', [{ number: '6233000000000002', hqCheck: 'unchecked' }])],
      }),
    );
    expect(await duplicates('6233000000000002')).toHaveLength(1);

    // sealed + sealed, and a third shop makes two more pairs.
    await ask(
      'SA',
      'PUT',
      '/v1/shops/SA/days/2026-12-04',
      day2('SA', '2026-12-04', { trades: [trade2('SA-1204-1', [{ number: '6233000000000003' }])] }),
    );
    await ask(
      'SB',
      'PUT',
      '/v1/shops/SB/days/2026-12-04',
      day2('SB', '2026-12-04', { trades: [trade2('SB-1204-1', [{ number: '6233000000000003' }])] }),
    );
    expect(await duplicates('6233000000000003')).toHaveLength(1);
    await bought('SC', 'SC-1204-1', ['6233000000000003']);
    expect(await duplicates('6233000000000003')).toHaveLength(3);

    // A voided purchase raises none: voided live before the other shop buys, or sealed as voided.
    await bought('SA', 'SA-1205-1', ['6233000000000004']);
    await voided('SA', 'SA-1205-1');
    await bought('SB', 'SB-1205-1', ['6233000000000004']);
    await ask(
      'SC',
      'PUT',
      '/v1/shops/SC/days/2026-12-05',
      day2('SC', '2026-12-05', {
        trades: [trade2('SC-1205-1', [{ number: '6233000000000004' }], { status: 'voided' })],
      }),
    );
    expect(await duplicates('6233000000000004')).toHaveLength(0);
    // A void after the alert clears nothing already raised.
    await bought('SA', 'SA-1206-1', ['6233000000000005']);
    await bought('SB', 'SB-1206-1', ['6233000000000005']);
    await voided('SB', 'SB-1206-1');
    expect(await duplicates('6233000000000005')).toHaveLength(1);
  });

  it('raises the customer alert only while customer matching is on, once per customer and day', async () => {
    const { settings, alerts } = started.hq;
    const customer = phone('13800000001');
    const big = (shop: string, date: string, n: string) =>
      ask(
        shop,
        'PUT',
        `/v1/shops/${shop}/days/${date}`,
        day2(shop, date, {
          zNumber: 9,
          trades: [
            trade2(`${shop}-${date}-C`, [{ number: n, valueFen: 600_000, payoutFen: 540_000 }], {
              customerHash: customer,
            }),
          ],
        }),
      );
    const customerAlerts = async () =>
      (await alerts.list({ kind: 'customer_across_shops' })).filter((a) => a.subject === customer);
    expect(await settings.customerMatching()).toBe(false);
    await big('SA', '2026-12-10', '6244000000000001');
    await big('SB', '2026-12-10', '6244000000000002');
    expect(await customerAlerts()).toEqual([]);
    await settings.setCustomerMatching(true);
    await big('SA', '2026-12-11', '6244000000000003');
    // One shop alone reaching the threshold is that shop's own rule, not a chain alert.
    expect(await customerAlerts()).toEqual([]);
    await big('SB', '2026-12-11', '6244000000000004');
    await big('SC', '2026-12-11', '6244000000000005');
    const raised = await customerAlerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]?.detail).toMatchObject({
      businessDate: '2026-12-11',
      totalFen: 1_080_000,
      thresholdFen: 1_000_000,
    });
    await settings.setCustomerMatching(false);
  });

  it('proposes a card recorded invalid for the watch list; accepted, it reaches the pull; a removal travels as a tombstone', async () => {
    const { alerts, feeds } = started.hq;
    await ask(
      'SB',
      'PUT',
      '/v1/shops/SB/days/2026-12-20',
      day2('SB', '2026-12-20', {
        trades: [trade2('SB-1220-1', [{ number: '6255000000000001' }, { number: '6255000000000002' }])],
        corrections: [{ at: '2026-12-20T09:00:00.000Z', kind: 'invalid', tradeNo: 'SB-1220-1', position: 2 }],
      }),
    );
    const open = await alerts.proposals();
    expect(open.map((p) => [p.hash, p.shop_id, p.trade_no, p.position])).toEqual([
      [card('6255000000000002'), 'SB', 'SB-1220-1', 2],
    ]);
    const pull = async (since: string) => json(await ask('SA', 'GET', `/v1/shops/SA/watchlist?since=${since}`, ''));
    const before = (await pull('0')).cursor as string;
    await alerts.accept(open[0]?.id ?? 0);
    await expect(alerts.accept(open[0]?.id ?? 0)).rejects.toThrow(/no open proposal/);
    expect(await alerts.proposals()).toEqual([]);
    const added = await pull(before);
    expect(added.entries).toEqual([
      {
        kind: 'card',
        hash: card('6255000000000002'),
        reason: 'SB 售后无效 2026-12-20',
        addedAt: '2026-11-30T00:53:20.000Z',
      },
    ]);
    expect(await feeds.unwatchNumber('card', '6255 0000 0000 0002')).toBe(true);
    expect(await feeds.unwatchNumber('card', '6255000000000002')).toBe(false);
    const removed = await pull(added.cursor as string);
    expect(removed.entries).toEqual([{ kind: 'card', hash: card('6255000000000002'), removed: true }]);
  });

  it('answers the counter’s card routes in their own lane while sealed days fill theirs, with a smaller body bound', async () => {
    // A second head office on the same database whose day lane takes one request and one waiting.
    const small = await testHeadOffice(database().db, () => clock, { empty: false, maxActive: 1, maxQueued: 1 });
    const slow: http.ClientRequest[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const p = `/v1/shops/SA/days/2027-01-0${i + 1}`;
        const req = http.request(`${small.url}${p}`, {
          method: 'PUT',
          headers: {
            ...signedHeaders('SA', SECRETS.SA ?? '', clock * 1000, 'PUT', p, '', `${i}`.repeat(32)),
            'Content-Length': '10',
          },
        });
        req.on('error', () => undefined);
        req.write('x');
        slow.push(req);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(
        (await signedRequest(small.url, 'SA', SECRETS.SA ?? '', clock, 'GET', '/v1/shops/SA/state', '')).status,
      ).toBe(503);
      const asked = await signedRequest(
        small.url,
        'SB',
        SECRETS.SB ?? '',
        clock,
        'POST',
        '/v1/shops/SB/cards/check',
        JSON.stringify({ cardHashes: [card('6233000000000001')] }),
      );
      expect(asked.status).toBe(200);
      const big = await rawRequest(
        small.url,
        'POST',
        '/v1/shops/SB/cards/bought',
        Buffer.alloc(MAX_CARD_BODY_BYTES + 1, 32),
        {},
      );
      expect(big.status).toBe(413);
    } finally {
      for (const r of slow) r.destroy();
      await small.close();
    }
  });

  it('fills the paid time of cards stored before the chain from their days’ bodies when it migrates', async () => {
    const pg = database().pg;
    const fresh = pg ? openPg(pg.createDatabase('chain_migration'), 2) : await openPglite(null);
    try {
      await migrate(fresh, MIGRATIONS, 1);
      const body = dayBody('SO', '2026-01-05', { trades: [trade2('SO-1', [{ number: '6299000000000001' }])] });
      await fresh.run("INSERT INTO shops (shop_id, name, created_at) VALUES ('SO', '老店', 0)");
      await fresh.run(
        `INSERT INTO days (shop_id, business_date, z_number, schema, ledger_hash, journal_head, grand_total_fen,
           expected_margin_fen, warnings, body, stored_at) VALUES ('SO', '2026-01-05', 1, 1, 'h', 'j', 0, 0, '[]', $1, 0)`,
        [body],
      );
      await fresh.run(
        `INSERT INTO cards (shop_id, trade_no, position, business_date, last4, card_hash, brand, form, value_fen,
           rate_bp, payout_fen, voided) VALUES ('SO', 'SO-1', 1, '2026-01-05', '0001', NULL, 'jd', 'e', 1, 1, 1, false)`,
      );
      await migrate(fresh);
      const row = await fresh.get(z.object({ paid_at: z.string().nullable() }), 'SELECT paid_at FROM cards');
      expect(row).toEqual({ paid_at: '2026-12-01T03:00:00.000Z' });
    } finally {
      await fresh.close();
    }
  });

  it('serves pricing per group with an ETag and 304, after checking every entry as a shop would', async () => {
    const { pricing } = started.hq;
    const pull = (shop: string, etag?: string) =>
      ask(shop, 'GET', `/v1/shops/${shop}/pricing`, '', etag ? { 'If-None-Match': etag } : {});
    const empty = await pull('SA');
    expect(json(empty)).toMatchObject({ brands: [], calendar: [], promotions: [] });
    const promo = {
      name: '周末加价',
      from: '2026-12-05T00:00:00+08:00',
      to: '2026-12-07T00:00:00+08:00',
      bp: 30,
      brand: 'jd',
      form: 'e',
    };
    await pricing.set({ calendar: [{ name: '双十二', from: '2026-12-10', to: '2026-12-12', bp: 20, active: true }] });
    await pricing.set({ promotions: [promo] }, 'south');
    const south = await pull('SA');
    expect(json(south)).toMatchObject({ calendar: [{ name: '双十二' }], promotions: [{ name: '周末加价' }] });
    expect(south.headers.etag).toBe(json(south).etag);
    expect((await pull('SA', south.headers.etag)).status).toBe(304);
    const north = await pull('SC');
    expect(json(north)).toMatchObject({ calendar: [{ name: '双十二' }], promotions: [] });
    expect((await pull('SC', south.headers.etag)).status).toBe(200);
    // What a shop would refuse is refused whole, and nothing changes.
    await expect(pricing.set({ promotions: [{ ...promo, bp: 900 }] }, 'south')).rejects.toThrow(
      /promotions\.0\.bp: range/,
    );
    await expect(
      pricing.set({ calendar: [{ name: 'x', from: '2026-12-12', to: '2026-12-10', bp: 1, active: true }] }),
    ).rejects.toThrow(/calendar\.0\.to: order/);
    await expect(
      pricing.set({ brands: [{ code: 'BAD', nameZh: '坏', nameEn: 'Bad', active: true, forms: [] }] }),
    ).rejects.toThrow(/brands\.0\.code/);
    expect((await pull('SA', south.headers.etag)).status).toBe(304);
    // A shop moved to another group pulls that group's entries.
    await started.hq.shops.setGroup('SA', 'north');
    expect(json(await pull('SA'))).toMatchObject({ promotions: [] });
  });
});
