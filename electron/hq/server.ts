// The reference head office (sync-protocol.md, the server side): signatures and clock skew, idempotent day
// pushes (201 / 200 replay / 409 another ledger / 422 invalid, chain_gap warnings), shop state, the quotes feed
// with ETags and the watch list with a cursor, stored in SQLite. Fault injection lets tests and people try
// what a bad network does: drop before or after storing, 500, 429 with Retry-After, hang.
import http from 'node:http';
import Database from 'better-sqlite3';
import { jcs } from '../core/journal/service';
import { SKEW_SECONDS, sha256Hex, signature, signatureMatches } from '../core/sync/signing';

export type Fault = 'drop-before' | 'drop-after' | '500' | '429' | 'hang';
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HqOptions {
  dbFile: string;
  /** Seconds since the epoch, as head office's clock says. */
  now?: () => number;
  log?: (line: string) => void;
}

export interface HqServer {
  server: http.Server;
  db: Database.Database;
  addShop(shopId: string, secret: string): void;
  setQuotes(quotes: unknown[]): string;
  addWatch(kind: 'card' | 'id', hash: string, reason: string): void;
  /** Faults applied to the next day pushes, one each, in order. */
  queueFaults(...faults: Fault[]): void;
  stored(shopId: string): { business_date: string; ledger_hash: string; z_number: number; warnings: string }[];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function createHqServer(o: HqOptions): HqServer {
  const db = new Database(o.dbFile);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS shops (shop_id TEXT PRIMARY KEY, secret TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS days (
      shop_id TEXT NOT NULL, business_date TEXT NOT NULL, z_number INTEGER NOT NULL, ledger_hash TEXT NOT NULL,
      journal_head TEXT NOT NULL, grand_total_fen INTEGER NOT NULL, body TEXT NOT NULL, warnings TEXT NOT NULL,
      stored_at INTEGER NOT NULL, PRIMARY KEY (shop_id, business_date)) STRICT;
    CREATE TABLE IF NOT EXISTS feed (id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT NOT NULL, quotes TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS watch (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, hash TEXT NOT NULL, reason TEXT NOT NULL, added_at TEXT NOT NULL) STRICT;
  `);
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const log = o.log ?? (() => {});
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const validDay = (b: Record<string, unknown>, shopId: string, date: string): string | null => {
    if (b.schema !== 1) return 'schema';
    if (b.shopId !== shopId) return 'shopId';
    if (b.businessDate !== date) return 'businessDate';
    if (!Number.isInteger(b.zNumber) || (b.zNumber as number) < 1) return 'zNumber';
    for (const k of ['trades', 'corrections', 'cash', 'alerts'] as const) if (!Array.isArray(b[k])) return k;
    if (typeof b.summary !== 'object' || b.summary === null) return 'summary';
    if (typeof b.journalHead !== 'string' || !/^[0-9a-f]{64}$/.test(b.journalHead)) return 'journalHead';
    if (typeof b.ledgerHash !== 'string') return 'ledgerHash';
    const { ledgerHash, ...unsigned } = b;
    if (sha256Hex(jcs(unsigned)) !== ledgerHash) return 'ledgerHash';
    return null;
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      // Joined as text: a path like `//x` must stay a path, not become a host.
      url = new URL(`http://hq${req.url?.startsWith('/') ? req.url : '/'}`);
    } catch {
      return send(res, 404, { error: 'not_found' });
    }
    const pathWithQuery = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/v1/ping') return send(res, 200, { serverTime: now() });

    // The body, bounded.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY_BYTES) return send(res, 413, { error: 'too_large' }, { Connection: 'close' });
      chunks.push(c as Buffer);
    }
    const body = Buffer.concat(chunks);

    const m = /^\/v1\/shops\/([A-Za-z0-9]{2,8})\/(days\/([^/]+)|state|quotes|watchlist)$/.exec(url.pathname);
    if (!m) return send(res, 404, { error: 'not_found' });
    const shopId = m[1] ?? '';
    const shop = db.prepare('SELECT secret FROM shops WHERE shop_id = ?').get(shopId) as { secret: string } | undefined;
    const ts = Number(req.headers['x-carddesk-timestamp']);
    const presented = String(req.headers['x-carddesk-signature'] ?? '');
    if (!shop || req.headers['x-carddesk-shop'] !== shopId || !Number.isInteger(ts))
      return send(res, 401, { error: 'bad_signature' });
    if (!signatureMatches(presented, signature(shop.secret, ts, method, pathWithQuery, body)))
      return send(res, 401, { error: 'bad_signature' });
    if (Math.abs(now() - ts) > SKEW_SECONDS) return send(res, 401, { error: 'clock_skew', serverTime: now() });

    if (m[3] !== undefined) {
      if (method !== 'PUT') return send(res, 405, { error: 'method' });
      const date = m[3];
      if (!DATE.test(date)) return send(res, 422, { error: 'invalid', reason: 'businessDate' });
      const fault = faults.shift();
      if (fault === 'drop-before') return void req.socket.destroy();
      if (fault === '500') return send(res, 500, { error: 'server' });
      if (fault === '429') return send(res, 429, { error: 'slow_down' }, { 'Retry-After': '3' });
      if (fault === 'hang') return void hanging.add(res);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return send(res, 422, { error: 'invalid', reason: 'json' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return send(res, 422, { error: 'invalid', reason: 'json' });
      const b = parsed as Record<string, unknown>;
      const problem = validDay(b, shopId, date);
      if (problem) return send(res, 422, { error: 'invalid', reason: problem });
      const key = String(req.headers['idempotency-key'] ?? '');
      if (key && key !== `${shopId}:${date}:${String(b.ledgerHash)}`)
        return send(res, 422, { error: 'invalid', reason: 'idempotency_key' });
      const held = db
        .prepare('SELECT ledger_hash FROM days WHERE shop_id = ? AND business_date = ?')
        .get(shopId, date) as { ledger_hash: string } | undefined;
      if (held && held.ledger_hash === b.ledgerHash) {
        if (fault === 'drop-after') return void req.socket.destroy();
        return send(res, 200, { stored: true, replay: true, warnings: [] });
      }
      if (held) return send(res, 409, { error: 'conflict', held: held.ledger_hash, offered: b.ledgerHash });
      const prev = db
        .prepare(
          'SELECT journal_head FROM days WHERE shop_id = ? AND business_date < ? ORDER BY business_date DESC LIMIT 1',
        )
        .get(shopId, date) as { journal_head: string } | undefined;
      const warnings = prev && b.prevDayJournalHead !== prev.journal_head ? ['chain_gap'] : [];
      const summary = b.summary as { grandTotalFen?: unknown };
      db.prepare(
        'INSERT INTO days (shop_id, business_date, z_number, ledger_hash, journal_head, grand_total_fen, body, warnings, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        shopId,
        date,
        b.zNumber,
        b.ledgerHash,
        b.journalHead,
        Number.isInteger(summary.grandTotalFen) ? summary.grandTotalFen : 0,
        body.toString('utf8'),
        JSON.stringify(warnings),
        now(),
      );
      log(`stored ${shopId} ${date} Z${String(b.zNumber)}${warnings.length ? ' chain_gap' : ''}`);
      if (fault === 'drop-after') return void req.socket.destroy();
      return send(res, 201, { stored: true, warnings });
    }
    if (method !== 'GET') return send(res, 405, { error: 'method' });
    if (m[2] === 'state') {
      const last = db
        .prepare(
          'SELECT business_date, z_number, journal_head, grand_total_fen FROM days WHERE shop_id = ? ORDER BY business_date DESC LIMIT 1',
        )
        .get(shopId) as
        | { business_date: string; z_number: number; journal_head: string; grand_total_fen: number }
        | undefined;
      const maxZ = (
        db.prepare('SELECT MAX(z_number) AS z FROM days WHERE shop_id = ?').get(shopId) as { z: number | null }
      ).z;
      return send(res, 200, {
        lastBusinessDate: last?.business_date ?? null,
        lastZNumber: maxZ ?? 0,
        lastJournalHead: last?.journal_head ?? null,
        grandTotalFen: last?.grand_total_fen ?? 0,
      });
    }
    if (m[2] === 'quotes') {
      const feed = db.prepare('SELECT etag, quotes FROM feed WHERE id = 1').get() as
        | { etag: string; quotes: string }
        | undefined;
      if (!feed) return send(res, 200, { quotes: [], etag: 'empty' }, { ETag: 'empty' });
      if (req.headers['if-none-match'] === feed.etag) return void (res.writeHead(304, { ETag: feed.etag }), res.end());
      return send(res, 200, { quotes: JSON.parse(feed.quotes) as unknown, etag: feed.etag }, { ETag: feed.etag });
    }
    const since = Number(url.searchParams.get('since') ?? 0);
    const rows = db
      .prepare('SELECT seq, kind, hash, reason, added_at FROM watch WHERE seq > ? ORDER BY seq LIMIT 1000')
      .all(Number.isFinite(since) ? since : 0) as {
      seq: number;
      kind: string;
      hash: string;
      reason: string;
      added_at: string;
    }[];
    return send(res, 200, {
      entries: rows.map((r) => ({ kind: r.kind, hash: r.hash, reason: r.reason, addedAt: r.added_at })),
      cursor: String(rows.at(-1)?.seq ?? (Number.isFinite(since) ? since : 0)),
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`error ${e instanceof Error ? e.name : 'error'}`);
      if (!res.headersSent) send(res, 500, { error: 'server' });
      else res.destroy();
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  return {
    server,
    db,
    addShop: (shopId, secret) =>
      void db
        .prepare(
          'INSERT INTO shops (shop_id, secret) VALUES (?, ?) ON CONFLICT (shop_id) DO UPDATE SET secret = excluded.secret',
        )
        .run(shopId, secret),
    setQuotes(quotes) {
      const etag = `"${sha256Hex(JSON.stringify(quotes)).slice(0, 16)}"`;
      db.prepare(
        'INSERT INTO feed (id, etag, quotes) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, quotes = excluded.quotes',
      ).run(etag, JSON.stringify(quotes));
      return etag;
    },
    addWatch: (kind, hash, reason) =>
      void db
        .prepare('INSERT INTO watch (kind, hash, reason, added_at) VALUES (?, ?, ?, ?)')
        .run(kind, hash, reason, new Date(now() * 1000).toISOString()),
    queueFaults: (...f) => void faults.push(...f),
    stored: (shopId) =>
      db
        .prepare(
          'SELECT business_date, ledger_hash, z_number, warnings FROM days WHERE shop_id = ? ORDER BY business_date',
        )
        .all(shopId) as never,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve) => server.listen(port, host, () => resolve((server.address() as { port: number }).port))),
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.close();
    },
  };
}
