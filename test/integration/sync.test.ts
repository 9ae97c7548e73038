// Sync with head office (hq/, on PGlite) over real loopback HTTP (sync-protocol.md): a backlog sent in order once
// head office is back, retries after lost answers and random fault schedules with every day stored exactly once,
// conflicts parked, a wrong secret and a wrong clock, the watch list and quotes feed, corrections and restores,
// and nothing secret on the wire or in the logs.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchHq } from '../../electron/adapters/hq-fetch';
import { AnswerTooLarge, type Hq, type HqRequest } from '../../electron/core/ports';
import { errorText, i18n } from '../../renderer/src/i18n';
import { answerSignature, chainFingerprint, chainHash, HEADERS } from '../../shared/protocol/signing';
import { HQ_VERSION } from '../../hq/version';
import { z } from 'zod';
import { errorCode, OWNER_PIN, type TestBackend } from '../support/backend';
import { addCard, counterShop, createTrade, eCard, payThreeCards, SECRET } from '../support/counter';
import { useHqDatabase } from '../support/hq';
import {
  CHAIN_KEY,
  configure,
  drain,
  freePort,
  sealDays,
  SHOP_SECRET,
  startHq as startOn,
  type ShopsHq,
} from '../support/sync';

const hqDb = useHqDatabase('pglite');
const BodyRow = z.object({ body: z.string() });
const startHq = (t: TestBackend, port = 0) => startOn(hqDb().db, t, port);
const open: { close(): unknown }[] = [];
const servers: ShopsHq[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const t of open.splice(0)) t.close();
});

async function shop(hq?: Hq) {
  const s = await counterShop({ hq });
  open.push(s.t);
  return s;
}
const outbox = (t: TestBackend) =>
  t.backend.services.sql.all<{ business_date: string; status: string; attempts: number }>(
    'SELECT business_date, status, attempts FROM sync_outbox ORDER BY business_date',
  );

describe('sending sealed days', () => {
  it('keeps 30 sealed days while head office is down, then sends all 30 in order, each stored once', async () => {
    const s = await shop();
    const port = await freePort();
    await configure(s.t, s.owner, `http://127.0.0.1:${port}`);
    await sealDays(s.t, s, 30);
    await s.t.backend.services.sync.run();
    expect(outbox(s.t).every((r) => r.status === 'pending')).toBe(true);
    expect(s.t.backend.services.sync.status()).toMatchObject({ pending: 30, online: false, lastError: 'network' });

    const hq = await startHq(s.t, port);
    servers.push(hq);
    await drain(s.t);
    expect(outbox(s.t).map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 'sent'));
    // Head office stored them in the order they came.
    expect(hq.log.filter((l) => l.startsWith('stored SH01')).map((l) => l.split(' ')[2])).toEqual(
      outbox(s.t).map((r) => r.business_date),
    );
    expect((await hq.stored('SH01')).every((d) => d.warnings === '[]')).toBe(true); // each day's prevDayJournalHead chains
    expect(s.t.backend.services.sync.status()).toMatchObject({ pending: 0, sent: 30, lastError: null });
  });

  it('retries after head office stored a day and the answer was lost: 200 for the same hash, one copy', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    const { hq, url } = started;
    await configure(s.t, s.owner, url);
    await sealDays(s.t, s, 1);
    hq.queueFaults('drop-after');
    await s.t.backend.services.sync.run();
    expect(outbox(s.t)[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await started.stored('SH01')).toHaveLength(1);
    await drain(s.t);
    expect(outbox(s.t)[0]?.status).toBe('sent');
    expect(await started.stored('SH01')).toHaveLength(1);
  });

  it('ends every one of 50 random fault schedules with every day stored exactly once', async () => {
    const s = await shop();
    await sealDays(s.t, s, 3);
    const { sql } = s.t.backend.services;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('drop-before', 'drop-after', '500', '429', 'hang' as const), { maxLength: 8 }),
        async (faults) => {
          const started = await startHq(s.t);
          const { hq, url } = started;
          try {
            await configure(s.t, s.owner, url);
            sql.tx(() =>
              sql.run(
                "UPDATE sync_outbox SET status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL",
              ),
            );
            hq.queueFaults(...faults);
            await drain(s.t);
            expect(outbox(s.t).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
            const stored = await started.stored('SH01');
            expect(stored.map((d) => d.business_date)).toEqual(outbox(s.t).map((r) => r.business_date));
            expect(new Set(stored.map((d) => d.ledger_hash)).size).toBe(3);
          } finally {
            await started.close();
          }
          await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN }).catch(() => undefined);
        },
      ),
      { numRuns: 50, seed: 20261125 },
    );
  });

  it('parks a day head office holds with another hash as a conflict, sends later days, and overwrites nothing', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    await configure(s.t, s.owner, started.url);
    await sealDays(s.t, s, 3);
    const second = outbox(s.t)[1]!.business_date;
    await hqDb().db.run(
      `INSERT INTO days (shop_id, business_date, z_number, schema, ledger_hash, journal_head, grand_total_fen,
         expected_margin_fen, warnings, body, stored_at) VALUES ('SH01', $1, 2, 1, $2, $3, 0, 0, '[]', '{}', 0)`,
      [second, 'e'.repeat(64), 'f'.repeat(64)],
    );
    await drain(s.t);
    expect(outbox(s.t).map((r) => r.status)).toEqual(['sent', 'conflict', 'sent']);
    expect((await started.stored('SH01')).find((d) => d.business_date === second)?.ledger_hash).toBe('e'.repeat(64));
    const days = await s.t.must(s.owner, 'sync.days', {});
    const saysConflict: unknown = expect.stringContaining('conflict');
    expect(days.find((d) => d.businessDate === second)).toMatchObject({ status: 'conflict', lastError: saysConflict });
    expect((await s.t.must(s.owner, 'ledger.days', {})).items.find((d) => d.businessDate === second)?.sync).toBe(
      'conflict',
    );
  });

  it('shows a wrong shop secret and sends nothing; a PC clock 10 minutes off is a skew warning that changes no date', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    const { url, skew } = started;
    await configure(s.t, s.owner, url, { shopSecret: 'not-the-right-secret-at-all' });
    await sealDays(s.t, s, 1);
    await s.t.backend.services.sync.run();
    expect(await s.t.must(s.clerk, 'sync.status', {})).toMatchObject({
      paused: 'bad_signature',
      lastError: 'bad_signature',
      pending: 1,
    });
    expect(await started.stored('SH01')).toHaveLength(0);
    await s.t.backend.services.sync.run(); // paused: no request at all
    expect(outbox(s.t)[0]?.attempts).toBe(1);

    await configure(s.t, s.owner, url); // the right secret ends the pause
    skew.s = 600; // head office's clock is 10 minutes ahead of the PC
    const before = outbox(s.t).map((r) => r.business_date);
    await s.t.backend.services.sync.run();
    expect(await s.t.must(s.clerk, 'sync.status', {})).toMatchObject({ paused: 'clock_skew', skewSeconds: -600 });
    expect(outbox(s.t).map((r) => r.business_date)).toEqual(before);
    expect((await s.t.must(s.clerk, 'days.current', {}))?.businessDate).toBe('2026-11-26');
    skew.s = 0; // the PC clock is set right
    await drain(s.t);
    expect(outbox(s.t)[0]?.status).toBe('sent');
    expect((await s.t.must(s.clerk, 'sync.status', {})).paused).toBe(null);
  });
});

describe('pulling from head office', () => {
  it('blocks a counter trade for a card on head office’s watch list (chain key on both sides), and loads the quotes feed skipping unknown brands', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    const { hq, url } = started;
    await configure(s.t, s.owner, url, { chainKey: CHAIN_KEY });
    const stolen = eCard();
    await hq.chain.set(CHAIN_KEY);
    await hq.feeds.watchNumber('card', stolen, '总部通报：盗刷卡');
    expect((await hqDb().db.all(z.object({ hash: z.string() }), 'SELECT hash FROM watch'))[0]?.hash).toBe(
      chainHash(CHAIN_KEY, stolen),
    );
    const observedAt = new Date(s.t.clock.now()).toISOString();
    const expiresAt = new Date(s.t.clock.now() + 86_400_000).toISOString();
    const feedQuote = {
      source: '总部报价',
      brand: 'jd',
      form: 'e',
      minValueFen: 100_000,
      maxValueFen: null,
      rateBp: 9450,
      feeBp: 10,
      feeFixedFen: 0,
      minAmountFen: 0,
      settlementDays: 1,
      observedAt,
      expiresAt,
    };
    await hq.feeds.setQuotes([feedQuote, { ...feedQuote, brand: 'zzcard' }]);
    const status = await s.t.must(s.owner, 'sync.now', {});
    expect(status.warnings).toEqual(['quote_skipped:zzcard']);
    const quotes = await s.t.must(s.owner, 'quotes.list', {});
    expect(quotes.filter((q) => q.origin === 'feed').map((q) => [q.source, q.rateBp])).toEqual([['总部报价', 9450]]);
    expect(
      (await s.t.must(s.owner, 'watchlist.list', {})).some((w) => w.hashKey === 'chain' && w.source === 'hq'),
    ).toBe(true);

    const tr = await createTrade(s.t, s.clerk);
    const hit = await s.t.call(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: stolen,
      secret: SECRET,
      faceValueFen: 100_000,
      verifiedHow: 'official',
    });
    expect(errorCode(hit)).toBe('WATCHLIST_HIT');
    await addCard(s.t, s.clerk, tr.id, 'e', 100_000);

    // A malformed feed changes nothing.
    await hq.feeds.setQuotes([{ ...feedQuote, rateBp: 'lots' }]);
    const bad = await s.t.must(s.owner, 'sync.now', {});
    expect(bad.warnings[0]).toMatch(/^feed_rejected/);
    expect(
      (await s.t.must(s.owner, 'quotes.list', {})).filter((q) => q.origin === 'feed').map((q) => q.rateBp),
    ).toEqual([9450]);
    // The chain key is set once.
    expect(
      errorCode(
        await s.t.call(s.owner, 'sync.updateSettings', {
          hqBaseUrl: url,
          enabled: true,
          chainKey: 'another-chain-key-0123456789',
        }),
      ),
    ).toBe('CONFLICT');
  });
});

describe('what head office receives', () => {
  it('gets a trade paid and voided on the same day as voided, yesterday’s void in today’s body, card hashes with the chain key; and after a restore its state keeps Z numbers from repeating', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    await configure(s.t, s.owner, started.url, { chainKey: CHAIN_KEY });
    const sameDay = await payThreeCards(s.t, s.clerk, 'bank', 10_000);
    await s.t.must(s.owner, 'trades.void', { tradeId: sameDay.id, reason: '顾客反悔' });
    const kept = await payThreeCards(s.t, s.clerk, 'bank', 10_000);
    const backupAfterDay0 = (await s.t.must(s.owner, 'backups.run', {})).files[0]!;
    await sealDays(s.t, s, 1);
    await s.t.must(s.owner, 'trades.void', { tradeId: kept.id, reason: '卡被冻结，退款' });
    await sealDays(s.t, s, 1);
    await drain(s.t);
    const bodies = (
      await hqDb().db.all(BodyRow, "SELECT body FROM days WHERE shop_id = 'SH01' ORDER BY business_date")
    ).map(
      (r) =>
        JSON.parse(r.body) as {
          zNumber: number;
          trades: { tradeNo: string; status: string; lines: { cardHash: string | null }[] }[];
          corrections: { kind: string; tradeNo?: string }[];
        },
    );
    expect(bodies[0]?.trades.find((x) => x.tradeNo === sameDay.tradeNo)?.status).toBe('voided');
    expect(bodies[0]?.corrections).toEqual([expect.objectContaining({ kind: 'void', tradeNo: sameDay.tradeNo })]);
    expect(bodies[1]?.corrections).toEqual([expect.objectContaining({ kind: 'void', tradeNo: kept.tradeNo })]);
    const line = await s.t.must(s.owner, 'trades.revealCard', { lineId: kept.lines[0]!.id });
    expect(bodies[0]?.trades.find((x) => x.tradeNo === kept.tradeNo)?.lines[0]?.cardHash).toBe(
      chainHash(CHAIN_KEY, line.number),
    );

    // A restore of a backup from before both seals, on a PC that lost its high-water file: head office's state wins.
    fs.rmSync(path.join(s.t.dataDir, 'high-water.json'));
    const r = await s.t.must(s.owner, 'backups.restore', {
      name: backupAfterDay0.name,
      where: 'data',
      confirmOlder: true,
    });
    expect(r.zNumber).toBe(2);
    await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN }).catch(() => undefined);
    const z = await s.t.must(s.owner, 'days.close', { count: { '10000': 100 } });
    expect(z.report.zNumber).toBe(3);
  });

  it('never carries a card secret, full card number, ID number or phone number in a request or a log line', async () => {
    const seen: string[] = [];
    const recording: Hq = {
      async request(r: HqRequest) {
        seen.push(`${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.body ?? ''}`);
        return fetchHq.request(r);
      },
    };
    const s = await shop(recording);
    const started = await startHq(s.t);
    servers.push(started);
    await configure(s.t, s.owner, started.url, { chainKey: CHAIN_KEY });
    const mobile = '13912345678';
    const idNumber = '11010519491231002X';
    const tr = await createTrade(s.t, s.clerk, mobile);
    await s.t.must(s.clerk, 'customers.setIdentity', { tradeId: tr.id, name: '李四', idType: 'resident', idNumber });
    const numbers = [eCard(), eCard()];
    for (const n of numbers) await addCard(s.t, s.clerk, tr.id, 'e', 100_000, n);
    const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const v = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'secret-scan-pay',
      parts: [{ method: 'bank', amountFen: v.payoutFen, reference: 'BK-SCAN' }],
    });
    await sealDays(s.t, s, 1);
    await drain(s.t);
    await s.t.must(s.owner, 'sync.now', {});
    const logFiles = fs.existsSync(path.join(s.t.dataDir, 'logs'))
      ? fs
          .readdirSync(path.join(s.t.dataDir, 'logs'))
          .map((f) => fs.readFileSync(path.join(s.t.dataDir, 'logs', f), 'utf8'))
      : [];
    const haystack = [...seen, ...s.t.logs, ...logFiles].join('\n');
    expect(seen.length).toBeGreaterThan(3);
    expect(haystack).toContain('"ledgerHash"');
    // The v2 requests are in the scan too: the card check before payment and the live report of the cards bought.
    expect(haystack).toContain('/cards/check');
    expect(haystack).toContain('/cards/bought');
    for (const secret of [...numbers, SECRET, mobile, idNumber, SHOP_SECRET, CHAIN_KEY])
      expect(haystack, secret).not.toContain(secret);
  });
});

/**
 * A man in the middle on loopback, in front of head office: passes answers on, strips their signature, or changes
 * their body and keeps the signature.
 */
async function middle(target: string): Promise<{ url: string; mode: { now: 'pass' | 'strip' | 'tamper' } }> {
  const mode: { now: 'pass' | 'strip' | 'tamper' } = { now: 'pass' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (r) => {
        const got: Buffer[] = [];
        r.on('data', (c: Buffer) => got.push(c));
        r.on('end', () => {
          let body = Buffer.concat(got).toString('utf8');
          const headers = { ...r.headers };
          delete headers['content-length'];
          if (mode.now === 'strip') delete headers['x-carddesk-signature'];
          // A better rate, a higher Z, or a space: any change breaks the signature.
          if (mode.now === 'tamper')
            body = `${body.replace(/9450/g, '9950').replace(/"lastZNumber":\d+/, '"lastZNumber":999')} `;
          res.writeHead(r.statusCode ?? 502, headers);
          res.end(body);
        });
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  open.push({ close: () => server.close() });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, mode };
}

describe('answers the shop can trust', () => {
  it('refuses an unsigned or changed quotes feed, watch list, state or day answer like a network error, and uses them once they are signed', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    const { hq } = started;
    await hq.chain.set(CHAIN_KEY);
    const stolen = eCard();
    await hq.feeds.watchNumber('card', stolen, '总部通报：盗刷卡');
    const at = new Date(s.t.clock.now()).toISOString();
    const until = new Date(s.t.clock.now() + 86_400_000).toISOString();
    await hq.feeds.setQuotes([
      {
        source: '总部报价',
        brand: 'jd',
        form: 'e',
        minValueFen: 0,
        maxValueFen: null,
        rateBp: 9450,
        feeBp: 0,
        feeFixedFen: 0,
        minAmountFen: 0,
        settlementDays: 1,
        observedAt: at,
        expiresAt: until,
      },
    ]);
    const mitm = await middle(started.url);
    await configure(s.t, s.owner, mitm.url, { chainKey: CHAIN_KEY });
    await sealDays(s.t, s, 1);
    const feedRates = async () =>
      (await s.t.must(s.owner, 'quotes.list', {})).filter((q) => q.origin === 'feed').map((q) => q.rateBp);
    const hqWatch = async () => (await s.t.must(s.owner, 'watchlist.list', {})).filter((w) => w.source === 'hq').length;
    for (const m of ['strip', 'tamper'] as const) {
      mitm.mode.now = m;
      const status = await s.t.must(s.owner, 'sync.now', {});
      expect(status.lastError, m).toBe('answer_unsigned');
      expect(outbox(s.t)[0], m).toMatchObject({ status: 'pending' });
      expect(await feedRates(), m).toEqual([]);
      expect(await hqWatch(), m).toBe(0);
      expect(await s.t.backend.services.sync.remoteState(), m).toBeNull();
      expect(s.t.backend.services.settings.get('syncState').watchCursor, m).toBeNull();
    }
    // Head office stored the day the first time; the answers never reached the shop intact.
    expect(await started.stored('SH01')).toHaveLength(1);
    for (const lang of ['zh-CN', 'en'] as const) {
      await i18n.changeLanguage(lang);
      expect(i18n.t('sync.answerUnsigned')).not.toMatch(/answer_unsigned|sync\./);
    }

    mitm.mode.now = 'pass';
    await drain(s.t);
    const status = await s.t.must(s.owner, 'sync.now', {});
    expect(status).toMatchObject({ lastError: null, sent: 1, hqVersion: HQ_VERSION });
    expect(await feedRates()).toEqual([9450]);
    expect(await hqWatch()).toBe(1);
    expect(await s.t.backend.services.sync.remoteState()).toMatchObject({ lastZNumber: 1 });
  });

  it('names its version and chain-key fingerprint to head office and shows head office’s, with a mismatch said plainly', async () => {
    const s = await shop();
    const started = await startHq(s.t);
    servers.push(started);
    await started.hq.chain.set('a-different-chain-key-0123456789');
    await configure(s.t, s.owner, started.url, { chainKey: CHAIN_KEY });
    const status = await s.t.must(s.owner, 'sync.now', {});
    expect(status).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+\/\d+$/) as unknown,
      chainFingerprint: chainFingerprint(CHAIN_KEY),
      hqVersion: HQ_VERSION,
      hqChainFingerprint: chainFingerprint('a-different-chain-key-0123456789'),
      chainMismatch: true,
    });
    const held = await started.hq.shops.get('SH01');
    expect(held).toMatchObject({ app_version: status.version, chain_fingerprint: chainFingerprint(CHAIN_KEY) });
    expect(held?.chain_fingerprint).not.toBe(await started.hq.chain.fingerprint());
  });
});

describe('head office over the network', () => {
  it('refuses a head office over plain http beyond this PC, in words, and takes https anywhere and http on this PC', async () => {
    const s = await shop();
    for (const bad of [
      'http://hq.example.com',
      'http://192.168.1.10:8080',
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'ftp://hq.example.com',
    ]) {
      const r = await s.t.call(s.owner, 'sync.updateSettings', {
        hqBaseUrl: bad,
        enabled: true,
        shopSecret: SHOP_SECRET,
      });
      expect(r.ok ? null : r.error, bad).toMatchObject({ code: 'VALIDATION', details: { field: 'hqBaseUrl' } });
      if (r.ok) continue;
      for (const lang of ['zh-CN', 'en'] as const) {
        await i18n.changeLanguage(lang);
        expect(errorText(r.error)).toContain('https://');
      }
    }
    for (const good of [
      'https://hq.example.com',
      'https://203.0.113.5:8443/base',
      'http://127.0.0.1:9',
      'http://localhost:9',
      'http://[::1]:9',
    ]) {
      expect(
        errorCode(
          await s.t.call(s.owner, 'sync.updateSettings', { hqBaseUrl: good, enabled: true, shopSecret: SHOP_SECRET }),
        ),
        good,
      ).toBe('ok');
    }
    // An address stored before the rule is not used either: not one request leaves the shop.
    const seen: string[] = [];
    const recording: Hq = {
      async request(r: HqRequest) {
        seen.push(r.url);
        return fetchHq.request(r);
      },
    };
    const s2 = await shop(recording);
    await configure(s2.t, s2.owner, 'http://127.0.0.1:9');
    const { settings, sql } = s2.t.backend.services;
    sql.tx(() => settings.set('sync', { ...settings.get('sync'), hqBaseUrl: 'http://hq.example.com' }));
    await s2.t.must(s2.owner, 'sync.now', {});
    expect(await s2.t.backend.services.sync.remoteState()).toBeNull();
    expect(seen).toEqual([]);
  });

  it('reads no more of an answer than it may weigh: an oversized feed, watch list or state is dropped like a network error', async () => {
    const s = await shop();
    const entry = { kind: 'card', hash: 'ab'.repeat(32), reason: '挂失', addedAt: '2026-11-25T00:00:00Z' };
    const MIB = 1024 * 1024;
    const pad = { quotes: 100, watch: 100, state: 100 };
    const json = (body: object, n: number) => JSON.stringify({ ...body, pad: 'x'.repeat(n) });
    // Signed as head office signs, so only the weight is wrong.
    const signedEnd = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
      res.setHeader(
        HEADERS.signature,
        `v2=${answerSignature(SHOP_SECRET, String(req.headers['x-carddesk-nonce']), 200, body)}`,
      );
      res.end(body);
    };
    const server = http.createServer((req, res) => {
      const url = req.url ?? '';
      if (url.endsWith('/ping'))
        return void res.end(JSON.stringify({ serverTime: Math.floor(s.t.clock.now() / 1000) }));
      if (url.includes('/quotes')) return signedEnd(req, res, json({ quotes: [], etag: 'feed-1' }, pad.quotes));
      if (url.includes('/state'))
        return signedEnd(req, res, json({ lastZNumber: 99, lastBusinessDate: null }, pad.state));
      if (url.includes('/watchlist')) {
        // Chunked, with no length declared: the limit holds while reading.
        const body = json({ entries: [entry], cursor: 'c1' }, pad.watch);
        res.setHeader(
          HEADERS.signature,
          `v2=${answerSignature(SHOP_SECRET, String(req.headers['x-carddesk-nonce']), 200, body)}`,
        );
        for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.slice(i, i + 64 * 1024));
        return void res.end();
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    open.push({ close: () => server.close() });
    await configure(s.t, s.owner, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    // Megabytes on a shared machine take longer than configure's short timeout.
    const { settings, sql } = s.t.backend.services;
    sql.tx(() => settings.set('sync', { ...settings.get('sync'), requestTimeoutMs: 10_000 }));
    const state = () => s.t.backend.services.settings.get('syncState');
    const watched = () =>
      s.t.backend.services.sql.all<{ hash: string }>("SELECT hash FROM watchlist WHERE source = 'hq'").length;

    // A feed beyond 1 MiB: not read, the ETag not kept.
    pad.quotes = MIB;
    await s.t.must(s.owner, 'sync.now', {});
    expect(state().quotesEtag).toBeNull();
    expect(
      s.t.logs.filter((l) => l.includes('AnswerTooLarge')),
      s.t.logs.join('\n'),
    ).toHaveLength(1);
    // A watch list beyond 4 MiB (a feed of 1 MiB less a little is read): no entry, the cursor stays.
    pad.quotes = MIB - 1000;
    pad.watch = 4 * MIB;
    await s.t.must(s.owner, 'sync.now', {});
    expect(state().quotesEtag).toBe('feed-1');
    expect(state().watchCursor).toBeNull();
    expect(watched()).toBe(0);
    // A state beyond 16 KiB: head office cannot be asked.
    pad.state = 16 * 1024;
    expect(await s.t.backend.services.sync.remoteState()).toBeNull();
    expect(s.t.logs.filter((l) => l.includes('AnswerTooLarge'))).toHaveLength(2);
    expect(s.t.logs.join('\n')).not.toContain('xxxx');

    // The same answers within their limits are read (a watch list of 2 MiB is within its own).
    pad.watch = 2 * MIB;
    pad.state = 100;
    await s.t.must(s.owner, 'sync.now', {});
    expect(state().quotesEtag).toBe('feed-1');
    expect(state().watchCursor).toBe('c1');
    expect(watched()).toBe(1);
    expect(await s.t.backend.services.sync.remoteState()).toMatchObject({ lastZNumber: 99 });
  });

  it('stops reading a declared or streamed body at the limit in the fetch adapter', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/declared') {
        res.setHeader('content-length', String(2048));
        return void res.end('y'.repeat(2048));
      }
      for (let i = 0; i < 8; i++) res.write('z'.repeat(1024));
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    open.push({ close: () => server.close() });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ask = (path: string, maxBytes: number) =>
      fetchHq.request({ method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 2000, maxBytes });
    await expect(ask('/declared', 1024)).rejects.toBeInstanceOf(AnswerTooLarge);
    await expect(ask('/streamed', 4096)).rejects.toBeInstanceOf(AnswerTooLarge);
    expect((await ask('/declared', 2048)).body).toHaveLength(2048);
    expect((await ask('/streamed', 8192)).body).toHaveLength(8192);
  });
});
