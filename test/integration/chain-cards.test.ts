// Cards across the chain at the shop (sync-protocol.md v2), two shops and head office (hq/ on PGlite) over real
// loopback HTTP: shop B's counter checks a card in the background once it is added, marks a card shop A bought and
// refuses to pay it naming shop A and the date until the owner lets it through with a reason; with head office down
// the card is paid unchecked and head office raises its alert once both live reports arrive; no chain key, or a head
// office answering 404 to the v2 paths, means no check, no mark and no queue; the sealed body is schema 2, with the
// customer's chain hash only once the owner switched customer matching on.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorText, i18n } from '../../renderer/src/i18n';
import { answerSignature, chainHash, HEADERS } from '../../shared/protocol/signing';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { DEMO_OWNER, FIRST_RELEASE_PASSPHRASE } from '../../bench/shop';
import { errorCode, makeBackend, OWNER_PIN, tempDir, TestBinding } from '../support/backend';
import { addCard, agreeAtOpening, counterShop, createTrade, eCard, phone } from '../support/counter';
import { testHeadOffice, useHqDatabase } from '../support/hq';
import { CHAIN_KEY, configure, drain, freePort, sealDays, SHOP_SECRET, startHq, type ShopsHq } from '../support/sync';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'first-release');

const hqDb = useHqDatabase('pglite');
const SECRET_B = 'shop-b-secret-0123456789abcdef';
const open: { close(): unknown }[] = [];
const servers: { close(): unknown }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const t of open.splice(0)) t.close();
});

type Shop = Awaited<ReturnType<typeof counterShop>>;
const Live = z.object({ kind: z.string(), status: z.string(), body: z.string(), attempts: z.number() });
const live = (s: Shop) =>
  s.t.backend.services.sql.all(Live, 'SELECT kind, status, body, attempts FROM live_reports ORDER BY seq');

/** Shop A (SH01) and shop B (SH02) of one chain, both with the chain key, and head office knowing both. */
async function chain(port = 0) {
  const a = await counterShop({ code: 'SH01' });
  const b = await counterShop({ code: 'SH02' });
  open.push(a.t, b.t);
  const hq = await startHq(hqDb().db, a.t, port);
  servers.push(hq);
  await hq.hq.chain.set(CHAIN_KEY);
  await hq.hq.shops.register({ shopId: 'SH02', name: '西门分店' }, SECRET_B);
  await configure(a.t, a.owner, hq.url, { chainKey: CHAIN_KEY });
  await configure(b.t, b.owner, hq.url, { chainKey: CHAIN_KEY, shopSecret: SECRET_B });
  return { a, b, hq };
}

/** A trade of these cards (¥1,000 e-cards), agreed at its opening offers; not paid. */
async function agreed(s: Shop, numbers: string[], by: TestBinding = s.clerk) {
  const tr = await createTrade(s.t, by);
  for (const n of numbers) await addCard(s.t, by, tr.id, 'e', 100_000, n);
  return agreeAtOpening(s.t, by, tr.id);
}
const bank = (payoutFen: number, ref: string) => [{ method: 'bank' as const, amountFen: payoutFen, reference: ref }];

async function paid(s: Shop, numbers: string[], ref: string) {
  const v = await agreed(s, numbers);
  return s.t.must(s.clerk, 'trades.pay', { tradeId: v.id, requestId: `request-${ref}`, parts: bank(v.payoutFen, ref) });
}

const alerts = (hq: ShopsHq) => hq.hq.alerts.list({ kind: 'duplicate_card' });

describe('the card check at the counter', () => {
  it('marks a card shop A bought, refuses to pay it naming shop A and the date, and pays it once the owner lets it through', async () => {
    const { a, b, hq } = await chain();
    const card = eCard();
    const sold = await paid(a, [card], 'A1');
    // Written with the payment, before any request: the live report of the card, by its chain hash only.
    expect(live(a)).toEqual([expect.objectContaining({ kind: 'bought', status: 'pending', attempts: 0 })]);
    expect(JSON.parse(live(a)[0]?.body ?? '{}')).toEqual({
      tradeNo: sold.tradeNo,
      paidAt: sold.paidAt,
      lines: [{ position: 1, cardHash: chainHash(CHAIN_KEY, card), brand: 'jd', form: 'e', valueFen: 100_000 }],
    });
    expect(live(a)[0]?.body).not.toContain(card);
    await a.t.backend.services.chainCards.run();
    expect(live(a).map((r) => r.status)).toEqual(['sent']);

    // Shop B adds the same card: the add answers at once (the check is only scheduled), then the check marks it.
    const tr = await createTrade(b.t, b.clerk);
    const added = await addCard(b.t, b.clerk, tr.id, 'e', 100_000, card);
    expect(added.lines[0]?.hqCheck).toBe(null);
    expect(b.t.scheduler.pending).toBeGreaterThan(0);
    await b.t.backend.services.chainCards.check(tr.id);
    const marked = await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id });
    expect(marked.lines[0]).toMatchObject({
      hqCheck: 'hit',
      hqSeen: { shopId: 'SH01', shopName: '京东回收店', tradeNo: sold.tradeNo, paidAt: sold.paidAt },
    });

    const v = await agreeAtOpening(b.t, b.clerk, tr.id);
    const pay = { tradeId: tr.id, requestId: 'request-B1', parts: bank(v.payoutFen, 'B1') };
    const refused = await b.t.call(b.clerk, 'trades.pay', pay);
    expect(errorCode(refused)).toBe('CHAIN_DUPLICATE');
    await i18n.changeLanguage('zh-CN');
    const words = refused.ok ? '' : errorText(refused.error);
    expect(words).toContain('京东回收店');
    expect(words).toContain(new Date(sold.paidAt ?? '').toLocaleString('zh-CN', { hour12: false }));
    expect(words).not.toMatch(/CHAIN_DUPLICATE|shopName|paidAt/);
    expect((await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id })).status).toBe('agreed');
    expect(live(b)).toEqual([]);

    // A clerk's reason alone is not the owner's: the approval dialog is asked for.
    const clerkOnly = await b.t.call(b.clerk, 'trades.pay', { ...pay, overrideReason: '顾客出示了购卡凭证' });
    expect(errorCode(clerkOnly)).toBe('FORBIDDEN');
    const owned = await b.t.must(b.clerk, 'trades.pay', {
      ...pay,
      overrideReason: '顾客出示了购卡凭证',
      ownerApproval: { ownerId: b.ownerId, pin: OWNER_PIN, reason: '顾客出示了购卡凭证' },
    });
    expect(owned.status).toBe('paid');
    expect(owned.lines[0]?.hqCheck).toBe('hit_overridden');
    const overrides = b.t.backend.services.journal
      .byRef(tr.id)
      .filter((e) => e.kind === 'compliance.override')
      .map((e) => (e.payload as { what?: unknown }).what);
    expect(overrides).toEqual(['chain duplicate override']);

    // Both purchases reached head office: one alert for the pair, however often the reports are sent again.
    await b.t.backend.services.chainCards.run();
    expect(live(b).map((r) => [r.kind, r.status])).toEqual([['bought', 'sent']]);
    b.t.backend.services.sql.tx(() => b.t.backend.services.sql.run("UPDATE live_reports SET status = 'pending'"));
    await b.t.backend.services.chainCards.run();
    expect(await alerts(hq)).toHaveLength(1);
  });

  it('checks a card added while the check of the card before it is under way, in the background and before paying', async () => {
    const { a, b } = await chain();
    const [first, second, third] = [eCard(), eCard(), eCard()];
    await paid(a, [second, third], 'A3');
    await a.t.backend.services.chainCards.run();
    const { chainCards } = b.t.backend.services;

    // The clerk adds the next card while head office has not yet answered about the first (a scanner is quick).
    const tr = await createTrade(b.t, b.clerk);
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, first);
    const underWay = chainCards.check(tr.id);
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, second);
    // The second card's own background check joins the one under way and is asked once that one is answered.
    expect(await chainCards.check(tr.id)).toBe(true);
    expect(await underWay).toBe(true);
    const marked = await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id });
    expect(marked.lines.map((l) => l.hqCheck)).toEqual(['clear', 'hit']);

    // Paying while the check of the card before is still under way: the last card is asked before the payment.
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, eCard());
    const pending = chainCards.check(tr.id);
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, third);
    const v = await agreeAtOpening(b.t, b.clerk, tr.id);
    const refused = await b.t.call(b.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'request-B3',
      parts: bank(v.payoutFen, 'B3'),
    });
    expect(errorCode(refused)).toBe('CHAIN_DUPLICATE');
    expect(await pending).toBe(true);
    const after = await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id });
    expect(after.lines.map((l) => l.hqCheck)).toEqual(['clear', 'hit', 'clear', 'hit']);
  });

  it('wakes once for cards added in a burst, and asks about them together', async () => {
    const { b } = await chain();
    const tr = await createTrade(b.t, b.clerk);
    const before = b.t.scheduler.pending;
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, eCard());
    const waking = b.t.scheduler.pending;
    expect(waking).toBe(before + 1);
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, eCard());
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, eCard());
    expect(b.t.scheduler.pending).toBe(waking);
    expect(await b.t.backend.services.chainCards.check(tr.id)).toBe(true);
    const v = await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id });
    expect(v.lines.map((l) => l.hqCheck)).toEqual(['clear', 'clear', 'clear']);
  });

  it('asks before paying about a card added after the others had their answers', async () => {
    const { a, b } = await chain();
    const bought = eCard();
    await paid(a, [bought], 'A4');
    await a.t.backend.services.chainCards.run();
    const { chainCards } = b.t.backend.services;
    const tr = await createTrade(b.t, b.clerk);
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, eCard());
    expect(await chainCards.check(tr.id)).toBe(true);
    // Every card had its answer; then one more is added, and the clerk pays before its background check has run.
    await addCard(b.t, b.clerk, tr.id, 'e', 100_000, bought);
    const v = await agreeAtOpening(b.t, b.clerk, tr.id);
    const pay = { tradeId: tr.id, requestId: 'request-B4', parts: bank(v.payoutFen, 'B4') };
    expect(errorCode(await b.t.call(b.clerk, 'trades.pay', pay))).toBe('CHAIN_DUPLICATE');
    expect((await b.t.must(b.clerk, 'trades.get', { tradeId: tr.id })).lines.map((l) => l.hqCheck)).toEqual([
      'clear',
      'hit',
    ]);
  });

  it('pays a card unchecked while head office is down, and head office raises the alert once both reports arrive', async () => {
    const port = await freePort();
    const { a, b, hq } = await chain(port);
    await hq.close();
    servers.splice(servers.indexOf(hq), 1);
    const card = eCard();
    await paid(a, [card], 'A2');
    await a.t.backend.services.chainCards.run();
    expect(live(a)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]);

    // B's check has no answer; just before payment it is asked once more, gets none, and the card is paid unchecked.
    const v = await agreed(b, [card]);
    await b.t.backend.services.chainCards.check(v.id);
    const p = await b.t.must(b.clerk, 'trades.pay', {
      tradeId: v.id,
      requestId: 'request-B2',
      parts: bank(v.payoutFen, 'B2'),
    });
    expect(p.status).toBe('paid');
    expect(p.lines[0]?.hqCheck).toBe('unchecked');
    expect(live(b).map((r) => [r.kind, r.status])).toEqual([['bought', 'pending']]);

    // Head office is back (the same database): both queues empty, each report stored once, one alert for the pair.
    const back = await testHeadOffice(hqDb().db, () => Math.floor(a.t.clock.now() / 1000), { port, empty: false });
    servers.push(back);
    for (const s of [a, b]) {
      s.t.clock.t = Math.max(s.t.clock.now(), s.t.backend.services.chainCards.nextDue() ?? 0);
      await s.t.backend.services.chainCards.run();
      expect(live(s).map((r) => r.status)).toEqual(['sent']);
    }
    const dup = await back.hq.alerts.list({ kind: 'duplicate_card' });
    expect(dup).toHaveLength(1);
    expect(JSON.stringify(dup[0]?.detail)).toContain('SH02');
  });

  it('sends a live report while sealed days wait behind a failing head office (never behind that backlog)', async () => {
    const { a, hq } = await chain();
    await sealDays(a.t, a, 3);
    // Every day push fails for now: the days wait with their backoff, oldest first.
    hq.hq.queueFaults('500', '500', '500', '500');
    await a.t.backend.services.sync.run();
    const waiting = () =>
      a.t.backend.services.sql.all(
        z.object({ status: z.string() }),
        "SELECT status FROM sync_outbox WHERE status = 'pending'",
      ).length;
    expect(waiting()).toBe(3);
    const sold = await paid(a, [eCard()], 'A4');
    await a.t.backend.services.chainCards.run();
    // The three sealed days' trades and this one: every report sent, every day still waiting.
    expect(live(a).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(waiting()).toBe(3);
    expect(await hq.stored('SH01')).toHaveLength(0);
    // Head office holds the card, so a sister shop's check sees it.
    const body = z
      .object({ lines: z.array(z.object({ cardHash: z.string() })) })
      .parse(JSON.parse(live(a).at(-1)?.body ?? '{}'));
    const seen = await hq.hq.cards.check('SH02', [body.lines[0]?.cardHash ?? '']);
    expect(seen.map((x) => x.tradeNo)).toEqual([sold.tradeNo]);
  });

  it('voids after payment travel live too; a void before payment is not reported', async () => {
    const { a } = await chain();
    const sold = await paid(a, [eCard()], 'A3');
    const draft = await createTrade(a.t, a.clerk);
    await a.t.must(a.clerk, 'trades.void', { tradeId: draft.id, reason: '顾客走了' });
    await a.t.must(a.owner, 'trades.void', { tradeId: sold.id, reason: '顾客反悔' });
    expect(live(a).map((r) => [r.kind, JSON.parse(r.body) as unknown])).toEqual([
      ['bought', expect.objectContaining({ tradeNo: sold.tradeNo })],
      ['voided', { tradeNo: sold.tradeNo }],
    ]);
    await a.t.backend.services.chainCards.run();
    expect(live(a).map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});

describe('when nothing of the chain applies', () => {
  it('without a chain key: no chain hash, no check, no mark, no queue', async () => {
    const s = await counterShop({ code: 'SH01' });
    open.push(s.t);
    const hq = await startHq(hqDb().db, s.t);
    servers.push(hq);
    await configure(s.t, s.owner, hq.url);
    const p = await paid(s, [eCard()], 'N1');
    expect(p.lines[0]?.hqCheck).toBe(null);
    expect(live(s)).toEqual([]);
    expect(
      s.t.backend.services.sql.all(
        z.object({ chain_hash: z.string().nullable() }),
        'SELECT chain_hash FROM trade_lines',
      ),
    ).toEqual([{ chain_hash: null }]);
  });

  it('with a head office answering 404 to the v2 paths (signed): no mark, no queue, and no more asking for a while', async () => {
    const s = await counterShop({ code: 'SH01' });
    open.push(s.t);
    const hq = await startHq(hqDb().db, s.t);
    servers.push(hq);
    // A head office of before the v2 paths: it signs its answers, and knows no card paths.
    const asked: string[] = [];
    const proxy = http.createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      if (/\/cards\/|\/pricing$/.test(req.url ?? '')) {
        const body = JSON.stringify({ error: 'not_found' });
        const nonce = String(req.headers[HEADERS.nonce.toLowerCase()] ?? '');
        res.writeHead(404, {
          'Content-Type': 'application/json',
          [HEADERS.signature]: `v2=${answerSignature(SHOP_SECRET, nonce, 404, body)}`,
        });
        res.end(body);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const up = http.request(
          `${hq.url}${req.url}`,
          { method: req.method, headers: req.headers },
          (r) => (res.writeHead(r.statusCode ?? 502, r.headers), r.pipe(res)),
        );
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise((r) => proxy.close(r)) });
    await hq.hq.chain.set(CHAIN_KEY);
    await configure(s.t, s.owner, `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, { chainKey: CHAIN_KEY });

    const v = await agreed(s, [eCard()]);
    await s.t.backend.services.chainCards.check(v.id);
    expect(asked.filter((x) => x.includes('/cards/check'))).toHaveLength(1);
    expect((await s.t.must(s.clerk, 'trades.get', { tradeId: v.id })).lines[0]?.hqCheck).toBe(null);
    const p = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: v.id,
      requestId: 'request-N2',
      parts: bank(v.payoutFen, 'N2'),
    });
    expect(p.lines[0]?.hqCheck).toBe(null);
    expect(live(s)).toEqual([]);
    // Nothing more is asked on the v2 paths for a while.
    const w = await agreed(s, [eCard()]);
    await s.t.backend.services.chainCards.beforePayment(w.id);
    expect(asked.filter((x) => x.includes('/cards/'))).toHaveLength(1);
  });
});

describe('the sealed body, schema 2', () => {
  async function sealedBody(s: Shop) {
    const day = await s.t.must(s.owner, 'days.current', {});
    const { countFor } = await import('../../electron/core/days/service');
    await s.t.must(s.clerk, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) });
    const row = s.t.backend.services.sql.get(
      z.object({ body: z.string() }),
      'SELECT body FROM sync_outbox ORDER BY business_date DESC LIMIT 1',
    );
    return JSON.parse(row?.body ?? '{}') as {
      schema: number;
      trades: { customerHash: string | null; lines: { position: number; hqCheck: string | null }[] }[];
      settingsChanges: { kind: string; payload: Record<string, unknown> }[];
    };
  }

  it('carries positions and checks, the customer’s chain hash only with customer matching on, and the day’s settings changes', async () => {
    const { a, hq } = await chain();
    const mobile = phone();
    const tr = await createTrade(a.t, a.clerk, mobile);
    await addCard(a.t, a.clerk, tr.id, 'e', 100_000);
    await addCard(a.t, a.clerk, tr.id, 'e', 100_000);
    await a.t.backend.services.chainCards.check(tr.id);
    const o = await a.t.must(a.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await a.t.must(a.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await a.t.must(a.clerk, 'trades.get', { tradeId: tr.id });
    await a.t.must(a.clerk, 'trades.pay', { tradeId: tr.id, requestId: 'request-S1', parts: bank(v.payoutFen, 'S1') });
    const off = await sealedBody(a);
    expect(off.schema).toBe(2);
    expect(off.trades[0]?.customerHash).toBe(null);
    expect(off.trades[0]?.lines.map((l) => [l.position, l.hqCheck])).toEqual([
      [1, 'clear'],
      [2, 'clear'],
    ]);
    expect(off.settingsChanges.some((c) => c.kind === 'sync.settingsChanged')).toBe(true);
    expect(JSON.stringify(off)).not.toContain(mobile);

    // The next day with customer matching switched on (the owner's change is in that day's body).
    a.t.clock.advance(86_400_000);
    await a.t.must(a.owner, 'auth.unlock', { pin: OWNER_PIN });
    await a.t.must(a.clerk, 'auth.unlock', { pin: '135790' });
    await a.t.must(a.owner, 'quotes.renew', {});
    await a.t.must(a.clerk, 'days.open', { count: { '10000': 100 } });
    await a.t.must(a.owner, 'sync.updateSettings', { hqBaseUrl: hq.url, enabled: true, customerMatching: true });
    expect((await a.t.must(a.owner, 'sync.settings', {})).customerMatching).toBe(true);
    const tr2 = await createTrade(a.t, a.clerk, mobile);
    await addCard(a.t, a.clerk, tr2.id, 'e', 100_000);
    const o2 = await a.t.must(a.clerk, 'trades.offer', { tradeId: tr2.id });
    for (const g of o2.groups) await a.t.must(a.clerk, 'trades.accept', { tradeId: tr2.id, groupKey: g.key });
    const v2 = await a.t.must(a.clerk, 'trades.get', { tradeId: tr2.id });
    await a.t.must(a.clerk, 'trades.pay', {
      tradeId: tr2.id,
      requestId: 'request-S2',
      parts: bank(v2.payoutFen, 'S2'),
    });
    const on = await sealedBody(a);
    expect(on.trades[0]?.customerHash).toBe(chainHash(CHAIN_KEY, mobile));
    // Checked just before payment (no background check ran): head office answered clear.
    expect(on.trades[0]?.lines[0]?.hqCheck).toBe('clear');
    expect(on.settingsChanges.find((c) => c.kind === 'sync.settingsChanged')?.payload).toMatchObject({
      customerMatching: true,
    });

    // Head office's strict checks take both days.
    await a.t.backend.services.sync.run(true);
    expect((await hq.stored('SH01')).map((d) => d.warnings)).toEqual(['[]', '[]']);
  });
});

describe('pulls from head office', () => {
  it('drops a watch-list entry head office withdrew (tombstone), applies a chain promotion to both shops’ opening offers, and takes head office’s brands as read-only', async () => {
    const { a, b, hq } = await chain();
    const stolen = eCard();
    await hq.hq.feeds.watchNumber('card', stolen, '总部通报：盗刷卡');
    await a.t.must(a.owner, 'sync.now', {});
    const chainEntries = async () =>
      (await a.t.must(a.owner, 'watchlist.list', {})).filter((w) => w.hashKey === 'chain' && w.source === 'hq');
    expect(await chainEntries()).toHaveLength(1);
    await hq.hq.feeds.unwatchNumber('card', stolen);
    await a.t.must(a.owner, 'sync.now', {});
    expect(await chainEntries()).toEqual([]);
    // The recovered card is taken again.
    const tr = await createTrade(a.t, a.clerk);
    expect((await addCard(a.t, a.clerk, tr.id, 'e', 100_000, stolen)).lines).toHaveLength(1);

    const opening = async (s: Shop) => {
      const t = await createTrade(s.t, s.clerk);
      await addCard(s.t, s.clerk, t.id, 'e', 100_000);
      return (await s.t.must(s.clerk, 'trades.offer', { tradeId: t.id })).groups[0]?.openingBp ?? 0;
    };
    const before = [await opening(a), await opening(b)];
    const from = new Date(a.t.clock.now() - 3_600_000).toISOString();
    const to = new Date(a.t.clock.now() + 86_400_000).toISOString();
    await hq.hq.pricing.set({ promotions: [{ name: '连锁周末加价', from, to, bp: 30, brand: 'jd', form: null }] });
    for (const s of [a, b]) await s.t.must(s.owner, 'sync.now', {});
    const after = [await opening(a), await opening(b)];
    expect(after).toEqual(before.map((bp) => bp + 30));
    // Head office's entries are kept apart from the owner's own (which stay as they were).
    expect(a.t.backend.services.settings.get('hqPricing').promotions.map((p) => p.name)).toEqual(['连锁周末加价']);
    expect(a.t.backend.services.settings.get('pricing').promotions).toEqual([]);
    expect(await b.t.must(b.owner, 'pricing.chain', {})).toMatchObject({
      promotions: [{ name: '连锁周末加价', bp: 30, brand: 'jd' }],
      calendar: [],
      brands: [],
    });

    // Head office's brands: a new one joins the catalogue as head office's (read-only here); a code the owner
    // already has stays the owner's.
    const form = {
      form: 'e' as const,
      nameZh: '天猫超市卡',
      nameEn: 'Tmall supermarket card',
      numberPattern: '^TM[0-9]{14}$',
      numberHint: 'TM 开头，共 16 位',
      secretPattern: '^[0-9]{8}$',
      secretHint: '8 位数字',
      secretRequired: true,
      maxValueFen: 500_000,
      active: true,
    };
    const tmall = { code: 'tmall', nameZh: '天猫', nameEn: 'Tmall', active: true, forms: [form] };
    const jd = (await b.t.must(b.owner, 'catalog.list', {})).find((x) => x.code === 'jd');
    await hq.hq.pricing.set({ brands: [tmall, { ...tmall, code: 'jd', nameZh: '总部的京东' }] });
    await b.t.must(b.owner, 'sync.now', {});
    const catalogue = await b.t.must(b.owner, 'catalog.list', {});
    expect(catalogue.find((x) => x.code === 'tmall')).toMatchObject({ nameZh: '天猫', active: true });
    expect(catalogue.find((x) => x.code === 'jd')).toEqual(jd);
    expect((await b.t.must(b.owner, 'pricing.chain', {})).brands.map((x) => [x.code, x.inCatalogue])).toEqual([
      ['tmall', true],
      ['jd', false],
    ]);
    const refused = await b.t.call(b.owner, 'catalog.upsert', { ...tmall, nameZh: '改名' });
    expect(errorCode(refused)).toBe('CONFLICT');
    await i18n.changeLanguage('zh-CN');
    expect(refused.ok ? '' : errorText(refused.error)).toBe('这个品牌由总部设定，只能在总部修改');
    expect((await b.t.must(b.owner, 'catalog.list', {})).find((x) => x.code === 'tmall')?.nameZh).toBe('天猫');
    // The owner's own brand is still theirs to change.
    await b.t.must(b.owner, 'catalog.upsert', {
      code: 'jd',
      nameZh: jd?.nameZh ?? '',
      nameEn: jd?.nameEn ?? '',
      active: true,
      forms: jd?.forms ?? [],
    });
  });
});

describe('days sealed before the upgrade', () => {
  it('keep their schema 1 bodies, and head office takes them beside the first schema 2 day', async () => {
    const dataDir = tempDir('carddesk-upgrade-chain-');
    fs.copyFileSync(path.join(FIXTURE, 'carddesk.sqlite'), path.join(dataDir, 'carddesk.sqlite'));
    const t = makeBackend({ dataDir, keys: new MemoryKeyStore() });
    open.push(t);
    const { sql } = t.backend.services;
    const owner = new TestBinding();
    await t.must(owner, 'keys.unlock', { passphrase: FIRST_RELEASE_PASSPHRASE });
    const ownerRow = sql.get(z.object({ id: z.string() }), "SELECT id FROM staff WHERE role = 'owner'");
    await t.must(owner, 'auth.login', { staffId: ownerRow?.id ?? '', pin: DEMO_OWNER.pin });
    const code = t.backend.services.shop.get()?.code ?? '';
    const hq = await startHq(hqDb().db, t);
    servers.push(hq);
    await hq.hq.shops.register({ shopId: code, name: '升级的店' }, SHOP_SECRET);
    await configure(t, owner, hq.url);
    const before = sql.all(z.object({ body: z.string() }), 'SELECT body FROM sync_outbox ORDER BY business_date');
    expect(before.length).toBeGreaterThan(0);
    // The next day after the upgrade seals as schema 2; every earlier body is byte for byte as it was sealed.
    await t.must(owner, 'quotes.renew', {});
    await t.must(owner, 'days.open', { count: { '10000': 100 } });
    await t.must(owner, 'days.close', { count: { '10000': 100 } });
    const after = sql.all(z.object({ body: z.string() }), 'SELECT body FROM sync_outbox ORDER BY business_date');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((r) => (JSON.parse(r.body) as { schema: number }).schema)).toEqual([...before.map(() => 1), 2]);
    await drain(t);
    const stored = await hq.stored(code);
    expect(stored).toHaveLength(after.length);
    // Head office's strict checks verified each (ledger hash, shape), and each day chains to the one before.
    expect(stored.every((d) => d.warnings === '[]')).toBe(true);
  });
});
