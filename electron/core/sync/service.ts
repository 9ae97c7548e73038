// The head-office client (sync-protocol.md, "Client behaviour"): a worker sends sealed days oldest first, one
// request in flight, each attempt signed afresh with the same body and Idempotency-Key; backoff with full
// jitter honouring Retry-After; 409/422 park a day and later days go on; 401 pauses everything until the settings
// change or the clock is fixed. It also pings (clock skew), pulls the quotes feed (ETag) and the watch list
// (cursor). Timers and randomness come from the ports; the shop works the same with or without head office.
import { Wakeable } from './wakeable';
import { AppError, type SyncDayView, type SyncSettingsView, type SyncStatusView } from '../../../shared/contract';
import { z } from 'zod';
import { N, SyncOutboxRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Keys } from '../keys/service';
import { AnswerTooLarge, type Clock, type Hq, type HqResponse, type Random, type Scheduler } from '../ports';
import type { Quotes } from '../quotes/service';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import {
  answer,
  Feed,
  HqPricing,
  Ping,
  Refused,
  Rejected,
  RemoteState,
  Stored,
  WatchEntry,
  WatchList,
} from './answers';
import { SECRET_AAD } from './chain';
import {
  answerSignature,
  chainFingerprint,
  HEADERS,
  parseSignature,
  sameSignature,
  SKEW_SECONDS,
  signedHeaders,
} from '../../../shared/protocol/signing';
import type { JournalKind } from '../../../shared/contract/journal-kinds';

const OutboxDue = SyncOutboxRow.pick({ next_attempt_at: true });

const StatusCount = SyncOutboxRow.pick({ status: true }).extend({ n: z.number() });

const MAX_BACKOFF_MS = 15 * 60_000;
const PULL_EVERY_MS = 5 * 60_000;

type OutboxRow = z.infer<typeof SyncOutboxRow>;

const KIB = 1024;
/**
 * What each answer of head office may weigh (decision): far above a real answer, far below what would hurt the
 * shop. Beyond it the answer is not read on and the exchange counts as a network error.
 */
export const ANSWER_LIMITS = {
  ping: 4 * KIB,
  day: 64 * KIB,
  feed: 1024 * KIB,
  watchList: 4096 * KIB,
  state: 16 * KIB,
  pricing: 256 * KIB,
} as const;

/**
 * Head office's address: https anywhere; plain http only to this PC (tests, trials, a head office on the same
 * machine), since on a network a man in the middle could feed quotes, watch-list entries or a restore state and
 * read what is sent. Null when allowed, else why not.
 */
export function hqAddressProblem(raw: string): 'not_an_address' | 'scheme' | 'plain_http' | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not_an_address';
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol !== 'http:') return 'scheme';
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) ? null : 'plain_http';
}

/**
 * Head office's answer to a signed (v2) request carries no signature, or one that does not verify with the shop
 * secret: it is treated exactly as a network error, and nothing in it is applied (sync-protocol.md v2).
 */
export class AnswerUnsigned extends Error {
  override name = 'AnswerUnsigned';
  constructor() {
    super("head office's answer is not signed with this shop's secret");
  }
}

/** Why the last exchange went wrong, as the owner's screens put it in words (`sync.errors.*`). */
export type SyncError = 'network' | 'timeout' | 'bad_signature' | 'clock_skew' | 'answer_unsigned';

export interface SyncDeps {
  /** `X-CardDesk-Version`: `{app version}/{schema version}`. */
  version: string;
  sql: Sql;
  settings: Settings;
  keys: Keys;
  shop: Shop;
  quotes: Quotes;
  clock: Clock;
  random: Random;
  scheduler: Scheduler;
  hq: Hq | undefined;
  log(line: string): void;
  changed(): void;
  /** Journals a day's sending outcome (inside the transaction that records it). */
  journal(kind: JournalKind, ref: string, payload: { [k: string]: string | number }): void;
  /**
   * In the pull's transaction: takes head office's brands into the catalogue, except a code the owner's catalogue
   * already has (not one head office gave before); answers the codes now head office's.
   */
  applyBrands(brands: unknown[], before: readonly string[]): string[];
  /** Adds head-office watch-list entries (chain hashes) and applies its removals, in the caller's transaction. */
  addWatch(entries: z.infer<typeof WatchEntry>[]): number;
}

export class Sync {
  private readonly worker: Wakeable;
  private paused: 'bad_signature' | 'clock_skew' | null = null;
  private skewSeconds = 0;
  private lastError: SyncError | `http ${number}` | null = null;
  private lastPullAt = 0;
  private warnings: string[] = [];
  private online: boolean | null = null;
  /** What head office said about itself in its last signed answer. */
  private hq: { version: string | null; chain: string | null } = { version: null, chain: null };
  constructor(private readonly d: SyncDeps) {
    this.worker = new Wakeable(d.scheduler, (force) => this.pass(force));
  }

  private config() {
    const s = this.d.settings.get('sync');
    const secret = s.shopSecret
      ? this.d.keys.decrypt(SECRET_AAD.shopSecret, Buffer.from(s.shopSecret, 'base64'))
      : null;
    return { ...s, secret, shopId: this.d.shop.get()?.code ?? null };
  }

  /** This shop's chain-key fingerprint (`X-CardDesk-Chain`), or null while it has no chain key. */
  private chainFingerprint(): string | null {
    const enc = this.d.settings.get('sync').chainKey;
    return enc ? chainFingerprint(this.d.keys.decrypt(SECRET_AAD.chainKey, Buffer.from(enc, 'base64'))) : null;
  }

  /** Head office is configured and may be asked (enabled, address, secret, shop, keys). */
  ready(): boolean {
    const c = this.d.settings.get('sync');
    return (
      c.enabled &&
      !!c.hqBaseUrl &&
      !!c.shopSecret &&
      !!this.d.hq &&
      !!this.d.shop.get() &&
      this.d.keys.state === 'ready'
    );
  }

  settingsView(): SyncSettingsView {
    const s = this.d.settings.get('sync');
    return {
      hqBaseUrl: s.hqBaseUrl,
      enabled: s.enabled,
      shopSecretSet: s.shopSecret !== null,
      chainKeySet: s.chainKey !== null,
      customerMatching: s.customerMatching,
    };
  }

  /** In the caller's transaction. The chain key is set once: hashes already stored with it are never rewritten. */
  update(input: {
    hqBaseUrl: string | null;
    enabled: boolean;
    shopSecret?: string;
    chainKey?: string;
    customerMatching?: boolean;
  }): SyncSettingsView {
    const s = this.d.settings.get('sync');
    const problem = input.hqBaseUrl === null ? null : hqAddressProblem(input.hqBaseUrl);
    if (problem)
      throw new AppError(
        'VALIDATION',
        problem === 'not_an_address' ? 'not a web address' : 'https only (plain http only to this PC)',
        { field: 'hqBaseUrl', problem },
      );
    if (input.chainKey !== undefined && s.chainKey !== null) {
      const current = this.d.keys.decrypt(SECRET_AAD.chainKey, Buffer.from(s.chainKey, 'base64'));
      if (current !== input.chainKey)
        throw new AppError('CONFLICT', 'the chain key is already set and is never changed', { field: 'chainKey' });
    }
    const seal = (aad: string, v: string) => this.d.keys.encrypt(aad, v).toString('base64');
    this.d.settings.set('sync', {
      ...s,
      hqBaseUrl: input.hqBaseUrl === null ? null : input.hqBaseUrl.replace(/\/+$/, ''),
      enabled: input.enabled,
      shopSecret: input.shopSecret !== undefined ? seal(SECRET_AAD.shopSecret, input.shopSecret) : s.shopSecret,
      chainKey:
        input.chainKey !== undefined && s.chainKey === null ? seal(SECRET_AAD.chainKey, input.chainKey) : s.chainKey,
      customerMatching: input.customerMatching ?? s.customerMatching,
    });
    // New settings end a pause: the owner may have fixed the secret.
    this.paused = null;
    return this.settingsView();
  }

  /** Whether sending waits for the settings (a wrong secret) or the clock: what `status().paused` says. */
  isPaused(): boolean {
    return this.paused !== null;
  }

  status(): SyncStatusView {
    const counts = this.d.sql.all(StatusCount, 'SELECT status, COUNT(*) AS n FROM sync_outbox GROUP BY status');
    const n = (k: OutboxRow['status']) => counts.find((c) => c.status === k)?.n ?? 0;
    const next = this.nextDue();
    const mine = this.d.keys.state === 'ready' ? this.chainFingerprint() : null;
    return {
      configured: this.ready(),
      enabled: this.d.settings.get('sync').enabled,
      pending: n('pending'),
      conflict: n('conflict'),
      rejected: n('rejected'),
      sent: n('sent'),
      lastSuccessAt: this.d.settings.get('syncState').lastSuccessAt,
      lastError: this.lastError,
      paused: this.paused,
      skewSeconds: this.skewSeconds,
      online: this.online,
      nextAttemptAt: next && next > this.d.clock.now() ? new Date(next).toISOString() : null,
      warnings: this.warnings,
      version: this.d.version,
      chainFingerprint: mine,
      hqVersion: this.hq.version,
      hqChainFingerprint: this.hq.chain,
      chainMismatch: mine !== null && this.hq.chain !== null && mine !== this.hq.chain,
      liveWaiting: this.d.sql.get(N, "SELECT COUNT(*) AS n FROM live_reports WHERE status = 'pending'")?.n ?? 0,
    };
  }

  days(): SyncDayView[] {
    return this.d.sql
      .all(SyncOutboxRow, 'SELECT * FROM sync_outbox ORDER BY business_date DESC LIMIT 400')
      .map((r) => ({
        businessDate: r.business_date,
        zNumber: r.z_number,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        nextAttemptAt:
          r.status === 'pending' && r.next_attempt_at > 0 ? new Date(r.next_attempt_at).toISOString() : null,
        sentAt: r.sent_at,
      }));
  }

  /** When the oldest waiting day may be tried again (days go in order, so only the oldest counts). */
  nextDue(): number | null {
    return (
      this.d.sql.get(
        OutboxDue,
        "SELECT next_attempt_at FROM sync_outbox WHERE status = 'pending' ORDER BY business_date LIMIT 1",
      )?.next_attempt_at ?? null
    );
  }

  /** Wakes the worker soon (after the caller's transaction committed). */
  kick(delayMs = 0): void {
    this.worker.kick(delayMs);
  }

  /** One pass: ping if paused for the clock, send what is due, pull the feeds; resolves when idle. */
  run(force = false): Promise<void> {
    return this.worker.run(force);
  }

  /**
   * One signed exchange with head office (v2 signature, nonce, version and chain headers); an answer not signed
   * with the shop secret throws `AnswerUnsigned`. `timeoutMs` replaces the request timeout (the card check's).
   */
  async exchange(
    method: 'GET' | 'PUT' | 'POST',
    pathWithQuery: string,
    body: string,
    maxBytes: number,
    extra: Record<string, string> = {},
    timeoutMs?: number,
  ): Promise<HqResponse> {
    const c = this.config();
    if (!c.secret || !c.shopId || !c.hqBaseUrl || !this.d.hq) throw new Error('not configured');
    // An address stored before the rule (or edited in the file) is not used either.
    if (hqAddressProblem(c.hqBaseUrl)) throw new Error('head office address refused');
    // v2: a nonce of the Random port, accepted once by head office, to which its answer's signature is bound.
    const nonce = this.d.random.bytes(16).toString('hex');
    const chain = this.chainFingerprint();
    const headers = {
      ...signedHeaders(c.shopId, c.secret, this.d.clock.now(), method, pathWithQuery, body, nonce),
      [HEADERS.version]: this.d.version,
      ...(chain ? { [HEADERS.chain]: chain } : {}),
      ...extra,
      ...(method !== 'GET' ? { 'Content-Type': 'application/json' } : {}),
    };
    const res = await this.d.hq.request({
      method,
      url: `${c.hqBaseUrl}${pathWithQuery}`,
      headers,
      body: method !== 'GET' ? body : undefined,
      timeoutMs: timeoutMs ?? c.requestTimeoutMs,
      maxBytes,
    });
    // Whatever adapter answered, nothing larger is read on.
    if (Buffer.byteLength(res.body) > maxBytes) throw new AnswerTooLarge(maxBytes);
    this.online = true;
    const presented = parseSignature(res.headers['x-carddesk-signature'] ?? '');
    const signed =
      presented?.version === 'v2' &&
      sameSignature(presented.hex, answerSignature(c.secret, nonce, res.status, res.body));
    const refusal = res.status === 401 ? this.refusal(res) : null;
    // Only a wrong secret cannot be answered with a signature the shop can check: that refusal pauses as before.
    if (!signed && !(refusal?.error === 'bad_signature' || (refusal !== null && refusal.error === undefined))) {
      this.lastError = 'answer_unsigned';
      this.d.log(`sync: head office answer ${res.status} not signed with this shop's secret`);
      throw new AnswerUnsigned();
    }
    if (signed)
      this.hq = { version: res.headers['x-carddesk-version'] ?? null, chain: res.headers['x-carddesk-chain'] ?? null };
    // A nonce head office says it saw already: tried again later with a new one, like a network error.
    if (refusal?.error === 'replayed') throw new AnswerUnsigned();
    if (refusal) this.unauthorised(refusal);
    return res;
  }

  private refusal(res: HqResponse): z.infer<typeof Refused> {
    try {
      return answer(Refused, res.body) ?? {};
    } catch {
      return {};
    }
  }

  private unauthorised(err: z.infer<typeof Refused>): void {
    if (err.error === 'clock_skew' && typeof err.serverTime === 'number') {
      this.paused = 'clock_skew';
      this.skewSeconds = Math.round(this.d.clock.now() / 1000 - err.serverTime);
      this.lastError = 'clock_skew';
    } else {
      this.paused = 'bad_signature';
      this.lastError = 'bad_signature';
    }
    this.d.log(`sync: head office answered 401 ${this.lastError}`);
  }

  private async ping(): Promise<boolean> {
    const c = this.config();
    if (!c.hqBaseUrl || !this.d.hq || hqAddressProblem(c.hqBaseUrl)) return false;
    try {
      const res = await this.d.hq.request({
        method: 'GET',
        url: `${c.hqBaseUrl}/v1/ping`,
        headers: {},
        timeoutMs: c.requestTimeoutMs,
        maxBytes: ANSWER_LIMITS.ping,
      });
      if (Buffer.byteLength(res.body) > ANSWER_LIMITS.ping) throw new AnswerTooLarge(ANSWER_LIMITS.ping);
      this.online = true;
      const t = answer(Ping, res.body)?.serverTime;
      if (res.status === 200 && t !== undefined) {
        this.skewSeconds = Math.round(this.d.clock.now() / 1000 - t);
        if (this.paused === 'clock_skew' && Math.abs(this.skewSeconds) <= SKEW_SECONDS) this.paused = null;
        return true;
      }
    } catch {
      this.online = false;
    }
    return false;
  }

  private async pass(force: boolean): Promise<void> {
    if (!this.ready()) return;
    if (this.paused === 'clock_skew' && !(await this.ping())) return this.idle();
    if (this.paused) return this.idle();
    for (;;) {
      const row = this.d.sql.get(
        SyncOutboxRow,
        "SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY business_date LIMIT 1",
      );
      if (!row) break;
      if (row.next_attempt_at > this.d.clock.now() && !force) return this.idle();
      const outcome = await this.send(row);
      this.d.changed();
      if (outcome !== 'next') return this.idle();
      force = false;
    }
    if (force || this.d.clock.now() - this.lastPullAt >= PULL_EVERY_MS) await this.pull();
    this.idle();
  }

  /** While rows are pending the worker also wakes on its own (sync-protocol.md: every 60 s by default). */
  private idle(): void {
    const pending = this.nextDue();
    if (pending === null || this.worker.waiting) return;
    const every = this.d.settings.get('sync').wakeEveryMs;
    this.kick(Math.max(0, Math.min(every, pending - this.d.clock.now())) || every);
  }

  private backoff(row: OutboxRow, error: SyncError | `http ${number}`, retryAfterMs: number | null): 'stop' {
    const attempts = row.attempts + 1;
    const cap = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.min(attempts, 20));
    const jitter = Math.floor((this.d.random.bytes(4).readUInt32BE(0) / 2 ** 32) * cap);
    const wait = retryAfterMs ?? jitter;
    this.d.sql.tx(() =>
      this.d.sql.run(
        'UPDATE sync_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE day_id = ?',
        attempts,
        error,
        this.d.clock.now() + wait,
        row.day_id,
      ),
    );
    this.lastError = error;
    return 'stop';
  }

  private async send(row: OutboxRow): Promise<'next' | 'stop'> {
    const shopId = this.d.shop.get()?.code ?? '';
    const path = `/v1/shops/${encodeURIComponent(shopId)}/days/${row.business_date}`;
    let res: HqResponse;
    try {
      res = await this.exchange('PUT', path, row.body, ANSWER_LIMITS.day, {
        'Idempotency-Key': `${shopId}:${row.business_date}:${row.ledger_hash}`,
      });
    } catch (e) {
      if (e instanceof AnswerUnsigned) return this.backoff(row, 'answer_unsigned', null);
      this.online = false;
      if (e instanceof AnswerTooLarge) this.d.log(`sync: head office answer too large (${e.name})`);
      return this.backoff(row, e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'network', null);
    }
    const mark = (status: OutboxRow['status'], error: string | null) =>
      this.d.sql.tx(() => {
        this.d.sql.run(
          'UPDATE sync_outbox SET status = ?, attempts = attempts + 1, last_error = ?, sent_at = ? WHERE day_id = ?',
          status,
          error,
          status === 'sent' ? new Date(this.d.clock.now()).toISOString() : null,
          row.day_id,
        );
        this.d.journal(`sync.${status}`, row.day_id, {
          businessDate: row.business_date,
          zNumber: row.z_number,
          httpStatus: res.status,
        });
        if (status === 'sent')
          this.d.settings.set('syncState', {
            ...this.d.settings.get('syncState'),
            lastSuccessAt: new Date(this.d.clock.now()).toISOString(),
          });
      });
    if (res.status === 200 || res.status === 201) {
      mark('sent', null);
      this.lastError = null;
      try {
        const w = answer(Stored, res.body)?.warnings;
        if (w && w.length > 0)
          this.d.log(`sync: ${row.business_date} stored with warnings ${w.map(String).join(',').slice(0, 80)}`);
      } catch {
        // A success without a readable body is still a success.
      }
      return 'next';
    }
    if (res.status === 409) {
      mark('conflict', 'conflict: head office holds another ledger for this day');
      return 'next';
    }
    if (res.status === 422) {
      let reason = 'invalid';
      try {
        reason = String(answer(Rejected, res.body)?.reason ?? 'invalid').slice(0, 120);
      } catch {
        reason = 'invalid';
      }
      mark('rejected', `rejected: ${reason}`);
      return 'next';
    }
    if (res.status === 401) {
      this.d.sql.tx(() =>
        this.d.sql.run(
          'UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE day_id = ?',
          this.lastError,
          row.day_id,
        ),
      );
      return 'stop';
    }
    const retryAfter = Number(res.headers['retry-after']);
    return this.backoff(
      row,
      `http ${res.status}`,
      res.status === 429 || res.status === 503
        ? Number.isFinite(retryAfter) && retryAfter >= 0
          ? retryAfter * 1000
          : null
        : null,
    );
  }

  private success(): void {
    this.lastError = null;
    this.d.sql.tx(() =>
      this.d.settings.set('syncState', {
        ...this.d.settings.get('syncState'),
        lastSuccessAt: new Date(this.d.clock.now()).toISOString(),
      }),
    );
  }

  /** The quotes feed (ETag) and the watch list (cursor). A malformed feed changes nothing. */
  private async pull(): Promise<void> {
    this.lastPullAt = this.d.clock.now();
    const shopId = encodeURIComponent(this.d.shop.get()?.code ?? '');
    const state = this.d.settings.get('syncState');
    try {
      const q = await this.exchange(
        'GET',
        `/v1/shops/${shopId}/quotes`,
        '',
        ANSWER_LIMITS.feed,
        state.quotesEtag ? { 'If-None-Match': state.quotesEtag } : {},
      );
      if (q.status === 200) {
        const feed = answer(Feed, q.body);
        const r = this.d.sql.tx(() => {
          const out = this.d.quotes.replaceFeed(feed?.quotes);
          this.d.settings.set('syncState', { ...this.d.settings.get('syncState'), quotesEtag: feed?.etag ?? null });
          return out;
        });
        this.warnings = r.skipped.map((s) => `quote_skipped:${s.brand}`);
      }
      const since = this.d.settings.get('syncState').watchCursor;
      const w = await this.exchange(
        'GET',
        `/v1/shops/${shopId}/watchlist${since ? `?since=${encodeURIComponent(since)}` : ''}`,
        '',
        ANSWER_LIMITS.watchList,
      );
      if (w.status === 200) {
        const list = answer(WatchList, w.body) ?? { entries: [], cursor: undefined };
        const entries = list.entries.flatMap((e) => {
          const r = WatchEntry.safeParse(e);
          return r.success ? [r.data] : [];
        });
        this.d.sql.tx(() => {
          this.d.addWatch(entries);
          this.d.settings.set('syncState', {
            ...this.d.settings.get('syncState'),
            watchCursor: list.cursor !== undefined ? String(list.cursor) : since,
          });
        });
      }
      await this.pullPricing(shopId);
      this.success();
    } catch (e) {
      if (e instanceof AppError) {
        this.warnings = [`feed_rejected:${e.code}`];
        this.d.log(`sync: quotes feed rejected (${e.code})`);
      } else if (e instanceof AnswerUnsigned) {
        // Not applied: the feed, the watch list and the cursor stay as they were.
        this.d.log('sync: quotes feed or watch list not applied (answer not signed)');
      } else {
        // fetch reports an unreachable head office as a TypeError, a timeout as a TimeoutError, an answer beyond
        // its limit as AnswerTooLarge: all mean no usable answer, logged by name only.
        this.online = false;
        this.d.log(`sync: head office unreachable (${e instanceof Error ? e.name : 'error'})`);
      }
    }
  }

  /**
   * Head office's pricing for this shop's group (v2, ETag): stored whole or not at all; a head office without the
   * path (404) leaves what the shop holds. A malformed answer is refused like a bad feed (its calendar and
   * promotions are checked with the owner's own rules).
   */
  private async pullPricing(shopId: string): Promise<void> {
    const held = this.d.settings.get('hqPricing');
    const res = await this.exchange(
      'GET',
      `/v1/shops/${shopId}/pricing`,
      '',
      ANSWER_LIMITS.pricing,
      held.etag ? { 'If-None-Match': held.etag } : {},
    );
    if (res.status !== 200) return;
    const p = answer(HqPricing, res.body);
    if (!p) throw new AppError('VALIDATION', 'head office pricing refused', { field: 'pricing' });
    this.d.sql.tx(() => {
      const appliedBrands = this.d.applyBrands(p.brands, held.appliedBrands);
      this.d.settings.set('hqPricing', {
        etag: p.etag,
        brands: p.brands,
        calendar: p.calendar,
        promotions: p.promotions,
        appliedBrands,
      });
    });
    this.d.changed();
  }

  /** After a restore: what head office holds, so Z numbers never repeat. Null when it cannot be asked. */
  async remoteState(): Promise<{ lastZNumber: number; lastBusinessDate: string | null } | null> {
    if (!this.ready()) return null;
    try {
      const res = await this.exchange(
        'GET',
        `/v1/shops/${encodeURIComponent(this.d.shop.get()?.code ?? '')}/state`,
        '',
        ANSWER_LIMITS.state,
      );
      if (res.status !== 200) return null;
      return answer(RemoteState, res.body);
    } catch {
      return null;
    }
  }

  /**
   * The same question with another database's sync settings, shop and keys: a backup about to be restored on a new
   * PC, read before it replaces this (still empty) database, so its answer can decide whether the restore goes on.
   */
  remoteStateOf(
    other: Pick<SyncDeps, 'sql' | 'settings' | 'keys' | 'shop'>,
  ): Promise<{ lastZNumber: number; lastBusinessDate: string | null } | null> {
    return new Sync({ ...this.d, ...other }).remoteState();
  }
}
