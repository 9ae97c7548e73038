// Sync in tests: the reference head office on a real loopback socket, on the test's clock; a shop with sealed
// days; and the worker driven to quiet with the clock jumping to each next attempt (an instant scheduler).
import net from 'node:net';
import path from 'node:path';
import { createHqServer, type HqServer } from '../../electron/hq/server';
import { OWNER_PIN, tempDir, type TestBackend, type TestBinding } from './backend';
import { CLERK_PIN, payThreeCards } from './counter';
import { countFor } from '../../electron/core/days/service';

export const SHOP_SECRET = 'shop-secret-0123456789abcdef';
export const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';

/** A port nobody listens on (yet). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startHq(
  t: TestBackend,
  port = 0,
  skewSeconds = 0,
): Promise<{ hq: HqServer; url: string; skew: { s: number } }> {
  const skew = { s: skewSeconds };
  const hq = createHqServer({
    dbFile: path.join(tempDir('carddesk-hq-'), 'hq.sqlite'),
    now: () => Math.floor(t.clock.now() / 1000) + skew.s,
  });
  hq.addShop('SH01', SHOP_SECRET);
  const p = await hq.listen(port);
  return { hq, url: `http://127.0.0.1:${p}`, skew };
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
