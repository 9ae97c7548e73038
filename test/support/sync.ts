// Sync in tests: head office (hq/) on a real loopback socket, on the test's clock; a shop with sealed days; and
// the worker driven to quiet with the clock jumping to each next attempt (an instant scheduler).
import { z } from 'zod';
import type { Db } from '../../hq/db/types';
import type { HeadOffice } from '../../hq/head-office';
import { OWNER_PIN, type TestBackend, type TestBinding } from './backend';
import { CLERK_PIN, payThreeCards } from './counter';
import { countFor } from '../../electron/core/days/service';
import { testHeadOffice } from './hq';

export { freePort } from './net';

export const SHOP_SECRET = 'shop-secret-0123456789abcdef';
export const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';

const StoredDay = z.object({
  business_date: z.string(),
  ledger_hash: z.string(),
  z_number: z.number(),
  warnings: z.string(),
});

export interface ShopsHq {
  hq: HeadOffice;
  url: string;
  /** Head office's clock ahead of the shop's, in seconds. */
  skew: { s: number };
  /** Head office's log lines (`stored SH01 2026-11-25 Z1` …). */
  log: string[];
  /** The days head office holds for a shop, by business date. */
  stored(shopId: string): Promise<z.infer<typeof StoredDay>[]>;
  close(): Promise<void>;
}

/** An empty head office on `db` with shop SH01 registered (SHOP_SECRET), on the shop's clock plus a skew. */
export async function startHq(db: Db, t: TestBackend, port = 0, skewSeconds = 0): Promise<ShopsHq> {
  const skew = { s: skewSeconds };
  const log: string[] = [];
  const started = await testHeadOffice(db, () => Math.floor(t.clock.now() / 1000) + skew.s, {
    port,
    log: (l) => log.push(l),
  });
  await started.hq.shops.register({ shopId: 'SH01', name: '京东回收店' }, SHOP_SECRET);
  return {
    hq: started.hq,
    url: started.url,
    skew,
    log,
    stored: (shopId) =>
      db.all(
        StoredDay,
        'SELECT business_date, ledger_hash, z_number, warnings FROM days WHERE shop_id = $1 ORDER BY business_date',
        [shopId],
      ),
    close: () => started.close(),
  };
}

export async function configure(
  t: TestBackend,
  owner: TestBinding,
  url: string,
  extra: { shopSecret?: string; chainKey?: string } = {},
) {
  await t.must(owner, 'sync.updateSettings', {
    hqBaseUrl: url,
    enabled: true,
    shopSecret: extra.shopSecret ?? SHOP_SECRET,
    ...(extra.chainKey ? { chainKey: extra.chainKey } : {}),
  });
  // Tests do not wait 15 s for a hanging head office.
  const { settings, sql } = t.backend.services;
  sql.tx(() => settings.set('sync', { ...settings.get('sync'), requestTimeoutMs: 400 }));
}

/** Seals `n` days (one paid trade each) starting with the open day; leaves the next day open. */
export async function sealDays(
  t: TestBackend,
  s: { owner: TestBinding; clerk: TestBinding },
  n: number,
): Promise<void> {
  for (let d = 0; d < n; d++) {
    await payThreeCards(t, s.clerk, 'bank', 10_000);
    // The owner sees the expected cash; the clerk counts blind and closes with what the owner read out.
    const day = await t.must(s.owner, 'days.current', {});
    await t.must(s.clerk, 'days.close', { count: countFor(day?.expectedCashFen ?? 0) });
    t.clock.advance(86_400_000);
    await t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
    await t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    await t.must(s.owner, 'quotes.renew', {});
    await t.must(s.clerk, 'days.open', { count: { '10000': 100 } });
  }
}

/** Runs the worker until nothing is due, jumping the clock to each next attempt; answers the passes made. */
export async function drain(t: TestBackend, limit = 200): Promise<number> {
  const { sync } = t.backend.services;
  for (let i = 0; i < limit; i++) {
    await sync.run();
    const next = sync.nextDue();
    if (next === null || sync.status().paused) return i + 1;
    if (next > t.clock.now()) t.clock.t = next;
  }
  throw new Error('the outbox did not drain');
}
