// Live reports survive a crash (sync-protocol.md v2 "Bought cards, live"): the built host as a child process,
// head office (hq/ on PGlite) in this process behind a relay the test controls. The shop is SIGKILLed after a
// payment was acknowledged and before head office acknowledged its report — once while the relay holds the report
// back (head office never saw it), once after head office stored it but before its answer came back. After each
// restart the report is sent again on its own, and head office holds each trade's cards exactly once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CallInput, CallName } from '../../shared/contract';
import { tempDir } from '../support/backend';
import { startHost, type Host } from '../support/host';
import { testHeadOffice, useHqDatabase } from '../support/hq';

const PIN = '246810';
const SECRET = 'live-report-shop-secret-0123456789';
const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';
const hqDb = useHqDatabase('pglite');
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of closers.toReversed()) await c();
});

type Mode = 'pass' | 'hold' | 'drop-answer';

/** A relay in front of head office: passes everything, except reports of bought cards as `mode` says. */
async function relay(target: string) {
  const state: { mode: Mode; seen: () => void } = { mode: 'pass', seen: () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bought = (req.url ?? '').endsWith('/cards/bought');
      if (bought && state.mode === 'hold') {
        // Never forwarded, never answered: the shop's worker waits on it until the shop dies.
        state.seen();
        return;
      }
      const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        const back: Buffer[] = [];
        r.on('data', (c: Buffer) => back.push(c));
        r.on('end', () => {
          if (bought && state.mode === 'drop-answer') {
            // Head office stored it; its answer never reaches the shop.
            state.seen();
            return;
          }
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(Buffer.concat(back));
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state };
}

describe('live reports through a crash', () => {
  it('sends a paid trade’s report after a SIGKILL between the payment and the report, once at head office', async () => {
    const started = await testHeadOffice(hqDb().db, () => Math.floor(Date.now() / 1000));
    closers.push(() => started.close());
    await started.hq.chain.set(CHAIN_KEY);
    await started.hq.shops.register({ shopId: 'SH09', name: '南门店' }, SECRET);
    const front = await relay(started.url);

    const dataDir = tempDir('carddesk-live-');
    const keyDir = tempDir('carddesk-live-keys-');
    let host: Host = await startHost({ dataDir, keyDir });
    closers.push(() => host.stop());
    let session: string | null = (
      await host.call('setup.complete', {
        shop: { name: '南门店', code: 'SH09', address: '', phone: '', licenceNo: '' },
        owner: { name: '王老板', pin: PIN },
        passphrase: '2L3V-H2GZ-TGUC-2WUG-955A-RMUB',
      })
    ).session;
    const call = async <N extends CallName>(name: N, input: CallInput<N>) => {
      const r = await host.call(name, input, session);
      session = r.session ?? session;
      if (!r.result.ok) throw new Error(`${name}: ${r.result.error.code}`);
      return r.result.value;
    };
    await call('quotes.renew', {});
    await call('days.open', { count: { '10000': 100 } });
    await call('sync.updateSettings', { hqBaseUrl: front.url, enabled: true, shopSecret: SECRET, chainKey: CHAIN_KEY });

    let serial = 0;
    const payOne = async () => {
      const t = await call('trades.create', {});
      await call('customers.attach', { tradeId: t.id, phone: `139${String(++serial).padStart(8, '0')}` });
      await call('trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number: `JDE9${String(serial).padStart(12, '0')}`,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 50_000,
        verifiedHow: 'official',
      });
      const o = await call('trades.offer', { tradeId: t.id });
      for (const g of o.groups) await call('trades.accept', { tradeId: t.id, groupKey: g.key });
      const v = await call('trades.get', { tradeId: t.id });
      const p = await call('trades.pay', {
        tradeId: t.id,
        requestId: `live-report-${serial}`,
        parts: [{ method: 'bank', amountFen: v.payoutFen, reference: `BK-${serial}` }],
      });
      return p.tradeNo ?? '';
    };
    const held = (tradeNo: string) =>
      hqDb().db.all(
        z.object({ position: z.number() }),
        'SELECT position FROM live_cards WHERE shop_id = $1 AND trade_no = $2',
        ['SH09', tradeNo],
      );
    const restart = async () => {
      host = await startHost({ dataDir, keyDir });
      const staff = await host.call('auth.staffList', {});
      if (!staff.result.ok) throw new Error('no staff');
      session = (await host.call('auth.login', { staffId: staff.result.value[0]!.id, pin: PIN })).session;
    };
    /** Head office holds the trade's cards: polled, since the restarted shop sends on its own. */
    const arrives = async (tradeNo: string) => {
      for (let i = 0; i < 200 && (await held(tradeNo)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      return held(tradeNo);
    };

    for (const mode of ['hold', 'drop-answer'] as const) {
      front.state.mode = mode;
      const reached = new Promise<void>((r) => (front.state.seen = r));
      const tradeNo = await payOne(); // acknowledged: the payment and its report are committed together
      await reached; // the report is on its way and not acknowledged
      host.proc.kill('SIGKILL');
      await new Promise((r) => host.proc.once('exit', r));
      expect((await held(tradeNo)).length).toBe(mode === 'hold' ? 0 : 1);

      front.state.mode = 'pass';
      await restart();
      expect(await arrives(tradeNo)).toEqual([{ position: 1 }]);
      // The shop's queue is empty once head office acknowledged it (a replay of a stored one answers 200).
      for (let i = 0; i < 100; i++) {
        const st = await call('sync.status', {});
        if (st.liveWaiting === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await call('sync.status', {})).liveWaiting).toBe(0);
    }
    const trades = await hqDb().db.all(
      z.object({ trade_no: z.string(), n: z.number() }),
      'SELECT trade_no, COUNT(*)::int AS n FROM live_cards WHERE shop_id = $1 GROUP BY trade_no ORDER BY trade_no',
      ['SH09'],
    );
    expect(trades.map((t) => t.n)).toEqual([1, 1]);
  });
});
