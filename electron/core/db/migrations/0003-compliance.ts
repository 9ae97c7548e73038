// Compliance (spec §5): customers with phone and identity (encrypted, hashed for look-up), the watch list,
// and what each paid trade was subject to.
import type { Migration } from '../migrate';

export const m0003: Migration = {
  version: 3,
  name: 'compliance',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        phone_hash TEXT NOT NULL UNIQUE,
        phone_enc BLOB NOT NULL,
        phone_masked TEXT NOT NULL,
        name TEXT,
        id_type TEXT CHECK (id_type IN ('resident', 'passport', 'hk_macau', 'taiwan')),
        id_enc BLOB,
        id_hash TEXT,
        id_masked TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
        block_reason TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customers_id_hash ON customers (id_hash);

      ALTER TABLE trades ADD COLUMN customer_id TEXT REFERENCES customers (id);
      -- What the trade was subject to when paid: {"phone":bool,"identity":bool,"cashAllowed":bool,"dayTotalFen":n}
      ALTER TABLE trades ADD COLUMN compliance TEXT;
      CREATE INDEX trades_customer ON trades (customer_id, business_date);

      -- A line added over a watch-list hit, with the owner who approved it.
      ALTER TABLE trade_lines ADD COLUMN watch_override TEXT;
      -- The position of another line of the same trade whose number is adjacent to this one.
      ALTER TABLE trade_lines ADD COLUMN consecutive_with INTEGER;

      CREATE TABLE watchlist (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('card', 'id')),
        hash TEXT NOT NULL,
        hash_key TEXT NOT NULL CHECK (hash_key IN ('shop', 'chain')),
        reason TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('hand', 'import', 'hq')),
        added_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX watchlist_live ON watchlist (hash) WHERE removed_at IS NULL;

      CREATE INDEX journal_kind_at ON journal (kind, at);
    `);
  },
};
