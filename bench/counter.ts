// Counter figures: paying a 3-card trade through dispatch vs the same committed transactions with bare
// statements; finding a trade by full card number and listing a day, in a shop with many trade lines.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createBackend } from '../electron/core/backend';
import { openDatabase } from '../electron/core/db/open';
import { createDispatch } from '../electron/transport/dispatch';
import { addDays } from '../shared/domain/dates';
import { benchPorts, BENCH_PASSPHRASE, BENCH_PIN, DATA } from './generate';
import { headOfficeProcess, hqCommand } from './hq-process';
import { fetchHq } from '../electron/adapters/hq-fetch';
import { PooledRandom, systemClock, UuidV7Ids } from '../electron/adapters/system-ports';
import type { Ports } from '../electron/core/ports';
import { LIST_COLUMNS } from '../electron/core/trades/views';

type Put = (name: string, value: number, unit: 'ms' | 'x', samples: number) => void;
/** Picks a size for the full, quick and smoke runs. */
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

function binding() {
  let id: string | null = null;
  return { get: () => id, set: (v: string | null) => void (id = v) };
}

export function openShop(dir: string) {
  return openShopWith(dir, benchPorts(dir));
}

async function openShopWith<P extends Ports>(dir: string, ports: P) {
  const backend = createBackend({ dataDir: dir, ...ports });
  const dispatch = createDispatch(backend);
  const b = binding();
  const must = async (name: string, input: unknown) => {
    const r = await dispatch(b, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${JSON.stringify(r.error.details)}`);
    return r.value as never;
  };
  return { backend, dispatch, b, must, ports };
}

/** A fresh shop, set up, quotes confirmed, day open with a large float. */
async function tradingShop(dir: string, ports?: (dir: string) => Ports) {
  fs.rmSync(dir, { recursive: true, force: true });
  const s = await openShopWith<Ports>(dir, ports ? ports(dir) : benchPorts(dir));
  await s.must('setup.complete', {
    shop: { name: '基准店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  await s.must('quotes.renew', {});
  await s.must('days.open', { count: { '10000': 100_000 } });
  return s;
}

/** Head office's server key in the chain bench (the bench's own). */
const HQ_KEY = '6d'.repeat(32);

const card = (n: number) => `JDE${String(n).padStart(13, '0')}`;

export async function tradePay(put: Put, size: Size): Promise<void> {
  const dir = path.join(DATA, 'pay');
  await measurePay(put, size, await tradingShop(dir), dir, {
    ours: 'trade.pay',
    baseline: 'baseline.pay_transactions',
  });
}

/**
 * The same trade at a shop of a chain (issue 18): head office in its own process on loopback (PGlite in a folder
 * of the bench), the shop registered there with the chain's key, on the real clock and timers (head office checks
 * the time of each signed request). Each card is hashed for the chain as it is added, its check asked in the
 * background, and the payment queues the live report of its cards: the baseline writes the chain hashes and the
 * report too. Head office's answers are waited for where a clerk pauses (after accepting, after paying), not
 * timed, and must come: a card without its answer or a report not sent stops the bench.
 */
export async function chainTradePay(put: Put, size: Size): Promise<void> {
  const dir = path.join(DATA, 'pay-chain');
  const hqDir = path.join(DATA, 'pay-chain-hq');
  fs.rmSync(hqDir, { recursive: true, force: true });
  const where = ['--data-dir', hqDir];
  const secret = /SHOP_SECRET=(\S+)/.exec(await hqCommand(['shop', 'add', 'BENCH', ...where], { keyHex: HQ_KEY }))?.[1];
  const chainKey = /CHAIN_KEY=(\S+)/.exec(
    await hqCommand(['chain-key', 'generate', ...where], { keyHex: HQ_KEY }),
  )?.[1];
  if (!secret || !chainKey) throw new Error('head office did not register the bench shop');
  const hq = await headOfficeProcess(where, { keyHex: HQ_KEY });
  const timers = new Set<() => void>();
  try {
    const s = await tradingShop(dir, (d) => {
      const random = new PooledRandom();
      return {
        ...benchPorts(d),
        clock: systemClock,
        random,
        ids: new UuidV7Ids(random, systemClock),
        // The app's timers, each cancelled when the bench is done with the shop.
        scheduler: {
          after(ms: number, fn: () => void) {
            const t = setTimeout(() => (timers.delete(stop), fn()), ms);
            const stop = () => clearTimeout(t);
            timers.add(stop);
            return stop;
          },
        },
        hq: fetchHq,
      };
    });
    await s.must('sync.updateSettings', { hqBaseUrl: hq.base, enabled: true, shopSecret: secret, chainKey });
    const { chainCards, sql } = s.backend.services;
    if (!chainCards.applies()) throw new Error('the bench shop does not check cards with head office');
    const Count = z.object({ n: z.number() });
    await measurePay(
      put,
      size,
      s,
      dir,
      { ours: 'trade.pay_chain', baseline: 'baseline.pay_chain_transactions' },
      {
        async beforePay(tradeId) {
          await chainCards.check(tradeId);
          const unanswered = sql.get(
            Count,
            'SELECT COUNT(*) AS n FROM trade_lines WHERE trade_id = ? AND (chain_hash IS NULL OR hq_check IS NULL)',
            tradeId,
          );
          if (unanswered?.n !== 0) throw new Error('head office did not answer the card check');
        },
        async afterPay() {
          await chainCards.run(true);
          const waiting = sql.get(Count, "SELECT COUNT(*) AS n FROM live_reports WHERE status <> 'sent'");
          if (waiting?.n !== 0) throw new Error('a live report did not reach head office');
        },
      },
    );
  } finally {
    for (const stop of timers) stop();
    await hq.stop();
    fs.rmSync(hqDir, { recursive: true, force: true });
  }
}

/** Where a chain shop's counter waits for head office: the clerk's pauses, outside the timed calls. */
interface Pauses {
  /** Before paying: the cards' check has its answer (a clerk takes seconds between the last card and paying). */
  beforePay(tradeId: string): Promise<void>;
  /** After paying: the live report of the cards has gone. */
  afterPay(): Promise<void>;
}

/**
 * A paid 3-card trade through dispatch, against the same rows in the same transactions with bare statements, in
 * turn, `size` times; figures named `names`. `pauses`: a chain shop's waits for head office (not timed).
 */
async function measurePay(
  put: Put,
  size: Size,
  s: Awaited<ReturnType<typeof tradingShop>>,
  dir: string,
  names: { ours: string; baseline: string },
  pauses?: Pauses,
): Promise<void> {
  // The baseline writes the same rows into the same schema (tables, indexes, triggers) with bare statements:
  // the ratio is what our code adds (validation, rules, hashing, encryption, views), not the cost of the schema.
  const bare = openDatabase(path.join(dir, 'baseline.sqlite'));
  // The baseline's ids, timestamps, keys and numbers have our rows' shapes and lengths (UUIDv7 ids from the same
  // generator, ISO instants, our group key and trade number), made before its clock starts: a 3-letter id or 'now'
  // makes smaller rows and index pages, which is the file's cost, not our code's.
  const basePorts = benchPorts(dir);
  const uid = () => basePorts.ids.next();
  const at = () => new Date(basePorts.clock.now()).toISOString();
  const staff = uid();
  const day = uid();
  bare
    .prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES (?, '店员', 'clerk', 'x', ?)")
    .run(staff, at());
  bare
    .prepare(
      "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES (?, '2026-11-01', 'open', ?, ?, 0, '{}')",
    )
    .run(day, at(), staff);
  const blob = Buffer.alloc(45, 7);
  const phoneBlob = Buffer.alloc(40, 7);
  // The texts the baseline writes are our own rows' (taken from our first trade below): the same bytes reach the
  // file on both sides, so the ratio is our code, not a shorter row.
  const texts = {
    explanation: '',
    snapshot: '',
    compliance: '',
    groupKey: '',
    payloads: new Map<string, string>(),
    /** Our payment queued a live report for head office (a shop of a chain): the baseline's writes one too. */
    liveReport: false,
  };
  let seq = 0;
  const journal = bare.prepare(
    'INSERT INTO journal (seq, at, staff, kind, ref, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const h = (x: string) => createHash('sha256').update(x).digest('hex');
  /** What one baseline trade writes that differs from trade to trade, made before its clock starts. */
  const values = (i: number) => ({
    trade: uid(),
    customer: uid(),
    lines: [uid(), uid(), uid()],
    payment: uid(),
    jobs: [uid(), uid()],
    at: at(),
    due: basePorts.clock.now(),
    tradeNo: `BENCH-20261101-${String(i + 100_000).slice(-4)}`,
    request: `bench-pay-${String(i + 100_000).slice(-3)}`,
    phoneHash: h(`c${i}`),
    cardHashes: [0, 1, 2].map((k) => h(`${i}-${k}`)),
    chainHashes: [0, 1, 2].map((k) => h(`chain ${i}-${k}`)),
  });
  type Values = ReturnType<typeof values>;
  /** A line's hash for head office's card check: written only by a shop of a chain, as ours. */
  const chainHash = (v: Values, k: number) => (texts.liveReport ? (v.chainHashes[k] ?? null) : null);
  const J = (v: Values, kind: string) =>
    journal.run(++seq, v.at, staff, kind, v.trade, texts.payloads.get(kind) ?? '{}', h(`${seq - 1}`), h(`${seq}`));
  const st = {
    t: bare.prepare(
      "INSERT INTO trades (id, status, staff_id, created_at, business_date) VALUES (?, 'draft', ?, ?, '2026-11-01')",
    ),
    cu: bare.prepare(
      "INSERT INTO customers (id, phone_hash, phone_enc, phone_masked, created_at) VALUES (?, ?, ?, '139****0000', ?)",
    ),
    tc: bare.prepare('UPDATE trades SET customer_id = ? WHERE id = ?'),
    l: bare.prepare(`INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, secret_enc, verified_how, verified_at, chain_hash)
      VALUES (?, ?, ?, 'jd', 'e', 100000, 100000, ?, ?, '0001', ?, 'official', ?, ?)`),
    ts: bare.prepare('UPDATE trades SET status = ?, cards = ?, value_fen = ?, offer_fen = ? WHERE id = ?'),
    g: bare.prepare(`INSERT INTO trade_groups (trade_id, group_key, brand, form, band_min_fen, band_max_fen, tier_bp, best_exit_bp, adj_bp, hard_cap_bp, ceiling_bp,
      target_bp, opening_bp, step_bp, current_bp, explanation, quote_snapshot) VALUES (?, ?, 'jd', 'e', 100000, 500000, 20, 9396, 20, 9390, 9290, 9110, 9010, 10, 9010, ?, ?)`),
    r: bare.prepare(
      "INSERT INTO rounds (trade_id, group_key, n, actor, kind, rate_bp, at, staff_id) VALUES (?, ?, ?, 'shop', ?, 9010, ?, ?)",
    ),
    lg: bare.prepare('UPDATE trade_lines SET group_key = ? WHERE trade_id = ?'),
    ga: bare.prepare('UPDATE trade_groups SET agreed_bp = 9010, current_bp = 9010 WHERE trade_id = ?'),
    lr: bare.prepare('UPDATE trade_lines SET rate_bp = 9010, payout_fen = 90100 WHERE trade_id = ?'),
    p: bare.prepare(
      "INSERT INTO payments (id, trade_id, method, amount_fen, reference) VALUES (?, ?, 'cash', 270300, '')",
    ),
    c: bare.prepare(
      "INSERT INTO counters (name, value) VALUES ('trade:2026-11-01', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1",
    ),
    pj: bare.prepare(
      "INSERT INTO print_jobs (id, kind, trade_id, copy, status, drawer, next_attempt_at, created_at, staff_id) VALUES (?, 'receipt', ?, ?, 'pending', ?, ?, ?, ?)",
    ),
    lv: bare.prepare(
      "INSERT INTO live_reports (kind, trade_id, trade_no, body, created_at) VALUES ('bought', ?, ?, ?, ?)",
    ),
    hq: bare.prepare(
      "UPDATE trade_lines SET hq_check = 'clear' WHERE trade_id = ? AND removed = 0 AND chain_hash IS NOT NULL AND hq_check IS NULL",
    ),
    sent: bare.prepare(
      "UPDATE live_reports SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ? WHERE trade_id = ? AND kind = 'bought'",
    ),
    tp: bare.prepare(
      "UPDATE trades SET status = 'paid', trade_no = ?, paid_at = ?, paid_day = ?, pay_request_id = ?, payout_fen = 270300, rounding_fen = 0, compliance = ? WHERE id = ?",
    ),
  };
  // The live report of a paid trade's three cards (sync-protocol.md v2), as queued with a chain's payment.
  const report = (v: Values) =>
    JSON.stringify({
      tradeNo: v.tradeNo,
      paidAt: v.at,
      lines: v.chainHashes.map((cardHash, k) => ({
        position: k + 1,
        cardHash,
        brand: 'jd',
        form: 'e',
        valueFen: 100_000,
      })),
    });
  /**
   * The baseline's trade: one transaction per counter call, writing the rows that call writes (docs/counter.md
   * lists what pay writes); a row added to a call (a head-office report queued with the payment, say) is added to
   * its line here too. A shop of a chain writes two more rows in transactions of their own in the clerk's pauses
   * (the check's answer, the report sent), as ours does. Answers the milliseconds of the eight calls' transactions.
   */
  const bareTrade = (v: Values): number => {
    const a = ns();
    const id = v.trade;
    // trades.create: the trade, its journal entry.
    bare.transaction(() => (st.t.run(id, staff, v.at), J(v, 'trade.created')))();
    // customers.attach: a new customer, the trade's customer, the journal entry.
    bare.transaction(
      () => (st.cu.run(v.customer, v.phoneHash, phoneBlob, v.at), st.tc.run(v.customer, id), J(v, 'customer.attached')),
    )();
    // trades.addLine × 3: the line, the trade's status and totals, the journal entry.
    for (let k = 0; k < 3; k++)
      bare.transaction(
        () => (
          st.l.run(v.lines[k] ?? '', id, k + 1, blob, v.cardHashes[k] ?? '', blob, v.at, chainHash(v, k)),
          st.ts.run('draft', k + 1, (k + 1) * 100_000, 0, id),
          J(v, 'trade.lineAdded')
        ),
      )();
    // trades.offer: the group, its opening round, the lines' group, the trade's status and totals, the journal entry.
    bare.transaction(
      () => (
        st.g.run(id, texts.groupKey, texts.explanation, texts.snapshot),
        st.r.run(id, texts.groupKey, 0, 'opening', v.at, staff),
        st.lg.run(texts.groupKey, id),
        st.ts.run('quoted', 3, 300_000, 270_300, id),
        J(v, 'trade.offered')
      ),
    )();
    // trades.accept: the group agreed, the lines' rate and payout, the agreed round, the trade, the journal entry.
    bare.transaction(
      () => (
        st.ga.run(id),
        st.lr.run(id),
        st.r.run(id, texts.groupKey, 1, 'agreed', v.at, staff),
        st.ts.run('agreed', 3, 300_000, 270_300, id),
        J(v, 'trade.agreed')
      ),
    )();
    let took = ms(a, ns());
    // A shop of a chain: head office's answer to the cards' check, stored in its own transaction in the clerk's
    // pause, not timed (as ours).
    if (texts.liveReport) bare.transaction(() => st.hq.run(id))();
    const b = ns();
    // trades.pay: the payment, the day's trade number, the paid trade, the two receipts, the live report of its
    // cards to head office when ours queued one (a shop of a chain; the bench's shop has no head office), the
    // journal entry.
    bare.transaction(
      () => (
        st.p.run(v.payment, id),
        st.c.run(),
        st.tp.run(v.tradeNo, v.at, day, v.request, texts.compliance, id),
        st.pj.run(v.jobs[0] ?? '', id, 'customer', 1, v.due, v.at, staff),
        st.pj.run(v.jobs[1] ?? '', id, 'shop', 0, v.due, v.at, staff),
        texts.liveReport && st.lv.run(id, v.tradeNo, report(v), v.at),
        J(v, 'trade.paid')
      ),
    )();
    took += ms(b, ns());
    // The live report marked sent, in its own transaction after head office took it, not timed (as ours).
    if (texts.liveReport) bare.transaction(() => st.sent.run(v.at, id))();
    return took;
  };
  let serial = 0;
  /** Our trade; answers the milliseconds of its calls (a chain shop's pauses for head office left out). */
  const ourTrade = async (): Promise<number> => {
    const a = ns();
    const t = (await s.must('trades.create', {})) as { id: string };
    await s.must('customers.attach', { tradeId: t.id, phone: `139${String(serial + 1).padStart(8, '0')}` });
    for (let k = 0; k < 3; k++) {
      await s.must('trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number: card(++serial),
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
    }
    const o = (await s.must('trades.offer', { tradeId: t.id })) as { groups: { key: string }[] };
    const agreed = (await s.must('trades.accept', { tradeId: t.id, groupKey: o.groups[0]?.key })) as {
      payoutFen: number;
    };
    let took = ms(a, ns());
    await pauses?.beforePay(t.id);
    const b = ns();
    await s.must('trades.pay', {
      tradeId: t.id,
      requestId: `bench-pay-${serial}`,
      parts: [{ method: 'cash', amountFen: agreed.payoutFen - (agreed.payoutFen % 10) }],
    });
    took += ms(b, ns());
    await pauses?.afterPay();
    return took;
  };
  const n = size(300, 60, 5);
  const ours: number[] = [];
  const base: number[] = [];
  await ourTrade();
  const { sql } = s.backend.services;
  const Texts = z.object({
    explanation: z.string(),
    quote_snapshot: z.string(),
    compliance: z.string(),
    group_key: z.string(),
  });
  const first = sql.get(
    Texts,
    `SELECT g.explanation, g.quote_snapshot, t.compliance, g.group_key FROM trade_groups g JOIN trades t ON t.id = g.trade_id
     WHERE t.status = 'paid' LIMIT 1`,
  );
  if (!first) throw new Error('no paid trade to copy');
  texts.explanation = first.explanation;
  texts.snapshot = first.quote_snapshot;
  texts.compliance = first.compliance;
  texts.groupKey = first.group_key;
  for (const r of sql.all(z.object({ kind: z.string(), payload: z.string() }), 'SELECT kind, payload FROM journal'))
    texts.payloads.set(r.kind, r.payload);
  texts.liveReport = (sql.get(z.object({ n: z.number() }), 'SELECT COUNT(*) AS n FROM live_reports')?.n ?? 0) > 0;
  for (let i = 0; i < 5; i++) {
    await ourTrade();
    bareTrade(values(-i - 1));
  }
  for (let i = 0; i < n; i++) {
    ours.push(await ourTrade());
    base.push(bareTrade(values(i)));
  }
  put(`${names.ours}.p50_ms`, quantile(ours, 0.5), 'ms', n);
  put(`${names.ours}.p99_ms`, quantile(ours, 0.99), 'ms', n);
  put(`${names.baseline}.p50_ms`, quantile(base, 0.5), 'ms', n);
  put(`${names.ours}.ratio`, quantile(ours, 0.5) / quantile(base, 0.5), 'x', n);
  bare.close();
  s.backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A shop with `lines` paid trade lines (4 a trade, over a year of days), written in bulk by a seeded generator. */
async function bigShop(lines: number): Promise<string> {
  const dir = path.join(DATA, `lines-${lines}`);
  if (fs.existsSync(path.join(dir, 'READY'))) return dir;
  const s = await tradingShop(dir);
  const { sql, keys, days } = s.backend.services;
  const staffId = (sql.get<{ id: string }>('SELECT id FROM staff LIMIT 1') ?? { id: '' }).id;
  const dayId = days.requireOpen().id;
  const insT = sql.db
    .prepare(`INSERT INTO trades (id, trade_no, status, staff_id, created_at, business_date, paid_at, paid_day, pay_request_id, payout_fen, rounding_fen)
    VALUES (?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, 0)`);
  const insL = sql.db
    .prepare(`INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, secret_enc, verified_how, verified_at, group_key, rate_bp, payout_fen)
    VALUES (?, ?, ?, 'jd', 'e', 100000, 100000, ?, ?, ?, ?, 'official', ?, 'g', 9010, 90100)`);
  const trades = Math.ceil(lines / 4);
  const perDay = Math.ceil(trades / 365);
  const enc = Buffer.alloc(45, 3);
  const at = '2026-01-01T02:00:00.000Z';
  for (let start = 0; start < trades; start += 20_000) {
    sql.tx(() => {
      for (let i = start; i < Math.min(trades, start + 20_000); i++) {
        const date = addDays('2025-11-01', Math.floor(i / perDay));
        const seq = (i % perDay) + 1;
        const id = `bench-trade-${i}`;
        insT.run(
          id,
          `BENCH-${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`,
          staffId,
          at,
          date,
          at,
          dayId,
          `bench-${i}`,
          360_400,
        );
        for (let k = 0; k < 4 && i * 4 + k < lines; k++) {
          const number = card(10_000_000 + i * 4 + k);
          insL.run(`${id}-${k}`, id, k + 1, enc, keys.lookupHash(number), number.slice(-4), enc, at);
        }
      }
    });
  }
  s.backend.close();
  fs.writeFileSync(path.join(dir, 'READY'), String(lines));
  return dir;
}

export async function lookups(put: Put, size: Size, sizes: Record<string, number>): Promise<void> {
  const lines = size(1_000_000, 100_000, 4_000);
  sizes['trade.lookup.trade_lines'] = lines;
  const dir = await bigShop(lines);
  const s = await openShop(dir);
  await s.must('auth.login', {
    staffId: (s.backend.services.sql.get<{ id: string }>('SELECT id FROM staff LIMIT 1') ?? { id: '' }).id,
    pin: BENCH_PIN,
  });
  const { lines: lineSvc, trades, sql } = s.backend.services;
  // Bare indexed SELECTs of the same rows and columns the list shows.
  const bareByHash = sql.db.prepare(
    `SELECT ${LIST_COLUMNS} FROM trade_lines l JOIN trades t ON t.id = l.trade_id WHERE l.number_hash = ?`,
  );
  const bareDay = sql.db.prepare(
    `SELECT ${LIST_COLUMNS} FROM trades t WHERE t.business_date = ? ORDER BY t.trade_no DESC LIMIT 50`,
  );
  const n = size(2000, 500, 20);
  const trades_ = Math.ceil(lines / 4);
  const pick = (i: number) => card(10_000_000 + ((i * 7919) % lines));
  const ours: number[] = [];
  const base: number[] = [];
  const viaDispatch: number[] = [];
  // Each side looks up its own cards, in alternating order, so neither warms the pages the other reads.
  for (let i = 0; i < n; i++) {
    const mine = pick(2 * i);
    const theirs = pick(2 * i + 1);
    const runOurs = () => {
      const a = ns();
      const found = trades.views.list({ numberHash: lineSvc.hashOf(mine), limit: 50 });
      ours.push(ms(a, ns()));
      if (found.length !== 1) throw new Error(`lookup found ${found.length}`);
    };
    const runBare = () => {
      const a = ns();
      bareByHash.all(s.backend.services.keys.lookupHash(theirs));
      base.push(ms(a, ns()));
    };
    if (i % 2 === 0) {
      runOurs();
      runBare();
    } else {
      runBare();
      runOurs();
    }
  }
  for (let i = 0; i < n; i++) {
    const a = ns();
    await s.dispatch(s.b, 'trades.list', { query: pick(3 * i + 2) });
    viaDispatch.push(ms(a, ns()));
  }
  put('trade.lookup_by_card.ratio', quantile(ours, 0.5) / quantile(base, 0.5), 'x', n);
  put('trade.lookup_by_card.p99_ms', quantile(ours, 0.99), 'ms', n);
  put('trade.lookup_by_card.dispatch_p99_ms', quantile(viaDispatch, 0.99), 'ms', n);
  const dayOurs: number[] = [];
  const dayBase: number[] = [];
  const perDay = Math.ceil(trades_ / 365);
  const dayCount = Math.max(2, Math.floor(trades_ / perDay));
  for (let i = 0; i < n; i++) {
    const mine = addDays('2025-11-01', (2 * i) % dayCount);
    const theirs = addDays('2025-11-01', (2 * i + 1) % dayCount);
    const runOurs = () => {
      const a = ns();
      const list = trades.views.list({ from: mine, to: mine, limit: 50 });
      dayOurs.push(ms(a, ns()));
      if (list.length === 0) throw new Error('empty day');
    };
    const runBare = () => {
      const a = ns();
      bareDay.all(theirs);
      dayBase.push(ms(a, ns()));
    };
    if (i % 2 === 0) {
      runOurs();
      runBare();
    } else {
      runBare();
      runOurs();
    }
  }
  put('trades.day_list.ratio', quantile(dayOurs, 0.5) / quantile(dayBase, 0.5), 'x', n);
  put('trades.day_list.p99_ms', quantile(dayOurs, 0.99), 'ms', n);
  s.backend.close();
}
