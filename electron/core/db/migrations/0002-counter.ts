// The counter: catalogue, reference quotes, the business day, trades with their groups, lines, rounds,
// payments, voids and the append-only line-events table.
import type { Migration } from '../migrate';

export const m0002: Migration = {
  version: 2,
  name: 'counter',
  up(db) {
    db.exec(`
      CREATE TABLE brands (
        code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*'),
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;
      CREATE TABLE brand_forms (
        brand TEXT NOT NULL REFERENCES brands (code),
        form TEXT NOT NULL CHECK (form IN ('e', 'physical')),
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        number_pattern TEXT NOT NULL,
        number_hint TEXT NOT NULL,
        secret_pattern TEXT NOT NULL,
        secret_hint TEXT NOT NULL,
        secret_required INTEGER NOT NULL CHECK (secret_required IN (0, 1)),
        max_value_fen INTEGER NOT NULL CHECK (max_value_fen > 0),
        PRIMARY KEY (brand, form)
      ) STRICT;

      CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('shipped', 'owner', 'import', 'feed')),
        source TEXT NOT NULL,
        brand TEXT NOT NULL,
        form TEXT NOT NULL CHECK (form IN ('e', 'physical')),
        min_value_fen INTEGER NOT NULL CHECK (min_value_fen >= 0),
        max_value_fen INTEGER CHECK (max_value_fen IS NULL OR max_value_fen > min_value_fen),
        rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
        fee_bp INTEGER NOT NULL CHECK (fee_bp BETWEEN 0 AND 10000),
        fee_fixed_fen INTEGER NOT NULL CHECK (fee_fixed_fen >= 0),
        min_amount_fen INTEGER NOT NULL CHECK (min_amount_fen >= 0),
        settlement_days INTEGER NOT NULL CHECK (settlement_days BETWEEN 0 AND 90),
        observed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
      CREATE INDEX quotes_live ON quotes (brand, form) WHERE retired_at IS NULL;

      CREATE TABLE days (
        id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL REFERENCES staff (id),
        float_fen INTEGER NOT NULL CHECK (float_fen >= 0),
        float_count TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT REFERENCES staff (id),
        counted_fen INTEGER,
        close_count TEXT,
        expected_fen INTEGER,
        discrepancy_fen INTEGER,
        close_reason TEXT
      ) STRICT;
      CREATE UNIQUE INDEX one_open_day ON days (status) WHERE status = 'open';

      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

      CREATE TABLE trades (
        id TEXT PRIMARY KEY,
        trade_no TEXT UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('draft', 'quoted', 'agreed', 'paid', 'voided')),
        staff_id TEXT NOT NULL REFERENCES staff (id),
        created_at TEXT NOT NULL,
        -- The open day's date at creation, then the paying day's date.
        business_date TEXT NOT NULL,
        paid_at TEXT,
        paid_day TEXT REFERENCES days (id),
        pay_request_id TEXT UNIQUE,
        payout_fen INTEGER,
        rounding_fen INTEGER,
        void_reason TEXT,
        -- Kept by the trade service whenever lines or offers change, so lists need no per-row aggregates.
        cards INTEGER NOT NULL DEFAULT 0,
        value_fen INTEGER NOT NULL DEFAULT 0,
        offer_fen INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX trades_paid_day ON trades (paid_day);
      CREATE INDEX trades_business_date ON trades (business_date, trade_no);
      CREATE INDEX journal_ref ON journal (ref);

      CREATE TABLE trade_groups (
        trade_id TEXT NOT NULL REFERENCES trades (id),
        group_key TEXT NOT NULL,
        brand TEXT NOT NULL,
        form TEXT NOT NULL,
        band_min_fen INTEGER NOT NULL,
        band_max_fen INTEGER,
        tier_bp INTEGER NOT NULL,
        best_exit_bp INTEGER NOT NULL,
        adj_bp INTEGER NOT NULL,
        hard_cap_bp INTEGER NOT NULL,
        ceiling_bp INTEGER NOT NULL,
        target_bp INTEGER NOT NULL,
        opening_bp INTEGER NOT NULL,
        step_bp INTEGER NOT NULL,
        current_bp INTEGER NOT NULL,
        last_ask_bp INTEGER,
        rounds INTEGER NOT NULL DEFAULT 0,
        final INTEGER NOT NULL DEFAULT 0,
        agreed_bp INTEGER,
        explanation TEXT NOT NULL,
        quote_snapshot TEXT NOT NULL,
        PRIMARY KEY (trade_id, group_key)
      ) STRICT;

      CREATE TABLE trade_lines (
        id TEXT PRIMARY KEY,
        trade_id TEXT NOT NULL REFERENCES trades (id),
        position INTEGER NOT NULL,
        brand TEXT NOT NULL,
        form TEXT NOT NULL CHECK (form IN ('e', 'physical')),
        face_value_fen INTEGER NOT NULL CHECK (face_value_fen > 0),
        value_fen INTEGER NOT NULL CHECK (value_fen > 0),
        number_enc BLOB NOT NULL,
        number_hash TEXT NOT NULL,
        last4 TEXT NOT NULL,
        secret_enc BLOB,
        expiry TEXT,
        notes TEXT NOT NULL DEFAULT '',
        verified_how TEXT NOT NULL CHECK (verified_how IN ('official', 'customer_screen', 'none')),
        verified_at TEXT,
        group_key TEXT,
        rate_bp INTEGER,
        payout_fen INTEGER,
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
      ) STRICT;
      CREATE INDEX trade_lines_trade ON trade_lines (trade_id, position);
      CREATE INDEX trade_lines_number ON trade_lines (number_hash);
      CREATE INDEX trade_lines_last4 ON trade_lines (last4);

      CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        trade_id TEXT NOT NULL REFERENCES trades (id),
        group_key TEXT NOT NULL,
        n INTEGER NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('shop', 'customer')),
        kind TEXT NOT NULL CHECK (kind IN ('opening', 'ask', 'proposal', 'final', 'agreed')),
        rate_bp INTEGER NOT NULL,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        approved_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE INDEX rounds_trade ON rounds (trade_id, id);

      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        trade_id TEXT NOT NULL REFERENCES trades (id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        reference TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX payments_trade ON payments (trade_id);

      -- A void after payment is a reversing entry on the day it was made; the paid trade is never changed.
      CREATE TABLE trade_voids (
        id TEXT PRIMARY KEY,
        trade_id TEXT NOT NULL UNIQUE REFERENCES trades (id),
        day_id TEXT NOT NULL REFERENCES days (id),
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        approved_by TEXT REFERENCES staff (id),
        reason TEXT NOT NULL,
        refund_cash_fen INTEGER NOT NULL CHECK (refund_cash_fen >= 0)
      ) STRICT;

      CREATE TABLE line_events (
        id TEXT PRIMARY KEY,
        line_id TEXT NOT NULL REFERENCES trade_lines (id),
        kind TEXT NOT NULL CHECK (kind IN ('resold', 'settled', 'invalid', 'own_use')),
        at TEXT NOT NULL,
        day_id TEXT REFERENCES days (id),
        staff_id TEXT REFERENCES staff (id),
        payload TEXT NOT NULL
      ) STRICT;
      CREATE INDEX line_events_line ON line_events (line_id, at);
      CREATE TRIGGER line_events_no_update BEFORE UPDATE ON line_events
        BEGIN SELECT RAISE(ABORT, 'line events are append-only'); END;
      CREATE TRIGGER line_events_no_delete BEFORE DELETE ON line_events
        BEGIN SELECT RAISE(ABORT, 'line events are append-only'); END;
    `);
  },
};
