// Backups and restore calls. A restore is not one transaction (the database itself is replaced): while it runs,
// dispatch answers UNAVAILABLE; the restore is journaled in the restored database.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import { Sql } from '../db/sql';
import type { Db } from '../db/open';
import type { Journal } from '../journal/service';
import { Keys, type Opened } from '../keys/service';
import type { KeyStore, Random } from '../ports';
import type { ScryptParams } from '../keys/crypto';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import { Backups, inspectBackup } from './service';
import Database from 'better-sqlite3';

export interface BackupDeps {
  backups: Backups;
  sql: Sql;
  settings: Settings;
  shop: Shop;
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

export function backupHandlers(deps: BackupDeps): HandlerMap<'backups.list' | 'backups.run' | 'backups.setTarget' | 'backups.restore' | 'setup.restore'> {
  const { backups, sql, settings, shop, journal } = deps;

  async function swap(ctx: Ctx, file: string, lastPrintedZ: number | undefined, what: Record<string, string | number | null>) {
    deps.gate.restoring = true;
    try {
      const source = inspectBackup(file);
      const remote = await deps.remoteState();
      const r = await backups.restore(source, Math.max(lastPrintedZ ?? 0, remote?.lastZNumber ?? 0) || undefined, deps.reopened);
      sql.tx(() => journal.append({ staff: ctx.actor && sql.get('SELECT 1 FROM staff WHERE id = ?', ctx.actor.id) ? ctx.actor.id : null, kind: 'backup.restored', ref: null, payload: { ...what, lastSealed: source.lastSealed, zNumber: r.zNumber, by: ctx.actor?.name ?? null } }));
      return r;
    } finally {
      deps.gate.restoring = false;
      deps.changed();
    }
  }

  return {
    'backups.list': () => backups.view(),
    'backups.run': async () => {
      await backups.run('intra');
      return backups.view();
    },
    'backups.setTarget': (ctx, i) => {
      const target = i.path === null ? null : path.resolve(i.path);
      if (i.path !== null && target) {
        // A folder the owner chose: absolute, existing, outside the data folder, and not the system's root.
        const dataRoot = path.dirname(backups.dir);
        let isDir = false;
        try {
          isDir = fs.statSync(target).isDirectory();
        } catch {
          isDir = false;
        }
        if (!path.isAbsolute(i.path) || !isDir || target === path.parse(target).root && path.sep === '/') {
          throw new AppError('VALIDATION', 'choose an existing folder, such as the USB stick', { field: 'path' });
        }
        if (target === dataRoot || target.startsWith(`${dataRoot}${path.sep}`)) {
          throw new AppError('VALIDATION', 'the second target must be outside the data folder', { field: 'path' });
        }
      }
      settings.set('backupTarget', target);
      ctx.record('backups.targetSet', null, { set: target !== null });
      return backups.view();
    },
    'backups.restore': async (ctx, i) => {
      const file = backups.fileOf(i.name, i.where);
      const source = inspectBackup(file);
      const current = backups.lastSealed();
      if (current && (!source.lastSealed || source.lastSealed < current) && !i.confirmOlder) {
        throw new AppError('CONFLICT', 'this backup is older than the last sealed day', { field: 'confirmOlder', backupLastSealed: source.lastSealed ?? '', lastSealed: current });
      }
      const r = await swap(ctx, file, i.lastPrintedZ, { name: i.name, where: i.where });
      return { restored: i.name, zNumber: r.zNumber };
    },
    'setup.restore': async (ctx, i) => {
      if (shop.get()) throw new AppError('CONFLICT', 'this shop is already set up: the owner restores from the backups screen', {});
      const source = inspectBackup(i.path);
      // The passphrase is checked against the backup's own wrapped keys (off the main thread) before anything here
      // changes; the keys it opened are the restored database's, so they are adopted without deriving again.
      const probe = new Database(source.file, { readonly: true });
      let opened: Opened;
      try {
        opened = await new Keys(new Sql(probe), deps.keyStore, deps.random, deps.passphraseKdf).open(i.passphrase);
      } finally {
        probe.close();
      }
      await swap(ctx, source.file, undefined, { name: path.basename(source.file), where: 'new-pc' });
      const installId = shop.installId();
      if (!installId) throw new AppError('VALIDATION', 'this file is not a CardDesk backup', { field: 'path' });
      sql.tx(() => {
        const { rewrapped } = deps.keys.unlock(installId, opened);
        if (rewrapped) journal.append({ staff: null, kind: 'keys.rewrapped', ref: null, payload: { kdf: rewrapped } });
      });
      return { restored: path.basename(source.file), shopName: shop.get()?.name ?? '' };
    },
  };
}
