// Opening the database: the pragmas money needs, then migrations. Nothing here scans a table.
import Database from 'better-sqlite3';
import { assertNotNewer, migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Db } from './connection';

export type { Db } from './connection';

export interface OpenOptions {
  readonly?: boolean;
  migrations?: readonly Migration[];
  /** The better-sqlite3 addon built for Electron, when running Electron from source. */
  nativeBinding?: string;
}

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, nativeBinding: opts.nativeBinding });
  const migrations = opts.migrations ?? MIGRATIONS;
  try {
    assertNotNewer(db, migrations);
    if (!opts.readonly) applyPragmas(db);
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
