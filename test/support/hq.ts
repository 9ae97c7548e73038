// Head office in tests: one database per test file on either driver (PGlite in-process, or a real PostgreSQL
// started for the file), emptied between head offices; head offices over it on loopback, on the test's clock.
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../hq/db/migrate';
import { openPg } from '../../hq/db/pg';
import { openPglite } from '../../hq/db/pglite';
import type { Db, Driver } from '../../hq/db/types';
import { openHeadOffice, type HeadOffice } from '../../hq/head-office';
import { ServerKey } from '../../hq/keys';
import { startPostgres, type PgServer } from './postgres';

export const DRIVERS: readonly Driver[] = ['pglite', 'pg'];
/** The server key of every test head office (tests only). */
export const TEST_SERVER_KEY = ServerKey.fromHex('5e'.repeat(32));

export interface HqDatabase {
  db: Db;
  driver: Driver;
  /** The PostgreSQL server (pg driver only). */
  pg: PgServer | null;
  /** PostgreSQL's messages from PGlite (pglite driver only). */
  pgliteLog: string[];
}

/** Opens a database for the file (migrated), closed and its server stopped after the file. */
export function useHqDatabase(driver: Driver, o: { logStatements?: boolean } = {}): () => HqDatabase {
  let held: HqDatabase | null = null;
  beforeAll(async () => {
    if (driver === 'pg') {
      const pg = await startPostgres(o);
      const db = openPg(pg.url, 20);
      await migrate(db);
      held = { db, driver, pg, pgliteLog: [] };
    } else {
      const pgliteLog: string[] = [];
      const db = await openPglite(null, (l) => pgliteLog.push(l));
      await migrate(db);
      held = { db, driver, pg: null, pgliteLog };
    }
  }, 120_000);
  afterAll(async () => {
    await held?.db.close();
    held?.pg?.stop();
  });
  return () => {
    if (!held) throw new Error('the head-office database is not open yet');
    return held;
  };
}

const DATA_TABLES = [
  'nonces',
  'cards',
  'day_figures',
  'month_figures',
  'month_totals',
  'days',
  'shop_secrets',
  'shops',
  'feed',
  'watch',
  'people',
];

/** Empties head office's tables (and its chain key), keeping the schema and the server key's check value. */
export async function emptyHq(db: Db): Promise<void> {
  await db.exec(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY`);
  await db.run("DELETE FROM hq_meta WHERE key NOT IN ('schema_version', 'server_key_check')");
}

export interface TestHq {
  hq: HeadOffice;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** An emptied head office with test hooks, on `now` (epoch seconds), listening on loopback. */
export async function testHeadOffice(
  db: Db,
  now: () => number,
  o: { port?: number; empty?: boolean; log?: (line: string) => void; maxActive?: number; maxQueued?: number } = {},
): Promise<TestHq> {
  if (o.empty !== false) await emptyHq(db);
  const hq = await openHeadOffice({
    db,
    key: TEST_SERVER_KEY,
    now,
    faults: true,
    log: o.log,
    maxActive: o.maxActive,
    maxQueued: o.maxQueued,
  });
  const port = await hq.listen(o.port ?? 0);
  return { hq, url: `http://127.0.0.1:${port}`, port, close: () => hq.close() };
}
