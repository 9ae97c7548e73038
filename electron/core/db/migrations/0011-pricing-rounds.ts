// Each negotiation group keeps the round limit it was offered under (settings.md: nothing decided moves), so a
// change of the setting reaches a group only when the clerk offers again (F4). Groups offered before this had the
// shipped limit of 6, the only one there was.
import type { Migration } from '../migrate';

export const m0011: Migration = {
  version: 11,
  name: 'pricing-rounds',
  up(db) {
    db.exec('ALTER TABLE trade_groups ADD COLUMN max_rounds INTEGER NOT NULL DEFAULT 6 CHECK (max_rounds >= 1)');
  },
};
