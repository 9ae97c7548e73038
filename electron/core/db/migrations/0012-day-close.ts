// The evening close (spec §7, issue 15): every drawer count taken to close the day is kept, so a recount (or a
// count made only to learn the expected cash) shows on the Z-report; and the trades not yet paid are found
// without reading every trade, since the close lists and voids them (they never cross a seal).
import type { Migration } from '../migrate';

export const m0012: Migration = {
  version: 12,
  name: 'day-close',
  up(db) {
    db.exec(`
      -- One row per count of the drawer for the close, numbered from 1 within the day; never changed.
      CREATE TABLE day_counts (
        id TEXT PRIMARY KEY,
        day_id TEXT NOT NULL REFERENCES days (id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        count TEXT NOT NULL,
        counted_fen INTEGER NOT NULL,
        expected_fen INTEGER NOT NULL,
        discrepancy_fen INTEGER NOT NULL,
        UNIQUE (day_id, seq)
      ) STRICT;
      CREATE TRIGGER day_counts_no_update BEFORE UPDATE ON day_counts BEGIN SELECT RAISE(ABORT, 'a drawer count never changes'); END;
      CREATE TRIGGER day_counts_no_delete BEFORE DELETE ON day_counts BEGIN SELECT RAISE(ABORT, 'a drawer count never changes'); END;

      -- The trades still open to payment: few at any time, among all the shop ever made.
      CREATE INDEX trades_unpaid ON trades (created_at) WHERE status IN ('draft', 'quoted', 'agreed');
    `);
  },
};
