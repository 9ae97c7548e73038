// Restoring (spec §7) and the owner's second backup target. A restore is not one transaction (the database itself
// is replaced): while it runs, dispatch answers UNAVAILABLE; the restore is journaled in the restored database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type BackupFile } from '../../../shared/contract';
import type { Actor } from '../actor';
import type { Db } from '../db/open';
import { Sql } from '../db/sql';
import type { Journal } from '../journal/service';
import type { ScryptParams } from '../keys/crypto';
import { Keys, type Opened } from '../keys/service';
import type { KeyStore, Random } from '../ports';
import { Settings } from '../settings/service';
import { Shop } from '../shop/service';
import type { Staff } from '../staff/service';
import { acceptBackupFile } from './accept';
import { inspectBackup, type Backups, type BackupSource } from './service';

/** What head office holds for the shop (sync-protocol.md `GET …/state`). */
export interface RemoteState {
  lastZNumber: number;
  lastBusinessDate: string | null;
}

/** The keys a backup is checked with on a new PC stay in memory only: this PC keeps them after the restore. */
const NO_KEY_STORE: KeyStore = { kind: 'memory', osEncrypted: false, load: () => null, save: () => undefined };

export interface RestoreDeps {
  backups: Backups;
  sql: Sql;
  settings: Settings;
  shop: Shop;
  staff: Staff;
  keys: Keys;
  keyStore: KeyStore;
  random: Random;
  journal: Journal;
  passphraseKdf?: ScryptParams;
  /** Set while the database is being replaced. */
  gate: { restoring: boolean };
  /** What head office holds for the shop, asked with this database's sync settings; null when it cannot be asked. */
  remoteState(): Promise<RemoteState | null>;
  /** The same, asked with a backup's own sync settings, shop and keys, read before the backup replaces anything. */
  remoteStateOf(backup: { sql: Sql; settings: Settings; shop: Shop; keys: Keys }): Promise<RemoteState | null>;
  /** Caches and keys follow the new database. */
  reopened(db: Db): void;
  changed(): void;
}

export class Restore {
  constructor(private readonly d: RestoreDeps) {}

  /** Replaces the database; counters are raised to at least `knownZ` (the highest Z known from outside the file). */
  private async swap(
    by: Actor | null,
    source: BackupSource,
    knownZ: number,
    what: Record<string, string | number | null>,
  ) {
    const { backups, sql, journal, staff } = this.d;
    this.d.gate.restoring = true;
    try {
      const r = await backups.restore(source, knownZ || undefined, (db) => this.d.reopened(db));
      // The restored database may not know the person who restored it.
      sql.tx(() =>
        journal.append({
          staff: by && staff.exists(by.id) ? by.id : null,
          kind: 'backup.restored',
          ref: null,
          payload: { ...what, lastSealed: source.lastSealed, zNumber: r.zNumber, by: by?.name ?? null },
        }),
      );
      return r;
    } finally {
      this.d.gate.restoring = false;
      this.d.changed();
    }
  }

  /** A folder the owner chose: absolute, existing, outside the data folder, and not the system's root; null clears it. */
  setTarget(chosen: string | null): string | null {
    const target = chosen === null ? null : path.resolve(chosen);
    if (chosen !== null && target) {
      const dataRoot = path.dirname(this.d.backups.dir);
      let isDir = false;
      try {
        isDir = fs.statSync(target).isDirectory();
      } catch {
        isDir = false;
      }
      if (!path.isAbsolute(chosen) || !isDir || (target === path.parse(target).root && path.sep === '/')) {
        throw new AppError('VALIDATION', 'choose an existing folder, such as the USB stick', { field: 'path' });
      }
      if (target === dataRoot || target.startsWith(`${dataRoot}${path.sep}`)) {
        throw new AppError('VALIDATION', 'the second target must be outside the data folder', { field: 'path' });
      }
    }
    this.d.settings.set('backupTarget', target);
    return target;
  }

  /** One of the shop's own backups; an older one than the last sealed day only when confirmed. */
  async fromBackup(
    i: { name: string; where: BackupFile['where']; confirmOlder?: boolean; lastPrintedZ?: number },
    by: Actor | null,
  ): Promise<{ restored: string; zNumber: number }> {
    const { backups } = this.d;
    const file = backups.fileOf(i.name, i.where);
    const source = inspectBackup(file);
    const remote = await this.d.remoteState();
    const here = backups.lastSealed();
    const current =
      remote?.lastBusinessDate && (!here || remote.lastBusinessDate > here) ? remote.lastBusinessDate : here;
    if (current && (!source.lastSealed || source.lastSealed < current) && !i.confirmOlder) {
      throw new AppError('CONFLICT', 'this backup is older than the last sealed day', {
        field: 'confirmOlder',
        backupLastSealed: source.lastSealed ?? '',
        lastSealed: current,
      });
    }
    const r = await this.swap(by, source, Math.max(i.lastPrintedZ ?? 0, remote?.lastZNumber ?? 0), {
      name: i.name,
      where: i.where,
    });
    return { restored: i.name, zNumber: r.zNumber };
  }

  /** Head office's answer for a backup, asked with the backup's own settings; null when it cannot be asked. */
  private async askFor(sql: Sql, keys: Keys): Promise<RemoteState | null> {
    try {
      return await this.d.remoteStateOf({ sql, settings: new Settings(sql), shop: new Shop(sql), keys });
    } catch {
      // A backup of an older schema, or no sync settings in it: head office cannot be asked.
      return null;
    }
  }

  /**
   * A new PC: a local backup file and the owner's recovery passphrase, before any shop exists here. The numbers go
   * on from the highest known (spec §7): the backup's own, head office's when the backup's sync settings reach it,
   * a high-water file here if any, and the Z the owner read off the last printed Z-report, which the wizard asks
   * for when head office cannot be asked. A backup that knows fewer Z-reports, or an older last sealed day, than
   * head office or the typed Z needs `confirmOlder`. Nothing here changes until all of that is settled.
   */
  async onNewPc(
    i: { path: string; passphrase: string; lastPrintedZ?: number; confirmOlder?: boolean },
    by: Actor | null,
  ): Promise<{ restored: string; shopName: string; zNumber: number }> {
    const { shop } = this.d;
    if (shop.get())
      throw new AppError('CONFLICT', 'this shop is already set up: the owner restores from the backups screen', {});
    const source = acceptBackupFile(i.path);
    // The passphrase is checked against the backup's own wrapped keys (derived off the main thread), and head office
    // asked with its settings, on a read-only connection to the file. The keys opened are the restored database's,
    // so they are adopted afterwards without deriving again.
    const probe = new Database(source.file, { readonly: true, fileMustExist: true });
    let remote: RemoteState | null;
    let opened: Opened;
    try {
      const sql = new Sql(probe);
      const keys = new Keys(sql, NO_KEY_STORE, this.d.random, this.d.passphraseKdf);
      opened = await keys.open(i.passphrase);
      keys.adopt(opened);
      remote = await this.askFor(sql, keys);
    } finally {
      probe.close();
    }
    if (!remote && i.lastPrintedZ === undefined) {
      throw new AppError('VALIDATION', 'head office cannot be asked: type the Z number of the last printed Z-report', {
        field: 'lastPrintedZ',
      });
    }
    const lastZ = Math.max(remote?.lastZNumber ?? 0, i.lastPrintedZ ?? 0, this.d.backups.readHighWater()?.z ?? 0);
    const lastSealed = remote?.lastBusinessDate ?? null;
    const older =
      lastZ > source.lastZ || (lastSealed !== null && (!source.lastSealed || source.lastSealed < lastSealed));
    if (older && !i.confirmOlder) {
      throw new AppError('CONFLICT', 'this backup is older than the last sealed day', {
        field: 'confirmOlder',
        backupZ: source.lastZ,
        lastZ,
        lastSealed: lastSealed ?? '',
        backupLastSealed: source.lastSealed ?? '',
      });
    }
    const r = await this.swap(by, source, lastZ, {
      name: path.basename(source.file),
      where: 'new-pc',
      headOfficeZ: remote?.lastZNumber ?? null,
      typedZ: i.lastPrintedZ ?? null,
      older: older ? 'confirmed' : null,
    });
    const installId = shop.installId();
    if (!installId) throw new AppError('NOT_A_BACKUP', 'this file is not a CardDesk backup', { field: 'path' });
    this.d.sql.tx(() => {
      const { rewrapped } = this.d.keys.unlock(installId, opened);
      if (rewrapped)
        this.d.journal.append({ staff: null, kind: 'keys.rewrapped', ref: null, payload: { kdf: rewrapped } });
    });
    return { restored: path.basename(source.file), shopName: shop.get()?.name ?? '', zNumber: r.zNumber };
  }
}
