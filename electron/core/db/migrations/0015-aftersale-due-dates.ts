// After-sale (spec §8, issue 16): each resale batch's expected settlement date — the business day it was sent plus
// its settlement days, from the platform's reference quotes unless the owner says otherwise — so a batch not paid
// by then raises 到账延迟; and money recovered from a customer for a loss, one row per recovery naming the loss (the
// event that recorded it) and, for cash, the drawer's cash-in entry. Recoveries are never changed.
import type { Migration } from '../migrate';

export const m0015: Migration = {
  version: 15,
  name: 'aftersale-due-dates',
  up(db) {
    db.exec(`
      ALTER TABLE resale_batches ADD COLUMN settlement_days INTEGER NOT NULL DEFAULT 0 CHECK (settlement_days BETWEEN 0 AND 90);
      ALTER TABLE resale_batches ADD COLUMN due_date TEXT NOT NULL DEFAULT '';
      -- Batches sent before: the platform's longest settlement time among its quotes (none known: the day sent).
      UPDATE resale_batches SET settlement_days = COALESCE((SELECT MAX(q.settlement_days) FROM quotes q WHERE q.source = resale_batches.platform), 0);
      UPDATE resale_batches SET due_date = date(
        COALESCE((SELECT d.business_date FROM days d WHERE d.id = resale_batches.day_id), substr(created_at, 1, 10)),
        '+' || settlement_days || ' days');

      CREATE TABLE loss_recoveries (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES line_events (id),
        day_id TEXT NOT NULL REFERENCES days (id),
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        reference TEXT,
        cash_movement_id TEXT REFERENCES cash_movements (id)
      ) STRICT;
      CREATE INDEX loss_recoveries_event ON loss_recoveries (event_id);
      CREATE INDEX loss_recoveries_day ON loss_recoveries (day_id);
      CREATE TRIGGER loss_recoveries_no_update BEFORE UPDATE ON loss_recoveries BEGIN SELECT RAISE(ABORT, 'a recovery never changes'); END;
      CREATE TRIGGER loss_recoveries_no_delete BEFORE DELETE ON loss_recoveries BEGIN SELECT RAISE(ABORT, 'a recovery never changes'); END;
      CREATE INDEX resale_batches_due ON resale_batches (due_date) WHERE settled_fen IS NULL;
    `);
  },
};
