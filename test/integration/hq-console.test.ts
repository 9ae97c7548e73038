// The head-office console's people, shops and days (issue 19 items 1–3; docs/console.md), over real HTTP on both
// drivers: a change from another site refused, a session id set before login never accepted after it, the lockout's
// growing waits, a regional manager kept to their groups and to reading, every change journaled in a hash chain
// the database refuses to edit; each shop's sync health from what head office records; a day as received, with
// masked lines, and its exports with formulas neutralised. A real shop's sealed day shows the figures of the
// shop's own Z-report.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IDLE_S } from '../../hq/console/accounts';
import { readJournal } from '../../hq/console/journal';
import { dayFigures } from '../../shared/domain/day-figures';
import { chainFingerprint } from '../../shared/protocol/signing';
import { OWNER_PIN } from '../support/backend';
import { ConsoleClient, OWNER, setCookie } from '../support/console';
import { counterShop } from '../support/counter';
import { DRIVERS, testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { dayBody, signedRequest } from '../support/hq-requests';
import { configure, drain, sealDays, startHq } from '../support/sync';

const T0 = 1_800_000_000;
const Kind = z.object({ kind: z.string(), person_name: z.string(), target: z.string(), detail: z.string() });

describe.each(DRIVERS)('the console on %s', (driver) => {
  const database = useHqDatabase(driver);
  let clock = T0;
  let hq: TestHq;
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
  });
  const client = () => new ConsoleClient(hq.url);
  const kinds = async () =>
    (await database().db.all(Kind, 'SELECT kind, person_name, target, detail FROM console_journal ORDER BY seq')).map(
      (r) => `${r.kind} ${r.target}`,
    );

  it('refuses a change that did not come from the console’s own origin, and changes nothing', async () => {
    const c = client();
    // Signing in is a change too: a login posted from another site is refused before the password is checked.
    expect((await c.login(OWNER.name, OWNER.password).then(() => c.send('POST', 'logout', {}))).status).toBe(200);
    const forged = new ConsoleClient(hq.url);
    expect(
      (await forged.send('POST', 'login', { name: OWNER.name, password: OWNER.password }, { site: 'cross-site' })).json,
    ).toEqual({ error: 'cross_site' });
    expect(forged.cookie).toBeNull();
    expect((await c.login()).status).toBe(200);
    const shop = { shopId: 'SH01', name: '京东回收店', city: '上海', group: '华东' };
    for (const o of [
      { site: 'cross-site' },
      { site: 'same-site' },
      { site: null, origin: 'http://evil.example' },
      { site: null, origin: null },
    ]) {
      const a = await c.send('POST', 'shops', shop, o);
      expect([a.status, a.json]).toEqual([403, { error: 'cross_site' }]);
    }
    expect(await hq.hq.shops.list()).toEqual([]);
    // A browser that sends no Sec-Fetch-Site but its own Origin is the console itself.
    const ok = await c.send('POST', 'shops', shop, { site: null, origin: hq.url });
    expect(ok.status).toBe(201);
    expect(ok.json.secret).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
    // Shown once: the list, the journal and the database hold no trace of it.
    const secret = String(ok.json.secret);
    const list = await c.send('GET', 'shops');
    expect(JSON.stringify(list.json)).not.toContain(secret.slice(0, 9));
    for (const a of [{ site: 'cross-site' }, { site: null, origin: 'http://evil.example' }])
      expect((await c.send('POST', 'shops/SH01/disable', {}, a)).status).toBe(403);
    expect((await hq.hq.shops.get('SH01'))?.enabled).toBe(true);
    expect(await kinds()).toEqual([
      `login ${OWNER.name}`,
      `logout ${OWNER.name}`,
      `login ${OWNER.name}`,
      'shop.register SH01',
    ]);
  });

  it('never accepts a session id that was set before login, and ends sessions on logout and when idle', async () => {
    const c = client();
    const planted = 'planted-session-id-0123456789abcdefghij';
    c.cookie = planted;
    expect((await c.send('GET', 'me')).json).toEqual({ error: 'not_signed_in' });
    const login = await c.login();
    expect(login.status).toBe(200);
    const made = setCookie(login);
    expect(made?.value).toBeTruthy();
    expect(made?.value).not.toBe(planted);
    expect(made?.attributes).toEqual(expect.arrayContaining(['Path=/console', 'HttpOnly', 'SameSite=Strict']));
    expect(made?.attributes).not.toContain('Secure');
    const fresh = c.cookie;
    c.cookie = planted;
    expect((await c.send('GET', 'me')).status).toBe(401);
    c.cookie = fresh;
    expect((await c.send('GET', 'me')).json).toMatchObject({ me: { name: OWNER.name, role: 'owner' } });
    // The database keeps the id's hash only.
    expect(
      JSON.stringify(await database().db.all(z.record(z.string(), z.unknown()), 'SELECT * FROM console_sessions')),
    ).not.toContain(fresh);
    // Signing in again in the same browser ends the session it held.
    await c.login();
    const second = c.cookie;
    expect(second).not.toBe(fresh);
    c.cookie = fresh;
    expect((await c.send('GET', 'me')).status).toBe(401);
    c.cookie = second;
    expect((await c.send('POST', 'logout', {})).status).toBe(200);
    c.cookie = second;
    expect((await c.send('GET', 'me')).status).toBe(401);
    await c.login();
    clock += IDLE_S + 1;
    expect((await c.send('GET', 'me')).status).toBe(401);
  });

  it('marks its cookie Secure when head office is told a TLS proxy is in front', async () => {
    await hq.close();
    hq = await testHeadOffice(database().db, () => clock, { empty: false, secureCookies: true });
    const made = setCookie(await client().login());
    expect(made?.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
  });

  it('locks a name out after repeated failures, with growing waits, without checking the password meanwhile', async () => {
    const c = client();
    for (let i = 0; i < 4; i++)
      expect((await c.login(OWNER.name, 'wrong-password-000')).json).toEqual({ error: 'bad_login' });
    expect((await c.login(OWNER.name, 'wrong-password-000')).json).toEqual({ error: 'locked', retryAfter: 30 });
    // The right password during the wait is refused as well: nothing is tried while locked.
    expect((await c.login()).json).toEqual({ error: 'locked', retryAfter: 30 });
    clock += 31;
    expect((await c.login(OWNER.name, 'wrong-password-000')).json).toEqual({ error: 'locked', retryAfter: 60 });
    clock += 61;
    expect((await c.login(OWNER.name, 'wrong-password-000')).json).toEqual({ error: 'locked', retryAfter: 120 });
    clock += 121;
    expect((await c.login()).status).toBe(200);
    // A success starts the count again.
    expect((await c.login(OWNER.name, 'wrong-password-000')).json).toEqual({ error: 'bad_login' });
    // A name nobody has is counted the same way, so the answers do not tell which names exist.
    const n = client();
    for (let i = 0; i < 4; i++)
      expect((await n.login('nobody', 'wrong-password-000')).json).toEqual({ error: 'bad_login' });
    expect((await n.login('nobody', 'wrong-password-000')).json).toEqual({ error: 'locked', retryAfter: 30 });
  });

  it('keeps a regional manager to the shops of their groups, and to reading', async () => {
    const owner = client();
    await owner.login();
    for (const [shopId, group, city] of [
      ['SH01', '华东', '上海'],
      ['SH02', '华北', '北京'],
      ['SH03', '华东', '杭州'],
    ] as const)
      expect((await owner.send('POST', 'shops', { shopId, name: `店${shopId}`, city, group })).status).toBe(201);
    const secret = String((await owner.send('POST', 'shops/SH02/rotate', { graceHours: 0 })).json.secret);
    const date = '2026-11-25';
    const push = await signedRequest(
      hq.url,
      'SH02',
      secret,
      clock,
      'PUT',
      `/v1/shops/SH02/days/${date}`,
      dayBody('SH02', date),
    );
    expect(push.status).toBe(201);
    const added = await owner.send('POST', 'people', {
      name: '李经理',
      password: 'manager-password-2026',
      groups: ['华东'],
    });
    expect(added.status).toBe(201);
    const short = await owner.send('POST', 'people', { name: '赵经理', password: 'short', groups: ['华北'] });
    expect(short.json).toEqual({ error: 'password_short', field: 'password' });

    const m = client();
    expect((await m.login('李经理', 'manager-password-2026')).json).toMatchObject({
      me: { role: 'manager', groups: ['华东'] },
    });
    const seen = (await m.send('GET', 'shops')).json as { shops: { shopId: string }[]; groups: string[] };
    expect(seen.shops.map((s) => s.shopId)).toEqual(['SH01', 'SH03']);
    expect(seen.groups).toEqual(['华东']);
    // Another group's shop, its days, a day and its export: refused, as a shop that does not exist is.
    for (const p of [
      'shops/SH02/days',
      `shops/SH02/days/${date}`,
      `shops/SH02/days/${date}/export?format=csv`,
      'shops/SH99/days',
    ])
      expect((await m.send('GET', p)).json).toEqual({ error: 'forbidden' });
    expect((await m.send('GET', 'shops?group=华北')).json).toMatchObject({ shops: [] });
    expect((await m.send('GET', 'shops/SH01/days')).status).toBe(200);
    // One date across the shops: the owner sees who has sent it; the manager the same of their groups' shops only.
    type DateAnswer = { rows: { shopId: string; zNumber: number | null; figures: { cards: number } | null }[] };
    const across = (await owner.send('GET', `days/${date}`)).json as DateAnswer;
    expect(across.rows.map((r) => [r.shopId, r.zNumber, r.figures === null])).toEqual([
      ['SH01', null, true],
      ['SH02', 1, true],
      ['SH03', null, true],
    ]);
    expect(((await owner.send('GET', `days/${date}?group=华北`)).json as DateAnswer).rows.map((r) => r.shopId)).toEqual(
      ['SH02'],
    );
    expect(((await m.send('GET', `days/${date}`)).json as DateAnswer).rows.map((r) => [r.shopId, r.zNumber])).toEqual([
      ['SH01', null],
      ['SH03', null],
    ]);
    expect((await m.send('GET', 'days/2026-13')).json).toEqual({ error: 'invalid', field: 'date' });
    for (const [p, body] of [
      ['shops', { shopId: 'SH04', name: 'x', city: '', group: '华东' }],
      ['shops/SH01/disable', {}],
      ['shops/SH01/rotate', { graceHours: 1 }],
      ['people', { name: '王五', password: 'another-password-1', groups: ['华东'] }],
    ] as const)
      expect((await m.send('POST', p, body)).json).toEqual({ error: 'read_only' });
    for (const p of ['people', 'journal']) expect((await m.send('GET', p)).json).toEqual({ error: 'read_only' });
    expect((await hq.hq.shops.list()).map((s) => [s.shop_id, s.enabled])).toEqual([
      ['SH01', true],
      ['SH02', true],
      ['SH03', true],
    ]);
    // The owner sees every shop and filters by group and city.
    const byGroup = (await owner.send('GET', 'shops?group=华东&city=杭州')).json as { shops: { shopId: string }[] };
    expect(byGroup.shops.map((s) => s.shopId)).toEqual(['SH03']);
  });

  it('journals every change with who and when, in a hash chain the database will not let anyone edit', async () => {
    const c = client();
    clock = T0 + 10;
    await c.login();
    await c.send('POST', 'shops', { shopId: 'SH01', name: '京东回收店', city: '上海', group: '华东' });
    const refused = await c.send('POST', 'shops', { shopId: 'SH01', name: '又一家', city: '', group: '' });
    expect(refused.json).toEqual({ error: 'shop_taken', field: 'shopId' });
    const bad = await c.send('POST', 'shops', { shopId: 'S', name: '', city: '', group: '' });
    expect(bad.json).toEqual({ error: 'invalid', field: 'shopId' });
    await c.send('POST', 'shops/SH01/disable', {});
    await c.send('POST', 'shops/SH01/enable', {});
    const rotated = await c.send('POST', 'shops/SH01/rotate', { graceHours: 24 });
    await c.send('POST', 'people', { name: '李经理', password: 'manager-password-2026', groups: ['华东', '华南'] });
    await c.send('POST', 'logout', {});
    expect(await kinds()).toEqual([
      `login ${OWNER.name}`,
      'shop.register SH01',
      'shop.disable SH01',
      'shop.enable SH01',
      'shop.rotate SH01',
      'person.add 李经理',
      `logout ${OWNER.name}`,
    ]);
    const j = await readJournal(database().db, 100);
    expect(j.brokenAt).toBeNull();
    expect(j.entries.every((e) => e.person_name === OWNER.name && e.at === T0 + 10)).toBe(true);
    expect(JSON.stringify(j.entries)).not.toContain(String(rotated.json.secret).slice(0, 9));
    expect(JSON.stringify(j.entries)).not.toContain('manager-password-2026');
    // Append-only: an edit or a removal is refused by the database itself.
    await expect(database().db.run("UPDATE console_journal SET target = 'SH02' WHERE seq = 2")).rejects.toThrow(
      /append-only/,
    );
    await expect(database().db.run('DELETE FROM console_journal WHERE seq = 7')).rejects.toThrow(/append-only/);
    // The owner reads it on the console, the newest first, with the chain checked.
    await c.login();
    const shown = (await c.send('GET', 'journal')).json as {
      entries: { kind: string }[];
      brokenAt: null;
      total: number;
    };
    expect(shown.total).toBe(8);
    expect(shown.brokenAt).toBeNull();
    expect(shown.entries[0]?.kind).toBe('login');
  });

  it('lists each shop’s sync health from what head office recorded', async () => {
    const chainKey = 'the-chain-key-of-the-owner-2026';
    await hq.hq.chain.set(chainKey);
    const c = client();
    await c.login();
    const secret = String(
      (await c.send('POST', 'shops', { shopId: 'SH01', name: '京东回收店', city: '上海', group: '华东' })).json.secret,
    );
    await c.send('POST', 'shops', { shopId: 'SH02', name: '天猫店', city: '北京', group: '华北' });
    const put = (date: string, body: string, headers: Record<string, string> = {}) =>
      signedRequest(hq.url, 'SH01', secret, clock, 'PUT', `/v1/shops/SH01/days/${date}`, body, { headers });
    const versions = { 'X-CardDesk-Version': '0.1.0/14', 'X-CardDesk-Chain': chainFingerprint(chainKey) };
    expect(
      (await put('2026-11-24', dayBody('SH01', '2026-11-24', { zNumber: 1, journalHead: 'b'.repeat(64) }), versions))
        .status,
    ).toBe(201);
    // Z2 never arrives (a gap in Z numbers, not in dates); Z3 names another previous head (a chain gap).
    const third = dayBody('SH01', '2026-11-27', {
      zNumber: 3,
      journalHead: 'c'.repeat(64),
      prevDayJournalHead: 'f'.repeat(64),
    });
    expect((await put('2026-11-27', third, versions)).status).toBe(201);
    // A different body for a day held (a conflict), twice; a body that cannot be right (rejected).
    const other = dayBody('SH01', '2026-11-24', { zNumber: 1, journalHead: 'd'.repeat(64) });
    expect((await put('2026-11-24', other, versions)).status).toBe(409);
    expect((await put('2026-11-24', other, versions)).status).toBe(409);
    const broken = dayBody('SH01', '2026-11-28', { zNumber: 4 }).replace('"zNumber":4', '"zNumber":5');
    expect((await put('2026-11-28', broken, versions)).status).toBe(422);
    clock += 120;
    // Later the shop names another chain key.
    await put(
      '2026-11-29',
      dayBody('SH01', '2026-11-29', { zNumber: 4, journalHead: 'e'.repeat(64), prevDayJournalHead: 'c'.repeat(64) }),
      {
        ...versions,
        'X-CardDesk-Chain': chainFingerprint('another-chain-key-000000'),
      },
    );
    const list = (await c.send('GET', 'shops')).json as { shops: Record<string, unknown>[] };
    expect(list.shops).toEqual([
      expect.objectContaining({
        shopId: 'SH01',
        group: '华东',
        city: '上海',
        enabled: true,
        days: 3,
        lastDay: '2026-11-29',
        lastZ: 4,
        zGaps: 1,
        conflicts: 1,
        rejected: 1,
        chainGaps: 1,
        lastContactAt: T0 + 120,
        appVersion: '0.1.0',
        schemaVersion: '14',
        chainMismatch: true,
      }),
      expect.objectContaining({
        shopId: 'SH02',
        days: 0,
        lastDay: null,
        zGaps: 0,
        conflicts: 0,
        rejected: 0,
        lastContactAt: null,
        chainMismatch: null,
      }),
    ]);
    const days = (await c.send('GET', 'shops/SH01/days?limit=2')).json as {
      items: { businessDate: string; chainGap: boolean }[];
      total: number;
    };
    expect(days.total).toBe(3);
    expect(days.items.map((d) => [d.businessDate, d.chainGap])).toEqual([
      ['2026-11-29', false],
      ['2026-11-27', true],
    ]);
  });

  it('reads the chain’s figures from the summaries: per day and month, per group, shop, brand and form', async () => {
    const c = client();
    await c.login();
    const secrets: Record<string, string> = {};
    for (const [shopId, group, city] of [
      ['SH01', '华东', '上海'],
      ['SH02', '华北', '北京'],
    ] as const)
      secrets[shopId] = String((await c.send('POST', 'shops', { shopId, name: shopId, city, group })).json.secret);
    const line = (brand: string, form: string, last4: string, valueFen: number, rateBp: number) => ({
      brand,
      form,
      last4,
      cardHash: null,
      valueFen,
      rateBp,
      payoutFen: Math.floor((valueFen * rateBp) / 10_000),
    });
    const trade = (tradeNo: string, lines: unknown[]) => ({ tradeNo, status: 'paid', lines });
    const push = async (shopId: string, date: string, z: number, expected: number, extra: Record<string, unknown>) => {
      const body = dayBody(shopId, date, {
        zNumber: z,
        summary: { grandTotalFen: 0, expectedMarginFen: expected },
        ...extra,
      });
      const a = await signedRequest(
        hq.url,
        shopId,
        secrets[shopId] ?? '',
        clock,
        'PUT',
        `/v1/shops/${shopId}/days/${date}`,
        body,
      );
      expect(a.status).toBe(201);
    };
    await push('SH01', '2026-10-30', 1, 700, {
      trades: [trade('SH01-1030-1', [line('jd', 'e', '0009', 50_000, 9000)])],
    });
    await push('SH01', '2026-11-24', 2, 3_000, {
      trades: [trade('SH01-1124-1', [line('jd', 'e', '0001', 100_000, 9010), line('jd', 'e', '0002', 100_000, 9010)])],
    });
    // The next day settles a card of the 24th: its realised margin counts on the 24th, when it was bought.
    await push('SH01', '2026-11-25', 3, 1_000, {
      trades: [trade('SH01-1125-1', [line('tmall', 'physical', '0003', 50_000, 8800)])],
      corrections: [{ kind: 'settled', tradeNo: 'SH01-1124-1', last4: '0001', amountFen: 95_000 }],
    });
    await push('SH02', '2026-11-25', 1, 2_000, {
      trades: [trade('SH02-1125-1', [line('jd', 'e', '0004', 200_000, 9100)])],
    });
    type Answer = { from: string; to: string; series: Record<string, unknown>[]; breakdown: Record<string, unknown>[] };
    const get = async (q: string) => (await c.send('GET', `figures?to=2026-11-30&${q}`)).json as Answer;

    const days = await get('period=30d&by=group');
    expect([days.from, days.to, days.series.length]).toEqual(['2026-11-01', '2026-11-30', 30]);
    expect(days.series.filter((p) => p.cards !== 0 || p.expectedMarginFen !== 0)).toEqual([
      {
        key: '2026-11-24',
        cards: 2,
        valueFen: 200_000,
        payoutFen: 180_200,
        averageRateBp: 9010,
        expectedMarginFen: 3_000,
        realisedMarginFen: 95_000 - 90_100,
      },
      {
        key: '2026-11-25',
        cards: 2,
        valueFen: 250_000,
        payoutFen: 44_000 + 182_000,
        averageRateBp: Math.floor((226_000 * 10_000) / 250_000),
        expectedMarginFen: 3_000,
        realisedMarginFen: 0,
      },
    ]);
    expect(days.breakdown.map((r) => [r.key, r.cards, r.payoutFen, r.expectedMarginFen, r.realisedMarginFen])).toEqual([
      ['华东', 3, 224_200, 4_000, 4_900],
      ['华北', 1, 182_000, 2_000, 0],
    ]);
    expect((await get('period=30d&by=brand')).breakdown.map((r) => [r.key, r.cards, r.expectedMarginFen])).toEqual([
      ['jd', 3, null],
      ['tmall', 1, null],
    ]);
    expect((await get('period=30d&by=form')).breakdown.map((r) => [r.key, r.cards])).toEqual([
      ['e', 3],
      ['physical', 1],
    ]);
    const months = await get('period=12m&by=shop');
    expect([months.from, months.to, months.series.length]).toEqual(['2025-12', '2026-11', 12]);
    expect(months.series.filter((p) => p.cards !== 0).map((p) => [p.key, p.cards, p.expectedMarginFen])).toEqual([
      ['2026-10', 1, 700],
      ['2026-11', 4, 6_000],
    ]);
    expect(months.breakdown.map((r) => [r.key, r.cards, r.valueFen])).toEqual([
      ['SH01', 4, 300_000],
      ['SH02', 1, 200_000],
    ]);
    expect((await get('period=30d&by=shop&city=北京')).breakdown.map((r) => r.key)).toEqual(['SH02']);
    // A manager's figures are their groups' only, whatever the filter asks.
    await c.send('POST', 'people', { name: '华北经理', password: 'manager-password-2026', groups: ['华北'] });
    const m = client();
    await m.login('华北经理', 'manager-password-2026');
    const theirs = (await m.send('GET', 'figures?to=2026-11-30&period=30d&by=shop&group=华东')).json as Answer;
    expect(theirs.breakdown).toEqual([]);
    expect(theirs.series.every((p) => p.cards === 0)).toBe(true);
    expect(
      ((await m.send('GET', 'figures?to=2026-11-30&period=12m&by=shop')).json as Answer).breakdown.map((r) => r.key),
    ).toEqual(['SH02']);
  });

  it('shows a day as received with masked lines, and exports it with formulas neutralised', async () => {
    const c = client();
    await c.login();
    const secret = String(
      (await c.send('POST', 'shops', { shopId: 'SH01', name: '京东回收店', city: '上海', group: '华东' })).json.secret,
    );
    const date = '2026-11-25';
    const hash = 'ab'.repeat(32);
    const body = dayBody('SH01', date, {
      trades: [
        {
          tradeNo: 'SH01-20261125-0001',
          paidAt: `${date}T03:00:00.000Z`,
          staff: '=HYPERLINK("http://evil.example","点我")',
          status: 'paid',
          payments: [{ method: 'cash', amountFen: 90_100 }],
          lines: [
            {
              brand: 'jd',
              form: 'e',
              last4: '1234',
              cardHash: hash,
              valueFen: 100_000,
              rateBp: 9010,
              payoutFen: 90_100,
            },
          ],
        },
      ],
      corrections: [
        { at: `${date}T05:00:00.000Z`, kind: 'invalid', tradeNo: 'SH01-20261125-0001', last4: '1234', amountFen: 0 },
      ],
    });
    expect(
      (await signedRequest(hq.url, 'SH01', secret, clock, 'PUT', `/v1/shops/SH01/days/${date}`, body)).status,
    ).toBe(201);
    const day = (await c.send('GET', `shops/SH01/days/${date}`)).json as { day: Record<string, unknown> };
    expect(day.day).toMatchObject({
      zNumber: 1,
      trades: [{ lines: [{ card: '****1234', valueFen: 100_000, rateBp: 9010, payoutFen: 90_100 }] }],
      corrections: [{ kind: 'invalid', card: '****1234' }],
    });
    expect(JSON.stringify(day)).not.toContain(hash);
    const csv = await c.send('GET', `shops/SH01/days/${date}/export?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csv.body).toContain('****1234');
    expect(csv.body).not.toContain(hash);
    const xlsx = await rawXlsx(c, `shops/SH01/days/${date}/export?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx);
    const staff = wb.worksheets[1]?.getRow(2).getCell(3);
    expect(staff?.type).toBe(ExcelJS.ValueType.String);
    expect(staff?.formula).toBeUndefined();
    expect((await c.send('GET', 'shops/SH01/days/2026-11-26')).json).toEqual({ error: 'not_found' });
    expect((await c.send('GET', 'shops/%E0%A4%A/days')).json).toEqual({ error: 'not_found' });
  });
});

async function rawXlsx(c: ConsoleClient, path: string): Promise<ArrayBuffer> {
  const r = await fetch(`${c.base}/console/api/${path}`, { headers: { Cookie: `carddesk_console=${c.cookie ?? ''}` } });
  expect(r.headers.get('content-type')).toContain('spreadsheetml');
  return r.arrayBuffer();
}

describe('a real shop’s sealed day on the console', () => {
  const database = useHqDatabase('pglite');
  it('shows the figures of the shop’s own Z-report, section by section', async () => {
    const s = await counterShop();
    const hq = await startHq(database().db, s.t);
    try {
      await hq.hq.people.createOwner(OWNER.name, OWNER.password);
      await configure(s.t, s.owner, hq.url);
      await sealDays(s.t, s, 1);
      await drain(s.t);
      const date = (await hq.stored('SH01'))[0]?.business_date ?? '';
      await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
      const z = (await s.t.must(s.owner, 'ledger.report', { businessDate: date })).report;
      const c = new ConsoleClient(hq.url);
      await c.login();
      const day = (await c.send('GET', `shops/SH01/days/${date}`)).json as {
        day: { figures: unknown; brands: unknown[]; payments: unknown[]; zNumber: number; grandTotalFen: number };
      };
      expect(day.day.figures).toEqual(dayFigures(z));
      expect(day.day.zNumber).toBe(z.zNumber);
      expect(day.day.grandTotalFen).toBe(z.grandTotalFen);
      expect(day.day.brands).toEqual(
        z.brands.map((b) => ({
          brand: b.brand,
          form: b.form,
          name: b.name,
          cards: b.cards,
          valueFen: b.valueFen,
          payoutFen: b.payoutFen,
        })),
      );
      expect(day.day.payments).toEqual(
        z.payments.map((p) => ({ method: p.method, count: p.count, amountFen: p.amountFen })),
      );
    } finally {
      await hq.close();
      s.t.close();
    }
  });
});
