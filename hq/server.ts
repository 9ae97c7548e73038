// Head office's HTTP side of sync-protocol.md (v1 and the v2 signatures): headers checked before a body is read
// (shop, timestamp, nonce, signature form, declared length, clock skew), bodies bounded, requests bounded by a
// gate, a v2 nonce accepted once (in the database, so any process may receive the replay), every answer to a
// verified v2 request signed with the secret that verified it, `X-CardDesk-Version` and the chain fingerprint on
// every answer. Days are stored exactly once (days.ts). Test hooks (faults) exist only when asked for.
import http from 'node:http';
import {
  answerSignature,
  HEADERS,
  NONCE,
  parseSignature,
  sameSignature,
  signature,
  signatureV2,
  SKEW_SECONDS,
} from '../shared/protocol/signing';
import { readDayYielding } from './body';
import { Bought, Check, Voided, type Cards } from './cards';
import type { ChainKey } from './chain';
import type { Days } from './days';
import type { Db } from './db/types';
import type { Feeds } from './feeds';
import { Gate } from './gate';
import type { Pricing } from './pricing';
import { noteRefusal } from './refusals';
import type { Shops } from './shops';
import { HQ_VERSION } from './version';

export type Fault = 'drop-before' | 'drop-after' | '500' | '429' | 'hang';
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The card routes' bodies: a check is at most 50 hashes, a bought report at most 1000 lines. */
export const MAX_CARD_BODY_BYTES = 1024 * 1024;
const CARD_PATH = /^\/v1\/shops\/[^/]+\/cards\//;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ROUTE =
  /^\/v1\/shops\/([A-Za-z0-9]{2,8})\/(days\/([^/]+)|cards\/(bought|voided|check)|state|quotes|watchlist|pricing)$/;
const SWEEP_EVERY_S = 60;
const BODY_TIMEOUT_MS = 30_000;

export interface ServerDeps {
  db: Db;
  shops: Shops;
  days: Days;
  feeds: Feeds;
  chain: ChainKey;
  cards: Cards;
  pricing: Pricing;
  /**
   * The counter's lane: the card routes (a clerk waits on the check) are bounded by their own gate, never behind a
   * queue of sealed days, and may use their own connections to the database (head-office.ts).
   */
  counter?: { shops: Shops; cards: Cards };
  now: () => number;
  log: (line: string) => void;
  maxBodyBytes?: number;
  /** Requests handled at once, the bodies they may hold between them, and requests waiting beyond those, before 503. */
  maxActive?: number;
  maxActiveBytes?: number;
  maxQueued?: number;
  /** Faults for tests and trials (`queueFaults`); never in a normal start. */
  faults?: Fault[];
  /** The head-office console (hq/console/routes.ts): every `/console` request goes to it. */
  console?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
}

/** Who asked, once the headers say so; the answer is signed for a verified v2 request. */
interface Asker {
  nonce: string | null;
  secret: string | null;
}

export function createServer(d: ServerDeps): http.Server {
  const maxBody = d.maxBodyBytes ?? MAX_BODY_BYTES;
  const gate = new Gate(d.maxActive ?? 16, d.maxQueued ?? 2048, d.maxActiveBytes ?? 32 * 1024 * 1024);
  const counterGate = new Gate(d.maxActive ?? 16, d.maxQueued ?? 2048, 8 * MAX_CARD_BODY_BYTES);
  const counter = d.counter ?? { shops: d.shops, cards: d.cards };
  const hanging = new Set<http.ServerResponse>();
  let lastSweep = 0;

  async function send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    asker: Asker | null,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const text = body === null ? '' : JSON.stringify(body);
    const chain = await d.chain.fingerprint();
    const signed: Record<string, string> =
      asker?.nonce && asker.secret
        ? { [HEADERS.signature]: `v2=${answerSignature(asker.secret, asker.nonce, status, text)}` }
        : {};
    res.writeHead(status, {
      ...(text ? { 'Content-Type': 'application/json' } : {}),
      'Content-Length': Buffer.byteLength(text),
      [HEADERS.version]: HQ_VERSION,
      ...(chain ? { [HEADERS.chain]: chain } : {}),
      ...signed,
      ...headers,
    });
    res.end(text);
  }
  /** A refusal before the body is read: the connection closes rather than reading what was not wanted. */
  const refuse = (res: http.ServerResponse, status: number, body: unknown, asker: Asker | null = null, extra = {}) =>
    send(res, status, body, asker, { Connection: 'close', ...extra });

  /** The body, bounded in size and in time: a client holding a place in the gate must send it within 30 s. */
  async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    const slow = setTimeout(() => req.destroy(), BODY_TIMEOUT_MS);
    try {
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > limit) return null;
        chunks.push(c as Buffer);
      }
      return Buffer.concat(chunks);
    } finally {
      clearTimeout(slow);
    }
  }

  async function sweepNonces(now: number): Promise<void> {
    if (now - lastSweep < SWEEP_EVERY_S) return;
    lastSweep = now;
    await d.db.run('DELETE FROM nonces WHERE seen_at < $1', [now - 2 * SKEW_SECONDS]);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathWithQuery = req.url?.startsWith('/') ? req.url : '/';
    let url: URL;
    try {
      // Joined as text: a path like `//x` must stay a path, not become a host.
      url = new URL(`http://hq${pathWithQuery}`);
    } catch {
      return refuse(res, 404, { error: 'not_found' });
    }
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/v1/ping') return send(res, 200, { serverTime: d.now() }, null);
    const m = ROUTE.exec(url.pathname);
    if (!m) return refuse(res, 404, { error: 'not_found' });
    const shopId = m[1] ?? '';
    const lane = m[4] !== undefined ? counter : d;
    const limit = m[4] !== undefined ? Math.min(maxBody, MAX_CARD_BODY_BYTES) : maxBody;

    // Headers first: nothing of the body is read for a request that cannot be right.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > limit) return refuse(res, 413, { error: 'too_large' });
    const ts = Number(req.headers['x-carddesk-timestamp']);
    const presented = parseSignature(String(req.headers['x-carddesk-signature'] ?? ''));
    const nonceHeader = req.headers['x-carddesk-nonce'];
    const nonce = typeof nonceHeader === 'string' ? nonceHeader : null;
    if (
      req.headers['x-carddesk-shop'] !== shopId ||
      !Number.isInteger(ts) ||
      !presented ||
      (presented.version === 'v2' && (nonce === null || !NONCE.test(nonce)))
    )
      return refuse(res, 401, { error: 'bad_signature' });
    const secrets = await lane.shops.secretsFor(shopId);
    if (!secrets) return refuse(res, 401, { error: 'bad_signature' });
    const now = d.now();
    // Signed with the shop's current secret: the shop trusts head office's clock only from a signed answer.
    const unverified: Asker = { nonce: presented.version === 'v2' ? nonce : null, secret: secrets[0] ?? null };
    if (Math.abs(now - ts) > SKEW_SECONDS)
      return refuse(res, 401, { error: 'clock_skew', serverTime: now }, unverified);

    const body = await readBody(req, limit);
    if (body === null) return refuse(res, 413, { error: 'too_large' });
    const secret = secrets.find((s) =>
      presented.version === 'v2'
        ? sameSignature(presented.hex, signatureV2(s, ts, nonce ?? '', method, pathWithQuery, body))
        : sameSignature(presented.hex, signature(s, ts, method, pathWithQuery, body)),
    );
    if (secret === undefined) return send(res, 401, { error: 'bad_signature' }, null);
    const asker: Asker = { nonce: presented.version === 'v2' ? nonce : null, secret };
    // One statement: the nonce taken (a v2 request is accepted once, whichever process receives it) and what the
    // shop says of itself noted.
    const version = req.headers['x-carddesk-version'];
    const chain = req.headers['x-carddesk-chain'];
    const fresh = await lane.shops.noteRequest(
      shopId,
      asker.nonce,
      typeof version === 'string' ? version.slice(0, 40) : null,
      typeof chain === 'string' && /^[0-9a-f]{16}$/.test(chain) ? chain : null,
    );
    if (!fresh) return send(res, 401, { error: 'replayed' }, asker);
    // The counter's lane never waits for the sweep; the other routes (days, pulls) sweep once a minute.
    if (asker.nonce && m[4] === undefined) await sweepNonces(now);

    if (m[3] !== undefined) {
      if (method !== 'PUT') return send(res, 405, { error: 'method' }, asker);
      const date = m[3];
      if (!DATE.test(date)) return send(res, 422, { error: 'invalid', reason: 'businessDate' }, asker);
      const fault = d.faults?.shift();
      if (fault === 'drop-before') return void req.socket.destroy();
      if (fault === '500') return send(res, 500, { error: 'server' }, asker);
      if (fault === '429') return send(res, 429, { error: 'slow_down' }, asker, { 'Retry-After': '3' });
      if (fault === 'hang') return void hanging.add(res);
      const text = body.toString('utf8');
      const read = await readDayYielding(text, shopId, date);
      if ('reason' in read) {
        await noteRefusal(d.db, shopId, date, 422, read.reason, now);
        return send(res, 422, { error: 'invalid', reason: read.reason }, asker);
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      if (key && key !== `${shopId}:${date}:${read.body.ledgerHash}`)
        return send(res, 422, { error: 'invalid', reason: 'idempotency_key' }, asker);
      const out = await d.days.store(shopId, read.body, text);
      if (out.status === 201)
        d.log(`stored ${shopId} ${date} Z${read.body.zNumber}${out.warnings.length ? ' chain_gap' : ''}`);
      if (out.status === 409 || out.status === 422)
        await noteRefusal(d.db, shopId, date, out.status, out.status === 409 ? 'conflict' : out.reason, now);
      if (fault === 'drop-after') return void req.socket.destroy();
      if (out.status === 201) return send(res, 201, { stored: true, warnings: out.warnings }, asker);
      if (out.status === 200) return send(res, 200, { stored: true, replay: true, warnings: [] }, asker);
      if (out.status === 409) return send(res, 409, { error: 'conflict', held: out.held, offered: out.offered }, asker);
      return send(res, 422, { error: 'invalid', reason: out.reason }, asker);
    }
    if (m[4] !== undefined) {
      if (method !== 'POST') return send(res, 405, { error: 'method' }, asker);
      return cardsRoute(res, asker, shopId, m[4], body.toString('utf8'), String(req.headers['idempotency-key'] ?? ''));
    }
    if (method !== 'GET') return send(res, 405, { error: 'method' }, asker);
    if (m[2] === 'pricing') {
      const p = await d.pricing.forShop(shopId);
      if (req.headers['if-none-match'] === p.etag) return send(res, 304, null, asker, { ETag: p.etag });
      return send(res, 200, { ...p.entries, etag: p.etag }, asker, { ETag: p.etag });
    }
    if (m[2] === 'state') return send(res, 200, await d.feeds.state(shopId), asker);
    if (m[2] === 'quotes') {
      const feed = await d.feeds.quotesFor((await d.shops.get(shopId))?.group_name ?? '');
      if (!feed) return send(res, 200, { quotes: [], etag: 'empty' }, asker, { ETag: 'empty' });
      if (req.headers['if-none-match'] === feed.etag) return send(res, 304, null, asker, { ETag: feed.etag });
      return send(res, 200, { quotes: feed.quotes, etag: feed.etag }, asker, { ETag: feed.etag });
    }
    const since = Number(url.searchParams.get('since') ?? 0);
    return send(res, 200, await d.feeds.watchSince(Number.isSafeInteger(since) && since > 0 ? since : 0), asker);
  }

  /** The v2 card routes: bought and voided (idempotent on their key), and the check at the counter. */
  async function cardsRoute(
    res: http.ServerResponse,
    asker: Asker,
    shopId: string,
    what: string,
    text: string,
    key: string,
  ): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return send(res, 422, { error: 'invalid', reason: 'json' }, asker);
    }
    const invalid = (e: { issues: { path: PropertyKey[] }[] }) =>
      send(res, 422, { error: 'invalid', reason: String(e.issues[0]?.path[0] ?? 'body') }, asker);
    if (what === 'check') {
      const r = Check.safeParse(raw);
      if (!r.success) return invalid(r.error);
      return send(res, 200, { seen: await counter.cards.check(shopId, r.data.cardHashes) }, asker);
    }
    const r = what === 'bought' ? Bought.safeParse(raw) : Voided.safeParse(raw);
    if (!r.success) return invalid(r.error);
    if (key && key !== `${shopId}:${r.data.tradeNo}:${what}`)
      return send(res, 422, { error: 'invalid', reason: 'idempotency_key' }, asker);
    const out =
      what === 'bought'
        ? await counter.cards.bought(shopId, Bought.parse(raw), text)
        : await counter.cards.voided(shopId, r.data.tradeNo, text);
    if (out.status === 201) return send(res, 201, { stored: true }, asker);
    if (out.status === 200) return send(res, 200, { stored: true, replay: true }, asker);
    return send(res, 409, { error: 'conflict' }, asker);
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const fail = (e: unknown) => {
      d.log(`error ${e instanceof Error ? e.name : 'error'}`);
      if (!res.headersSent) void send(res, 500, { error: 'server' }, null).catch(() => res.destroy());
      else res.destroy();
    };
    if (url === '/v1/ping') return void handle(req, res).catch(fail);
    if (d.console && (url === '/console' || url.startsWith('/console/') || url.startsWith('/console?')))
      return void d.console(req, res).catch(fail);
    const declared = Number(req.headers['content-length']);
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const cards = CARD_PATH.test(url);
    const bound = cards ? Math.min(maxBody, MAX_CARD_BODY_BYTES) : maxBody;
    const weight = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, bound) : chunked ? bound : 0;
    const laneGate = cards ? counterGate : gate;
    // While it waits its turn, its body stays in the kernel's buffers, not in head office's memory.
    req.socket.pause();
    void laneGate.enter(weight).then((entered) => {
      req.socket.resume();
      if (!entered) return void refuse(res, 503, { error: 'busy' }, null, { 'Retry-After': '5' }).catch(fail);
      handle(req, res)
        .catch(fail)
        .finally(() => laneGate.leave(weight));
    });
  });
  // Slow or silent clients are not kept: headers within 10 s, a body within 30 s of its turn (readBody). A request
  // may wait its turn in the gate while hundreds of shops close at once: 10 minutes in all.
  server.headersTimeout = 10_000;
  server.requestTimeout = 600_000;
  // Node's keep-alive timer (5 s by default) also cut off a request that came on a kept-alive connection and was
  // still waiting its turn (seen in the bench: 500 days at once). 65 s, above a proxy's usual 60 s idle timeout.
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (e: Error & { code?: string }, socket) => {
    d.log(`client error ${e.code ?? e.name}`);
    socket.destroy();
  });
  // A hung answer ends with its connection when the server closes (closeAllConnections).
  server.on('close', () => hanging.clear());
  return server;
}
