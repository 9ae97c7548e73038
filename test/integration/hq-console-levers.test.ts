// The console's alerts, rates and levers, watch list and people changes (issue 19 items 5, 6, 7 and the rest of 1;
// docs/console.md), over real HTTP on both drivers: alerts raised by shops' signed reports, grouped, counted and
// filtered, a manager kept to their groups; the quotes feed and pricing published to the shops' pulls (their ETags
// change) with a preview by the shop's own pricing functions; watch-list numbers hashed with the chain key on entry
// and never stored in clear, a CSV taken whole or refused row by row, removals as tombstones, proposals accepted or
// dismissed; a manager removed or regrouped, a password changed. Every change refused to a manager and from another
// site, and journaled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJournal } from '../../hq/console/journal';
import { addDays, localDate } from '../../shared/domain/dates';
import { normalise } from '../../shared/domain/normalise';
import { chainFingerprint, chainHash } from '../../shared/protocol/signing';
import { ConsoleClient, OWNER } from '../support/console';
import { DRIVERS, testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { dayBody, signedRequest } from '../support/hq-requests';

const T0 = 1_800_000_000;
const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';
const SECRETS: Record<string, string> = {
  SA: 'levers-test-secret-shop-a-0123',
  SB: 'levers-test-secret-shop-b-0123',
  SC: 'levers-test-secret-shop-c-0123',
};
const MANAGER = { name: '李经理', password: 'manager-password-2026' };
const card = (n: string) => chainHash(CHAIN_KEY, normalise(n));
const Kind = z.object({ kind: z.string(), target: z.string() });
const AnyRow = z.record(z.string(), z.unknown());

function trade2(tradeNo: string, numbers: string[]) {
  return {
    tradeNo,
    paidAt: '2027-01-14T02:00:00.000Z',
    staff: '小王',
    status: 'paid',
    roundingFen: 0,
    customerHash: null,
    payments: [],
    lines: numbers.map((n, i) => ({
      position: i + 1,
      brand: 'jd',
      form: 'e',
      last4: n.slice(-4),
      cardHash: card(n),
      valueFen: 10_000,
      rateBp: 9000,
      payoutFen: 9_000,
      hqCheck: 'clear',
    })),
  };
}

describe.each(DRIVERS)('the console’s alerts, levers and watch list on %s', (driver) => {
  const database = useHqDatabase(driver);
  let clock = T0;
  let hq: TestHq;
  const today = () => localDate(clock * 1000, 'Asia/Shanghai');
  beforeAll(async () => {
    hq = await testHeadOffice(database().db, () => clock);
  });
  afterAll(async () => {
    await hq.close();
  });
  beforeEach(async () => {
    await hq.close();
    clock = T0;
    hq = await testHeadOffice(database().db, () => clock);
    await hq.hq.people.createOwner(OWNER.name, OWNER.password);
    await hq.hq.chain.set(CHAIN_KEY);
    await hq.hq.shops.register({ shopId: 'SA', name: '东门店', city: '深圳', group: '华南' }, SECRETS.SA);
    await hq.hq.shops.register({ shopId: 'SB', name: '西门店', city: '深圳', group: '华南' }, SECRETS.SB);
    await hq.hq.shops.register({ shopId: 'SC', name: '北京店', city: '北京', group: '华北' }, SECRETS.SC);
  });
  const client = () => new ConsoleClient(hq.url);
  const ask = (shop: string, method: string, p: string, body: string, headers: Record<string, string> = {}) =>
    signedRequest(hq.url, shop, SECRETS[shop] ?? '', clock, method, p, body, { headers });
  const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
  const kinds = async () =>
    (await database().db.all(Kind, 'SELECT kind, target FROM console_journal ORDER BY seq')).map(
      (r) => `${r.kind} ${r.target}`,
    );
  const changes = async () => (await kinds()).filter((k) => !k.startsWith('login ') && !k.startsWith('logout '));
  async function withManager(owner: ConsoleClient, groups = ['华南']) {
    const added = await owner.send('POST', 'people', { ...MANAGER, groups });
    expect(added.status).toBe(201);
    const m = client();
    expect((await m.login(MANAGER.name, MANAGER.password)).status).toBe(200);
    return { m, id: (added.json.person as { id: string }).id };
  }
  /** Every table's rows as text: what a number must never be found in. */
  const everything = async () => {
    const tables = await database().db.all(
      z.object({ tablename: z.string() }),
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    let text = '';
    for (const t of tables) text += JSON.stringify(await database().db.all(AnyRow, `SELECT * FROM ${t.tablename}`));
    return text;
  };

  it('lists alerts from the shops’ reports, grouped, counted and filtered; a manager sees their groups only', async () => {
    const d1 = addDays(today(), -2);
    const d2 = addDays(today(), -1);
    // One card bought at SA and at SC, each reported live: a cross-shop duplicate.
    for (const [shop, tradeNo] of [
      ['SA', 'SA-1'],
      ['SC', 'SC-1'],
    ] as const) {
      const body = JSON.stringify({
        tradeNo,
        paidAt: '2027-01-14T02:00:00.000Z',
        lines: [{ position: 1, cardHash: card('6200000000000009'), brand: 'jd', form: 'e', valueFen: 10_000 }],
      });
      const r = await ask(shop, 'POST', `/v1/shops/${shop}/cards/bought`, body, {
        'Idempotency-Key': `${shop}:${tradeNo}:bought`,
      });
      expect(r.status).toBe(201);
    }
    // SA: two days, the second naming another previous head (a chain gap); SB: a day carrying its own alerts and a
    // key other than the chain's; SC sends no day at all.
    const sa1 = dayBody('SA', d1, { zNumber: 1, journalHead: 'b'.repeat(64) });
    expect((await ask('SA', 'PUT', `/v1/shops/SA/days/${d1}`, sa1)).status).toBe(201);
    const sa2 = dayBody('SA', d2, { zNumber: 2, journalHead: 'c'.repeat(64), prevDayJournalHead: 'f'.repeat(64) });
    expect((await ask('SA', 'PUT', `/v1/shops/SA/days/${d2}`, sa2)).status).toBe(201);
    const sb = dayBody('SB', d2, {
      alerts: [
        { kind: 'structuring', tradeNo: 'SB-7' },
        { kind: 'consecutive', tradeNo: null },
      ],
    });
    const other = { 'X-CardDesk-Chain': chainFingerprint('another-chain-key-0123456789') };
    expect((await ask('SB', 'PUT', `/v1/shops/SB/days/${d2}`, sb, other)).status).toBe(201);
    // Four days later: no day received for three days (the default) from any shop.
    clock += 4 * 86_400;

    const owner = client();
    await owner.login();
    type Item = {
      kind: string;
      shops: { shopId: string | null }[];
      date: string | null;
      detail: Record<string, unknown>;
    };
    type Answer = { items: Item[]; counts: Record<string, number>; quietDays: number };
    const all = (await owner.send('GET', 'alerts')).json as Answer;
    expect(all.counts).toEqual({
      duplicate_card: 1,
      customer_across_shops: 0,
      not_reporting: 3,
      chain_gap: 1,
      fingerprint_mismatch: 1,
      shop_alert: 2,
    });
    const dup = all.items.find((i) => i.kind === 'duplicate_card');
    expect(dup?.shops.map((s) => s.shopId)).toEqual(['SA', 'SC']);
    expect(dup?.detail).toMatchObject({ tradeNo1: 'SA-1', tradeNo2: 'SC-1' });
    // The card's chain hash never reaches the browser.
    expect(JSON.stringify(all)).not.toContain(card('6200000000000009'));
    const notReporting = all.items.filter((i) => i.kind === 'not_reporting');
    expect(notReporting.map((i) => [i.shops[0]?.shopId, i.detail.lastDay])).toEqual([
      ['SA', d2],
      ['SB', d2],
      ['SC', null],
    ]);
    expect(all.items.filter((i) => i.kind === 'shop_alert').map((i) => [i.shops[0]?.shopId, i.detail])).toEqual([
      ['SB', { shopKind: 'structuring', tradeNo: 'SB-7' }],
      ['SB', { shopKind: 'consecutive', tradeNo: null }],
    ]);
    expect(all.items.find((i) => i.kind === 'chain_gap')).toMatchObject({ shops: [{ shopId: 'SA' }], date: d2 });
    // Filters: kind, group, shop.
    const byKind = (await owner.send('GET', 'alerts?kind=shop_alert')).json as Answer;
    expect(byKind.items.map((i) => i.kind)).toEqual(['shop_alert', 'shop_alert']);
    const north = (await owner.send('GET', `alerts?group=${encodeURIComponent('华北')}`)).json as Answer;
    expect(north.items.map((i) => i.kind).sort()).toEqual(['duplicate_card', 'not_reporting']);
    const sa = (await owner.send('GET', 'alerts?shop=SA')).json as Answer;
    expect(sa.items.map((i) => i.kind).sort()).toEqual(['chain_gap', 'duplicate_card', 'not_reporting']);

    // The quiet days are a setting: at 5, nobody is late yet. A manager may not change it.
    const { m } = await withManager(owner);
    expect((await m.send('PUT', 'alerts/settings', { quietDays: 5 })).json).toEqual({ error: 'read_only' });
    expect((await owner.send('PUT', 'alerts/settings', { quietDays: 5 }, { site: 'cross-site' })).status).toBe(403);
    expect((await owner.send('PUT', 'alerts/settings', { quietDays: 0 })).json).toEqual({
      error: 'invalid',
      field: 'quietDays',
    });
    expect((await owner.send('PUT', 'alerts/settings', { quietDays: 5 })).status).toBe(200);
    const later = (await owner.send('GET', 'alerts')).json as Answer;
    expect([later.quietDays, later.counts.not_reporting]).toEqual([5, 0]);

    // A manager of 华南 sees SA and SB's alerts; the duplicate with the other group's shop unnamed.
    const seen = (await m.send('GET', 'alerts')).json as Answer;
    const theirs = seen.items.find((i) => i.kind === 'duplicate_card');
    expect(theirs?.shops.map((s) => s.shopId)).toEqual(['SA', null]);
    expect(theirs?.detail).toMatchObject({ tradeNo1: 'SA-1', tradeNo2: null });
    expect(JSON.stringify(seen)).not.toContain('SC');
    expect((await m.send('GET', 'alerts?shop=SC')).json).toEqual({ error: 'forbidden' });
    expect(await changes()).toEqual(['person.add 李经理', 'alerts.quiet_days alerts']);
  });

  it('publishes the quotes feed and pricing to the shops’ pulls, with a preview; owner only, every change journaled', async () => {
    const owner = client();
    await owner.login();
    const { m } = await withManager(owner);
    const quote = {
      source: '京东回收',
      brand: 'jd',
      form: 'e',
      minValueFen: 0,
      maxValueFen: null,
      rateBp: 9500,
      observedAt: '2027-01-15T00:00:00.000Z',
      expiresAt: '2027-01-16T00:00:00.000Z',
    };
    const pullQuotes = async () => json(await ask('SA', 'GET', '/v1/shops/SA/quotes', ''));
    const before = (await pullQuotes()).etag;
    // A quote that holds no time, refused with its row; nothing changed.
    const bad = await owner.send('PUT', 'quotes', {
      quotes: [quote, { ...quote, expiresAt: '2027-01-14T00:00:00.000Z' }],
    });
    expect(bad.json).toEqual({ error: 'quote_row', field: 'expiresAt', row: 2 });
    expect((await pullQuotes()).etag).toBe(before);
    expect((await m.send('PUT', 'quotes', { quotes: [quote] })).json).toEqual({ error: 'read_only' });
    expect((await owner.send('PUT', 'quotes', { quotes: [quote] }, { site: 'cross-site' })).status).toBe(403);
    const set = await owner.send('PUT', 'quotes', { quotes: [quote] });
    expect(set.status).toBe(200);
    const pulled = await pullQuotes();
    expect(pulled.etag).toBe(set.json.etag);
    expect(pulled.etag).not.toBe(before);
    expect(pulled.quotes).toEqual([{ ...quote, feeBp: 0, feeFixedFen: 0, minAmountFen: 0, settlementDays: 0 }]);

    // Quotes for 华北 only: SC pulls the feed then them, under a new ETag; SA's pull is as it was.
    const north = { ...quote, source: '北方回收', rateBp: 9400 };
    const forNorth = await owner.send('PUT', 'quotes', { group: '华北', quotes: [north] });
    expect(forNorth.status).toBe(200);
    const sc = json(await ask('SC', 'GET', '/v1/shops/SC/quotes', ''));
    expect((sc.quotes as { source: string }[]).map((q) => q.source)).toEqual(['京东回收', '北方回收']);
    expect(sc.etag).toBe(forNorth.json.etag);
    expect(sc.etag).not.toBe(pulled.etag);
    expect((await pullQuotes()).etag).toBe(pulled.etag);
    expect((await owner.send('GET', `quotes?group=${encodeURIComponent('华北')}`)).json).toMatchObject({
      quotes: [{ source: '北方回收' }],
      etag: forNorth.json.etag,
    });

    // A promotion for 华南: SA's pull changes, SC's (华北) does not.
    const pullPricing = async (shop: string) => ask(shop, 'GET', `/v1/shops/${shop}/pricing`, '');
    const saBefore = (await pullPricing('SA')).headers.etag;
    const scBefore = (await pullPricing('SC')).headers.etag;
    const promotion = {
      name: '新春加价',
      from: '2027-01-15T00:00:00.000Z',
      to: '2027-01-20T00:00:00.000Z',
      bp: 30,
      brand: 'jd',
      form: null,
    };
    const refused = await owner.send('PUT', 'pricing', {
      group: '华南',
      entries: { promotions: [{ ...promotion, to: '2027-01-01T00:00:00.000Z' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: 'pricing', field: 'promotions.0.to' });
    expect((await pullPricing('SA')).headers.etag).toBe(saBefore);
    expect((await m.send('PUT', 'pricing', { group: '华南', entries: { promotions: [promotion] } })).json).toEqual({
      error: 'read_only',
    });
    // The preview before publishing: the shop's functions on the feed and the promotion being edited.
    const sample = { group: '华南', brand: 'jd', form: 'e', valueFen: 100_000 };
    const pre = await owner.send('POST', 'pricing/preview', { ...sample, entries: { promotions: [promotion] } });
    expect(pre.json.preview).toMatchObject({
      ok: true,
      bestExitBp: 9500,
      adjustments: [
        { kind: 'tier', bp: 20 },
        { kind: 'promotion', name: '新春加价', bp: 30 },
      ],
      adjustmentBp: 50,
      // target = min(9500 − 100, 9500 + 50 − 300) = 9250; opening 100 below it; the payout value × rate.
      targetBp: 9250,
      openingBp: 9150,
      ceilingBp: 9400,
      openingPayoutFen: 91_500,
    });
    const published = await owner.send('PUT', 'pricing', { group: '华南', entries: { promotions: [promotion] } });
    expect(published.status).toBe(200);
    const saAfter = await pullPricing('SA');
    expect(saAfter.headers.etag).not.toBe(saBefore);
    expect(saAfter.headers.etag).toBe(published.json.etag);
    expect((json(saAfter).promotions as unknown[]).length).toBe(1);
    expect((await pullPricing('SC')).headers.etag).toBe(scBefore);
    // Published: the preview of 华南 without entries reads it; 华北's has no promotion.
    // 华北's shops: no promotion, and their own quote (94%) below the feed's 95%.
    const northPreview = await owner.send('POST', 'pricing/preview', { ...sample, group: '华北' });
    expect(northPreview.json.preview).toMatchObject({ ok: true, bestExitBp: 9500, adjustmentBp: 20 });
    const south = await owner.send('POST', 'pricing/preview', sample);
    expect(south.json.preview).toMatchObject({ ok: true, adjustmentBp: 50 });
    expect((await m.send('POST', 'pricing/preview', sample)).json).toEqual({ error: 'read_only' });
    expect((await m.send('GET', 'pricing')).json).toEqual({ error: 'read_only' });
    expect((await m.send('GET', 'quotes')).json).toEqual({ error: 'read_only' });
    const read = (await owner.send('GET', `pricing?group=${encodeURIComponent('华南')}`)).json;
    expect(read).toMatchObject({ etag: published.json.etag, entries: { promotions: [promotion] } });
    expect(await changes()).toEqual(['person.add 李经理', 'quotes.set all', 'quotes.set 华北', 'pricing.set 华南']);
  });

  it('adds, changes and removes the chain’s brands for all shops or a group, checked by the shop’s rules and pulled', async () => {
    const owner = client();
    await owner.login();
    const { m } = await withManager(owner);
    const pullPricing = async (shop: string) => ask(shop, 'GET', `/v1/shops/${shop}/pricing`, '');
    const form = {
      form: 'e',
      nameZh: '电子卡',
      nameEn: 'E-card',
      numberPattern: '^[0-9]{16}$',
      numberHint: '16 位数字',
      secretPattern: '^[0-9A-Z]{16}$',
      secretHint: '16 位',
      secretRequired: true,
      maxValueFen: 500_000,
      active: true,
    };
    const tmall = { code: 'tmall', nameZh: '天猫超市卡', nameEn: 'Tmall card', active: true, forms: [form] };
    const saBefore = (await pullPricing('SA')).headers.etag;
    const scBefore = (await pullPricing('SC')).headers.etag;

    // A pattern that repeats inside a repeat: refused with why and where, nothing stored or pulled.
    const nested = { ...tmall, forms: [{ ...form, secretPattern: '^(\\d+)+$' }] };
    const refused = await owner.send('PUT', 'pricing', { group: '', entries: { brands: [nested] } });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: 'pattern_nested', field: 'brands.0.forms.0.secretPattern' });
    const invalid = { ...tmall, forms: [{ ...form, numberPattern: '^[0-9' }] };
    expect((await owner.send('PUT', 'pricing', { group: '', entries: { brands: [invalid] } })).json).toMatchObject({
      error: 'pattern_invalid',
      field: 'brands.0.forms.0.numberPattern',
    });
    // The same check on the preview of what is being edited.
    expect(
      (
        await owner.send('POST', 'pricing/preview', {
          group: '',
          brand: 'tmall',
          form: 'e',
          valueFen: 10_000,
          entries: { brands: [nested] },
        })
      ).json,
    ).toMatchObject({ error: 'pattern_nested', field: 'brands.0.forms.0.secretPattern' });
    // A brand set twice, an empty name: refused by the entry.
    expect((await owner.send('PUT', 'pricing', { group: '', entries: { brands: [tmall, tmall] } })).json).toMatchObject(
      {
        error: 'pricing',
        field: 'brands.1',
      },
    );
    expect(
      (await owner.send('PUT', 'pricing', { group: '', entries: { brands: [{ ...tmall, nameZh: ' ' }] } })).json,
    ).toMatchObject({
      error: 'pricing',
      field: 'brands.0.nameZh',
    });
    // A manager and another site are refused.
    expect((await m.send('PUT', 'pricing', { group: '', entries: { brands: [tmall] } })).json).toEqual({
      error: 'read_only',
    });
    expect(
      (await owner.send('PUT', 'pricing', { group: '', entries: { brands: [tmall] } }, { site: 'cross-site' })).json,
    ).toEqual({
      error: 'cross_site',
    });
    expect((await pullPricing('SA')).headers.etag).toBe(saBefore);
    expect((await owner.send('GET', 'pricing')).json).toMatchObject({ group: '', entries: { brands: [] } });

    // Added for all shops: every shop pulls it under a new ETag.
    const added = await owner.send('PUT', 'pricing', { group: '', entries: { brands: [tmall] } });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ group: '', entries: { brands: [tmall] } });
    const sa1 = await pullPricing('SA');
    expect(sa1.headers.etag).not.toBe(saBefore);
    expect(json(sa1).brands).toEqual([tmall]);
    expect(json(await pullPricing('SC')).brands).toEqual([tmall]);

    // Changed for 华南 only (its highest value, a physical form, the e-card switched off): 华南's shops pull the
    // group's brand in place of the chain's; 华北's pull is as it was.
    const changed = {
      ...tmall,
      nameEn: 'Tmall supermarket card',
      forms: [
        { ...form, active: false },
        { ...form, form: 'physical', nameZh: '实体卡', nameEn: 'Physical', maxValueFen: 100_000 },
      ],
    };
    const scAfterAdd = (await pullPricing('SC')).headers.etag;
    const south = await owner.send('PUT', 'pricing', { group: '华南', entries: { brands: [changed] } });
    expect(south.status).toBe(200);
    const sa2 = await pullPricing('SA');
    expect(sa2.headers.etag).toBe(south.json.etag);
    expect(sa2.headers.etag).not.toBe(sa1.headers.etag);
    expect(json(sa2).brands).toEqual([changed]);
    expect((await pullPricing('SC')).headers.etag).toBe(scAfterAdd);
    expect(scAfterAdd).not.toBe(scBefore);

    // Removed for all shops: 华北 pulls no brand, 华南 still its own.
    const removed = await owner.send('PUT', 'pricing', { group: '', entries: { brands: [] } });
    expect(removed.status).toBe(200);
    expect(json(await pullPricing('SC')).brands).toEqual([]);
    expect((await pullPricing('SC')).headers.etag).not.toBe(scAfterAdd);
    expect(json(await pullPricing('SA')).brands).toEqual([changed]);
    const emptied = await owner.send('PUT', 'pricing', { group: '华南', entries: { brands: [] } });
    expect(json(await pullPricing('SA')).brands).toEqual([]);
    expect((await pullPricing('SA')).headers.etag).toBe(emptied.json.etag);
    expect(await changes()).toEqual([
      'person.add 李经理',
      'pricing.set all',
      'pricing.set 华南',
      'pricing.set all',
      'pricing.set 华南',
    ]);
  });

  it('takes watch-list numbers hashed with the chain key, a CSV whole or not at all, removals and proposals', async () => {
    const owner = client();
    await owner.login();
    const { m } = await withManager(owner);
    const pull = async (since = '0') => json(await ask('SA', 'GET', `/v1/shops/SA/watchlist?since=${since}`, ''));
    const number = '6288 0000 1111 2222';
    expect((await m.send('POST', 'watch', { kind: 'card', number, reason: '报失' })).json).toEqual({
      error: 'read_only',
    });
    expect((await owner.send('POST', 'watch', { kind: 'card', number, reason: '报失' }, { site: null })).status).toBe(
      403,
    );
    expect((await owner.send('POST', 'watch', { kind: 'card', number: '12-3', reason: '报失' })).json).toEqual({
      error: 'watch_number',
      field: 'number',
    });
    const added = await owner.send('POST', 'watch', { kind: 'card', number, reason: '报失' });
    expect(added.json).toEqual({ kind: 'card', hash: card(number) });
    expect((await pull()).entries).toEqual([
      expect.objectContaining({ kind: 'card', hash: card('6288000011112222'), reason: '报失' }),
    ]);

    // A CSV with bad rows: nothing taken, each row said with its number, no number repeated back.
    const badCsv = [
      'kind,number,reason',
      'card,6288000033334444,被盗',
      'passport,G12345678,遗失',
      'id,12,遗失',
      'id,110101199001011234',
      'card,6288000033334444,重复',
    ].join('\r\n');
    const refused = await owner.send('POST', 'watch/import', { csv: badCsv });
    expect(refused.json).toEqual({
      error: 'watch_import',
      problems: [
        { row: 3, why: 'kind' },
        { row: 4, why: 'number' },
        { row: 5, why: 'columns' },
        { row: 6, why: 'repeated' },
      ],
    });
    expect(refused.body).not.toContain('6288000033334444');
    expect(((await pull()).entries as unknown[]).length).toBe(1);
    // Written as an owner writes it: a Chinese header and kinds, as the shop's own import reads them.
    const goodCsv = '类别,号码,原因\n卡,6288000033334444,被盗\n身份证,110101199001011234,证件遗失\n';
    expect((await m.send('POST', 'watch/import', { csv: goodCsv })).json).toEqual({ error: 'read_only' });
    expect((await owner.send('POST', 'watch/import', { csv: goodCsv })).json).toEqual({ added: 2 });
    const list = (await owner.send('GET', 'watch')).json as { entries: { kind: string; hash: string }[] };
    expect(list.entries.map((e) => [e.kind, e.hash])).toEqual([
      ['id', card('110101199001011234')],
      ['card', card('6288000033334444')],
      ['card', card(number)],
    ]);
    // Removed: a tombstone after the shop's cursor.
    const cursor = String((await pull()).cursor);
    expect((await m.send('POST', 'watch/remove', { kind: 'card', hash: card(number) })).json).toEqual({
      error: 'read_only',
    });
    expect((await owner.send('POST', 'watch/remove', { kind: 'card', hash: card(number) })).json).toEqual({
      removed: true,
    });
    expect((await owner.send('POST', 'watch/remove', { kind: 'card', hash: card(number) })).json).toEqual({
      error: 'not_on_list',
    });
    expect((await pull(cursor)).entries).toEqual([{ kind: 'card', hash: card(number), removed: true }]);
    // A recovered number typed in again (as the owner has it, not its hash): hashed, then the same tombstone.
    const idNumber = '110101199001011234';
    expect((await m.send('POST', 'watch/remove-number', { kind: 'id', number: idNumber })).json).toEqual({
      error: 'read_only',
    });
    const cursor2 = String((await pull(cursor)).cursor);
    expect((await owner.send('POST', 'watch/remove-number', { kind: 'id', number: idNumber })).json).toEqual({
      removed: true,
    });
    expect((await pull(cursor2)).entries).toEqual([{ kind: 'id', hash: card(idNumber), removed: true }]);

    // Proposals from two shops' invalid cards: one accepted (on the list in one step), one dismissed.
    for (const [shop, n] of [
      ['SA', '6299000000000001'],
      ['SB', '6299000000000002'],
    ] as const) {
      const date = addDays(today(), -1);
      const body = dayBody(shop, date, {
        schema: 2,
        settingsChanges: [],
        trades: [trade2(`${shop}-9`, [n])],
        corrections: [{ at: `${date}T09:00:00.000Z`, kind: 'invalid', tradeNo: `${shop}-9`, position: 1 }],
      });
      expect((await ask(shop, 'PUT', `/v1/shops/${shop}/days/${date}`, body)).status).toBe(201);
    }
    type Proposal = { id: number; shopId: string };
    const open = ((await owner.send('GET', 'watch')).json as { proposals: Proposal[] }).proposals;
    expect(open.map((p) => p.shopId)).toEqual(['SA', 'SB']);
    const [first, second] = open;
    expect((await m.send('POST', `watch/proposals/${first?.id}/accept`, {})).json).toEqual({ error: 'read_only' });
    expect((await owner.send('POST', `watch/proposals/${first?.id}/accept`, {})).status).toBe(200);
    expect((await owner.send('POST', `watch/proposals/${first?.id}/accept`, {})).json).toEqual({
      error: 'proposal_closed',
    });
    expect((await m.send('POST', `watch/proposals/${second?.id}/dismiss`, {})).json).toEqual({ error: 'read_only' });
    expect((await owner.send('POST', `watch/proposals/${second?.id}/dismiss`, {}, { site: 'cross-site' })).status).toBe(
      403,
    );
    expect((await owner.send('POST', `watch/proposals/${second?.id}/dismiss`, {})).status).toBe(200);
    expect(((await owner.send('GET', 'watch')).json as { proposals: Proposal[] }).proposals).toEqual([]);
    const after = (await pull()).entries as { hash: string; removed?: boolean }[];
    expect(after.some((e) => e.hash === card('6299000000000001') && !e.removed)).toBe(true);
    expect(after.some((e) => e.hash === card('6299000000000002'))).toBe(false);

    // No number in clear anywhere head office keeps anything.
    const kept = await everything();
    for (const n of ['6288000011112222', '6288 0000 1111 2222', '6288000033334444', '110101199001011234'])
      expect(kept).not.toContain(n);
    expect(await changes()).toEqual([
      'person.add 李经理',
      'watch.add card',
      'watch.import csv',
      'watch.remove card',
      'watch.remove id',
      'watch.accept SA',
      'watch.dismiss SB',
    ]);
    expect((await readJournal(database().db, 100)).brokenAt).toBeNull();
  });

  it('removes a manager, changes a manager’s groups, and lets anyone change their own password', async () => {
    const owner = client();
    await owner.login();
    const { m, id } = await withManager(owner);
    // A manager changes nobody but their own password.
    expect((await m.send('PUT', `people/${id}/groups`, { groups: ['华北'] })).json).toEqual({ error: 'read_only' });
    expect((await m.send('DELETE', `people/${id}`)).json).toEqual({ error: 'read_only' });
    expect((await owner.send('PUT', `people/${id}/groups`, { groups: ['华北'] }, { site: 'cross-site' })).status).toBe(
      403,
    );
    expect((await owner.send('PUT', `people/${id}/groups`, { groups: [] })).json).toEqual({
      error: 'invalid',
      field: 'groups',
    });
    expect((await owner.send('PUT', `people/${id}/groups`, { groups: ['华北'] })).json).toMatchObject({
      person: { groups: ['华北'] },
    });
    const seen = (await m.send('GET', 'shops')).json as { shops: { shopId: string }[] };
    expect(seen.shops.map((s) => s.shopId)).toEqual(['SC']);

    // Their own password: the old one asked for; every session of theirs ends.
    const other = client();
    await other.login(MANAGER.name, MANAGER.password);
    expect(
      (await m.send('POST', 'me/password', { oldPassword: 'wrong-password-00', newPassword: 'x'.repeat(12) })).json,
    ).toEqual({
      error: 'old_password',
      field: 'oldPassword',
    });
    expect((await m.send('POST', 'me/password', { oldPassword: MANAGER.password, newPassword: 'short' })).json).toEqual(
      {
        error: 'password_short',
        field: 'newPassword',
      },
    );
    const newPassword = 'a-new-manager-password-1';
    expect((await m.send('POST', 'me/password', { oldPassword: MANAGER.password, newPassword })).status).toBe(200);
    expect((await other.send('GET', 'me')).status).toBe(401);
    expect((await m.send('GET', 'me')).status).toBe(401);
    expect((await m.login(MANAGER.name, MANAGER.password)).json).toEqual({ error: 'bad_login' });
    expect((await m.login(MANAGER.name, newPassword)).status).toBe(200);
    expect(await everything()).not.toContain(newPassword);

    // Removed: their session ends at once; the owner cannot be removed.
    const ownerId = ((await owner.send('GET', 'me')).json.me as { id: string }).id;
    expect((await owner.send('DELETE', `people/${ownerId}`)).json).toEqual({ error: 'owner_kept' });
    expect((await owner.send('DELETE', `people/${id}`)).status).toBe(200);
    expect((await m.send('GET', 'me')).status).toBe(401);
    expect((await m.login(MANAGER.name, newPassword)).json).toEqual({ error: 'bad_login' });
    expect(((await owner.send('GET', 'people')).json.people as unknown[]).length).toBe(1);
    // The owner's own password too.
    expect(
      (await owner.send('POST', 'me/password', { oldPassword: OWNER.password, newPassword: 'the-owner-password-2027' }))
        .status,
    ).toBe(200);
    expect(await changes()).toEqual([
      'person.add 李经理',
      'person.groups 李经理',
      'person.password 李经理',
      'person.remove 李经理',
      `person.password ${OWNER.name}`,
    ]);
  });

  it('refuses every one of these changes from another site, and to a manager, with nothing changed', async () => {
    const owner = client();
    await owner.login();
    const { m, id } = await withManager(owner);
    const before = await kinds();
    const changesToTry: [method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown][] = [
      ['PUT', 'alerts/settings', { quietDays: 5 }],
      ['PUT', 'quotes', { quotes: [] }],
      ['PUT', 'pricing', { group: '', entries: {} }],
      ['POST', 'watch', { kind: 'card', number: '6288000099990000', reason: '报失' }],
      ['POST', 'watch/import', { csv: 'card,6288000099990001,报失' }],
      ['POST', 'watch/remove', { kind: 'card', hash: 'a'.repeat(64) }],
      ['POST', 'watch/remove-number', { kind: 'card', number: '6288000099990000' }],
      ['POST', 'watch/proposals/1/accept', {}],
      ['POST', 'watch/proposals/1/dismiss', {}],
      ['PUT', `people/${id}/groups`, { groups: ['华北'] }],
      ['DELETE', `people/${id}`, undefined],
      ['POST', 'me/password', { oldPassword: OWNER.password, newPassword: 'the-owner-password-2099' }],
    ];
    for (const [method, path, body] of changesToTry) {
      for (const o of [{ site: 'cross-site' }, { site: 'same-site' }, { site: null, origin: 'http://evil.example' }])
        expect([path, (await owner.send(method, path, body, o)).json]).toEqual([path, { error: 'cross_site' }]);
      if (path !== 'me/password')
        expect([path, (await m.send(method, path, body)).json]).toEqual([path, { error: 'read_only' }]);
    }
    expect(await kinds()).toEqual(before);
    expect((await owner.send('GET', 'me')).status).toBe(200);
    expect((await m.send('GET', 'me')).json).toMatchObject({ me: { groups: ['华南'] } });
    expect((await owner.send('GET', 'watch')).json).toMatchObject({ entries: [] });
  });
});
