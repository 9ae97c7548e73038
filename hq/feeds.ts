// What shops pull (sync-protocol.md): the quotes feed with its ETag, the watch list after a cursor (a removal is a
// new row, a tombstone, so a shop past the added row still hears of it), and what head office holds of a shop
// (after a restore, so Z numbers never repeat).
import { z } from 'zod';
import { normalise } from '../shared/domain/normalise';
import { sha256Hex } from '../shared/protocol/signing';
import { DayRow, FeedRow, WatchRow } from './db/rows';
import type { Db, Queryable } from './db/types';
import type { ChainKey } from './chain';

const WATCH_PAGE = 1000;
const LastDay = DayRow.pick({ business_date: true, journal_head: true, grand_total_fen: true });
const MaxZ = z.object({ z: z.number().int().nullable() });
const GroupQuotes = z.object({ quotes: z.string() });

export class Feeds {
  constructor(
    private readonly db: Db,
    private readonly chain: ChainKey,
    private readonly now: () => number,
  ) {}

  /** Replaces the quotes feed every shop pulls; answers its ETag. */
  async setQuotes(quotes: unknown[], q: Queryable = this.db, text = JSON.stringify(quotes)): Promise<string> {
    const etag = `"${sha256Hex(text).slice(0, 16)}"`;
    await q.run(
      'INSERT INTO feed (id, etag, quotes) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, quotes = excluded.quotes',
      [etag, text],
    );
    return etag;
  }

  quotes() {
    return this.db.get(FeedRow, 'SELECT etag, quotes FROM feed WHERE id = 1');
  }

  /** Replaces the quotes set for the shops of `group` only (an empty list removes them). */
  async setGroupQuotes(group: string, quotes: unknown[], q: Queryable = this.db): Promise<void> {
    if (quotes.length === 0) await q.run('DELETE FROM group_quotes WHERE group_name = $1', [group]);
    else
      await q.run(
        `INSERT INTO group_quotes (group_name, quotes, set_at) VALUES ($1, $2, $3)
         ON CONFLICT (group_name) DO UPDATE SET quotes = excluded.quotes, set_at = excluded.set_at`,
        [group, JSON.stringify(quotes), this.now()],
      );
  }

  /** The quotes set for `group` alone ('' : the feed for every shop). */
  async quotesOf(group: string): Promise<unknown[]> {
    if (group === '') {
      const feed = await this.quotes();
      return feed ? (JSON.parse(feed.quotes) as unknown[]) : [];
    }
    const row = await this.db.get(GroupQuotes, 'SELECT quotes FROM group_quotes WHERE group_name = $1', [group]);
    return row ? (JSON.parse(row.quotes) as unknown[]) : [];
  }

  /**
   * What a shop of `group` pulls: the feed for every shop, then its group's quotes. Without group quotes, the feed
   * and its ETag as stored; with them, both lists and an ETag over both. null: nothing set at all.
   */
  async quotesFor(group: string): Promise<{ quotes: unknown[]; etag: string } | null> {
    const feed = await this.quotes();
    const own = group === '' ? [] : await this.quotesOf(group);
    if (own.length === 0) return feed ? { quotes: JSON.parse(feed.quotes) as unknown[], etag: feed.etag } : null;
    const quotes = [...(feed ? (JSON.parse(feed.quotes) as unknown[]) : []), ...own];
    return { quotes, etag: `"${sha256Hex(JSON.stringify(quotes)).slice(0, 16)}"` };
  }

  /** A card or ID number reported lost or stolen: hashed with the chain key here, the number itself never stored. */
  async watchNumber(kind: 'card' | 'id', number: string, reason: string): Promise<string> {
    const hash = await this.chain.hash(normalise(number));
    await this.addWatch(kind, hash, reason);
    return hash;
  }

  async addWatch(kind: 'card' | 'id', hash: string, reason: string, q: Queryable = this.db): Promise<void> {
    await q.run('INSERT INTO watch (kind, hash, reason, added_at) VALUES ($1, $2, $3, $4)', [
      kind,
      hash,
      reason,
      new Date(this.now() * 1000).toISOString(),
    ]);
  }

  /** A number recovered: a tombstone after the cursor, when the number is on the list now; answers whether it was. */
  async unwatchNumber(kind: 'card' | 'id', number: string): Promise<boolean> {
    const hash = await this.chain.hash(normalise(number));
    return this.removeWatch(kind, hash);
  }

  async removeWatch(kind: 'card' | 'id', hash: string, q: Queryable = this.db): Promise<boolean> {
    const n = await q.run(
      `INSERT INTO watch (kind, hash, reason, added_at, removed)
       SELECT $1, $2, '', $3, true WHERE (
         SELECT NOT removed FROM watch WHERE kind = $1 AND hash = $2 ORDER BY seq DESC LIMIT 1)`,
      [kind, hash, new Date(this.now() * 1000).toISOString()],
    );
    return n === 1;
  }

  async watchSince(since: number) {
    const rows = await this.db.all(
      WatchRow,
      'SELECT seq, kind, hash, reason, added_at, removed FROM watch WHERE seq > $1 ORDER BY seq LIMIT $2',
      [since, WATCH_PAGE],
    );
    return {
      entries: rows.map((r) =>
        r.removed
          ? { kind: r.kind, hash: r.hash, removed: true as const }
          : { kind: r.kind, hash: r.hash, reason: r.reason, addedAt: r.added_at },
      ),
      cursor: String(rows.at(-1)?.seq ?? since),
    };
  }

  async state(shopId: string) {
    const last = await this.db.get(
      LastDay,
      'SELECT business_date, journal_head, grand_total_fen FROM days WHERE shop_id = $1 ORDER BY business_date DESC LIMIT 1',
      [shopId],
    );
    const maxZ = await this.db.get(MaxZ, 'SELECT MAX(z_number) AS z FROM days WHERE shop_id = $1', [shopId]);
    return {
      lastBusinessDate: last?.business_date ?? null,
      lastZNumber: maxZ?.z ?? 0,
      lastJournalHead: last?.journal_head ?? null,
      grandTotalFen: last?.grand_total_fen ?? 0,
    };
  }
}
