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
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { Staff } from '../staff/service';
import { inspectBackup, type Backups } from './service';

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
  /** What head office holds for the shop, when it can be asked (sync-protocol.md `GET …/state`). */
  remoteState(): Promise<{ lastZNumber: number } | null>;
  /** Caches and keys follow the new database. */
  reopened(db: Db): void;
  changed(): void;
}

export class Restore {
  constructor(private readonly d: RestoreDeps) {}

  private async swap(by: Actor | null, file: string, lastPrintedZ: number | undefined, what: Record<string, string | number | null>) {
    const { backups, sql, journal, staff } = this.d;
    this.d.gate.restoring = true;
    try {
      const source = inspectBackup(file);
      const remote = await this.d.remoteState();
      const r = await backups.restore(source, Math.max(lastPrintedZ ?? 0, remote?.lastZNumber ?? 0) || undefined, (db) => this.d.reopened(db));
      // The restored database may not know the person who restored it.
      sql.tx(() => journal.append({ staff: by && staff.exists(by.id) ? by.id : null, kind: 'backup.restored', ref: null, payload: { ...what, lastSealed: source.lastSealed, zNumber: r.zNumber, by: by?.name ?? null } }));
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
      if (!path.isAbsolute(chosen) || !isDir || target === path.parse(target).root && path.sep === '/') {
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
  async fromBackup(i: { name: string; where: BackupFile['where']; confirmOlder?: boolean; lastPrintedZ?: number }, by: Actor | null): Promise<{ restored: string; zNumber: number }> {
    const { backups } = this.d;
    const file = backups.fileOf(i.name, i.where);
    const source = inspectBackup(file);
    const current = backups.lastSealed();
    if (current && (!source.lastSealed || source.lastSealed < current) && !i.confirmOlder) {
      throw new AppError('CONFLICT', 'this backup is older than the last sealed day', { field: 'confirmOlder', backupLastSealed: source.lastSealed ?? '', lastSealed: current });
    }
    const r = await this.swap(by, file, i.lastPrintedZ, { name: i.name, where: i.where });
    return { restored: i.name, zNumber: r.zNumber };
  }

  /** A new PC: a backup file and the owner's recovery passphrase, before any shop exists here. */
  async onNewPc(file: string, passphrase: string, by: Actor | null): Promise<{ restored: string; shopName: string }> {
    const { shop } = this.d;
    if (shop.get()) throw new AppError('CONFLICT', 'this shop is already set up: the owner restores from the backups screen', {});
    const source = inspectBackup(file);
    // The passphrase is checked against the backup's own wrapped keys (off the main thread) before anything here
    // changes; the keys it opened are the restored database's, so they are adopted without deriving again.
    const probe = new Database(source.file, { readonly: true });
    let opened: Opened;
    try {
      opened = await new Keys(new Sql(probe), this.d.keyStore, this.d.random, this.d.passphraseKdf).open(passphrase);
    } finally {
      probe.close();
    }
    await this.swap(by, source.file, undefined, { name: path.basename(source.file), where: 'new-pc' });
    const installId = shop.installId();
    if (!installId) throw new AppError('VALIDATION', 'this file is not a CardDesk backup', { field: 'path' });
    this.d.sql.tx(() => {
      const { rewrapped } = this.d.keys.unlock(installId, opened);
      if (rewrapped) this.d.journal.append({ staff: null, kind: 'keys.rewrapped', ref: null, payload: { kdf: rewrapped } });
    });
    return { restored: path.basename(source.file), shopName: shop.get()?.name ?? '' };
  }
}
