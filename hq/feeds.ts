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
