// Backups and restore (spec §7). A backup is SQLite's online backup written to a `.partial` file, synced, then
// renamed: a half file is never counted. After each seal ("daily") and every N paid trades ("intra"), to the data
// folder's backups and to the owner's second target. Retention: the newest 10 intra-day, the newest 7 daily, and
// the newest daily of each of the 12 most recent months before those ("monthly").
//
// Restore swaps the database file by a rename (the old or the new, never a mix), after backing up the current one,
// and never lets a counter go back: Z and trade numbers continue from the highest of the restored database, the
// high-water file beside it and the Z number the owner read off the last printed Z-report.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError, type BackupFile, type BackupsView } from '../../../shared/contract';
import { openDatabase, type Db } from '../db/open';
import { CounterRow, CounterValue, N, ShopRow } from '../db/rows';
import { Sql } from '../db/sql';
import { readJson } from '../db/stored';
import { privateDir, privateFile } from '../db/private-files';
import type { Clock } from '../ports';
import type { Settings } from '../settings/service';

const ShopCode = ShopRow.pick({ code: true });

const LastSealed = z.object({ d: z.string().nullable() });

export const RETENTION = { intra: 10, daily: 7, monthly: 12 } as const;
type Kind = BackupFile['kind'];
const NAME = /^carddesk-(intra|daily|monthly|before-restore)-(\d{8}T\d{6}\d{3}Z)\.sqlite$/;
export const HIGH_WATER = 'high-water.json';

/** The high-water file beside the database; `tradeDate`/`tradeSeq`: the newest business date's last trade number. */
const HighWater = z.object({ z: z.number(), tradeDate: z.string().nullable(), tradeSeq: z.number() });
export type HighWater = z.infer<typeof HighWater>;

export interface BackupSource {
  file: string;
  lastSealed: string | null;
  shopCode: string | null;
  /** The backup's own Z counter: the last Z number it knows of. */
  lastZ: number;
  /** It carries the passphrase-wrapped keys a new PC needs. */
  hasKeys: boolean;
}

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:.]/g, '')
    .replace(/(\d{6})(\d{3})Z$/, '$1$2Z');
}

function parseStamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : s;
}

function writeSynced(file: string, data: string): void {
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  privateFile(tmp);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** What a backup file holds, read without changing it; refuses what is not a sound CardDesk database. */
export function inspectBackup(file: string): BackupSource {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'no such backup file', { field: 'path' });
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('quick_check', { simple: true });
    const sql = new Sql(db);
    const hasShop = sql.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'shop'");
    if (ok !== 'ok' || !hasShop) throw new Error('not a sound CardDesk database');
    const hasDays = sql.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'days'");
    const last = hasDays
      ? (sql.get(LastSealed, "SELECT MAX(business_date) AS d FROM days WHERE status = 'closed'")?.d ?? null)
      : null;
    const shop = sql.get(ShopCode, 'SELECT code FROM shop LIMIT 1');
    const table = (name: string) => sql.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name);
    const lastZ = table('counters')
      ? (sql.get(CounterValue, "SELECT value FROM counters WHERE name = 'z'")?.value ?? 0)
      : 0;
    const hasKeys = table('key_wrap') && sql.exists('SELECT 1 FROM key_wrap WHERE id = 1');
    return { file, lastSealed: last, shopCode: shop?.code ?? null, lastZ, hasKeys };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', 'this file is not a CardDesk backup', { field: 'path' });
  } finally {
    db?.close();
  }
}

export class Backups {
  private chain: Promise<unknown> = Promise.resolve();
  private lastError: string | null = null;
  private targetFailed = false;
  constructor(
    private readonly sql: Sql,
    private readonly dataDir: string,
    private readonly dbFile: string,
    private readonly settings: Settings,
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
    private readonly nativeBinding?: string,
  ) {}

  get dir(): string {
    return path.join(this.dataDir, 'backups');
  }

  private files(dir: string, where: BackupFile['where']): BackupFile[] {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const out: BackupFile[] = [];
    for (const name of names) {
      const m = NAME.exec(name);
      if (!m) continue;
      try {
        out.push({
          name,
          kind: m[1] as Kind,
          at: parseStamp(m[2] ?? ''),
          bytes: fs.statSync(path.join(dir, name)).size,
          where,
        });
      } catch {
        // A file that vanished while listing is not a backup.
      }
    }
    return out.sort((a, b) => (a.at < b.at ? 1 : -1));
  }

  view(): BackupsView {
    const target = this.settings.get('backupTarget');
    const files = [...this.files(this.dir, 'data'), ...(target ? this.files(target, 'target') : [])];
    return {
      target,
      warning: !target ? 'no_target' : this.targetFailed ? 'target_failed' : null,
      lastError: this.lastError,
      lastBackupAt: files.find((f) => f.where === 'data')?.at ?? null,
      files,
      retention: { ...RETENTION },
    };
  }

  /** Backups run one after another, after the transaction that asked for them committed. */
  run(kind: Kind): Promise<BackupFile> {
    const next = this.chain.then(() => this.runNow(kind));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runNow(kind: Kind): Promise<BackupFile> {
    privateDir(this.dir);
    // Names order by time: a backup is never named before the newest one (two in the same millisecond, or a
    // clock set back, still sort in the order they were made).
    const newest = this.files(this.dir, 'data')[0]?.at;
    const at = Math.max(this.clock.now(), newest ? Date.parse(newest) + 1 : 0);
    const name = `carddesk-${kind}-${stamp(at)}.sqlite`;
    const file = path.join(this.dir, name);
    try {
      await this.sql.db.backup(`${file}.partial`);
      privateFile(`${file}.partial`);
      fsyncFile(`${file}.partial`);
      fs.renameSync(`${file}.partial`, file);
      this.lastError = null;
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : 'backup failed';
      this.log(`backup ${kind}: failed (${e instanceof Error ? e.name : 'error'})`);
      fs.rmSync(`${file}.partial`, { force: true });
      throw new AppError('BACKUP_FAILED', 'the backup could not be written', { where: 'data' });
    }
    const made: BackupFile = { name, kind, at: parseStamp(stamp(at)), bytes: fs.statSync(file).size, where: 'data' };
    this.newest = made.at;
    this.recount();
    this.copyToTarget(file, name);
    this.prune(this.dir);
    return made;
  }

  /** The second copy: a target that is missing or vanishes mid-copy leaves a warning and no counted half file. */
  private copyToTarget(file: string, name: string): void {
    const target = this.settings.get('backupTarget');
    if (!target) return;
    const dest = path.join(target, name);
    try {
      if (!fs.statSync(target).isDirectory()) throw new Error('not a folder');
      fs.copyFileSync(file, `${dest}.partial`);
      privateFile(`${dest}.partial`);
      fsyncFile(`${dest}.partial`);
      fs.renameSync(`${dest}.partial`, dest);
      this.targetFailed = false;
      this.prune(target);
    } catch (e) {
      this.targetFailed = true;
      this.lastError = e instanceof Error ? e.message : 'copy failed';
      this.log(`backup copy to the second target failed (${e instanceof Error ? e.name : 'error'})`);
      try {
        fs.rmSync(`${dest}.partial`, { force: true });
      } catch {
        // The target is gone; nothing of ours is left to count.
      }
    }
  }

  /** Applies the retention to one folder (see the head of this file). */
  prune(dir: string): void {
    const files = this.files(dir, 'data');
    const intra = files.filter((f) => f.kind === 'intra');
    const dailies = files.filter((f) => f.kind === 'daily' || f.kind === 'monthly');
    const restores = files.filter((f) => f.kind === 'before-restore');
    const drop = [...intra.slice(RETENTION.intra), ...restores.slice(RETENTION.intra)];
    const months = new Set<string>();
    for (const f of dailies.slice(RETENTION.daily)) {
      const month = f.at.slice(0, 7);
      if (!months.has(month) && months.size < RETENTION.monthly) {
        months.add(month);
        if (f.kind === 'daily')
          fs.renameSync(path.join(dir, f.name), path.join(dir, f.name.replace('-daily-', '-monthly-')));
      } else drop.push(f);
    }
    for (const f of dailies.slice(0, RETENTION.daily).filter((x) => x.kind === 'monthly')) months.add(f.at.slice(0, 7));
    for (const f of drop) fs.rmSync(path.join(dir, f.name), { force: true });
  }

  /** `paidSinceLast` as last counted; null: count again. */
  private paid: number | null = null;

  /** The newest backup's time in the data folder, read once and then kept as backups are made. */
  private newest: string | null | undefined;
  private newestAt(): string {
    if (this.newest === undefined) this.newest = this.files(this.dir, 'data')[0]?.at ?? null;
    return this.newest ?? '';
  }

  /**
   * Paid trades of the open day since the newest backup (earlier days were backed up when they were sealed).
   * Counted once, then kept: a committed payment adds one (`notePaid`); a backup made, a day opened or closed and
   * a restore count again (`recount`).
   */
  paidSinceLast(): number {
    this.paid ??=
      this.sql.get(
        N,
        "SELECT COUNT(*) AS n FROM trades WHERE paid_day = (SELECT id FROM days WHERE status = 'open') AND paid_at > ?",
        this.newestAt(),
      )?.n ?? 0;
    return this.paid;
  }

  /** After the commit that paid a trade at `paidAt` (on the open day: a trade is paid on no other). */
  notePaid(paidAt: string): void {
    if (this.paid !== null && paidAt > this.newestAt()) this.paid += 1;
  }

  /** The next `paidSinceLast` counts in the database again. */
  recount(): void {
    this.paid = null;
  }

  highWater(): HighWater {
    const z = this.sql.get(CounterValue, "SELECT value FROM counters WHERE name = 'z'")?.value ?? 0;
    const t = this.sql.get(
      CounterRow,
      "SELECT name, value FROM counters WHERE name LIKE 'trade:%' ORDER BY name DESC LIMIT 1",
    );
    return { z, tradeDate: t ? t.name.slice('trade:'.length) : null, tradeSeq: t?.value ?? 0 };
  }

  /** Written after every commit that moved a counter, beside the database and outside it. */
  writeHighWater(): void {
    const now = this.highWater();
    const before = this.readHighWater();
    // Dates compare as text; the newer date's trade number wins, the same date's the higher.
    const newer = !before?.tradeDate || (now.tradeDate !== null && now.tradeDate > before.tradeDate);
    const merged: HighWater = {
      z: Math.max(now.z, before?.z ?? 0),
      tradeDate: newer ? now.tradeDate : before.tradeDate,
      tradeSeq: newer
        ? now.tradeSeq
        : now.tradeDate === before.tradeDate
          ? Math.max(now.tradeSeq, before.tradeSeq)
          : before.tradeSeq,
    };
    writeSynced(path.join(this.dataDir, HIGH_WATER), JSON.stringify(merged));
  }

  readHighWater(): HighWater | null {
    try {
      return readJson(HighWater, fs.readFileSync(path.join(this.dataDir, HIGH_WATER), 'utf8'));
    } catch {
      return null;
    }
  }

  lastSealed(): string | null {
    return this.sql.get(LastSealed, "SELECT MAX(business_date) AS d FROM days WHERE status = 'closed'")?.d ?? null;
  }

  fileOf(name: string, where: BackupFile['where']): string {
    const dir = where === 'data' ? this.dir : this.settings.get('backupTarget');
    if (!dir) throw new AppError('NOT_FOUND', 'no second backup folder is set', { field: 'where' });
    if (!NAME.test(name)) throw new AppError('VALIDATION', 'not a backup name', { field: 'name' });
    return path.join(dir, name);
  }

  /**
   * Replaces the database with a backup: the current one is backed up first, the file is swapped by a rename,
   * the connection reopened (migrating an older schema) and the counters raised to the highest known.
   */
  async restore(
    source: BackupSource,
    lastPrintedZ: number | undefined,
    reopened: (db: Db) => void,
  ): Promise<{ zNumber: number }> {
    const before = this.readHighWater();
    const current = this.highWater();
    await this.run('before-restore');
    const incoming = `${this.dbFile}.restoring`;
    fs.copyFileSync(source.file, incoming);
    privateFile(incoming);
    fsyncFile(incoming);
    // Closing checkpoints the WAL into the file, so nothing committed lives only in a side file.
    this.sql.db.close();
    for (const side of ['-wal', '-shm']) fs.rmSync(`${this.dbFile}${side}`, { force: true });
    fs.renameSync(incoming, this.dbFile);
    const db = openDatabase(this.dbFile, { nativeBinding: this.nativeBinding });
    this.sql.swap(db);
    this.recount();
    reopened(db);
    const z = Math.max(current.z, before?.z ?? 0, lastPrintedZ ?? 0, this.highWater().z);
    const raise = (name: string, value: number) =>
      this.sql.run(
        'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = MAX(value, excluded.value)',
        name,
        value,
      );
    this.sql.tx(() => {
      raise('z', z);
      for (const hw of [current, before]) if (hw?.tradeDate) raise(`trade:${hw.tradeDate}`, hw.tradeSeq);
    });
    this.writeHighWater();
    return { zNumber: z };
  }
}
