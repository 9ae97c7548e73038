// Cards across the chain (sync-protocol.md v2): bought and voided cards reported live, the check a counter asks
// when a line is added, and the cross-shop duplicate alert. A purchase is known to head office from a live report,
// from a stored day's cards, or both; it is voided when either says so. The check and the alerts read both in one
// statement, each side through its index on the card hash.
import { z } from 'zod';
import { sha256Hex } from '../shared/protocol/signing';
import { HEX64 } from './body';
import { Raised } from './db/rows';
import type { Db, Queryable } from './db/types';

const int = z.number().int();
const TradeNo = z.string().min(1).max(64);
export const MAX_CHECK = 50;

export const Bought = z.looseObject({
  tradeNo: TradeNo,
  paidAt: z.string().min(1).max(40),
  lines: z
    .array(
      z.looseObject({
        position: int.min(1).max(1000),
        cardHash: z.string().regex(HEX64),
        brand: z.string().min(1).max(40),
        form: z.string().min(1).max(20),
        valueFen: int.min(0).max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .min(1)
    .max(1000),
});
export const Voided = z.looseObject({ tradeNo: TradeNo });
export const Check = z.looseObject({ cardHashes: z.array(z.string().regex(HEX64)).min(1).max(MAX_CHECK) });
export type Bought = z.infer<typeof Bought>;

export type LiveOutcome = { status: 201 } | { status: 200 } | { status: 409 };

export interface Seen {
  cardHash: string;
  shopId: string;
  shopName: string;
  tradeNo: string;
  paidAt: string | null;
}
const SeenRow = z.object({
  card_hash: z.string(),
  shop_id: z.string(),
  shop_name: z.string(),
  trade_no: z.string(),
  paid_at: z.string().nullable(),
});
const Sha = z.object({ sha: z.string().nullable(), voided: z.boolean() });

/**
 * Every purchase of the cards `$hashes` by a shop other than `$shop`, from both sources, one row per purchase
 * (shop and trade), voided when either source says so. Each hash is looked up through the two indexes on the card
 * hash (a lateral look-up per hash, so the plan does not depend on the tables' statistics while days pour in).
 * `$hashes` and `$shop` are the statement's parameters.
 */
const purchasesOf = (hashes: string, shop: string) => `
  SELECT p.card_hash, p.shop_id, p.trade_no, bool_or(p.voided) AS voided, max(p.paid_at) AS paid_at
  FROM (SELECT DISTINCT h FROM unnest(${hashes}) AS h) AS wanted, LATERAL (
    SELECT c.card_hash, c.shop_id, c.trade_no, c.voided, c.paid_at FROM cards c
    WHERE c.card_hash = wanted.h AND c.card_hash IS NOT NULL AND c.shop_id <> ${shop}
    UNION ALL
    SELECT l.card_hash, l.shop_id, l.trade_no, t.voided, t.paid_at FROM live_cards l
    JOIN live_trades t ON t.shop_id = l.shop_id AND t.trade_no = l.trade_no
    WHERE l.card_hash = wanted.h AND l.shop_id <> ${shop}
  ) AS p
  GROUP BY p.card_hash, p.shop_id, p.trade_no`;

/** Serialises the transactions that add purchases of these cards (any process), in one order: no pair is missed. */
export async function lockCards(q: Queryable, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0) return;
  await q.run(
    `SELECT pg_advisory_xact_lock(k) FROM (
       SELECT DISTINCT hashtextextended(h, 18) AS k FROM unnest($1::text[]) AS h ORDER BY k) s`,
    [[...new Set(hashes)]],
  );
}

/**
 * Raises a cross-shop duplicate alert for each pair made by the shop's new purchases (trade, card, paid at) with
 * an unvoided purchase of the same card by another shop; once per pair, whichever arrived second. A purchase of
 * this shop that is voided in either source raises none. Call with the cards locked (lockCards).
 */
export async function raiseDuplicates(
  q: Queryable,
  shopId: string,
  mine: readonly { tradeNo: string; cardHash: string; paidAt: string | null }[],
  now: number,
): Promise<number> {
  if (mine.length === 0) return 0;
  const rows = await q.all(
    Raised,
    // The other shops' purchases of these cards first (usually none), and only for those, whether this shop's
    // purchase is voided: a day of 400 new cards costs its index look-ups and little more.
    `WITH seen AS MATERIALIZED (${purchasesOf('$3::text[]', '$1')}),
     hits AS MATERIALIZED (
       SELECT m.trade_no, m.card_hash, m.paid_at, s.shop_id AS other_shop, s.trade_no AS other_trade,
         s.paid_at AS other_paid_at
       FROM unnest($2::text[], $3::text[], $4::text[]) AS m(trade_no, card_hash, paid_at)
       JOIN seen s ON s.card_hash = m.card_hash WHERE NOT s.voided),
     pairs AS (
       SELECT h.card_hash, (ROW($1::text, h.trade_no) < ROW(h.other_shop, h.other_trade)) AS first,
         json_build_object('shopId', $1::text, 'tradeNo', h.trade_no, 'paidAt', h.paid_at) AS a,
         json_build_object('shopId', h.other_shop, 'tradeNo', h.other_trade, 'paidAt', h.other_paid_at) AS b
       FROM hits h
       WHERE NOT EXISTS (SELECT 1 FROM live_trades t WHERE t.shop_id = $1 AND t.trade_no = h.trade_no AND t.voided)
         AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.shop_id = $1 AND c.trade_no = h.trade_no AND c.voided))
     INSERT INTO alerts (kind, subject, occasion, detail, raised_at)
     SELECT DISTINCT 'duplicate_card', card_hash,
       json_build_array(CASE WHEN first THEN a ELSE b END->>'shopId', CASE WHEN first THEN a ELSE b END->>'tradeNo',
         CASE WHEN first THEN b ELSE a END->>'shopId', CASE WHEN first THEN b ELSE a END->>'tradeNo')::text,
       json_build_object('purchases', json_build_array(CASE WHEN first THEN a ELSE b END, CASE WHEN first THEN b ELSE a END))::text,
       $5::bigint
     FROM pairs
     ON CONFLICT (kind, subject, occasion) DO NOTHING RETURNING id`,
    [shopId, mine.map((m) => m.tradeNo), mine.map((m) => m.cardHash), mine.map((m) => m.paidAt), now],
  );
  return rows.length;
}

export class Cards {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** A trade's cards bought at a shop, reported live: stored once; the same body again is a replay, another 409. */
  bought(shopId: string, b: Bought, text: string): Promise<LiveOutcome> {
    const sha = sha256Hex(text);
    return this.db.tx(async (q) => {
      // Durable even on the counter's lane, whose sessions commit asynchronously (a nonce may be lost, a report not).
      await q.run('SET LOCAL synchronous_commit TO on');
      await lockCards(
        q,
        b.lines.map((l) => l.cardHash),
      );
      const now = this.now();
      const fresh = await q.get(
        Sha,
        `INSERT INTO live_trades (shop_id, trade_no, paid_at, bought_sha, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (shop_id, trade_no) DO UPDATE SET paid_at = excluded.paid_at, bought_sha = excluded.bought_sha
           WHERE live_trades.bought_sha IS NULL
         RETURNING bought_sha AS sha, voided`,
        [shopId, b.tradeNo, b.paidAt, sha, now],
      );
      if (!fresh) {
        const held = await q.get(
          Sha,
          'SELECT bought_sha AS sha, voided FROM live_trades WHERE shop_id = $1 AND trade_no = $2',
          [shopId, b.tradeNo],
        );
        return held?.sha === sha ? { status: 200 } : { status: 409 };
      }
      await q.run(
        `INSERT INTO live_cards (shop_id, trade_no, position, card_hash, brand, form, value_fen)
         SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[])`,
        [
          shopId,
          b.tradeNo,
          b.lines.map((l) => l.position),
          b.lines.map((l) => l.cardHash),
          b.lines.map((l) => l.brand),
          b.lines.map((l) => l.form),
          b.lines.map((l) => l.valueFen),
        ],
      );
      if (!fresh.voided)
        await raiseDuplicates(
          q,
          shopId,
          b.lines.map((l) => ({ tradeNo: b.tradeNo, cardHash: l.cardHash, paidAt: b.paidAt })),
          now,
        );
      return { status: 201 };
    });
  }

  /** A trade voided at a shop, reported live (it may arrive before its purchase; the purchase then raises nothing). */
  voided(shopId: string, tradeNo: string, text: string): Promise<LiveOutcome> {
    const sha = sha256Hex(text);
    return this.db.tx(async (q) => {
      await q.run('SET LOCAL synchronous_commit TO on');
      const fresh = await q.get(
        Sha,
        `INSERT INTO live_trades (shop_id, trade_no, voided, voided_sha, received_at) VALUES ($1, $2, true, $3, $4)
         ON CONFLICT (shop_id, trade_no) DO UPDATE SET voided = true, voided_sha = excluded.voided_sha
           WHERE live_trades.voided_sha IS NULL
         RETURNING voided_sha AS sha, voided`,
        [shopId, tradeNo, sha, this.now()],
      );
      if (fresh) return { status: 201 };
      const held = await q.get(
        Sha,
        'SELECT voided_sha AS sha, voided FROM live_trades WHERE shop_id = $1 AND trade_no = $2',
        [shopId, tradeNo],
      );
      return held?.sha === sha ? ({ status: 200 } as const) : ({ status: 409 } as const);
    });
  }

  /** Other shops of the chain that bought these cards and have not voided them, from live reports and stored days. */
  async check(shopId: string, hashes: readonly string[]): Promise<Seen[]> {
    const rows = await this.db.all(
      SeenRow,
      `SELECT p.card_hash, p.shop_id, s.name AS shop_name, p.trade_no, p.paid_at
       FROM (${purchasesOf('$1::text[]', '$2')}) p JOIN shops s ON s.shop_id = p.shop_id
       WHERE NOT p.voided ORDER BY p.card_hash, p.paid_at, p.shop_id, p.trade_no`,
      [[...new Set(hashes)], shopId],
    );
    return rows.map((r) => ({
      cardHash: r.card_hash,
      shopId: r.shop_id,
      shopName: r.shop_name,
      tradeNo: r.trade_no,
      paidAt: r.paid_at,
    }));
  }
}
