// Nothing secret at head office (head-office.md): a scripted chain day — two shops, each with phones, an ID number,
// card numbers and secrets, paid, sealed and sent; head office with its generated shop secrets, the chain key, an
// owner's password and two numbers entered for the watch list; the owner on the console (signed in, a shop
// registered, each day read and exported) — then head office's database (pg_dump), its log, PostgreSQL's own log
// (every statement and its parameters), every answer it gave the shops and every console answer but the one that
// shows a new shop's secret are scanned: none of these values, nor the console's session id, is there in clear.
import { afterAll, describe, expect, it } from 'vitest';
import { fetchHq } from '../../electron/adapters/hq-fetch';
import type { Hq, HqRequest } from '../../electron/core/ports';
import { countFor } from '../../electron/core/days/service';
import { z } from 'zod';
import { ConsoleClient } from '../support/console';
import { counterShop, createTrade } from '../support/counter';
import { testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { CHAIN_KEY, configure, drain } from '../support/sync';
import fs from 'node:fs';

const database = useHqDatabase('pg', { logStatements: true });
let started: TestHq | undefined;
const closing: { close(): unknown }[] = [];
afterAll(async () => {
  await started?.close();
  for (const c of closing) c.close();
});

const OWNER_PASSWORD = 'owner-password-of-the-chain-2026';
const DayKey = z.object({ shop_id: z.string(), business_date: z.string() });

describe('secrets at head office', () => {
  it('keeps no card number or secret, phone, ID number, shop secret, chain key or password in its database, logs, PostgreSQL’s log or any answer', async () => {
    const answers: string[] = [];
    const recording: Hq = {
      async request(r: HqRequest) {
        const res = await fetchHq.request(r);
        answers.push(`${res.status} ${JSON.stringify(res.headers)} ${res.body}`);
        return res;
      },
    };
    const shops = [
      {
        code: 'SH41',
        phone: '13911112222',
        idNumber: '11010519491231002X',
        cards: ['JDE5111122223333', 'JDE5444455556666'],
        secrets: ['SECRETAA11BB22CC', 'SECRETDD33EE44FF'],
      },
      {
        code: 'SH42',
        phone: '13733334444',
        idNumber: '440524198001010013',
        cards: ['JDE5777788889999', '6212000011112222333'],
        secrets: ['SECRETGG55HH66II', 'SECRETJJ77KK88LL'],
      },
    ];
    const counters = [];
    for (const s of shops) {
      const c = await counterShop({ hq: recording, code: s.code });
      closing.push(c.t);
      counters.push(c);
    }
    const clock = counters[0]!.t.clock;
    const hqLog: string[] = [];
    started = await testHeadOffice(database().db, () => Math.floor(clock.now() / 1000), { log: (l) => hqLog.push(l) });
    const { hq } = started;
    await hq.chain.set(CHAIN_KEY);
    await hq.people.createOwner('王总', OWNER_PASSWORD);
    const stolenCard = 'JDE5000099998888';
    const wantedId = '110101199003074514';
    await hq.feeds.watchNumber('card', stolenCard, '挂失');
    await hq.feeds.watchNumber('id', wantedId, '协查');
    const shopSecrets: string[] = [];

    for (const [i, s] of shops.entries()) {
      const { t, owner, clerk } = counters[i]!;
      const { secret } = await hq.shops.register({ shopId: s.code, name: `店${i + 1}`, city: '上海', group: '华东' });
      shopSecrets.push(secret);
      await configure(t, owner, started.url, { shopSecret: secret, chainKey: CHAIN_KEY });
      const tr = await createTrade(t, clerk, s.phone);
      await t.must(clerk, 'customers.setIdentity', {
        tradeId: tr.id,
        name: '李四',
        idType: 'resident',
        idNumber: s.idNumber,
      });
      for (const [k, number] of s.cards.entries())
        await t.must(clerk, 'trades.addLine', {
          tradeId: tr.id,
          brand: 'jd',
          form: number.startsWith('JDE') ? 'e' : 'physical',
          number,
          secret: s.secrets[k] ?? '',
          faceValueFen: 100_000,
          verifiedHow: 'official',
        });
      const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
      for (const g of o.groups) await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
      const v = await t.must(clerk, 'trades.get', { tradeId: tr.id });
      await t.must(clerk, 'trades.pay', {
        tradeId: tr.id,
        requestId: `hq-secrets-${s.code}`,
        parts: [{ method: 'bank', amountFen: v.payoutFen, reference: `BK-${s.code}` }],
      });
      const day = await t.must(owner, 'days.current', {});
      await t.must(clerk, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) });
      await drain(t);
      await t.must(owner, 'sync.now', {});
      expect(await t.must(owner, 'sync.status', {}), s.code).toMatchObject({
        sent: 1,
        lastError: null,
        chainMismatch: false,
      });
    }

    // The owner on the console: signs in, registers a shop (its secret is in that one answer only), reads each shop's
    // day and exports it. Every other console answer is scanned; the session id must reach no database or log.
    const consoleClient = new ConsoleClient(started.url);
    expect((await consoleClient.login('王总', OWNER_PASSWORD)).status).toBe(200);
    const sessionId = consoleClient.cookie ?? '';
    expect(sessionId.length).toBeGreaterThan(40);
    const registered = await consoleClient.send('POST', 'shops', {
      shopId: 'SH43',
      name: '店3',
      city: '上海',
      group: '华东',
    });
    shopSecrets.push(String(registered.json.secret));
    const consoleAnswers: string[] = [];
    const days = await database().db.all(DayKey, 'SELECT shop_id, business_date FROM days ORDER BY shop_id');
    expect(days.length).toBe(2);
    for (const d of days)
      for (const p of [
        'shops',
        `shops/${d.shop_id}/days`,
        `shops/${d.shop_id}/days/${d.business_date}`,
        `shops/${d.shop_id}/days/${d.business_date}/export?format=csv`,
        'journal',
      ]) {
        const a = await consoleClient.send('GET', p);
        expect(a.status, p).toBe(200);
        consoleAnswers.push(`${a.status} ${JSON.stringify(a.headers)} ${a.body}`);
      }
    expect(consoleAnswers.join('\n')).toContain('****');

    const pg = database().pg!;
    const sources = [
      { name: 'console answers', text: consoleAnswers.join('\n') },
      { name: 'pg_dump', text: pg.dump() },
      { name: "PostgreSQL's log", text: fs.readFileSync(pg.logFile, 'utf8') },
      { name: "head office's log", text: hqLog.join('\n') },
      { name: 'answers', text: answers.join('\n') },
    ];
    // The scan reads what it should: both days and their cards are in the dump, every statement in PostgreSQL's log.
    expect(sources[1]!.text).toContain('SH41-2026');
    expect(sources[1]!.text).toContain('SH42-2026');
    expect(sources[1]!.text).toContain('console_journal');
    expect(sources[2]!.text).toMatch(/INSERT INTO days/);
    expect(sources[2]!.text).toMatch(/parameters: \$1 = /);
    expect(sources[3]!.text).toMatch(/stored SH41 .*\nstored SH42 /);
    expect(answers.length).toBeGreaterThan(6);

    const needles = [
      ...shops.flatMap((s) => [s.phone, s.idNumber, s.idNumber.slice(0, 17), ...s.cards, ...s.secrets]),
      stolenCard,
      wantedId,
      ...shopSecrets,
      // A part of a secret counts too: every two neighbouring groups.
      ...shopSecrets.flatMap((x) =>
        x
          .split('-')
          .slice(1)
          .map((g, k) => `${x.split('-')[k] ?? ''}-${g}`),
      ),
      CHAIN_KEY,
      OWNER_PASSWORD,
      sessionId,
      '5e'.repeat(32),
    ];
    let scanned = 0;
    for (const src of sources) {
      scanned += src.text.length;
      for (const n of needles) {
        expect(src.text.includes(n), `${n} in ${src.name}`).toBe(false);
        expect(src.text.toLowerCase().includes(n.toLowerCase()), `${n} (any case) in ${src.name}`).toBe(false);
      }
    }
    process.stdout.write(
      `head-office secrets scan: ${sources.length} sources, ${scanned} characters, ${needles.length} values, 0 found\n`,
    );
  });
});
