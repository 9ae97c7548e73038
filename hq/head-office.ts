// Head office assembled over a database: migrations, the server key checked against the database, the services,
// and the HTTP server. No module state: tests run several head offices on one database, one at a time or at once.
import type http from 'node:http';
import { Alerts, ChainSettings } from './alerts';
import { Cards } from './cards';
import { ChainKey } from './chain';
import { createConsole } from './console/routes';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { Days } from './days';
import { Feeds } from './feeds';
import { ServerKeyError, type ServerKey } from './keys';
import { initMeta, readMeta } from './meta';
import { People } from './people';
import { Pricing } from './pricing';
import { createServer, type Fault } from './server';
import { Shops } from './shops';

export interface HeadOfficeOptions {
  db: Db;
  key: ServerKey;
  /** Head office's clock in epoch seconds. */
  now?: () => number;
  log?: (line: string) => void;
  maxBodyBytes?: number;
  maxActive?: number;
  maxQueued?: number;
  /** Test and trial hook: faults applied to the next day pushes. */
  faults?: boolean;
  /**
   * Connections of the counter's lane (the card routes), so a check never waits for one behind the sealed days
   * being stored; its owner closes it. The main database when not given (PGlite: one connection anyway).
   */
  counterDb?: Db;
  /** The console's cookies marked `Secure` (behind a TLS proxy; docs/console.md). */
  secureCookies?: boolean;
  /** The built console UI (dist/hq/console); none: the console's API only. */
  consoleUi?: string | null;
}

export interface HeadOffice {
  db: Db;
  shops: Shops;
  days: Days;
  feeds: Feeds;
  chain: ChainKey;
  people: People;
  cards: Cards;
  pricing: Pricing;
  settings: ChainSettings;
  alerts: Alerts;
  server: http.Server;
  queueFaults(...f: Fault[]): void;
  listen(port: number, host?: string): Promise<number>;
  /** Stops answering; the database stays open (its owner closes it). */
  close(): Promise<void>;
}

const KEY_CHECK = 'server_key_check';

/** Migrates, then refuses a server key other than the one the database was set up with. */
export async function prepare(db: Db, key: ServerKey): Promise<void> {
  await migrate(db);
  await initMeta(db, KEY_CHECK, key.check());
  const check = await readMeta(db, KEY_CHECK);
  if (!check || !key.matches(check))
    throw new ServerKeyError('this server key is not the one this database was set up with; nothing was changed');
}

export async function openHeadOffice(o: HeadOfficeOptions): Promise<HeadOffice> {
  await prepare(o.db, o.key);
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const log = o.log ?? (() => {});
  const shops = new Shops(o.db, o.key, now);
  const settings = new ChainSettings(o.db);
  const days = new Days(o.db, now, settings);
  const chain = new ChainKey(o.db, o.key);
  const feeds = new Feeds(o.db, chain, now);
  const people = new People(o.db, now);
  const cards = new Cards(o.db, now);
  const pricing = new Pricing(o.db, now);
  const alerts = new Alerts(o.db, feeds, now);
  const faults: Fault[] | undefined = o.faults ? [] : undefined;
  const server = createServer({
    db: o.db,
    shops,
    days,
    feeds,
    chain,
    cards,
    pricing,
    now,
    log,
    maxBodyBytes: o.maxBodyBytes,
    maxActive: o.maxActive,
    maxQueued: o.maxQueued,
    faults,
    counter: o.counterDb
      ? { shops: new Shops(o.counterDb, o.key, now), cards: new Cards(o.counterDb, now) }
      : undefined,
    console: createConsole({
      db: o.db,
      key: o.key,
      chain,
      feeds,
      pricing,
      alerts,
      now,
      log,
      secureCookies: o.secureCookies ?? false,
      uiDir: o.consoleUi ?? null,
    }),
  });
  return {
    db: o.db,
    shops,
    days,
    feeds,
    chain,
    people,
    cards,
    pricing,
    settings,
    alerts,
    server,
    queueFaults(...f) {
      if (!faults) throw new Error('this head office was started without test hooks');
      faults.push(...f);
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    async close() {
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
