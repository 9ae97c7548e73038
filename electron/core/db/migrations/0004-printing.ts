// Print jobs (spec §10): made in the payment's transaction, delivered at least once by a worker.
import type { Migration } from '../migrate';

export const m0004: Migration = {
  version: 4,
  name: 'printing',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'test')),
        trade_id TEXT REFERENCES trades (id),
        copy TEXT CHECK (copy IN ('customer', 'shop')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'printed')),
        -- 0 for a first print; n when this is the n-th print of the same copy (a reprint, or a resend after an
        -- attempt whose outcome was unknown).
        reprint INTEGER NOT NULL DEFAULT 0,
        drawer INTEGER NOT NULL DEFAULT 0 CHECK (drawer IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        printed_at TEXT,
        staff_id TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX print_jobs_due ON print_jobs (status, next_attempt_at);
      CREATE INDEX print_jobs_trade ON print_jobs (trade_id);
    `);
  },
};
