// Brands: a form can be switched off on its own (settings.md "Brands"): the counter stops offering it, the
// cards already bought keep their name. Every form a shop has today stays on.
import type { Migration } from '../migrate';

export const m0009: Migration = {
  version: 9,
  name: 'brands',
  up(db) {
    db.exec(`ALTER TABLE brand_forms ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));`);
  },
};
