// Head office in tests: one database per test file on either driver (PGlite in-process, or a real PostgreSQL
// started for the file), emptied between head offices; head offices over it on loopback, on the test's clock.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../hq/db/migrate';
import { MIGRATIONS } from '../../hq/db/migrations';
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

/**
 * A migrated PGlite database as a gzipped tar, made once per machine for these migrations and this PGlite, so each
 * test file opens a copy (about a second) instead of running initdb and the migrations again.
 */
async function pgliteTemplate(): Promise<Blob> {
  const pglite = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..');
  const id = createHash('sha256')
    .update(fs.readFileSync(path.join(pglite, 'package.json')))
    .update(JSON.stringify(MIGRATIONS))
    .digest('hex')
    .slice(0, 16);
  const file = path.join(os.tmpdir(), `carddesk-hq-pglite-${id}.tar.gz`);
  if (!fs.existsSync(file)) {
    const db = await openPglite(null);
    await migrate(db);
    const blob = await db.dump();
    await db.close();
    // Written aside then renamed: files started at once never read half a template.
    const part = `${file}.${process.pid}.part`;
    fs.writeFileSync(part, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(part, file);
  }
  return new Blob([fs.readFileSync(file)]);
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
      const db = await openPglite(null, (l) => pgliteLog.push(l), await pgliteTemplate());
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
  'console_journal',
  'console_sessions',
  'login_failures',
  'person_groups',
  'day_refusals',
  'nonces',
  'live_cards',
  'live_trades',
  'customer_days',
  'alerts',
  'watch_proposals',
  'pricing',
  'group_quotes',
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
  o: {
    port?: number;
    empty?: boolean;
    log?: (line: string) => void;
    maxActive?: number;
    maxQueued?: number;
    secureCookies?: boolean;
  } = {},
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
    secureCookies: o.secureCookies,
  });
  const port = await hq.listen(o.port ?? 0);
  return { hq, url: `http://127.0.0.1:${port}`, port, close: () => hq.close() };
}
