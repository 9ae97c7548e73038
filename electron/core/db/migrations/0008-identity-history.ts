// Identity history: every identity a customer has had, and the identity each paid trade was
// agreed under, both append-only. The customer's row keeps only the current identity (for look-up); a paid trade
// reads its own copy, so a later change of the customer's ID never rewrites an earlier trade's record.
import type { Migration } from '../migrate';

const sealed = (table: string, what: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} never changes'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${what} never changes'); END;`;

export const m0008: Migration = {
  version: 8,
  name: 'identity-history',
  up(db) {
    db.exec(`
      -- Each version of a customer's identity, numbered from 1; the ID number encrypted as in customers.id_enc
      -- (same key, bound to the customer), hashed for look-up by an earlier number.
      CREATE TABLE customer_identities (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL,
        id_type TEXT NOT NULL CHECK (id_type IN ('resident', 'passport', 'hk_macau', 'taiwan')),
        id_enc BLOB NOT NULL,
        id_hash TEXT NOT NULL,
        id_masked TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        -- Who recorded it and the owner who approved a change (NULL for the version carried over by this migration).
        staff_id TEXT,
        approved_by TEXT,
        UNIQUE (customer_id, version)
      ) STRICT;
      CREATE INDEX customer_identities_hash ON customer_identities (id_hash);
      ${sealed('customer_identities', 'an identity version')}

      -- The identity a trade was paid under (it cannot change after agreeing and paying), copied when it is paid.
      CREATE TABLE trade_identities (
        trade_id TEXT PRIMARY KEY REFERENCES trades (id),
        customer_id TEXT NOT NULL REFERENCES customers (id),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        id_type TEXT NOT NULL CHECK (id_type IN ('resident', 'passport', 'hk_macau', 'taiwan')),
        id_enc BLOB NOT NULL,
        id_masked TEXT NOT NULL,
        fixed_at TEXT NOT NULL
      ) STRICT;
      ${sealed('trade_identities', 'a trade’s identity')}

      -- What the shop holds today becomes version 1, and each paid trade keeps the identity its customer has now:
      -- the best record there is of what it was agreed under.
      INSERT INTO customer_identities (id, customer_id, version, name, id_type, id_enc, id_hash, id_masked, recorded_at)
        SELECT id || ':1', id, 1, COALESCE(name, ''), id_type, id_enc, id_hash, id_masked, created_at FROM customers
        WHERE id_enc IS NOT NULL AND id_type IS NOT NULL AND id_hash IS NOT NULL AND id_masked IS NOT NULL;
      INSERT INTO trade_identities (trade_id, customer_id, version, name, id_type, id_enc, id_masked, fixed_at)
        SELECT t.id, i.customer_id, i.version, i.name, i.id_type, i.id_enc, i.id_masked, COALESCE(t.paid_at, t.created_at)
        FROM trades t JOIN customer_identities i ON i.customer_id = t.customer_id WHERE t.status = 'paid';
    `);
  },
};
