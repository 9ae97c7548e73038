// Hardening: a person's PIN lockouts grow with each one in a row, and wrong recovery passphrases
// (PIN recovery and key unlock) count towards a lockout of their own. Both survive a restart.
import type { Migration } from '../migrate';

export const m0007: Migration = {
  version: 7,
  name: 'auth-throttle',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN pin_lockouts INTEGER NOT NULL DEFAULT 0 CHECK (pin_lockouts >= 0);

      CREATE TABLE recovery_throttle (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
        locked_until INTEGER
      ) STRICT;
      INSERT INTO recovery_throttle (id) VALUES (1);
    `);
  },
};
