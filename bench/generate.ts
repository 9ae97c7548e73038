// Seeded data sets for the bench (and later the demo shop): built once, cached under bench/.data/.
import fs from 'node:fs';
import path from 'node:path';
import { FileKeyStore } from '../electron/adapters/file-keystore';
import { createBackend } from '../electron/core/backend';
import { createDispatch } from '../electron/transport/dispatch';
import { PooledRandom, UuidV7Ids } from '../electron/adapters/system-ports';
import { ManualClock, ManualScheduler } from '../test/support/ports';

/** Cached data sets; `CARDDESK_BENCH_DATA` points elsewhere (the smoke test uses a temp folder). */
export const DATA = process.env.CARDDESK_BENCH_DATA ?? path.join(import.meta.dirname, '.data');
export const BENCH_PIN = '246810';
export const BENCH_PASSPHRASE = 'PLTP-4L2K-Q2W2-C73Q-TKP2-USUD';

/** The shipping ids and randomness (what a counter call costs in the app), a manual clock and timers. */
export function benchPorts(dataDir: string) {
  const clock = new ManualClock(Date.parse('2026-11-01T01:00:00.000Z'));
  const random = new PooledRandom();
  return {
    clock,
    random,
    ids: new UuidV7Ids(random, clock),
    scheduler: new ManualScheduler(clock),
    keys: new FileKeyStore(path.join(DATA, 'keys'), dataDir),
  };
}

/** A shop whose journal holds `entries` entries, made through the real setup call and journal code. */
export async function shopWithJournal(entries: number, log: (s: string) => void = () => {}): Promise<string> {
  const dir = path.join(DATA, `journal-${entries}`);
  const done = path.join(dir, 'READY');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const ports = benchPorts(dir);
  const backend = createBackend({ dataDir: dir, ...ports });
  const dispatch = createDispatch(backend);
  const binding = {
    id: null as string | null,
    get() {
      return this.id;
    },
    set(v: string | null) {
      this.id = v;
    },
  };
  const r = await dispatch(binding, 'setup.complete', {
    shop: { name: '基准测试店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  if (!r.ok) throw new Error(`setup failed: ${r.error.code}`);
  const { journal, sql } = backend.services;
  const start = journal.head().seq;
  const batch = 50_000;
  for (let done = start; done < entries;) {
    const n = Math.min(batch, entries - done);
    sql.tx(() => {
      for (let i = 0; i < n; i++) {
        ports.clock.advance(1500);
        journal.append({
          staff: null,
          kind: 'trade.lineAdded',
          ref: `ref-${done + i}`,
          payload: { n: done + i, note: '收卡 一张 京东E卡', amountFen: (done + i) * 7 },
        });
      }
    });
    done += n;
    log(`  journal ${done}/${entries}`);
  }
  backend.close();
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}
