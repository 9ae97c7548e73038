// A restore killed at random moments (SIGKILL of the host while `backups.restore` runs): the database afterwards
// is either the one before the restore or the backup, whole, never a mix; and the shop starts and verifies.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallName } from '../../shared/contract';
import { tempDir } from '../support/backend';
import { startHost, type Host } from '../support/host';
import { SeededRandom } from '../support/ports';

const ROUNDS = process.env.CARDDESK_LONG === '1' ? 30 : 8;
const PIN = '246810';

describe('restore under fault', () => {
  it(`leaves the old or the new database through ${ROUNDS} kills mid-restore`, async () => {
    const dataDir = tempDir('carddesk-rkill-');
    const keyDir = tempDir('carddesk-rkill-keys-');
    const random = new SeededRandom('restore-kill');
    let host: Host = await startHost({ dataDir, keyDir });
    let session: string | null = (
      await host.call('setup.complete', {
        shop: { name: '京东回收店', code: 'SH11', address: '', phone: '', licenceNo: '' },
        owner: { name: '王老板', pin: PIN },
        passphrase: 'ERK2-2TJY-E6Q3-QKGQ-UFYC-XX5T',
      })
    ).session;
    const call = async <N extends CallName>(name: N, input: CallInput<N>) => {
      const r = await host.call(name, input, session);
      session = r.session ?? session;
      if (!r.result.ok) throw new Error(`${name}: ${r.result.error.code}`);
      return r.result.value;
    };
    const login = async () => {
      const staff = await host.call('auth.staffList', {});
      if (!staff.result.ok) throw new Error('no staff');
      session = (await host.call('auth.login', { staffId: staff.result.value[0]!.id, pin: PIN })).session;
    };
    // A backup holding one staff row and the shop; then more written after it.
    const backup = (await call('backups.run', {})).files[0]!;
    const journalAt = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT MAX(seq) AS n FROM journal').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const inBackup = journalAt(path.join(dataDir, 'backups', backup.name));
    let restored = 0;
    let old = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < 3; i++) await call('staff.add', { name: `店员${round}${i}`, role: 'clerk', pin: '135790' });
      const before = journalAt(path.join(dataDir, 'carddesk.sqlite'));
      // Its answer never comes: the host is killed while it works.
      void host
        .call('backups.restore', { name: backup.name, where: 'data', confirmOlder: true }, session)
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, random.bytes(1)[0]! % 60));
      host.proc.kill('SIGKILL');
      await new Promise<void>((r) =>
        host.proc.exitCode !== null || host.proc.signalCode !== null ? r() : host.proc.once('exit', () => r()),
      );

      const db = new Database(path.join(dataDir, 'carddesk.sqlite'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = (db.prepare('SELECT MAX(seq) AS n FROM journal').get() as { n: number }).n;
      db.close();
      // The old database (with everything written since the backup) or the backup's (journaled as restored, or
      // killed just before that entry), nothing in between.
      expect([before, inBackup, inBackup + 1]).toContain(n);
      if (n !== before) restored += 1;
      else old += 1;
      host = await startHost({ dataDir, keyDir });
      await login();
      expect((await call('ledger.verify', {})).ok).toBe(true);
    }
    await host.stop();
    process.stdout.write(
      `restore under fault: ${ROUNDS} kills, ${old} left the old database, ${restored} the restored one, 0 mixed\n`,
    );
  });
});
