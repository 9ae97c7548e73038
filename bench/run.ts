// `npm run bench` (full) / `npm run bench -- --quick`: prints a table and writes bench/results/latest.json.
// Ratios divide our time by a baseline measured in the same run; absolute times are reported, not promised.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HTTP_SESSION_HEADER } from '../shared/contract';
import { createBackend } from '../electron/core/backend';
import { applyPragmas } from '../electron/core/db/open';
import { createDispatch } from '../electron/transport/dispatch';
import { createHttpServer } from '../electron/transport/http';
import { benchPorts, BENCH_PIN, DATA, shopWithJournal } from './generate';
import { chainTradePay, lookups, tradePay } from './counter';
import { receipts } from './printing';
import { dayClose } from './ledger';
import { syncDrain } from './sync';
import { pricingAdjustments } from './pricing';
import { cardCheckCounters, headOffice } from './hq';

/** `--smoke`: tiny sizes, only to prove every figure is still produced (a test runs it); not for reading. */
const smoke = process.argv.includes('--smoke');
const quick = smoke || process.argv.includes('--quick');
const size = (full: number, small: number, tiny: number) => (smoke ? tiny : quick ? small : full);
type Unit = 'ms' | 'x' | 'MB' | 'ops/s';
const figures: Record<string, { value: number; unit: Unit; samples: number }> = {};
/** The sizes of the data sets the figures were measured on. */
const sizes: Record<string, number> = {};
const log = (s: string) => process.stderr.write(`${s}\n`);

const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const put = (name: string, value: number, unit: Unit, samples: number) =>
  void (figures[name] = { value: round(value), unit, samples });

/** journal.append in its own transaction vs a bare INSERT of a same-size row in its own transaction. */
async function journalAppend(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(DATA, 'append-'));
  const ports = benchPorts(dir);
  const backend = createBackend({ dataDir: dir, ...ports });
  const { journal, sql } = backend.services;
  const payload = {
    kind: 'trade.paid',
    tradeNo: 'SH01-20261125-0001',
    lines: 3,
    payoutFen: 360599,
    note: '收卡 京东E卡',
  };
  const bare = new Database(path.join(dir, 'baseline.sqlite'));
  applyPragmas(bare);
  bare.exec(
    'CREATE TABLE t (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, staff TEXT, kind TEXT NOT NULL, ref TEXT, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT',
  );
  const insert = bare.prepare(
    'INSERT INTO t (at, staff, kind, ref, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const bareTx = bare.transaction(() =>
    insert.run(
      new Date().toISOString(),
      null,
      'trade.lineAdded',
      'ref',
      JSON.stringify(payload),
      '0'.repeat(64),
      'f'.repeat(64),
    ),
  );
  const n = size(2000, 300, 20);
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < n; i++) {
    // Interleaved, so both see the same disk and the same noise.
    let a = ns();
    sql.tx(() => journal.append({ staff: null, kind: 'trade.lineAdded', ref: 'ref', payload }));
    ours.push(ms(a, ns()));
    a = ns();
    bareTx();
    base.push(ms(a, ns()));
  }
  put('journal.append.p50_ms', quantile(ours, 0.5), 'ms', n);
  put('baseline.insert.p50_ms', quantile(base, 0.5), 'ms', n);
  put('journal.append.ratio', quantile(ours, 0.5) / quantile(base, 0.5), 'x', n);
  bare.close();
  backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Opening a shop with a large journal (and status): must not scan a table, so it costs what an empty one does. */
async function dbOpen(): Promise<void> {
  const entries = size(1_000_000, 100_000, 2_000);
  const big = await shopWithJournal(entries, log);
  const small = await shopWithJournal(1, log);
  const openOnce = async (dir: string) => {
    const a = ns();
    const backend = createBackend({ dataDir: dir, ...benchPorts(dir) });
    const dispatch = createDispatch(backend);
    const r = await dispatch({ get: () => null, set: () => {} }, 'system.status', {});
    const t = ms(a, ns());
    if (!r.ok) throw new Error('status failed');
    backend.close();
    return t;
  };
  const n = size(15, 7, 3);
  const bigT: number[] = [];
  const smallT: number[] = [];
  await openOnce(big);
  await openOnce(small);
  for (let i = 0; i < n; i++) {
    bigT.push(await openOnce(big));
    smallT.push(await openOnce(small));
  }
  put('db.open.ms', quantile(bigT, 0.5), 'ms', n);
  sizes['db.open.journal_entries'] = entries;
  put('db.open.vs_empty.ratio', quantile(bigT, 0.5) / quantile(smallT, 0.5), 'x', n);
  const file = path.join(big, 'carddesk.sqlite');
  put('db.open.file_mb', fs.statSync(file).size / 1e6, 'MB', 1);
}

/** A call over the real loopback HTTP transport: settings.get as a logged-in clerk would make it. */
async function rpcHttp(): Promise<void> {
  const dir = await shopWithJournal(1, log);
  const backend = createBackend({ dataDir: dir, ...benchPorts(dir) });
  const token = 'bench-token';
  const server = createHttpServer({ backend, dispatch: createDispatch(backend), token });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (name: string, body: unknown, session = '') =>
    new Promise<{ status: number; session: string | null; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/rpc/${name}`,
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            [HTTP_SESSION_HEADER]: session,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              session: (res.headers[HTTP_SESSION_HEADER] as string | undefined) ?? null,
              text,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const staff = JSON.parse((await post('auth.staffList', {})).text) as { value: { id: string }[] };
  const login = await post('auth.login', { staffId: staff.value[0]?.id, pin: BENCH_PIN });
  const session = login.session ?? '';
  const n = size(3000, 500, 30);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) await post('settings.get', {}, session);
  for (let i = 0; i < n; i++) {
    const a = ns();
    const r = await post('settings.get', {}, session);
    times.push(ms(a, ns()));
    if (r.status !== 200 || !r.text.startsWith('{"ok":true')) throw new Error(`rpc failed: ${r.text}`);
  }
  put('rpc.http.p50_ms', quantile(times, 0.5), 'ms', n);
  put('rpc.http.p99_ms', quantile(times, 0.99), 'ms', n);
  agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  backend.close();
}

async function main(): Promise<void> {
  fs.mkdirSync(DATA, { recursive: true });
  const started = Date.now();
  // `--only a,b`: just those groups (journal, open, rpc, pay, pay-chain, lookup, receipt, close, sync, pricing, hq), for working on
  // one figure.
  const only = process.argv.includes('--only')
    ? (process.argv[process.argv.indexOf('--only') + 1] ?? '').split(',')
    : null;
  const groups: [string, () => Promise<void>][] = [
    ['journal', journalAppend],
    ['open', dbOpen],
    ['rpc', rpcHttp],
    ['pay', () => tradePay(put, size)],
    ['pay-chain', () => chainTradePay(put, size)],
    ['lookup', () => lookups(put, size, sizes)],
    ['receipt', () => receipts(put, size)],
    ['close', () => dayClose(put, size, sizes)],
    ['sync', () => syncDrain(put, size, sizes)],
    ['pricing', () => pricingAdjustments(put, size)],
    ['hq', () => headOffice(put, size, sizes, log)],
  ];
  for (const [name, run] of groups) if (!only || only.includes(name)) await run();
  const out = {
    quick,
    smoke,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    seconds: Math.round((Date.now() - started) / 1000),
    sizes,
    figures,
  };
  const dir = smoke ? DATA : path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, smoke ? 'smoke.json' : 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  const rows = Object.entries(figures).map(
    ([k, v]) => `${k.padEnd(28)} ${String(v.value).padStart(12)} ${v.unit.padEnd(5)} n=${v.samples}`,
  );
  process.stdout.write(`${rows.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// The card check's counters run in a process of their own (bench/hq.ts).
if (process.argv.includes('--card-checks')) cardCheckCounters();
else void main();
