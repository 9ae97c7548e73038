// Crash safety: the browser-mode host as a child process, driven through trades, payments and day closes, and
// SIGKILLed at random moments (10 times here, 50 with CARDDESK_LONG=1). After each kill: the file passes
// integrity_check; after the restart every acknowledged payment is there once, a payment whose answer was lost is
// safe to retry, no trade, print job or outbox row is half written, and the journal and sealed bodies verify.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallName } from '../../shared/contract';
import { tempDir } from '../support/backend';
import { startHost, type Host } from '../support/host';
import { SeededRandom } from '../support/ports';

const KILLS = process.env.CARDDESK_LONG === '1' ? 50 : 10;
const PIN = '246810';
const DAY = 86_400_000;

interface Paid {
  tradeId: string;
  requestId: string;
  payoutFen: number;
  tradeNo: string;
}

describe('crash safety', () => {
  it(`keeps every acknowledged payment exactly once through ${KILLS} SIGKILLs`, async () => {
    const dataDir = tempDir('carddesk-crash-');
    const keyDir = tempDir('carddesk-crash-keys-');
    const random = new SeededRandom('crash');
    const rnd = (n: number) => random.bytes(4).readUInt32BE(0) % n;
    let offset = 0;
    let host: Host = await startHost({ dataDir, keyDir });
    let session: string | null = (
      await host.call('setup.complete', {
        shop: { name: '京东回收店', code: 'SH08', address: '', phone: '', licenceNo: '' },
        owner: { name: '王老板', pin: PIN },
        passphrase: '2L3V-H2GZ-TGUC-2WUG-955A-RMUB',
      })
    ).session;
    const call = async <N extends CallName>(name: N, input: CallInput<N>) => {
      const r = await host.call(name, input, session);
      session = r.session ?? session;
      return r.result;
    };
    const acknowledged: Paid[] = [];
    // The payment sent last whose answer has not come back (a holder: the driver sets it from its own closure).
    const flight: { now: { tradeId: string; requestId: string } | null } = { now: null };
    let serial = 0;
    let sealed = 0;
    let killed = 0;

    const restart = async () => {
      host = await startHost({ dataDir, keyDir, env: { CARDDESK_TEST_CLOCK_OFFSET_MS: String(offset) } });
      const staff = await host.call('auth.staffList', {});
      if (!staff.result.ok) throw new Error('no staff');
      session = (await host.call('auth.login', { staffId: staff.result.value[0]!.id, pin: PIN })).session;
      await call('quotes.renew', {});
      // Killed between a close and the next morning: the next morning comes now.
      for (let tries = 0; tries < 3; tries++) {
        const d = await call('days.current', {});
        if (d.ok && d.value?.status === 'open') break;
        const opened = await call('days.open', { count: { '10000': 100 } });
        if (opened.ok) break;
        await host.advanceClock(DAY);
        offset += DAY;
        await call('auth.unlock', { pin: PIN });
        await call('quotes.renew', {});
      }
    };

    /** One trade from F2 to F8; resolves when its payment is acknowledged. */
    const oneTrade = async (): Promise<void> => {
      const t = await call('trades.create', {});
      if (!t.ok) throw new Error(t.error.code);
      await call('customers.attach', { tradeId: t.value.id, phone: `139${String(++serial).padStart(8, '0')}` });
      await call('trades.addLine', {
        tradeId: t.value.id,
        brand: 'jd',
        form: 'e',
        number: `JDE8${String(serial).padStart(12, '0')}`,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 50_000,
        verifiedHow: 'official',
      });
      const o = await call('trades.offer', { tradeId: t.value.id });
      if (!o.ok) throw new Error(o.error.code);
      const a = await call('trades.accept', { tradeId: t.value.id, groupKey: o.value.groups[0]!.key });
      if (!a.ok) throw new Error(a.error.code);
      const requestId = `crash-pay-${serial}`;
      flight.now = { tradeId: t.value.id, requestId };
      const p = await call('trades.pay', {
        tradeId: t.value.id,
        requestId,
        parts: [{ method: 'bank', amountFen: a.value.payoutFen, reference: `BK${serial}` }],
      });
      if (!p.ok) throw new Error(p.error.code);
      acknowledged.push({
        tradeId: t.value.id,
        requestId,
        payoutFen: p.value.payoutFen,
        tradeNo: p.value.tradeNo ?? '',
      });
      flight.now = null;
    };

    const day = await call('days.open', { count: { '10000': 100 } });
    expect(day.ok).toBe(true);
    await call('quotes.renew', {});

    while (killed < KILLS) {
      // Work until the kill: trades, and now and then the evening close and the next morning.
      const work = (async () => {
        for (;;) {
          await oneTrade();
          if (rnd(8) === 0) {
            const d = await call('days.current', {});
            if (d.ok && d.value?.status === 'open') {
              // A kill may have left a trade agreed and unpaid: the close voids it (it never crosses a seal).
              const closed = await call('days.close', { count: { '10000': 100 }, voidReason: '断电后未付款' });
              if (closed.ok) sealed += 1;
              await host.advanceClock(DAY);
              offset += DAY;
              await call('auth.unlock', { pin: PIN });
              await call('quotes.renew', {});
              await call('days.open', { count: { '10000': 100 } });
            }
          }
        }
      })().catch(() => undefined);
      // At least one payment acknowledged in each run (a loaded machine is slow to get there), then a random
      // moment: the kill lands anywhere in the trades and closes that follow.
      const ackedBefore = acknowledged.length;
      for (let waited = 0; acknowledged.length === ackedBefore && waited < 60_000; waited += 10)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 20 + rnd(400)));
      host.proc.kill('SIGKILL');
      await new Promise<void>((r) =>
        host.proc.exitCode !== null || host.proc.signalCode !== null ? r() : host.proc.once('exit', () => r()),
      );
      await work;
      killed += 1;

      // The file as the kill left it.
      const db = new Database(path.join(dataDir, 'carddesk.sqlite'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();

      await restart();
      // The payment whose answer may have been lost: retrying with the same request id pays at most once.
      const pending = flight.now;
      if (pending) {
        const t = await call('trades.get', { tradeId: pending.tradeId });
        if (t.ok && t.value.status === 'paid') {
          const again = await call('trades.pay', {
            tradeId: pending.tradeId,
            requestId: pending.requestId,
            parts: [{ method: 'bank', amountFen: t.value.payoutFen, reference: 'retry' }],
          });
          expect(again.ok).toBe(true);
        }
        flight.now = null;
      }
    }

    // Everything acknowledged is there exactly once; nothing is half written; the journal and bodies verify.
    await host.stop();
    const db = new Database(path.join(dataDir, 'carddesk.sqlite'), { readonly: true });
    for (const p of acknowledged) {
      const t = db
        .prepare('SELECT status, trade_no, payout_fen, pay_request_id FROM trades WHERE id = ?')
        .get(p.tradeId) as { status: string; trade_no: string; payout_fen: number; pay_request_id: string };
      expect(t).toEqual({ status: 'paid', trade_no: p.tradeNo, payout_fen: p.payoutFen, pay_request_id: p.requestId });
      const paid = db
        .prepare('SELECT COUNT(*) AS n, SUM(amount_fen) AS s FROM payments WHERE trade_id = ?')
        .get(p.tradeId) as { n: number; s: number };
      expect(paid).toEqual({ n: 1, s: p.payoutFen });
    }
    const halfPaid = db
      .prepare(`SELECT COUNT(*) AS n FROM trades t WHERE (t.status = 'paid') <> (t.trade_no IS NOT NULL)
      OR (t.status = 'paid' AND (t.paid_day IS NULL OR (SELECT COALESCE(SUM(amount_fen), 0) FROM payments WHERE trade_id = t.id) + t.rounding_fen <> t.payout_fen))
      OR (t.status <> 'paid' AND t.status <> 'voided' AND EXISTS (SELECT 1 FROM payments p WHERE p.trade_id = t.id))`)
      .get() as { n: number };
    expect(halfPaid.n).toBe(0);
    expect(
      (
        db
          .prepare(
            "SELECT COUNT(*) AS n FROM trades t WHERE t.status = 'paid' AND (SELECT COUNT(*) FROM print_jobs j WHERE j.trade_id = t.id) < 1",
          )
          .get() as { n: number }
      ).n,
    ).toBe(0);
    expect(
      (
        db
          .prepare(
            'SELECT COUNT(*) AS n FROM print_jobs j WHERE j.trade_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM trades t WHERE t.id = j.trade_id)',
          )
          .get() as { n: number }
      ).n,
    ).toBe(0);
    const seals = db
      .prepare(`SELECT COUNT(*) AS n FROM days d WHERE d.status = 'closed' AND (d.z_number IS NULL
      OR NOT EXISTS (SELECT 1 FROM z_reports z WHERE z.day_id = d.id) OR NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.day_id = d.id))`)
      .get() as { n: number };
    expect(seals.n).toBe(0);
    const numbers = db.prepare('SELECT trade_no FROM trades WHERE trade_no IS NOT NULL ORDER BY trade_no').all() as {
      trade_no: string;
    }[];
    expect(new Set(numbers.map((n) => n.trade_no)).size).toBe(numbers.length);
    const zs = (db.prepare('SELECT z_number FROM z_reports ORDER BY z_number').all() as { z_number: number }[]).map(
      (r) => r.z_number,
    );
    expect(zs).toEqual(zs.map((_, i) => i + 1));
    db.close();
    host = await startHost({ dataDir, keyDir, env: { CARDDESK_TEST_CLOCK_OFFSET_MS: String(offset) } });
    const staff = await host.call('auth.staffList', {});
    if (!staff.result.ok) throw new Error('no staff');
    session = (await host.call('auth.login', { staffId: staff.result.value[0]!.id, pin: PIN })).session;
    const check = await call('ledger.verify', {});
    expect(check.ok && check.value.ok).toBe(true);
    await host.stop();
    process.stdout.write(
      `crash safety: ${killed} kills, ${acknowledged.length} acknowledged payments, ${sealed} seals, 0 lost\n`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
  });
});
