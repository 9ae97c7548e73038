// What head office raises for the console (head-office.md "Alerts"): cross-shop duplicate cards (cards.ts raises
// them), one customer trading in several shops in a business day whose payouts reach the identity threshold of
// spec §5 (only while customer matching is on at head office), and cards recorded invalid after sale, proposed
// for the chain watch list. Each alert is raised once; a proposal is accepted once.
import { z } from 'zod';
import { SETTING_BOUNDS, type RangeBounds } from '../shared/domain/settings';
import { Raised } from './db/rows';
import type { Db, Queryable } from './db/types';
import type { Feeds } from './feeds';
import { readMeta, writeMeta } from './meta';

const int = z.number().int();
const AlertRow = z.object({
  id: int,
  kind: z.enum(['duplicate_card', 'customer_across_shops']),
  subject: z.string(),
  occasion: z.string(),
  detail: z.string(),
  raised_at: int,
});
const ProposalRow = z.object({
  id: int,
  hash: z.string(),
  shop_id: z.string(),
  trade_no: z.string(),
  position: int,
  business_date: z.string(),
  proposed_at: int,
  accepted_at: int.nullable(),
});
export type AlertView = Omit<z.infer<typeof AlertRow>, 'detail'> & { detail: unknown };
export type ProposalView = z.infer<typeof ProposalRow>;

const MATCHING = 'customer_matching';
const IDENTITY_DAY = 'identity_day_fen';
/** The shop's shipped default (settings.md: a stricter-only threshold ships at its upper bound). */
const DAY_BOUNDS = SETTING_BOUNDS.compliance.identityDayFen as RangeBounds;
export const DEFAULT_IDENTITY_DAY_FEN = DAY_BOUNDS.max;

export class AlertsError extends Error {
  override name = 'AlertsError';
}

/** Head office's own chain settings: customer matching (off by default) and the §5 day threshold it applies. */
export class ChainSettings {
  constructor(private readonly db: Db) {}

  async customerMatching(q: Queryable = this.db): Promise<boolean> {
    return (await readMeta(q, MATCHING)) === 'on';
  }

  async setCustomerMatching(on: boolean): Promise<void> {
    await writeMeta(this.db, MATCHING, on ? 'on' : 'off');
  }

  async identityDayFen(q: Queryable = this.db): Promise<number> {
    const v = await readMeta(q, IDENTITY_DAY);
    return v === null ? DEFAULT_IDENTITY_DAY_FEN : Number(v);
  }

  /** Within the shop's own bounds for the setting (settings.md), in fen. */
  async setIdentityDayFen(fen: number): Promise<void> {
    const b = DAY_BOUNDS;
    if (!Number.isSafeInteger(fen) || fen < b.min || fen > b.max)
      throw new AlertsError(`the day threshold is whole fen from ${b.min} to ${b.max}`);
    await writeMeta(this.db, IDENTITY_DAY, String(fen));
  }
}

/**
 * A sealed day's customers (paid trades with a customer hash): their payouts noted per business day and shop, and
 * an alert raised once per customer and day when two or more shops' payouts together reach the threshold.
 */
export async function noteCustomers(
  q: Queryable,
  shopId: string,
  date: string,
  trades: readonly { customerHash: string; payoutFen: number }[],
  threshold: number,
  now: number,
): Promise<number> {
  const per = new Map<string, { trades: number; payout: number }>();
  for (const t of trades) {
    const c = per.get(t.customerHash) ?? { trades: 0, payout: 0 };
    c.trades += 1;
    c.payout += t.payoutFen;
    per.set(t.customerHash, c);
  }
  if (per.size === 0) return 0;
  const hashes = [...per.keys()].sort();
  // Two shops' days of one customer arriving at once: one after the other, so the second sees the first.
  await q.run(
    `SELECT pg_advisory_xact_lock(k) FROM (
       SELECT DISTINCT hashtextextended('customer:' || h, 18) AS k FROM unnest($1::text[]) AS h ORDER BY k) s`,
    [hashes],
  );
  await q.run(
    `INSERT INTO customer_days (customer_hash, business_date, shop_id, trades, payout_fen)
     SELECT h, $2, $1, n, p FROM unnest($3::text[], $4::int[], $5::bigint[]) AS x(h, n, p)
     ON CONFLICT (customer_hash, business_date, shop_id) DO UPDATE
       SET trades = customer_days.trades + excluded.trades, payout_fen = customer_days.payout_fen + excluded.payout_fen`,
    [shopId, date, hashes, hashes.map((h) => per.get(h)?.trades ?? 0), hashes.map((h) => per.get(h)?.payout ?? 0)],
  );
  const raised = await q.all(
    Raised,
    `INSERT INTO alerts (kind, subject, occasion, detail, raised_at)
     SELECT 'customer_across_shops', customer_hash, business_date,
       json_build_object('businessDate', business_date, 'totalFen', SUM(payout_fen)::bigint, 'thresholdFen', $3::bigint,
         'shops', json_agg(json_build_object('shopId', shop_id, 'trades', trades, 'payoutFen', payout_fen)
           ORDER BY shop_id))::text,
       $4::bigint
     FROM customer_days WHERE customer_hash = ANY($1::text[]) AND business_date = $2
     GROUP BY customer_hash, business_date
     HAVING COUNT(*) >= 2 AND SUM(payout_fen) >= $3
     ON CONFLICT (kind, subject, occasion) DO NOTHING RETURNING id`,
    [hashes, date, threshold, now],
  );
  return raised.length;
}

/** A card recorded invalid after sale, proposed for the chain watch list (once per card). */
export async function proposeWatch(
  q: Queryable,
  p: { hash: string; shopId: string; tradeNo: string; position: number; date: string },
  now: number,
): Promise<void> {
  await q.run(
    `INSERT INTO watch_proposals (hash, shop_id, trade_no, position, business_date, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hash) DO NOTHING`,
    [p.hash, p.shopId, p.tradeNo, p.position, p.date, now],
  );
}

export class Alerts {
  constructor(
    private readonly db: Db,
    private readonly feeds: Feeds,
    private readonly now: () => number,
  ) {}

  /** Alerts newest first, of one kind or all, after an id (for paging). */
  async list(o: { kind?: AlertView['kind']; limit?: number } = {}): Promise<AlertView[]> {
    const rows = await this.db.all(
      AlertRow,
      `SELECT id, kind, subject, occasion, detail, raised_at FROM alerts
       WHERE ($1::text IS NULL OR kind = $1) ORDER BY id DESC LIMIT $2`,
      [o.kind ?? null, o.limit ?? 100],
    );
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
  }

  proposals(open = true): Promise<ProposalView[]> {
    return this.db.all(
      ProposalRow,
      `SELECT id, hash, shop_id, trade_no, position, business_date, proposed_at, accepted_at FROM watch_proposals
       WHERE ($1::boolean = false OR (accepted_at IS NULL AND dismissed_at IS NULL)) ORDER BY id`,
      [open],
    );
  }

  /**
   * Adds a proposed card to the chain watch list; a proposal accepted or dismissed already is refused. `also` runs
   * in the same transaction (the console journals the change there).
   */
  async accept(id: number, also?: (q: Queryable, p: ProposalView) => Promise<void>): Promise<ProposalView> {
    return this.db.tx(async (q) => {
      const p = await q.get(
        ProposalRow,
        `UPDATE watch_proposals SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL AND dismissed_at IS NULL
         RETURNING id, hash, shop_id, trade_no, position, business_date, proposed_at, accepted_at`,
        [id, this.now()],
      );
      if (!p) throw new AlertsError(`no open proposal ${id}`);
      await this.feeds.addWatch('card', p.hash, `${p.shop_id} 售后无效 ${p.business_date}`, q);
      if (also) await also(q, p);
      return p;
    });
  }

  /** Dismisses an open proposal: the card is not added; the proposal is kept, closed. */
  async dismiss(id: number, also?: (q: Queryable, p: ProposalView) => Promise<void>): Promise<ProposalView> {
    return this.db.tx(async (q) => {
      const p = await q.get(
        ProposalRow,
        `UPDATE watch_proposals SET dismissed_at = $2 WHERE id = $1 AND accepted_at IS NULL AND dismissed_at IS NULL
         RETURNING id, hash, shop_id, trade_no, position, business_date, proposed_at, accepted_at`,
        [id, this.now()],
      );
      if (!p) throw new AlertsError(`no open proposal ${id}`);
      if (also) await also(q, p);
      return p;
    });
  }
}
