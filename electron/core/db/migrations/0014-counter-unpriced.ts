// A card the counter's offer could not price (no fresh quote, or none that takes it) says so on its line until it is
// priced, so the clerk sees why and the owner can give that card a manual exit rate (docs/counter.md).
import type { Migration } from '../migrate';

export const m0014: Migration = {
  version: 14,
  name: 'counter-unpriced',
  up(db) {
    db.exec(
      "ALTER TABLE trade_lines ADD COLUMN unpriced TEXT CHECK (unpriced IS NULL OR unpriced IN ('STALE_QUOTES', 'NO_ELIGIBLE_QUOTE'))",
    );
  },
};
