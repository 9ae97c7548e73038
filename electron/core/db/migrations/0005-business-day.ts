// The business day (spec §7, §8): cash movements, shift handovers, the seal with its Z-report and the sync
// outbox row, approvals of a pending discrepancy, resale batches; and the triggers that keep a sealed day as it was.
import type { Migration } from '../migrate';

/** A sealed day: its row says 'closed' (closing is sealing). */
const SEALED_DAY = (dayExpr: string) => `(SELECT status FROM days WHERE id = ${dayExpr}) = 'closed'`;
const SEALED_TRADE = (tradeExpr: string) =>
  `(SELECT d.status FROM trades t JOIN days d ON d.id = t.paid_day WHERE t.id = ${tradeExpr}) = 'closed'`;

function guard(table: string, when: string): string {
  return ['UPDATE', 'DELETE']
    .map(
      (op) => `CREATE TRIGGER ${table}_sealed_${op.toLowerCase()} BEFORE ${op} ON ${table} WHEN ${when}
      BEGIN SELECT RAISE(ABORT, 'sealed day: ${table} cannot change'); END;`,
    )
    .join('\n');
}

export const m0005: Migration = {
  version: 5,
  name: 'business-day',
  up(db) {
    db.exec(`
      ALTER TABLE days ADD COLUMN z_number INTEGER;
      ALTER TABLE days ADD COLUMN journal_head TEXT;
      -- 1 when the day was sealed with a discrepancy above the threshold that the owner has not yet approved.
      ALTER TABLE days ADD COLUMN pending_owner INTEGER NOT NULL DEFAULT 0 CHECK (pending_owner IN (0, 1));
      -- 1 when the next morning closed it with the drawer as found.
      ALTER TABLE days ADD COLUMN closed_as_found INTEGER NOT NULL DEFAULT 0 CHECK (closed_as_found IN (0, 1));
      ALTER TABLE days ADD COLUMN close_approved_by TEXT REFERENCES staff (id);
      CREATE UNIQUE INDEX days_z_number ON days (z_number) WHERE z_number IS NOT NULL;

      CREATE TABLE cash_movements (
        id TEXT PRIMARY KEY,
        day_id TEXT NOT NULL REFERENCES days (id),
        kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        approved_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX cash_movements_day ON cash_movements (day_id, at);

      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        day_id TEXT NOT NULL REFERENCES days (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        count TEXT NOT NULL,
        counted_fen INTEGER NOT NULL,
        expected_fen INTEGER NOT NULL,
        discrepancy_fen INTEGER NOT NULL,
        note TEXT,
        UNIQUE (day_id, seq)
      ) STRICT;

      -- The owner's approval of a day sealed with a pending discrepancy: an entry on the day it was given.
      CREATE TABLE day_approvals (
        id TEXT PRIMARY KEY,
        day_id TEXT NOT NULL UNIQUE REFERENCES days (id),
        on_day_id TEXT NOT NULL REFERENCES days (id),
        at TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES staff (id),
        reason TEXT NOT NULL
      ) STRICT;

      CREATE TABLE z_reports (
        day_id TEXT PRIMARY KEY REFERENCES days (id),
        z_number INTEGER NOT NULL UNIQUE,
        business_date TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        journal_head TEXT NOT NULL,
        grand_total_fen INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z-report never changes'); END;
      CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z-report never changes'); END;

      -- The frozen body of a sealed day for head office (sync-protocol.md): only the sending state changes.
      CREATE TABLE sync_outbox (
        day_id TEXT PRIMARY KEY REFERENCES days (id),
        business_date TEXT NOT NULL UNIQUE,
        z_number INTEGER NOT NULL,
        body TEXT NOT NULL,
        ledger_hash TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'conflict', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT
      ) STRICT;
      CREATE TRIGGER sync_outbox_frozen BEFORE UPDATE OF day_id, business_date, z_number, body, ledger_hash ON sync_outbox
        BEGIN SELECT RAISE(ABORT, 'a sealed body never changes'); END;
      CREATE TRIGGER sync_outbox_no_delete BEFORE DELETE ON sync_outbox BEGIN SELECT RAISE(ABORT, 'a sealed body never changes'); END;

      CREATE TABLE resale_batches (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
        expected_fen INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        day_id TEXT REFERENCES days (id),
        staff_id TEXT NOT NULL REFERENCES staff (id),
        settled_fen INTEGER,
        settled_at TEXT,
        settled_day TEXT REFERENCES days (id)
      ) STRICT;
      CREATE TABLE resale_batch_lines (
        batch_id TEXT NOT NULL REFERENCES resale_batches (id),
        line_id TEXT NOT NULL REFERENCES trade_lines (id),
        PRIMARY KEY (batch_id, line_id)
      ) STRICT;
      CREATE INDEX resale_batch_lines_line ON resale_batch_lines (line_id);
      CREATE INDEX line_events_day ON line_events (day_id, at);
      CREATE INDEX trade_voids_day ON trade_voids (day_id);

      -- Print jobs gain the Z-report.
      CREATE TABLE print_jobs_new (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'test', 'zreport')),
        trade_id TEXT REFERENCES trades (id),
        day_id TEXT REFERENCES days (id),
        copy TEXT CHECK (copy IN ('customer', 'shop')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'printed')),
        reprint INTEGER NOT NULL DEFAULT 0,
        drawer INTEGER NOT NULL DEFAULT 0 CHECK (drawer IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        printed_at TEXT,
        staff_id TEXT REFERENCES staff (id)
      ) STRICT;
      INSERT INTO print_jobs_new (id, kind, trade_id, copy, status, reprint, drawer, attempts, last_error, next_attempt_at, created_at, printed_at, staff_id)
        SELECT id, kind, trade_id, copy, status, reprint, drawer, attempts, last_error, next_attempt_at, created_at, printed_at, staff_id FROM print_jobs;
      DROP TABLE print_jobs;
      ALTER TABLE print_jobs_new RENAME TO print_jobs;
      CREATE INDEX print_jobs_due ON print_jobs (status, next_attempt_at);
      CREATE INDEX print_jobs_trade ON print_jobs (trade_id);

      CREATE TRIGGER days_sealed_update BEFORE UPDATE ON days WHEN OLD.status = 'closed'
        BEGIN SELECT RAISE(ABORT, 'sealed day: days cannot change'); END;
      CREATE TRIGGER days_sealed_delete BEFORE DELETE ON days WHEN OLD.status = 'closed'
        BEGIN SELECT RAISE(ABORT, 'sealed day: days cannot change'); END;
      ${guard('trades', `OLD.paid_day IS NOT NULL AND ${SEALED_DAY('OLD.paid_day')}`)}
      ${guard('trade_lines', SEALED_TRADE('OLD.trade_id'))}
      ${guard('trade_groups', SEALED_TRADE('OLD.trade_id'))}
      ${guard('rounds', SEALED_TRADE('OLD.trade_id'))}
      ${guard('payments', SEALED_TRADE('OLD.trade_id'))}
      ${guard('trade_voids', SEALED_DAY('OLD.day_id'))}
      ${guard('cash_movements', SEALED_DAY('OLD.day_id'))}
      ${guard('shifts', SEALED_DAY('OLD.day_id'))}
      ${guard('day_approvals', SEALED_DAY('OLD.on_day_id'))}
    `);
  },
};
