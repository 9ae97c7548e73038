// Cards across the chain (sync-protocol.md v2): the live reports of bought and voided cards, and the card check
// at the counter.
//
// Live reports are written into `live_reports` in the transaction of the payment or the void (one INSERT … SELECT
// building the body from the trade's lines), and sent at least once by their own worker — one request in flight,
// oldest first, never behind the sealed days' backlog (that worker is another loop with its own timer). The card
// check asks head office about the chain hashes of a trade's cards in the background once a line is added, and again
// just before payment when a card has no answer yet (at most the check's timeout, 1.5 s by default); its answer is
// stored on the lines (`hq_check`, `hq_seen`) and read with the trade at payment.
//
// Nothing of this applies without a chain key, while head office is not configured, or when head office answered
// `404` to a v2 path (it does not speak them yet): then no check is made, no line marked, nothing queued.
import { Wakeable } from './wakeable';
import { z } from 'zod';
import { LiveReportRow } from '../db/rows';
import type { Kept, Sql } from '../db/sql';
import type { Clock, HqResponse, Random, Scheduler } from '../ports';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { ReportedLine } from '../trades/service';
import { AnswerUnsigned, type Sync } from './service';

const ReportDue = LiveReportRow.pick({ next_attempt_at: true });

const MAX_BACKOFF_MS = 5 * 60_000;
/** After a `404` to a v2 path, head office is asked again (whether it speaks v2 now) after this long. */
const V2_MISSING_FOR_MS = 60 * 60_000;
/** sync-protocol.md: at most 50 card hashes per check. */
const CHECK_BATCH = 50;
const LIMITS = { live: 16 * 1024, check: 64 * 1024 } as const;

const Seen = z.object({
  cardHash: z.string(),
  shopId: z.string().max(64),
  shopName: z.string().max(200),
  tradeNo: z.string().max(64),
  paidAt: z.string().max(64),
});
const CheckAnswer = z.object({ seen: z.array(z.unknown()).max(1000) });
const Pending = z.object({ id: z.string(), chain_hash: z.string() });
type LiveRow = z.infer<typeof LiveReportRow>;

export interface ChainCardsDeps {
  sql: Sql;
  sync: Sync;
  settings: Settings;
  shop: Shop;
  clock: Clock;
  random: Random;
  scheduler: Scheduler;
  /** Whether the shop has a chain key. */
  hasChainKey(): boolean;
  /** A trade's lines changed outside a call (a check answered): the counter reads it again. */
  tradeChanged(tradeId: string): void;
  log(line: string): void;
}

export class ChainCards {
  private readonly worker: Wakeable;
  private v2MissingAt: number | null = null;
  /** The card checks under way, by trade: each resolves whether head office answered it. */
  private readonly checks = new Map<string, Promise<boolean>>();
  /**
   * Trades whose every card had head office's answer when their last ask ended, with no card added since: payment
   * then has nothing to ask and reads nothing. In memory only, and forgotten on a restore or a rollback (the lines
   * are read then, as after a restart); taken by the payment, so a payment tried again reads them.
   */
  private readonly answered: Kept<true>;
  /** Trades with a card added since their last ask began. */
  private readonly added = new Set<string>();
  /** Trades whose background ask is scheduled and has not started. */
  private readonly waking = new Set<string>();
  constructor(private readonly d: ChainCardsDeps) {
    this.worker = new Wakeable(d.scheduler, (force) => this.pass(force));
    this.answered = d.sql.keep<true>();
  }

  /** Cards are checked, marked and reported: a chain key, head office configured and speaking v2. */
  applies(): boolean {
    if (!this.d.hasChainKey() || !this.d.sync.ready()) return false;
    if (this.v2MissingAt !== null && this.d.clock.now() - this.v2MissingAt < V2_MISSING_FOR_MS) return false;
    return true;
  }

  private shopPath(): string {
    return `/v1/shops/${encodeURIComponent(this.d.shop.get()?.code ?? '')}`;
  }

  private missing(res: HqResponse): boolean {
    if (res.status !== 404) return false;
    if (this.v2MissingAt === null) this.d.log('sync: head office answers 404 to the v2 paths: no card checks');
    this.v2MissingAt = this.d.clock.now();
    return true;
  }

  // ── Live reports ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * In the payment's transaction: the trade's cards with a chain hash, one INSERT (the body made from the lines the
   * payment read, in the order of their position). Nothing when no chain check applies or no card has a hash.
   */
  bought(tradeId: string, tradeNo: string, paidAt: string, lines: readonly ReportedLine[]): void {
    if (!this.applies()) return;
    const reported = lines
      .filter((l) => l.chain_hash !== null)
      .map((l) => ({
        position: l.position,
        cardHash: l.chain_hash,
        brand: l.brand,
        form: l.form,
        valueFen: l.value_fen,
      }));
    if (reported.length === 0) return;
    this.d.sql.run(
      "INSERT INTO live_reports (kind, trade_id, trade_no, body, created_at) VALUES ('bought', ?, ?, ?, ?)",
      tradeId,
      tradeNo,
      JSON.stringify({ tradeNo, paidAt, lines: reported }),
      paidAt,
    );
  }

  /** In the void's transaction: a void after payment of a trade whose cards were reported. */
  voided(tradeId: string, tradeNo: string, at: string): void {
    this.d.sql.run(
      `INSERT INTO live_reports (kind, trade_id, trade_no, body, created_at)
       SELECT 'voided', ?, ?, json_object('tradeNo', ?), ? WHERE EXISTS
         (SELECT 1 FROM live_reports WHERE trade_id = ? AND kind = 'bought' AND status <> 'unsupported')`,
      tradeId,
      tradeNo,
      tradeNo,
      at,
      tradeId,
    );
  }

  /** Wakes the live worker soon (after the caller's transaction committed). */
  kick(delayMs = 0): void {
    this.worker.kick(delayMs);
  }

  /** One pass of the live worker: every due report (every waiting one when forced), oldest first. */
  run(force = false): Promise<void> {
    return this.worker.run(force);
  }

  /** When the oldest waiting report is due (null when none waits). */
  nextDue(): number | null {
    return (
      this.d.sql.get(
        ReportDue,
        "SELECT next_attempt_at FROM live_reports WHERE status = 'pending' ORDER BY seq LIMIT 1",
      )?.next_attempt_at ?? null
    );
  }

  private async pass(force: boolean): Promise<void> {
    // Not configured, or paused (a wrong secret, the clock): looked at again on the sync worker's own rhythm.
    if (!this.d.sync.ready() || this.d.sync.isPaused()) return this.idle(this.d.settings.get('sync').wakeEveryMs);
    for (;;) {
      const row = this.d.sql.get(
        LiveReportRow,
        "SELECT * FROM live_reports WHERE status = 'pending' ORDER BY seq LIMIT 1",
      );
      if (!row || (row.next_attempt_at > this.d.clock.now() && !force)) break;
      if (!(await this.send(row))) break;
    }
    this.idle();
  }

  private idle(atLeastMs = 1_000): void {
    const next = this.nextDue();
    if (next === null || this.worker.waiting) return;
    this.kick(Math.max(atLeastMs, next - this.d.clock.now()));
  }

  private async send(row: LiveRow): Promise<boolean> {
    const shopId = this.d.shop.get()?.code ?? '';
    let res: HqResponse;
    try {
      res = await this.d.sync.exchange('POST', `${this.shopPath()}/cards/${row.kind}`, row.body, LIMITS.live, {
        'Idempotency-Key': `${shopId}:${row.trade_no}:${row.kind}`,
      });
    } catch (e) {
      return this.backoff(row, e instanceof AnswerUnsigned ? 'answer_unsigned' : 'network');
    }
    const mark = (status: LiveRow['status'], error: string | null) =>
      this.d.sql.tx(() =>
        this.d.sql.run(
          'UPDATE live_reports SET status = ?, attempts = attempts + 1, last_error = ?, sent_at = ? WHERE seq = ?',
          status,
          error,
          status === 'sent' ? new Date(this.d.clock.now()).toISOString() : null,
          row.seq,
        ),
      );
    if (res.status === 200 || res.status === 201) {
      mark('sent', null);
      return true;
    }
    if (this.missing(res)) {
      // Head office without the v2 paths: nothing of this kind is queued or sent while that lasts.
      this.d.sql.tx(() =>
        this.d.sql.run(
          "UPDATE live_reports SET status = 'unsupported', last_error = 'http 404' WHERE status = 'pending'",
        ),
      );
      return false;
    }
    if (res.status === 422 || res.status === 409) {
      mark('rejected', `http ${res.status}`);
      return true;
    }
    // 401: the sync client paused (its words say why); the next pass waits for the settings or the clock.
    if (res.status === 401) return false;
    return this.backoff(row, `http ${res.status}`);
  }

  private backoff(row: LiveRow, error: string): false {
    const attempts = row.attempts + 1;
    const cap = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.min(attempts, 20));
    const wait = Math.floor((this.d.random.bytes(4).readUInt32BE(0) / 2 ** 32) * cap);
    this.d.sql.tx(() =>
      this.d.sql.run(
        'UPDATE live_reports SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE seq = ?',
        attempts,
        error,
        this.d.clock.now() + wait,
        row.seq,
      ),
    );
    return false;
  }

  // ── The card check ───────────────────────────────────────────────────────────────────────────────────────────

  /** After a line is added (the call has answered): the trade's cards without an answer, asked in the background. */
  checkLater(tradeId: string): void {
    if (!this.applies()) return;
    this.answered.delete(tradeId);
    this.added.add(tradeId);
    // Cards added in a burst (a scanner) are asked together: one wake-up per trade waiting at a time.
    if (this.waking.has(tradeId)) return;
    this.waking.add(tradeId);
    this.d.scheduler.after(0, () => {
      this.waking.delete(tradeId);
      void this.check(tradeId);
    });
  }

  /**
   * Just before payment: a check under way is awaited, and the cards still without an answer are asked once more
   * (a card added while that check was under way, say). However the asks fall, this waits no longer than the check's
   * timeout.
   */
  async beforePayment(tradeId: string): Promise<void> {
    if (!this.applies()) return;
    if (!this.checks.has(tradeId) && (this.answered.delete(tradeId) || this.pending(tradeId).length === 0)) return;
    await this.check(tradeId, this.d.clock.now() + this.d.settings.get('sync').checkTimeoutMs);
  }

  private pending(tradeId: string): z.infer<typeof Pending>[] {
    return this.d.sql.all(
      Pending,
      `SELECT id, chain_hash FROM trade_lines
       WHERE trade_id = ? AND removed = 0 AND chain_hash IS NOT NULL AND hq_check IS NULL ORDER BY position`,
      tradeId,
    );
  }

  /**
   * Asks head office about the trade's cards that have no answer yet; stores what it says. One ask at a time per
   * trade: a card added while one is under way is asked once that one is answered (not when it went unanswered:
   * head office is out of reach, and payment marks the card unchecked). `by`: when the asker stops waiting (none:
   * the check's timeout). Resolves whether head office answered.
   */
  check(tradeId: string, by?: number): Promise<boolean> {
    const under = this.checks.get(tradeId);
    if (under)
      return under.then((answered) =>
        answered && this.pending(tradeId).length > 0 ? this.check(tradeId, by) : answered,
      );
    const timeoutMs = this.d.settings.get('sync').checkTimeoutMs;
    const left = by === undefined ? timeoutMs : Math.min(timeoutMs, by - this.d.clock.now());
    if (left <= 0) return Promise.resolve(false);
    const p = this.ask(tradeId, left).finally(() => this.checks.delete(tradeId));
    this.checks.set(tradeId, p);
    return p;
  }

  private async ask(tradeId: string, timeoutMs: number): Promise<boolean> {
    this.added.delete(tradeId);
    const lines = this.pending(tradeId);
    if (lines.length === 0) return this.settled(tradeId);
    const seen = new Map<string, z.infer<typeof Seen>>();
    try {
      for (let i = 0; i < lines.length; i += CHECK_BATCH) {
        const hashes = [...new Set(lines.slice(i, i + CHECK_BATCH).map((l) => l.chain_hash))];
        const res = await this.d.sync.exchange(
          'POST',
          `${this.shopPath()}/cards/check`,
          JSON.stringify({ cardHashes: hashes }),
          LIMITS.check,
          {},
          timeoutMs,
        );
        if (this.missing(res) || res.status !== 200) return false;
        const a = CheckAnswer.safeParse(JSON.parse(res.body));
        if (!a.success) return false;
        for (const raw of a.data.seen) {
          const s = Seen.safeParse(raw);
          // Only an answer about a card asked for counts; the first purchase named stays.
          if (s.success && hashes.includes(s.data.cardHash) && !seen.has(s.data.cardHash))
            seen.set(s.data.cardHash, s.data);
        }
      }
    } catch (e) {
      // No answer (unreachable, timeout, unsigned): the cards stay without one; payment marks them unchecked.
      this.d.log(`sync: card check not answered (${e instanceof Error ? e.name : 'error'})`);
      return false;
    }
    this.d.sql.tx(() => {
      for (const l of lines) {
        const hit = seen.get(l.chain_hash);
        this.d.sql.run(
          `UPDATE trade_lines SET hq_check = ?, hq_seen = ? WHERE id = ? AND hq_check IS NULL
             AND EXISTS (SELECT 1 FROM trades t WHERE t.id = trade_lines.trade_id AND t.status NOT IN ('paid', 'voided'))`,
          hit ? 'hit' : 'clear',
          hit
            ? JSON.stringify({ shopId: hit.shopId, shopName: hit.shopName, tradeNo: hit.tradeNo, paidAt: hit.paidAt })
            : null,
          l.id,
        );
      }
    });
    this.d.tradeChanged(tradeId);
    return this.settled(tradeId);
  }

  /** An ask answered: every card of the trade has its answer, unless one was added meanwhile. */
  private settled(tradeId: string): true {
    if (!this.added.has(tradeId)) {
      // Trades left without payment are forgotten in bulk: payment then reads their lines, as after a restart.
      if (this.answered.size >= 1_000) this.answered.clear();
      this.answered.set(tradeId, true);
    }
    return true;
  }
}
