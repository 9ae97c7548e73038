// The console's HTTP side (docs/console.md): `/console/` serves the built web UI (dist/hq/console), `/console/api/…`
// answers JSON. Every request after login carries the session cookie (HTTP-only, SameSite=Strict, Secure behind
// TLS); every change must come from the console's own origin (Sec-Fetch-Site, else Origin against Host) and is
// journaled in the change's own transaction. Managers read the shops of their groups and change nothing.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { langOf } from '../../shared/words/lang';
import type { ChainKey } from '../chain';
import type { Db, Queryable } from '../db/types';
import { Gate } from '../gate';
import type { ServerKey } from '../keys';
import { SHOP_CODE, Shops } from '../shops';
import { Accounts, ConsoleError, LONGEST_S, type Person } from './accounts';
import { groupsAndCities, shopsWithHealth } from './health';
import { journal, readJournal, type Who } from './journal';
import { dateAcrossShops, dayFile, dayView, shopDays } from './ledger';
import { chainFigures, type By } from './figures';
import { localDate } from '../../shared/domain/dates';
import { ShopRow, WatchRow } from '../db/rows';
import { AlertsError, type Alerts } from '../alerts';
import type { Feeds } from '../feeds';
import { combine, entriesProblem, PricingEntries, PricingError, type Pricing } from '../pricing';
import { normalise } from '../../shared/domain/normalise';
import { ALERT_KINDS, consoleAlerts, QUIET_DAYS_MAX, setQuietDays } from './alerts';
import { FeedQuotes, feedProblem, parseWatchCsv, preview, watchEntry, type FeedQuote } from './levers';

export const COOKIE = 'carddesk_console';
const MAX_BODY = 64 * 1024;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The chain's calendar: "the last 30 days" end today in China, where the shops are. */
const CHAIN_TZ = 'Asia/Shanghai';
const BY: readonly By[] = ['shop', 'group', 'brand', 'form'];
const TEXT = (max: number) => z.string().trim().min(1).max(max);
const LABEL = z
  .string()
  .trim()
  .max(40)
  .regex(/^[^,]*$/);

const Login = z.object({ name: z.string().max(100), password: z.string().max(200) });
const Register = z.object({ shopId: z.string().regex(SHOP_CODE), name: TEXT(40), city: LABEL, group: LABEL });
const Rotate = z.object({ graceHours: z.number().int().min(0).max(720) });
const AddManager = z.object({ name: TEXT(60), password: z.string().max(200), groups: z.array(LABEL).max(50) });
const Groups = z.object({ groups: z.array(LABEL).max(50) });
const Password = z.object({ oldPassword: z.string().max(200), newPassword: z.string().max(200) });
const Quiet = z.object({ quietDays: z.number().int().min(1).max(QUIET_DAYS_MAX) });
const SetQuotes = z.object({ group: LABEL.default(''), quotes: FeedQuotes });
const SetPricing = z.object({ group: LABEL, entries: z.unknown() });
const PreviewAsk = z.object({
  group: LABEL,
  entries: z.unknown().optional(),
  brand: z.string().trim().min(1).max(20),
  form: z.enum(['e', 'physical']),
  valueFen: z
    .number()
    .int()
    .min(1)
    .max(10 ** 11),
});
const WatchAdd = z.object({ kind: z.string().max(10), number: z.string().max(100), reason: z.string().max(200) });
const WatchImport = z.object({ csv: z.string().max(MAX_BODY) });
const WatchRemove = z.object({ kind: z.enum(['card', 'id']), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const WatchNumberRemove = z.object({ kind: z.string().max(10), number: z.string().max(100) });
const Current = WatchRow.omit({ removed: true });

export interface ConsoleDeps {
  db: Db;
  key: ServerKey;
  chain: ChainKey;
  feeds: Feeds;
  pricing: Pricing;
  alerts: Alerts;
  now: () => number;
  log: (line: string) => void;
  /** Cookies marked `Secure`: head office is reached through a TLS proxy (docs/console.md). */
  secureCookies: boolean;
  /** The built web UI (index.html and its assets); null: the API only. */
  uiDir: string | null;
}

/** The same queries inside a transaction: hq/shops.ts's own transaction joins the caller's. */
function inTx(db: Db, q: Queryable): Db {
  return {
    all: (schema, text, params) => q.all(schema, text, params),
    get: (schema, text, params) => q.get(schema, text, params),
    run: (text, params) => q.run(text, params),
    exec: (text) => q.exec(text),
    driver: db.driver,
    tx: (fn) => fn(q),
    close: async () => {},
  };
}

function cookieOf(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=') || null;
  }
  return null;
}

/** A change is the console's own only when the browser says it came from this origin. */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !req.headers.host) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
};

export function createConsole(d: ConsoleDeps): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const accounts = new Accounts(d.db, d.now);
  const shops = new Shops(d.db, d.key, d.now);
  // A password check costs scrypt's 32 MiB and ~100 ms: two at a time, the rest wait their turn or are told to.
  const checks = new Gate(2, 64, Number.MAX_SAFE_INTEGER);

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const fail = (res: http.ServerResponse, e: ConsoleError) =>
    send(
      res,
      e.status,
      {
        error: e.code,
        ...(e.field ? { field: e.field } : {}),
        ...(e.retryAfter ? { retryAfter: e.retryAfter } : {}),
        ...(e.row ? { row: e.row } : {}),
      },
      e.retryAfter ? { 'Retry-After': String(e.retryAfter) } : {},
    );
  const cookie = (value: string, maxAge: number) =>
    `${COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${d.secureCookies ? '; Secure' : ''}`;

  async function readJson<S extends z.ZodType>(req: http.IncomingMessage, schema: S): Promise<z.output<S>> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) throw new ConsoleError('invalid', 415);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) throw new ConsoleError('too_large', 413);
      chunks.push(c as Buffer);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new ConsoleError('invalid', 400);
    }
    const r = schema.safeParse(raw);
    if (!r.success) throw new ConsoleError('invalid', 422, String(r.error.issues[0]?.path[0] ?? ''));
    return r.data;
  }

  function serveUi(res: http.ServerResponse, name: string): void {
    const file = d.uiDir && /^[\w-]+\.(html|js|css|map)$/.test(name) ? path.join(d.uiDir, name) : null;
    if (!file || !fs.existsSync(file)) return send(res, 404, { error: 'not_found' });
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(body);
  }

  /** A change journaled in its own transaction: both are kept, or neither. */
  const change = <T>(fn: (q: Queryable, shopsIn: Shops) => Promise<T>) =>
    d.db.tx((q) => fn(q, new Shops(inTx(d.db, q), d.key, d.now)));

  /** The shop, when this person may see it; a manager asking for another group's shop is refused. */
  async function visibleShop(p: Person, shopId: string) {
    const s = SHOP_CODE.test(shopId) ? await shops.get(shopId) : undefined;
    if (p.role === 'manager' && (!s || !p.groups.includes(s.group_name))) throw new ConsoleError('forbidden', 403);
    if (!s) throw new ConsoleError('not_found', 404);
    return s;
  }
  /** A watch-list number hashed with the chain key at once; without a chain key, nothing is taken. */
  const chainHash = async (normalised: string) => {
    if ((await d.chain.fingerprint()) === null) throw new ConsoleError('no_chain_key', 409);
    return d.chain.hash(normalise(normalised));
  };
  const ownerOnly = (p: Person) => {
    if (p.role !== 'owner') throw new ConsoleError('read_only', 403);
  };

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL, parts: string[]): Promise<void> {
    const method = req.method ?? 'GET';
    const changing = method !== 'GET' && method !== 'HEAD';
    if (changing && !sameOrigin(req)) throw new ConsoleError('cross_site', 403);
    const [head, id, sub, date, tail] = parts;

    if (head === 'login' && method === 'POST') {
      const body = await readJson(req, Login);
      if (!(await checks.enter(0))) throw new ConsoleError('busy', 503, undefined, 5);
      try {
        // The session is a new one, made here; whatever id the browser held before ends (a planted one was never
        // valid; an earlier sign-in of this browser stops working).
        const r = await accounts.login(body.name, body.password);
        const before = cookieOf(req);
        if (before) await accounts.drop(before);
        return send(res, 200, { me: r.person }, { 'Set-Cookie': cookie(r.sessionId, LONGEST_S) });
      } finally {
        checks.leave(0);
      }
    }
    const sid = cookieOf(req);
    const me = await accounts.session(sid);
    if (!me || !sid) throw new ConsoleError('not_signed_in', 401);
    const who: Who = { id: me.id, name: me.name };
    const scope = me.role === 'owner' ? null : me.groups;

    if (head === 'logout' && method === 'POST') {
      await accounts.logout(sid, who);
      return send(res, 200, { ok: true }, { 'Set-Cookie': cookie('', 0) });
    }
    if (head === 'me' && method === 'GET') return send(res, 200, { me });

    if (head === 'shops' && id === undefined && method === 'GET') {
      const chain = await d.chain.fingerprint();
      const group = url.searchParams.get('group') ?? '';
      const city = url.searchParams.get('city') ?? '';
      return send(res, 200, {
        shops: await shopsWithHealth(d.db, chain, { groups: scope, group, city }),
        ...(await groupsAndCities(d.db, scope)),
        chainFingerprint: chain,
        now: d.now(),
      });
    }
    if (head === 'shops' && id === undefined && method === 'POST') {
      ownerOnly(me);
      const s = await readJson(req, Register);
      const r = await change(async (q, inTxShops) => {
        if (await inTxShops.get(s.shopId)) throw new ConsoleError('shop_taken', 409, 'shopId');
        const made = await inTxShops.register({ shopId: s.shopId, name: s.name, city: s.city, group: s.group });
        await journal(q, d.now(), who, 'shop.register', s.shopId, { name: s.name, city: s.city, group: s.group });
        return made;
      });
      // The secret is in this answer only: nothing shows it again.
      return send(res, 201, { shopId: r.shopId, secret: r.secret });
    }
    if (head === 'shops' && id !== undefined && (sub === 'disable' || sub === 'enable') && method === 'POST') {
      ownerOnly(me);
      await visibleShop(me, id);
      await change(async (q, inTxShops) => {
        await inTxShops.setEnabled(id, sub === 'enable');
        await journal(q, d.now(), who, sub === 'enable' ? 'shop.enable' : 'shop.disable', id);
      });
      return send(res, 200, { ok: true });
    }
    if (head === 'shops' && id !== undefined && sub === 'rotate' && method === 'POST') {
      ownerOnly(me);
      await visibleShop(me, id);
      const { graceHours } = await readJson(req, Rotate);
      const r = await change(async (q, inTxShops) => {
        const made = await inTxShops.rotate(id, graceHours * 3600);
        await journal(q, d.now(), who, 'shop.rotate', id, { graceHours });
        return made;
      });
      return send(res, 200, { shopId: id, secret: r.secret, graceHours });
    }
    if (head === 'shops' && id !== undefined && sub === 'days' && date === undefined && method === 'GET') {
      const shop = await visibleShop(me, id);
      const offset = Math.max(0, Math.min(100_000, Number(url.searchParams.get('offset') ?? 0) || 0));
      const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 31) || 31));
      return send(res, 200, {
        shop: { shopId: shop.shop_id, name: shop.name },
        offset,
        limit,
        ...(await shopDays(d.db, id, offset, limit)),
      });
    }
    if (head === 'shops' && id !== undefined && sub === 'days' && date !== undefined && method === 'GET') {
      const shop = await visibleShop(me, id);
      if (!DATE.test(date)) throw new ConsoleError('not_found', 404);
      const day = await dayView(d.db, id, date);
      if (!day) throw new ConsoleError('not_found', 404);
      if (tail === 'export') {
        const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
        const f = await dayFile(day, format, langOf(url.searchParams.get('lang') ?? ''));
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': f.mime,
          'Content-Length': f.body.length,
          'Content-Disposition': `attachment; filename="${f.fileName}"`,
        });
        return void res.end(f.body);
      }
      return send(res, 200, { shop: { shopId: shop.shop_id, name: shop.name }, day });
    }
    if (head === 'days' && id !== undefined && sub === undefined && method === 'GET') {
      // One date across every shop this person may see (filtered by group and city): which have reported, and what.
      if (!DATE.test(id)) throw new ConsoleError('invalid', 422, 'date');
      const group = url.searchParams.get('group') ?? '';
      const city = url.searchParams.get('city') ?? '';
      const seen = (await shops.list()).filter(
        (s) =>
          (scope === null || scope.includes(s.group_name)) &&
          (!group || s.group_name === group) &&
          (!city || s.city === city),
      );
      return send(res, 200, {
        date: id,
        today: localDate(d.now() * 1000, CHAIN_TZ),
        rows: await dateAcrossShops(d.db, id, seen),
        ...(await groupsAndCities(d.db, scope)),
      });
    }
    if (head === 'figures' && method === 'GET') {
      const group = url.searchParams.get('group') ?? '';
      const city = url.searchParams.get('city') ?? '';
      const asked = url.searchParams.get('to') ?? '';
      const by = BY.find((b) => b === url.searchParams.get('by')) ?? 'group';
      // The owner's whole chain is read without naming its shops; otherwise the shops this person may see.
      const shopsSeen =
        scope === null && !group && !city
          ? null
          : (await d.db.all(ShopRow, 'SELECT * FROM shops ORDER BY shop_id'))
              .filter(
                (s) =>
                  (scope === null || scope.includes(s.group_name)) &&
                  (!group || s.group_name === group) &&
                  (!city || s.city === city),
              )
              .map((s) => s.shop_id);
      return send(
        res,
        200,
        await chainFigures(d.db, {
          period: url.searchParams.get('period') === '12m' ? '12m' : '30d',
          by,
          to: DATE.test(asked) ? asked : localDate(d.now() * 1000, CHAIN_TZ),
          shops: shopsSeen,
        }),
      );
    }
    if (head === 'people' && method === 'GET') {
      ownerOnly(me);
      return send(res, 200, { people: await accounts.list() });
    }
    if (head === 'people' && method === 'POST') {
      ownerOnly(me);
      const p = await readJson(req, AddManager);
      return send(res, 201, { person: await accounts.addManager(who, p.name, p.password, p.groups) });
    }
    if (head === 'people' && id !== undefined && sub === undefined && method === 'DELETE') {
      ownerOnly(me);
      await accounts.removeManager(who, id);
      return send(res, 200, { ok: true });
    }
    if (head === 'people' && id !== undefined && sub === 'groups' && method === 'PUT') {
      ownerOnly(me);
      const g = await readJson(req, Groups);
      return send(res, 200, { person: await accounts.setGroups(who, id, g.groups) });
    }
    if (head === 'me' && id === 'password' && method === 'POST') {
      // Anyone, for their own account: the old password is asked; every session of theirs ends, this one too.
      const p = await readJson(req, Password);
      if (!(await checks.enter(0))) throw new ConsoleError('busy', 503, undefined, 5);
      try {
        await accounts.changePassword(who, p.oldPassword, p.newPassword);
      } finally {
        checks.leave(0);
      }
      return send(res, 200, { ok: true }, { 'Set-Cookie': cookie('', 0) });
    }
    if (head === 'alerts' && id === undefined && method === 'GET') {
      const kind = url.searchParams.get('kind') ?? '';
      const shop = url.searchParams.get('shop') ?? '';
      if (shop) await visibleShop(me, shop);
      return send(res, 200, {
        kinds: ALERT_KINDS,
        ...(await consoleAlerts(d.db, {
          scope,
          kind: ALERT_KINDS.find((k) => k === kind),
          group: url.searchParams.get('group') ?? '',
          shop,
          today: localDate(d.now() * 1000, CHAIN_TZ),
          chainFingerprint: await d.chain.fingerprint(),
        })),
        ...(await groupsAndCities(d.db, scope)),
        shops: (await shops.list())
          .filter((s) => scope === null || scope.includes(s.group_name))
          .map((s) => ({ shopId: s.shop_id, name: s.name, group: s.group_name })),
      });
    }
    if (head === 'alerts' && id === 'settings' && method === 'PUT') {
      ownerOnly(me);
      const { quietDays } = await readJson(req, Quiet);
      await change(async (q) => {
        await setQuietDays(q, quietDays);
        await journal(q, d.now(), who, 'alerts.quiet_days', 'alerts', { quietDays });
      });
      return send(res, 200, { quietDays });
    }
    if (head === 'quotes' && method === 'GET') {
      ownerOnly(me);
      const group = url.searchParams.get('group') ?? '';
      return send(res, 200, {
        group,
        groups: (await groupsAndCities(d.db, null)).groups,
        quotes: await d.feeds.quotesOf(group),
        etag: (await d.feeds.quotesFor(group))?.etag ?? null,
        now: d.now(),
      });
    }
    if (head === 'quotes' && method === 'PUT') {
      ownerOnly(me);
      const { group, quotes } = await readJson(req, SetQuotes);
      const bad = feedProblem(quotes);
      if (bad) throw new ConsoleError('quote_row', 422, bad.field, undefined, bad.row);
      // The feed for every shop, or a group's quotes pulled after it; stored and journaled in one transaction.
      await d.db.tx(async (q) => {
        await journal(q, d.now(), who, 'quotes.set', group || 'all', { quotes: quotes.length });
        if (group === '') await d.feeds.setQuotes(quotes, q);
        else await d.feeds.setGroupQuotes(group, quotes, q);
      });
      return send(res, 200, { etag: (await d.feeds.quotesFor(group))?.etag ?? null });
    }
    if (head === 'pricing' && id === undefined && method === 'GET') {
      ownerOnly(me);
      const group = url.searchParams.get('group') ?? '';
      const { groups } = await groupsAndCities(d.db, null);
      return send(res, 200, {
        group,
        groups,
        ...(await d.pricing.read(group)),
      });
    }
    if (head === 'pricing' && id === undefined && method === 'PUT') {
      ownerOnly(me);
      const p = await readJson(req, SetPricing);
      await d.db.tx(async (q) => {
        const made = await d.pricing.set(p.entries, p.group, q);
        await journal(q, d.now(), who, 'pricing.set', p.group || 'all', { etag: made });
      });
      return send(res, 200, {
        group: p.group,
        groups: (await groupsAndCities(d.db, null)).groups,
        ...(await d.pricing.read(p.group)),
      });
    }
    if (head === 'pricing' && id === 'preview' && method === 'POST') {
      ownerOnly(me);
      const a = await readJson(req, PreviewAsk);
      // The entries being edited (not yet published) or what is published, combined as a shop of the group pulls.
      let pulled: PricingEntries;
      if (a.entries !== undefined) {
        const e = PricingEntries.safeParse(a.entries);
        if (!e.success) throw new ConsoleError('pricing', 422, e.error.issues[0]?.path.join('.') ?? '');
        const problem = entriesProblem(e.data);
        if (problem) throw new PricingError(problem);
        pulled = a.group === '' ? e.data : combine((await d.pricing.read('')).entries, e.data);
      } else pulled = (await d.pricing.forGroup(a.group)).entries;
      const quotes = FeedQuotes.safeParse((await d.feeds.quotesFor(a.group))?.quotes ?? []);
      const nowMs = d.now() * 1000;
      return send(res, 200, {
        preview: preview(
          pulled,
          quotes.success ? quotes.data : ([] as FeedQuote[]),
          { brand: a.brand, form: a.form, valueFen: a.valueFen },
          nowMs,
          localDate(nowMs, CHAIN_TZ),
        ),
      });
    }
    if (head === 'watch' && id === undefined && method === 'GET') {
      ownerOnly(me);
      // What is on the list now: each number's newest row, when it is not a removal. Hashes only.
      const current = await d.db.all(
        Current,
        `SELECT seq, kind, hash, reason, added_at FROM (
           SELECT DISTINCT ON (kind, hash) seq, kind, hash, reason, added_at, removed FROM watch
           ORDER BY kind, hash, seq DESC) w WHERE NOT removed ORDER BY seq DESC LIMIT 1000`,
      );
      const proposals = await d.alerts.proposals();
      return send(res, 200, {
        entries: current.map((r) => ({
          seq: r.seq,
          kind: r.kind,
          hash: r.hash,
          reason: r.reason,
          addedAt: r.added_at,
        })),
        proposals: proposals.map((p) => ({
          id: p.id,
          shopId: p.shop_id,
          tradeNo: p.trade_no,
          position: p.position,
          businessDate: p.business_date,
          proposedAt: p.proposed_at,
        })),
        chainKey: (await d.chain.fingerprint()) !== null,
      });
    }
    if (head === 'watch' && id === undefined && method === 'POST') {
      ownerOnly(me);
      const w = await readJson(req, WatchAdd);
      const entry = watchEntry(w.kind, w.number, w.reason);
      const hash = await chainHash(entry.number);
      await change(async (q) => {
        await d.feeds.addWatch(entry.kind, hash, entry.reason, q);
        await journal(q, d.now(), who, 'watch.add', entry.kind, { hash, reason: entry.reason });
      });
      return send(res, 201, { kind: entry.kind, hash });
    }
    if (head === 'watch' && id === 'import' && method === 'POST') {
      ownerOnly(me);
      const { csv } = await readJson(req, WatchImport);
      const parsed = parseWatchCsv(csv);
      if (parsed.problems.length > 0) return send(res, 422, { error: 'watch_import', problems: parsed.problems });
      if (parsed.rows.length === 0) throw new ConsoleError('watch_empty', 422, 'csv');
      const hashed: { kind: 'card' | 'id'; reason: string; hash: string }[] = [];
      for (const r of parsed.rows) hashed.push({ kind: r.kind, reason: r.reason, hash: await chainHash(r.number) });
      await change(async (q) => {
        for (const r of hashed) await d.feeds.addWatch(r.kind, r.hash, r.reason, q);
        await journal(q, d.now(), who, 'watch.import', 'csv', { rows: hashed.length });
      });
      return send(res, 201, { added: hashed.length });
    }
    if (head === 'watch' && (id === 'remove' || id === 'remove-number') && method === 'POST') {
      ownerOnly(me);
      let kind: 'card' | 'id';
      let hash: string;
      if (id === 'remove') ({ kind, hash } = await readJson(req, WatchRemove));
      else {
        const w = await readJson(req, WatchNumberRemove);
        const entry = watchEntry(w.kind, w.number, '-');
        kind = entry.kind;
        hash = await chainHash(entry.number);
      }
      const removed = await change(async (q) => {
        const done = await d.feeds.removeWatch(kind, hash, q);
        if (!done) throw new ConsoleError('not_on_list', 404);
        await journal(q, d.now(), who, 'watch.remove', kind, { hash });
        return done;
      });
      return send(res, 200, { removed });
    }
    if (head === 'watch' && id === 'proposals' && sub !== undefined && (date === 'accept' || date === 'dismiss')) {
      if (method !== 'POST') throw new ConsoleError('not_found', 404);
      ownerOnly(me);
      if (!/^\d{1,15}$/.test(sub)) throw new ConsoleError('not_found', 404);
      const accept = date === 'accept';
      try {
        const note = async (q: Queryable, p: { id: number; shop_id: string; business_date: string }) =>
          journal(q, d.now(), who, accept ? 'watch.accept' : 'watch.dismiss', p.shop_id, {
            proposal: p.id,
            businessDate: p.business_date,
          });
        if (accept) await d.alerts.accept(Number(sub), note);
        else await d.alerts.dismiss(Number(sub), note);
      } catch (e) {
        if (e instanceof AlertsError) throw new ConsoleError('proposal_closed', 409);
        throw e;
      }
      return send(res, 200, { ok: true });
    }
    if (head === 'journal' && method === 'GET') {
      ownerOnly(me);
      return send(res, 200, await readJournal(d.db, 200));
    }
    throw new ConsoleError('not_found', 404);
  }

  return async (req, res) => {
    const url = new URL(`http://hq${req.url?.startsWith('/') ? req.url : '/'}`);
    try {
      let parts: string[];
      try {
        parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
      } catch {
        throw new ConsoleError('not_found', 404);
      }
      if (parts[0] === 'api') return await api(req, res, url, parts.slice(1));
      if (req.method !== 'GET') return send(res, 405, { error: 'method' });
      if (url.pathname === '/console') {
        res.writeHead(308, { Location: '/console/' });
        return void res.end();
      }
      return serveUi(res, parts.length === 1 && parts[0] === '' ? 'index.html' : parts.join('/') || 'index.html');
    } catch (e) {
      if (e instanceof ConsoleError) return fail(res, e);
      if (e instanceof PricingError) return send(res, 422, { error: e.code, field: e.field, problem: e.message });
      d.log(`console error ${e instanceof Error ? e.name : 'error'}`);
      if (!res.headersSent) send(res, 500, { error: 'server' });
      else res.destroy();
    }
  };
}
