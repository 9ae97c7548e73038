// Head-office figures on a real PostgreSQL on loopback (docs/head-office.md "Bench"), when one is installed:
// - hq.ingest_500: 500 shops push one sealed day each (~200 trades) at once to a head-office process, against
//   the same rows (days, cards, summaries) written by bare multi-row INSERTs, a transaction a day, with as many
//   connections, in the same run;
// - hq.charts_year: the chain's monthly charts of a year for 500 shops × 365 days (summary rows generated in
//   SQL) against a bare aggregate over the same summary table;
// - hq.console_year: the console's figures of a year (12 months by group, every shop) on the same summary rows,
//   against the same bare aggregate;
// - hq.rss_growth_mb: head office's resident memory at its peak during the ingest, less what it held after a
//   warm-up round;
// - hq.card_check: the check a counter asks when a line is added (signed, over HTTP), asked again and again while
//   the 500-shop ingest runs, against a bare indexed SELECT of the same card hashes on the same database under the
//   same load, each asked in turn; their 99th percentiles.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { z } from 'zod';
import { migrate } from '../hq/db/migrate';
import { openPg } from '../hq/db/pg';
import type { Db, Param } from '../hq/db/types';
import { cardsOf } from '../hq/days';
import { DayBody } from '../hq/body';
import { chainMonths } from '../hq/figures';
import { chainFigures } from '../hq/console/figures';
import { openHeadOffice } from '../hq/head-office';
import { ServerKey } from '../hq/keys';
import { addDays } from '../shared/domain/dates';
import { jcs } from '../shared/protocol/canonical';
import { sha256Hex, signedHeaders } from '../shared/protocol/signing';
import { postgresBin, startPostgres } from '../test/support/postgres';
import { body } from './sync';
import { headOfficeProcess } from './hq-process';

type Put = (name: string, value: number, unit: 'ms' | 'x' | 'MB', samples: number) => void;
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const KEY_HEX = '7b'.repeat(32);
const SECRET = 'bench-hq-shop-secret-0123456789';
const POOL = 10;
/** Counters asking card checks at once during the ingest. */
const CHECK_COUNTERS = 2;

/** The chain hash of a bench card: unique per shop, trade and line, so the ingest raises no duplicate alert. */
const cardHashOf = (tradeNo: string, k: number) => sha256Hex(`card-${tradeNo}-${k}`);

/** A shop's sealed day of `trades` trades (two cards each), as the sync bench makes it, its cards chain-hashed. */
function dayOf(shopId: string, date: string, trades: number): { text: string; hash: string } {
  const raw = JSON.parse(body(date, 1, trades, null, shopId).text) as {
    ledgerHash?: string;
    trades: { tradeNo: string; lines: { cardHash: string | null }[] }[];
  };
  for (const t of raw.trades) t.lines.forEach((l, k) => (l.cardHash = cardHashOf(t.tradeNo, k)));
  delete raw.ledgerHash;
  const hash = sha256Hex(jcs(raw));
  return { text: jcs({ ...raw, ledgerHash: hash }), hash };
}
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

const shopCode = (i: number) => `B${String(i).padStart(4, '0')}`;

/** A signed v2 request as a shop sends it; answers its status. */
function send(agent: http.Agent, base: string, shopId: string, method: string, p: string, text: string, extra = {}) {
  const headers = {
    ...signedHeaders(
      shopId,
      SECRET,
      Date.now(),
      method,
      p,
      text,
      sha256Hex(`${shopId}${p}${Math.random()}`).slice(0, 32),
    ),
    ...extra,
    'Content-Type': 'application/json',
  };
  return new Promise<number>((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

function put(agent: http.Agent, base: string, shopId: string, date: string, day: { text: string; hash: string }) {
  return send(agent, base, shopId, 'PUT', `/v1/shops/${shopId}/days/${date}`, day.text, {
    'Idempotency-Key': `${shopId}:${date}:${day.hash}`,
  });
}

/** The same rows as head office writes for a day, by plain multi-row INSERTs in one transaction. */
async function bareDay(db: Db, shopId: string, date: string, text: string): Promise<void> {
  const body = DayBody.parse(JSON.parse(text));
  const cards = cardsOf(body);
  const figures = new Map<string, { brand: string; form: string; cards: number; value: number; payout: number }>();
  for (const c of cards) {
    const k = `${c.brand}/${c.form}`;
    const f = figures.get(k) ?? { brand: c.brand, form: c.form, cards: 0, value: 0, payout: 0 };
    f.cards += 1;
    f.value += c.value_fen;
    f.payout += c.payout_fen;
    figures.set(k, f);
  }
  const values = (rows: Param[][], width: number, from = 1) =>
    rows
      .map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${from + r * width + c}`).join(', ')})`)
      .join(', ');
  await db.tx(async (q) => {
    await q.run(
      `INSERT INTO days (shop_id, business_date, z_number, schema, ledger_hash, journal_head, prev_journal_head,
         grand_total_fen, expected_margin_fen, warnings, body, stored_at) VALUES ($1, $2, 1, 1, $3, $4, NULL, 0, 0, '[]', $5, 0)`,
      [shopId, date, body.ledgerHash, body.journalHead, text],
    );
    const cardRows: Param[][] = cards.map((c) => [
      shopId,
      date,
      c.trade_no,
      c.position,
      c.last4,
      c.card_hash,
      c.brand,
      c.form,
      c.value_fen,
      c.rate_bp,
      c.payout_fen,
      false,
    ]);
    await q.run(
      `INSERT INTO cards (shop_id, business_date, trade_no, position, last4, card_hash, brand, form, value_fen, rate_bp,
         payout_fen, voided) VALUES ${values(cardRows, 12)}`,
      cardRows.flat(),
    );
    const figureRows: Param[][] = [...figures.values()].map((f) => [
      shopId,
      date,
      f.brand,
      f.form,
      f.cards,
      f.value,
      f.payout,
      0,
    ]);
    await q.run(
      `INSERT INTO day_figures (shop_id, business_date, brand, form, cards, value_fen, payout_fen, realised_margin_fen)
       VALUES ${values(figureRows, 8)}`,
      figureRows.flat(),
    );
    const monthRows: Param[][] = figureRows.map((r) => [r[0] ?? '', date.slice(0, 7), ...r.slice(2)]);
    await q.run(
      `INSERT INTO month_figures (shop_id, month, brand, form, cards, value_fen, payout_fen, realised_margin_fen)
       VALUES ${values(monthRows, 8)}`,
      monthRows.flat(),
    );
    await q.run('INSERT INTO month_totals (shop_id, month, days, expected_margin_fen) VALUES ($1, $2, 1, 0)', [
      shopId,
      date.slice(0, 7),
    ]);
  });
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

const Hit = z.object({ shop_id: z.string(), trade_no: z.string() });

/**
 * Card checks, one after another from each of `counters` counters until `until()` says stop (or `rounds` each):
 * each asks head office (signed, over HTTP) for five card hashes — three bought at other shops on the warm-up day,
 * two never seen — and then, on its own connection to the same database, the bare indexed SELECT of the same hashes.
 */
async function checks(
  agent: http.Agent,
  base: string,
  bare: Db,
  known: string[],
  until: () => boolean,
  counters: number,
  asker: string,
  rounds = Infinity,
): Promise<{ ours: number[]; bare: number[]; failed: number[] }> {
  const ours: number[] = [];
  const bareT: number[] = [];
  const failed: number[] = [];
  await Promise.all(
    Array.from({ length: counters }, async (_, c) => {
      for (let i = 0; i < rounds && !until() && failed.length === 0; i++) {
        const hashes = [
          ...[0, 1, 2].map((k) => known[(i * 3 + k + c * 7) % known.length] ?? ''),
          sha256Hex(`unseen-${c}-${i}-a`),
          sha256Hex(`unseen-${c}-${i}-b`),
        ];
        const text = JSON.stringify({ cardHashes: hashes });
        let a = ns();
        const status = await send(agent, base, asker, 'POST', `/v1/shops/${asker}/cards/check`, text);
        ours.push(ms(a, ns()));
        if (status !== 200) failed.push(status);
        a = ns();
        await bare.all(
          Hit,
          `SELECT c.shop_id, c.trade_no FROM unnest($1::text[]) AS h,
             LATERAL (SELECT shop_id, trade_no FROM cards WHERE card_hash = h) AS c`,
          [hashes],
        );
        bareT.push(ms(a, ns()));
      }
    }),
  );
  return { ours, bare: bareT, failed };
}

/** An order to the counters' process: where head office and its database are, which cards, who asks, how long. */
interface CheckOrder {
  base: string;
  dbUrl: string;
  known: string[];
  counters: number;
  asker: string;
  /** Checks per counter; none: until the process is told to stop. */
  rounds?: number;
}
type Checked = Awaited<ReturnType<typeof checks>>;
type ToCounters = { kind: 'run'; order: CheckOrder } | { kind: 'stop' } | { kind: 'end' };

/**
 * The counters' side of the card-check figure, run as a process of its own (`bench/.run.mjs --card-checks`): the
 * counters are other machines than the 500 shops sending their closings, so their answers must not wait on the
 * event loop that is writing those closings (~50 MB) to head office; that wait was what the first checks of a
 * run measured (docs/head-office.md). Each `run` order answers its samples; `stop` ends a run without rounds.
 */
export function cardCheckCounters(): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  let lookups: Db | null = null;
  let stop = false;
  process.on('message', (m: ToCounters) => {
    if (m.kind === 'stop') stop = true;
    else if (m.kind === 'end') {
      agent.destroy();
      void (lookups?.close() ?? Promise.resolve()).then(() => process.disconnect());
    } else {
      stop = false;
      const o = m.order;
      lookups ??= openPg(o.dbUrl, o.counters);
      void checks(agent, o.base, lookups, o.known, () => stop, o.counters, o.asker, o.rounds).then(
        (result) => process.send?.({ result }),
        (e: unknown) => {
          process.stderr.write(`hq: the counters' checks failed: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exit(1);
        },
      );
    }
  });
}

/** The counters' process, from the bench's side: `run` answers the samples of one order. */
function countersProcess() {
  const child = fork(process.argv[1] ?? '', ['--card-checks'], { execArgv: process.execArgv });
  const ended = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the counters' process ended (${code})`))),
  );
  ended.catch(() => undefined);
  const tell = (m: ToCounters) => child.send(m);
  return {
    run: (order: CheckOrder): Promise<Checked> =>
      Promise.race([
        new Promise<Checked>((resolve) => {
          child.once('message', (m: { result: Checked }) => resolve(m.result));
          tell({ kind: 'run', order });
        }),
        ended,
      ]),
    stop: () => tell({ kind: 'stop' }),
    end: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        tell({ kind: 'end' });
      }),
  };
}

async function ingest(put_: Put, size: Size, sizes: Record<string, number>, serverUrl: (name: string) => string) {
  const shops = size(500, 100, 8);
  const trades = size(200, 100, 5);
  const warm = Math.min(shops, 20);
  sizes['hq.ingest.shops'] = shops;
  sizes['hq.ingest.trades_per_day'] = trades;
  const ours = openPg(serverUrl('bench_hq'), POOL);
  await migrate(ours);
  const key = ServerKey.fromHex(KEY_HEX);
  const setup = await openHeadOffice({ db: ours, key });
  for (let i = 0; i < shops; i++) await setup.shops.register({ shopId: shopCode(i), name: `店${i}` }, SECRET);
  // A chain whose shops check cards has its chain key (head office reads it once, then names its fingerprint).
  await setup.chain.set('bench-chain-key-0123456789');
  await setup.close();
  const hq = await headOfficeProcess(['--database-url', serverUrl('bench_hq')], { keyHex: KEY_HEX });
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    // Warm-up: a round of earlier days from some shops, so the process has run every path before it is measured.
    const warmDate = '2026-06-30';
    await Promise.all(
      Array.from({ length: warm }, (_, i) =>
        put(agent, hq.base, shopCode(i), warmDate, dayOf(shopCode(i), warmDate, trades)),
      ),
    );
    const date = '2026-07-01';
    const bodies = Array.from({ length: shops }, (_, i) => dayOf(shopCode(i), date, trades));
    const rss0 = rssOf(hq.pid);
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(hq.pid))), 20);
    const a = ns();
    const statuses = await Promise.all(bodies.map((b, i) => put(agent, hq.base, shopCode(i), date, b)));
    const oursMs = ms(a, ns());
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(hq.pid));
    const bad = statuses.filter((s) => s !== 201);
    if (bad.length > 0)
      throw new Error(`ingest answered ${bad.length} times other than 201: ${[...new Set(bad)].join(',')}`);

    // The next closing, with counters asking card checks all through it (a run of its own, so the ingest's figure
    // above stays comparable). The cards they ask about were bought on the warm-up day by other shops.
    const known = Array.from({ length: warm * trades }, (_, j) =>
      cardHashOf(
        `${shopCode(j % warm)}-${warmDate.replaceAll('-', '')}-${String(Math.floor(j / warm) + 1).padStart(4, '0')}`,
        0,
      ),
    );
    const nextDate = '2026-07-02';
    const nextBodies = Array.from({ length: shops }, (_, i) => dayOf(shopCode(i), nextDate, trades));
    const order = {
      base: hq.base,
      dbUrl: serverUrl('bench_hq'),
      known,
      counters: CHECK_COUNTERS,
      asker: shopCode(shops - 1),
    };
    const counters = countersProcess();
    let checked: Checked;
    let nextStatuses: number[];
    try {
      // Each counter asks once before the closing, unmeasured: its connection to head office and head office's and
      // the bare side's connections to PostgreSQL are opened, as at a counter that has been checking all day.
      const warmed = await counters.run({ ...order, rounds: 1 });
      if (warmed.failed.length > 0) throw new Error(`the card check answered ${warmed.failed.join(',')}`);
      // The closing's 500 requests are signed and sent off first (~0.5 s of this process), then the counters, in
      // their own process, ask all through it.
      const storing = Promise.all(nextBodies.map((b, i) => put(agent, hq.base, shopCode(i), nextDate, b)));
      const checking = counters.run(order);
      // Awaited after the ingest; a failure meanwhile must not end the process before PostgreSQL is stopped.
      checking.catch(() => undefined);
      nextStatuses = await storing;
      counters.stop();
      checked = await checking;
    } finally {
      await counters.end();
    }
    if (checked.failed.length > 0) throw new Error(`the card check answered ${checked.failed.join(',')}`);
    if (nextStatuses.some((s) => s !== 201)) throw new Error('the second closing was not stored whole');

    // The same rows, bare: a transaction a day, POOL days at a time.
    const bare = openPg(serverUrl('bench_bare'), POOL);
    await migrate(bare);
    await bare.run(
      "INSERT INTO shops (shop_id, name, created_at) SELECT 'B' || lpad(g::text, 4, '0'), 'x', 0 FROM generate_series(0, $1) g",
      [shops - 1],
    );
    const b0 = ns();
    let next = 0;
    await Promise.all(
      Array.from({ length: POOL }, async () => {
        for (let i = next++; i < shops; i = next++) await bareDay(bare, shopCode(i), date, bodies[i]?.text ?? '');
      }),
    );
    const bareMs = ms(b0, ns());
    await bare.close();
    put_('hq.ingest_500.ms', oursMs, 'ms', shops);
    put_('baseline.hq_bare_inserts.ms', bareMs, 'ms', shops);
    put_('hq.ingest_500.ratio', oursMs / bareMs, 'x', shops);
    put_('hq.rss_growth_mb', (peak - rss0) / 1e6, 'MB', shops);
    const p99 = percentile(checked.ours, 0.99);
    const bareP99 = percentile(checked.bare, 0.99);
    put_('hq.card_check.p99_ms', p99, 'ms', checked.ours.length);
    put_('baseline.hq_bare_card_select.p99_ms', bareP99, 'ms', checked.bare.length);
    put_('hq.card_check.ratio', p99 / bareP99, 'x', checked.ours.length);
    sizes['hq.card_check.samples'] = checked.ours.length;
  } finally {
    agent.destroy();
    await hq.stop();
    await ours.close();
  }
}

const Aggregate = z.object({
  month: z.string(),
  cards: z.number(),
  value_fen: z.number(),
  payout_fen: z.number(),
  realised_margin_fen: z.number(),
});

async function charts(put_: Put, size: Size, sizes: Record<string, number>, serverUrl: (name: string) => string) {
  const shops = size(500, 200, 10);
  const days = size(365, 365, 60);
  sizes['hq.charts.shops'] = shops;
  sizes['hq.charts.days'] = days;
  const db = openPg(serverUrl('bench_charts'), POOL);
  try {
    await migrate(db);
    const first = '2025-01-01';
    const last = addDays(first, days - 1);
    // Summary rows made directly, as a year of days would leave them: per shop, day, brand and form, then months.
    await db.run(
      `INSERT INTO day_figures (shop_id, business_date, brand, form, cards, value_fen, payout_fen, realised_margin_fen)
       SELECT 'B' || lpad(s::text, 4, '0'), to_char($1::date + d, 'YYYY-MM-DD'), b.brand, f.form,
         100 + (s * 7 + d) % 50, (100 + (s * 7 + d) % 50) * 100000::bigint, (100 + (s * 7 + d) % 50) * 90100::bigint, (s + d) % 3000
       FROM generate_series(0, $2) s, generate_series(0, $3) d, (VALUES ('jd'), ('tmall')) b(brand), (VALUES ('e'), ('physical')) f(form)`,
      [first, shops - 1, days - 1],
    );
    await db.run(
      `INSERT INTO month_figures (shop_id, month, brand, form, cards, value_fen, payout_fen, realised_margin_fen)
       SELECT shop_id, substr(business_date, 1, 7), brand, form, SUM(cards), SUM(value_fen), SUM(payout_fen), SUM(realised_margin_fen)
       FROM day_figures GROUP BY 1, 2, 3, 4`,
    );
    await db.run(
      `INSERT INTO month_totals (shop_id, month, days, expected_margin_fen)
       SELECT shop_id, substr(business_date, 1, 7), COUNT(DISTINCT business_date), SUM(payout_fen) / 20 FROM day_figures GROUP BY 1, 2`,
    );
    // The shops themselves, in ten groups, for the console's figures by group.
    await db.run(
      `INSERT INTO shops (shop_id, name, city, group_name, created_at)
       SELECT 'B' || lpad(s::text, 4, '0'), 'shop ' || s, 'city ' || (s % 20), 'group ' || (s % 10), 0
       FROM generate_series(0, $1) s`,
      [shops - 1],
    );
    await db.exec('VACUUM ANALYZE');
    const from = first.slice(0, 7);
    const to = last.slice(0, 7);
    const bare = () =>
      db.all(
        Aggregate,
        `SELECT month, SUM(cards)::bigint AS cards, SUM(value_fen)::bigint AS value_fen, SUM(payout_fen)::bigint AS payout_fen,
           SUM(realised_margin_fen)::bigint AS realised_margin_fen FROM month_figures WHERE month BETWEEN $1 AND $2 GROUP BY month ORDER BY month`,
        [from, to],
      );
    const runs = size(30, 15, 5);
    const oursT: number[] = [];
    const bareT: number[] = [];
    await chainMonths(db, from, to);
    await bare();
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine.
      let a = ns();
      const points = await chainMonths(db, from, to);
      oursT.push(ms(a, ns()));
      a = ns();
      const rows = await bare();
      bareT.push(ms(a, ns()));
      if (points.length !== rows.length) throw new Error('the charts and the bare aggregate disagree');
    }
    put_('hq.charts_year.ms', median(oursT), 'ms', runs);
    put_('baseline.hq_bare_aggregate.ms', median(bareT), 'ms', runs);
    put_('hq.charts_year.ratio', median(oursT) / median(bareT), 'x', runs);

    // The console's year: the monthly series and the breakdown by group, as the owner's figures screen asks.
    const year = () => chainFigures(db, { period: '12m', by: 'group', to: last, shops: null });
    const consoleT: number[] = [];
    const bare2T: number[] = [];
    await year();
    for (let i = 0; i < runs; i++) {
      let a = ns();
      const f = await year();
      consoleT.push(ms(a, ns()));
      a = ns();
      await bare();
      bare2T.push(ms(a, ns()));
      if (f.breakdown.length !== Math.min(10, shops)) throw new Error('the console year misses a group');
    }
    put_('hq.console_year.ms', median(consoleT), 'ms', runs);
    put_('hq.console_year.ratio', median(consoleT) / median(bare2T), 'x', runs);
  } finally {
    await db.close();
  }
}

/** Both groups on a throw-away PostgreSQL with fsync on; skipped (said on stderr) where PostgreSQL is not installed. */
export async function headOffice(
  put_: Put,
  size: Size,
  sizes: Record<string, number>,
  log: (s: string) => void,
): Promise<void> {
  try {
    postgresBin();
  } catch {
    log('hq: PostgreSQL 15+ is not installed here; the head-office figures are skipped');
    return;
  }
  const pg = await startPostgres({ durable: true });
  try {
    const made = new Map<string, string>();
    const serverUrl = (name: string) => made.get(name) ?? made.set(name, pg.createDatabase(name)).get(name) ?? '';
    await ingest(put_, size, sizes, serverUrl);
    await charts(put_, size, sizes, serverUrl);
  } finally {
    pg.stop();
  }
}
