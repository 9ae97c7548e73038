// Source of funds (spec §5, 资金来源说明): where the customer's cards came from, recorded whenever identity is
// required. The trade row holds it while the trade can still change; paying copies it into the trade's identity
// snapshot (trade_identities), which never changes. Trades paid before this carry none.
import type { Migration } from '../migrate';

const SOURCES = "('gift', 'benefit', 'purchase', 'other')";

export const m0013: Migration = {
  version: 13,
  name: 'screen-funds-source',
  up(db) {
    db.exec(`
      ALTER TABLE trades ADD COLUMN funds_source TEXT CHECK (funds_source IN ${SOURCES});
      ALTER TABLE trades ADD COLUMN funds_note TEXT;
      ALTER TABLE trade_identities ADD COLUMN funds_source TEXT CHECK (funds_source IN ${SOURCES});
      ALTER TABLE trade_identities ADD COLUMN funds_note TEXT;
    `);
  },
};
