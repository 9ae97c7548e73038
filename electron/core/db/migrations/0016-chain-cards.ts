// Cards across the chain (sync-protocol.md v2): each card's chain hash kept on its line when it is added (the live
// reports and head office's card check need it without decrypting the number), the check's answer on the line
// (`hq_check`: clear, a hit waiting for the owner, a hit the owner let through, or unchecked at payment; null when no
// check applies) with the other shop's purchase it named, and the queue of live reports (bought and voided cards),
// written in the payment's or void's transaction and sent by their own worker.
import type { Migration } from '../migrate';

export const m0016: Migration = {
  version: 16,
  name: 'chain-cards',
  up(db) {
    db.exec(`
      ALTER TABLE trade_lines ADD COLUMN chain_hash TEXT;
      ALTER TABLE trade_lines ADD COLUMN hq_check TEXT CHECK (hq_check IN ('clear', 'hit', 'hit_overridden', 'unchecked'));
      ALTER TABLE trade_lines ADD COLUMN hq_seen TEXT;

      CREATE TABLE live_reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('bought', 'voided')),
        trade_id TEXT NOT NULL REFERENCES trades (id),
        trade_no TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'unsupported', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (trade_id, kind)
      ) STRICT;
      CREATE INDEX live_reports_due ON live_reports (status, seq);
    `);
  },
};
