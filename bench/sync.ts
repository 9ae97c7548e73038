// Sync figures: draining a backlog of sealed days (365 days of ~200 trades) to head office (hq/, on PGlite) on
// loopback, against the same signed PUTs of another shop sent to it by a bare loop in the same run; and the peak
// memory growth while draining, which must stay flat whatever the backlog (one body in memory at a time).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fetchHq } from '../electron/adapters/hq-fetch';
import { createBackend } from '../electron/core/backend';
import { jcs } from '../electron/core/journal/service';
import { sha256Hex, signedHeaders } from '../shared/protocol/signing';
import { createDispatch } from '../electron/transport/dispatch';
import { addDays } from '../shared/domain/dates';
import { headOfficeProcess, hqCommand } from './hq-process';
import { benchPorts, BENCH_PASSPHRASE, BENCH_PIN, DATA } from './generate';

type Put = (name: string, value: number, unit: 'ms' | 'x' | 'MB', samples: number) => void;
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;

/** A shop's sealed day's frozen body of `trades` trades, shaped as the seal writes it (head office's bench too). */
export function body(
  date: string,
  z: number,
  trades: number,
  prevHead: string | null,
  shopId = 'BENCH',
): { text: string; hash: string; head: string } {
  const head = createHash('sha256').update(`head-${shopId}-${date}`).digest('hex');
  const list = Array.from({ length: trades }, (_, i) => ({
    tradeNo: `${shopId}-${date.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
    paidAt: `${date}T03:00:00.000Z`,
    staff: '店员',
    status: 'paid',
    roundingFen: 0,
    payments: [{ method: i % 10 < 7 ? 'cash' : 'wechat', amountFen: 180_200 }],
    lines: [0, 1].map((k) => ({
      brand: 'jd',
      form: 'e',
      last4: String((i * 2 + k) % 10_000).padStart(4, '0'),
      cardHash: null,
      valueFen: 100_000,
      rateBp: 9010,
      payoutFen: 90_100,
    })),
  }));
  const unsigned = {
    schema: 1,
    shopId,
    businessDate: date,
    zNumber: z,
    openedAt: `${date}T01:00:00.000Z`,
    closedAt: `${date}T13:00:00.000Z`,
    summary: {
      totals: {
        trades,
        cards: trades * 2,
        valueFen: trades * 200_000,
        payoutFen: trades * 180_200,
        averageRateBp: 9010,
      },
      grandTotalFen: z * trades * 180_200,
    },
    trades: list,
    corrections: [],
    cash: [],
    alerts: [],
    journalHead: head,
    prevDayJournalHead: prevHead,
  };
  const hash = sha256Hex(jcs(unsigned));
  return { text: jcs({ ...unsigned, ledgerHash: hash }), hash, head };
}

export async function syncDrain(put: Put, size: Size, sizes: Record<string, number>): Promise<void> {
  const days = size(365, 60, 5);
  const perDay = size(200, 200, 20);
  sizes['sync.drain.days'] = days;
  sizes['sync.drain.trades_per_day'] = perDay;
  const dir = fs.mkdtempSync(path.join(DATA, 'sync-'));
  const shopDir = path.join(dir, 'shop');
  const ports = benchPorts(shopDir);
  const backend = createBackend({ dataDir: shopDir, ...ports, hq: fetchHq });
  const dispatch = createDispatch(backend);
  let id: string | null = null;
  const b = { get: () => id, set: (v: string | null) => void (id = v) };
  const must = async (name: string, input: unknown) => {
    const r = await dispatch(b, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
    return r.value;
  };
  await must('setup.complete', {
    shop: { name: '基准店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  const { sql, sync } = backend.services;
  const staffId = (sql.get<{ id: string }>('SELECT id FROM staff LIMIT 1') ?? { id: '' }).id;

  // The backlog, written in bulk: closed days and their outbox rows with real frozen bodies.
  // The bare loop sends the same days of another shop (BARE) to the same head office.
  const bodies: { date: string; text: string; hash: string }[] = [];
  let prev: string | null = null;
  let prevBare: string | null = null;
  sql.tx(() => {
    for (let d = 0; d < days; d++) {
      const date = addDays('2025-11-01', d);
      const made = body(date, d + 1, perDay, prev);
      prev = made.head;
      sql.run(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count, z_number) VALUES (?, ?, 'closed', ?, ?, 0, '{}', ?)",
        `d-${date}`,
        date,
        `${date}T01:00:00.000Z`,
        staffId,
        d + 1,
      );
      sql.run(
        'INSERT INTO sync_outbox (day_id, business_date, z_number, body, ledger_hash) VALUES (?, ?, ?, ?, ?)',
        `d-${date}`,
        date,
        d + 1,
        made.text,
        made.hash,
      );
      const bare = body(date, d + 1, perDay, prevBare, 'BARE');
      prevBare = bare.head;
      bodies.push({ date, text: bare.text, hash: bare.hash });
    }
  });
  // Head office runs as its own process (npm run hq's program), so the shop's memory is measured alone; the two
  // shops are registered first and their secrets read from what head office shows once.
  const offset = Math.floor(ports.clock.now() / 1000) - Math.floor(Date.now() / 1000);
  const dataDir = path.join(dir, 'hq');
  const register = async (code: string) =>
    /SHOP_SECRET=(\S+)/.exec(await hqCommand(['shop', 'add', code, '--data-dir', dataDir]))?.[1] ?? '';
  const secret = await register('BENCH');
  const bareSecret = await register('BARE');
  const hq = await headOfficeProcess(['--data-dir', dataDir, '--clock-offset', String(offset)], { testing: true });
  const url = hq.base;
  await must('sync.updateSettings', { hqBaseUrl: url, enabled: true, shopSecret: secret });

  // Ours: the worker drains the outbox; memory sampled while it runs, from a collected heap.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let a = ns();
  for (let guard = 0; guard < 10 && sync.nextDue() !== null; guard++) await sync.run(true);
  const ours = ms(a, ns());
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  // What stays after the drain once garbage is collected: nothing grows with the backlog.
  gc();
  const retained = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const sent = sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM sync_outbox WHERE status = 'sent'")?.n ?? 0;
  if (sent !== days) throw new Error(`drained ${sent} of ${days}`);

  // The bare loop: the same bodies, signed, PUT one after another with fetch.
  a = ns();
  for (const x of bodies) {
    const p = `/v1/shops/BARE/days/${x.date}`;
    const res = await fetch(`${url}${p}`, {
      method: 'PUT',
      body: x.text,
      headers: {
        ...signedHeaders('BARE', bareSecret, ports.clock.now(), 'PUT', p, x.text),
        'Idempotency-Key': `BARE:${x.date}:${x.hash}`,
        'Content-Type': 'application/json',
      },
    });
    await res.text();
    if (res.status !== 201) throw new Error(`bare PUT answered ${res.status}`);
  }
  const bare = ms(a, ns());
  bodies.length = 0;

  put('sync.drain_365_days.ms', ours, 'ms', days);
  put('baseline.bare_puts.ms', bare, 'ms', days);
  put('sync.drain.ratio', ours / bare, 'x', days);
  put('sync.drain_365_days.peak_mb', (peak - rss0) / 1e6, 'MB', days);
  put('sync.drain.retained_mb', retained, 'MB', days);

  await hq.stop();
  backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
