// Versioned migrations: the version in hq_meta, all pending ones in one transaction under an advisory lock (two
// processes starting at once migrate once), a database from a newer head office refused before anything changes.
import { z } from 'zod';
import type { Db, Queryable } from './types';
import { MIGRATIONS, type Migration } from './migrations';

const MIGRATION_LOCK = 7_170_017;
const Version = z.object({ value: z.string() });
const Exists = z.object({ present: z.boolean() });

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This head-office database was written by a newer CardDesk head office (schema ${found}; this one knows up to ${known}). ` +
        'Run the newer head office; nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export async function schemaVersion(q: Queryable): Promise<number> {
  const t = await q.get(Exists, "SELECT to_regclass('hq_meta') IS NOT NULL AS present");
  if (!t?.present) return 0;
  const v = await q.get(Version, "SELECT value FROM hq_meta WHERE key = 'schema_version'");
  return v ? Number(v.value) : 0;
}

export const knownVersion = (migrations: readonly Migration[] = MIGRATIONS) =>
  migrations.reduce((m, x) => Math.max(m, x.version), 0);

/** Migrates to `target` (the newest by default); answers the version reached. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target?: number): Promise<number> {
  const known = knownVersion(migrations);
  return db.tx(async (q) => {
    await q.get(z.unknown(), 'SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await schemaVersion(q);
    if (current > known) throw new DatabaseTooNewError(current, known);
    const goal = target ?? known;
    const pending = [...migrations]
      .filter((m) => m.version > current && m.version <= goal)
      .sort((a, b) => a.version - b.version);
    if (pending.length === 0) return current;
    for (const m of pending) await q.exec(m.sql);
    await q.run(
      "INSERT INTO hq_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(goal)],
    );
    return goal;
  });
}
