// Builds the whole backend from a data directory and ports. No module-level state: two backends can
// live in one process (tests do that).
import path from 'node:path';
import { calls, type CallName, type EventMessage } from '../../shared/contract';
import { authHandlers } from './auth/handlers';
import { Sessions } from './auth/sessions';
import { RecoveryThrottle } from './auth/throttle';
import type { HandlerMap, PrepareMap } from './context';
import { openDatabase, type Db } from './db/open';
import { privateDataFolder, privateDir } from './db/private-files';
import { schemaVersion, type Migration } from './db/migrate';
import { Sql } from './db/sql';
import { journalHandlers } from './journal/handlers';
import { Journal } from './journal/service';
import type { ScryptParams } from './keys/crypto';
import { Keys } from './keys/service';
import type { Ports } from './ports';
import { settingsHandlers } from './settings/handlers';
import { Settings } from './settings/service';
import { OwnerSettings } from './settings/owner';
import { shopHandlers } from './shop/handlers';
import { Shop } from './shop/service';
import { staffHandlers } from './staff/handlers';
import { Staff } from './staff/service';
import { systemHandlers } from './system/handlers';
import { Setup } from './system/setup';
import { catalogHandlers } from './catalog/handlers';
import { Catalog } from './catalog/service';
import { Days } from './days/service';
import { dayHandlers } from './days/handlers';
import { Pricing } from './pricing/service';
import { pricingHandlers } from './pricing/handlers';
import { quoteHandlers } from './quotes/handlers';
import { Quotes } from './quotes/service';
import { tradeHandlers } from './trades/handlers';
import { Lines } from './trades/lines';
import { TradeCustomer } from './trades/customer';
import { TradeSearch } from './trades/search';
import { Trades } from './trades/service';
import { Compliance } from './compliance/service';
import { ComplianceReports } from './compliance/report';
import { complianceHandlers } from './compliance/handlers';
import { Printing } from './printing/service';
import { printingHandlers } from './printing/handlers';
import { Ledger } from './days/ledger';
import { ledgerHandlers } from './ledger/handlers';
import { Review } from './ledger/service';
import { Evidence } from './ledger/evidence';
import { Resale } from './resale/service';
import { resaleHandlers } from './resale/handlers';
import { AfterSaleFigures } from './resale/figures';
import { Losses } from './resale/losses';
import { Backups, HIGH_WATER } from './backups/service';
import { backupHandlers } from './backups/handlers';
import { Restore } from './backups/restore';
import { ChainKey } from './sync/chain';
import { chainHash } from '../../shared/protocol/signing';
import { APP_VERSION } from '../../shared/protocol/version';
import { Sync } from './sync/service';
import { ChainCards } from './sync/cards';
import { syncHandlers } from './sync/handlers';
import { Displays } from './display/service';
import { displayHandlers } from './display/handlers';
import { numberAad } from './trades/lines';
import { normalise } from '../../shared/domain/normalise';

export const DB_FILE = 'carddesk.sqlite';

export interface BackendOptions extends Ports {
  dataDir: string;
  testMode?: boolean;
  /** Where log lines go; they never carry input values. */
  log?: (line: string) => void;
  /** Lower scrypt cost for the passphrase, for tests that unwrap many times. */
  passphraseKdf?: ScryptParams;
  nativeBinding?: string;
  /** The CJK font embedded in PDFs (resources/fonts). */
  fontFile?: string;
  /** Only for making upgrade fixtures: open with the migrations of an earlier release. */
  migrations?: readonly Migration[];
}

/** Joins the feature maps; a name defined twice, or a call without a handler, is caught at start. */
function merge(...maps: Partial<HandlerMap>[]): HandlerMap {
  const all: Partial<HandlerMap> = {};
  for (const m of maps) {
    for (const k of Object.keys(m) as CallName[]) {
      if (k in all) throw new Error(`handler ${k} is defined twice`);
      Object.assign(all, { [k]: m[k] });
    }
  }
  const missing = (Object.keys(calls) as CallName[]).filter((k) => !(k in all));
  if (missing.length > 0) throw new Error(`calls without a handler: ${missing.join(', ')}`);
  return all as HandlerMap;
}

export function createBackend(opts: BackendOptions) {
  privateDir(opts.dataDir);
  const db: Db = openDatabase(path.join(opts.dataDir, DB_FILE), {
    nativeBinding: opts.nativeBinding,
    migrations: opts.migrations,
  });
  // SQLite makes the WAL and shared-memory files with the database file's mode, so narrowing it here covers them.
  privateDataFolder(opts.dataDir, ['', '-wal', '-shm', '-journal'].map((s) => `${DB_FILE}${s}`).concat(HIGH_WATER), [
    'backups',
    'logs',
  ]);
  const sql = new Sql(db);
  const log = opts.log ?? (() => {});
  const journal = new Journal(sql, opts.clock);
  const keys = new Keys(sql, opts.keys, opts.random, opts.passphraseKdf);
  const shop = new Shop(sql);
  const settings = new Settings(sql);
  const sessions = new Sessions(opts.clock, opts.random);
  const staff = new Staff(sql, journal, keys, opts.clock, opts.ids, opts.random);
  const catalog = new Catalog(sql);
  const days = new Days(sql, opts.clock, opts.ids, settings);
  const quotes = new Quotes(sql, opts.clock, opts.ids, settings, days, catalog);
  const settingsEnv = {
    dayOpen: () => days.openRow() !== undefined,
    catalogue: () => catalog.list().map((b) => ({ brand: b.code, forms: b.forms.map((f) => f.form) })),
  };
  const ownerSettings = new OwnerSettings(settings, settingsEnv);
  const pricing = new Pricing(quotes, settings, days, opts.clock, ownerSettings);
  const chain = new ChainKey(settings, keys);
  const compliance = new Compliance(sql, keys, opts.clock, opts.ids, settings, journal, chain);
  const afterSale = new AfterSaleFigures(sql);
  const reports = new ComplianceReports(sql, settings, opts.clock, afterSale);
  const lines = new Lines(sql, catalog, keys, compliance, (n) => chain.hash(n));
  // Cards across the chain need the sync client, made below; the counter reaches them through this.
  const chainAtCounter = {
    applies: () => chainCards.applies(),
    bought: (...a: Parameters<ChainCards['bought']>) => chainCards.bought(...a),
    voided: (tradeId: string, tradeNo: string, at: string) => chainCards.voided(tradeId, tradeNo, at),
  };
  const trades = new Trades(
    sql,
    opts.clock,
    opts.ids,
    keys,
    lines,
    pricing,
    days,
    settings,
    shop,
    compliance,
    chainAtCounter,
  );
  const listeners = new Set<(e: EventMessage) => void>();
  const emit = (e: EventMessage): void => {
    for (const l of listeners) l(e);
  };
  const ledger = new Ledger(
    sql,
    days,
    journal,
    shop,
    reports,
    () => {
      const key = chain.get();
      return key ? (lineId, numberEnc) => chainHash(key, normalise(keys.decrypt(numberAad(lineId), numberEnc))) : null;
    },
    () => {
      const key = chain.get();
      return key && settings.get('sync').customerMatching
        ? (customerId, phoneEnc) => chainHash(key, compliance.phoneOf(customerId, phoneEnc))
        : null;
    },
    afterSale,
  );
  const printing = new Printing(
    sql,
    opts.clock,
    opts.ids,
    opts.scheduler,
    settings,
    shop,
    trades.views,
    opts.printer,
    (pending) => emit({ name: 'printing.changed', payload: { pending } }),
    log,
    (dayId) => ledger.report(dayId),
  );
  const resale = new Resale(sql, opts.clock, opts.ids, keys, days);
  const losses = new Losses(sql, opts.clock, opts.ids, days);
  const dbFile = path.join(opts.dataDir, DB_FILE);
  const backups = new Backups(sql, opts.dataDir, dbFile, settings, opts.clock, log, opts.nativeBinding);
  const gate = { restoring: false };
  const sync = new Sync({
    version: `${APP_VERSION}/${schemaVersion(db)}`,
    sql,
    settings,
    keys,
    shop,
    quotes,
    clock: opts.clock,
    random: opts.random,
    scheduler: opts.scheduler,
    hq: opts.hq,
    log,
    changed: () => emit({ name: 'sync.changed', payload: {} }),
    journal: (kind, ref, payload) => journal.append({ staff: null, kind, ref, payload }),
    addWatch: (entries) => compliance.addChainWatch(entries),
    applyBrands: (brands, before) => {
      const { codes, changes } = catalog.applyChain(brands, before);
      // Journaled like the owner's saves (the Z-report lists them), by head office rather than a person.
      for (const c of changes)
        journal.append({ staff: null, kind: 'catalog.upserted', ref: c.brand, payload: { ...c, by: 'hq' } });
      // The pull's transaction ends synchronously: whoever reads on this event reads it committed.
      if (changes.length > 0) emit({ name: 'catalog.changed', payload: {} });
      return codes;
    },
  });
  const chainCards: ChainCards = new ChainCards({
    sql,
    sync,
    settings,
    shop,
    clock: opts.clock,
    random: opts.random,
    scheduler: opts.scheduler,
    hasChainKey: () => settings.get('sync').chainKey !== null,
    tradeChanged: (tradeId) => emit({ name: 'trades.changed', payload: { tradeId } }),
    log,
  });
  const loadKeys = () => {
    const installId = shop.installId();
    if (installId) keys.load(installId);
  };
  loadKeys();
  let highWaterTimer: (() => void) | null = null;
  const highWaterSoon = () => {
    highWaterTimer ??= opts.scheduler.after(200, () => {
      highWaterTimer = null;
      if (!gate.restoring && sql.db.open) backups.writeHighWater();
    });
  };
  // After a commit: the high-water mark beside the database, and the backups of spec §7.
  const background = (what: Promise<unknown>) => void what.catch(() => undefined);
  listeners.add((e) => {
    if (gate.restoring) return;
    if (e.name === 'day.sealed') {
      backups.writeHighWater();
      background(backups.run('daily'));
      sync.kick();
    } else if (e.name === 'day.changed') {
      backups.recount();
    } else if (e.name === 'trades.changed') {
      // The high-water file matters when the database itself cannot be read; it is written just after the
      // counter moved, off the counter's answer (the seal writes it at once).
      highWaterSoon();
      if ('paidAt' in e.payload && typeof e.payload.paidAt === 'string') backups.notePaid(e.payload.paidAt);
      if (backups.paidSinceLast() >= settings.get('backupEveryTrades')) background(backups.run('intra'));
    }
  });
  // Receipts left waiting by the last run go out now.
  printing.kick();

  // Head office is tried at start, after each seal, on a network change, and on its own while days wait.
  const unsubscribe =
    opts.network?.subscribe(() => {
      sync.kick();
      chainCards.kick();
    }) ?? (() => {});
  sync.kick();
  // Live reports left waiting by the last run (a crash between a payment and its report) go out now.
  chainCards.kick();

  const search = new TradeSearch(trades.views, lines, compliance);
  const review = new Review(
    sql,
    days,
    ledger,
    journal,
    settings,
    opts.clock,
    opts.fontFile ?? path.resolve('resources/fonts/wqy-microhei.ttc'),
    afterSale,
  );
  const evidence = new Evidence(
    sql,
    trades.views,
    journal,
    shop,
    settings,
    losses,
    opts.clock,
    opts.fontFile ?? path.resolve('resources/fonts/wqy-microhei.ttc'),
  );
  const restore = new Restore({
    backups,
    sql,
    settings,
    shop,
    staff,
    keys,
    keyStore: opts.keys,
    random: opts.random,
    journal,
    passphraseKdf: opts.passphraseKdf,
    gate,
    remoteState: () => sync.remoteState(),
    remoteStateOf: (backup) => sync.remoteStateOf(backup),
    reopened: () => {
      settings.invalidate();
      shop.invalidate();
      loadKeys();
      // Who may act is the restored database's say: its staff, their roles, their names.
      sessions.follow(staff.activeList());
    },
    changed: () => {
      emit({ name: 'day.changed', payload: {} });
      emit({ name: 'shop.changed', payload: {} });
    },
  });
  const displays = new Displays({
    sessions,
    random: opts.random,
    clock: opts.clock,
    trades: trades.views,
    quotes,
    pricing,
    catalog,
    shop,
  });
  const services = {
    displays,
    sync,
    chainCards,
    chain,
    sql,
    journal,
    keys,
    shop,
    settings,
    ownerSettings,
    sessions,
    staff,
    catalog,
    days,
    quotes,
    pricing,
    lines,
    trades,
    search,
    compliance,
    reports,
    printing,
    ledger,
    review,
    resale,
    losses,
    afterSale,
    backups,
    restore,
    gate,
  };

  const throttle = new RecoveryThrottle(sql, journal, opts.clock);
  // For calls that derive a key off the main thread and then write: the same rollback care as dispatch's.
  const tx = <T>(fn: () => T): T => {
    try {
      return sql.tx(fn);
    } catch (e) {
      settings.invalidate();
      shop.invalidate();
      throw e;
    }
  };
  const setup = new Setup({ shop, staff, keys, catalog, quotes, clock: opts.clock, ids: opts.ids, throttle, tx });
  const handlers: HandlerMap = merge(
    systemHandlers({
      shop,
      setup,
      keys,
      keyStore: opts.keys,
      sessions,
      settings,
      random: opts.random,
      testMode: opts.testMode ?? false,
      schemaVersion: schemaVersion(db),
    }),
    authHandlers({ staff, sessions, settings, setup }),
    staffHandlers(staff, sessions),
    shopHandlers(shop),
    settingsHandlers(settings, ownerSettings),
    journalHandlers(journal),
    catalogHandlers(catalog, () => settings.get('hqPricing').appliedBrands),
    quoteHandlers(quotes, pricing),
    pricingHandlers(pricing),
    dayHandlers(days, ledger, printing),
    ledgerHandlers(review, days, ledger, printing, evidence),
    resaleHandlers(resale, losses),
    syncHandlers(sync, chainCards),
    backupHandlers(backups, restore),
    tradeHandlers(trades, search, journal, printing, chainCards),
    printingHandlers(printing, settings),
    complianceHandlers({
      compliance,
      reports,
      customers: new TradeCustomer(trades, compliance, days, opts.clock),
      search,
    }),
    displayHandlers(displays),
  );

  const prepare: PrepareMap = { 'trades.pay': (i) => chainCards.beforePayment(i.tradeId) };

  return {
    services,
    handlers,
    prepare,
    log,
    ports: opts as Ports,
    dataDir: opts.dataDir,
    emit,
    on(listener: (e: EventMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      unsubscribe();
      if (sql.db.open) sql.db.close();
    },
  };
}

export type Backend = ReturnType<typeof createBackend>;
