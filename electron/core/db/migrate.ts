// Schema versions in PRAGMA user_version; versions only increase; all pending ones in one transaction.
import type { Db } from './connection';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This data was written by a newer CardDesk (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer CardDesk to open it; nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database from a newer CardDesk before anything (even a pragma) touches it. */
export function assertNotNewer(db: Db, migrations: readonly Migration[]): { current: number; known: number } {
  const known = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseTooNewError(current, known);
  return { current, known };
}

export function migrate(db: Db, migrations: readonly Migration[], target?: number): number {
  const { current, known } = assertNotNewer(db, migrations);
  const goal = target ?? known;
  const pending = [...migrations]
    .filter((m) => m.version > current && m.version <= goal)
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  if (db.readonly) throw new Error(`the database needs migrating from ${current} to ${goal} but is open read-only`);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${Math.trunc(goal)}`);
  })();
  return goal;
}
