// The cash each business day paid out for cards, kept by the database, so the drawer's expected cash (asked
// before every cash payout, spec §7) is one read rather than a sum over the day's payments. It is a named counter
// (`cash-paid:<day id>`) that only these triggers write: a trade's cash parts count on the day it was paid, whether
// they were written before the trade took its paid day (as a payment does) or after; days paid before the upgrade
// are summed once here. It holds the sum the drawer read before: every cash part of every trade paid on that day,
// voided or not (a void's refund is added back from the void). Payments never change once written.
import type { Migration } from '../migrate';

export const m0017: Migration = {
  version: 17,
  name: 'drawer-payouts',
  up(db) {
    db.exec(`
      INSERT INTO counters (name, value)
        SELECT 'cash-paid:' || t.paid_day, SUM(p.amount_fen) FROM payments p JOIN trades t ON t.id = p.trade_id
        WHERE p.method = 'cash' AND t.paid_day IS NOT NULL GROUP BY t.paid_day;
      CREATE TRIGGER payments_cash_paid AFTER INSERT ON payments
        WHEN NEW.method = 'cash' AND (SELECT paid_day FROM trades WHERE id = NEW.trade_id) IS NOT NULL
      BEGIN
        INSERT INTO counters (name, value)
          SELECT 'cash-paid:' || paid_day, NEW.amount_fen FROM trades WHERE id = NEW.trade_id
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER trades_cash_paid AFTER UPDATE OF paid_day ON trades
        WHEN OLD.paid_day IS NOT NEW.paid_day
      BEGIN
        UPDATE counters SET value = value - (SELECT COALESCE(SUM(amount_fen), 0) FROM payments WHERE trade_id = NEW.id AND method = 'cash')
          WHERE name = 'cash-paid:' || OLD.paid_day;
        INSERT INTO counters (name, value)
          SELECT 'cash-paid:' || NEW.paid_day, COALESCE(SUM(amount_fen), 0) FROM payments WHERE trade_id = NEW.id AND method = 'cash' AND NEW.paid_day IS NOT NULL
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'a payment never changes'); END;
      CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'a payment never changes'); END;
    `);
  },
};
