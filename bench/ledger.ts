// Business-day figures: closing (sealing) a 2,000-trade day in a database of 1,000,000 trade lines, against the
// same reads, the same serialisation of the frozen body and the same commit done with bare statements in the same
// run; and the owner's 12-month chart over a year of sealed days. The backup after the seal is not timed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { createBackend } from '../electron/core/backend';
import { jcs } from '../electron/core/journal/service';
import { addDays } from '../shared/domain/dates';
import { countFor } from '../electron/core/days/service';
import { BENCH_PASSPHRASE, BENCH_PIN, DATA } from './generate';
import { openShop, quantile } from './counter';

type Put = (name: string, value: number, unit: 'ms' | 'x', samples: number) => void;
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const DAY = 86_400_000;

/**
 * A shop with a year of sealed history (`lines` trade lines over 365 closed days, each with its Z-report) and
 * 2026-11-01 open. Built once by bulk statements and cached; every run works on a copy.
 */
async function history(lines: number): Promise<string> {
  const dir = path.join(DATA, `history-${lines}`);
  if (fs.existsSync(path.join(dir, 'READY'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const s = await openShop(dir);
  await s.must('setup.complete', {
    shop: { name: '基准店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  await s.must('quotes.renew', {});
  const { sql } = s.backend.services;
  const staffId = (sql.get<{ id: string }>('SELECT id FROM staff LIMIT 1') ?? { id: '' }).id;
  const trades = Math.ceil(lines / 4);
  const perDay = Math.ceil(trades / 365);
  const insD = sql.db
    .prepare(`INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count, closed_at, closed_by, counted_fen, expected_fen, discrepancy_fen, z_number, journal_head)
    VALUES (?, ?, 'closed', ?, ?, 1000000, '{}', ?, ?, 1000000, 1000000, 0, ?, ?)`);
  const insZ = sql.db.prepare(
    'INSERT INTO z_reports (day_id, z_number, business_date, body, journal_head, grand_total_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insT = sql.db
    .prepare(`INSERT INTO trades (id, trade_no, status, staff_id, created_at, business_date, paid_at, paid_day, pay_request_id, payout_fen, rounding_fen, cards, value_fen, offer_fen)
    VALUES (?, ?, 'paid', ?, ?, ?, ?, ?, ?, 360400, 0, 4, 400000, 360400)`);
  const insL = sql.db
    .prepare(`INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, secret_enc, verified_how, verified_at, group_key, rate_bp, payout_fen)
    VALUES (?, ?, ?, 'jd', 'e', 100000, 100000, ?, ?, ?, ?, 'official', ?, 'g', 9010, 90100)`);
  const enc = Buffer.alloc(45, 3);
  const h = (x: string) => createHash('sha256').update(x).digest('hex');
  let done = 0;
  for (let d = 0; d < 365; d++) {
    const date = addDays('2026-11-01', d - 365);
    const dayId = `history-${date}`;
    const at = `${date}T02:00:00.000Z`;
    const n = Math.min(perDay, trades - done);
    sql.tx(() => {
      insD.run(dayId, date, at, staffId, at, staffId, d + 1, '0'.repeat(64));
      const z = {
        businessDate: date,
        zNumber: d + 1,
        totals: { trades: n, cards: n * 4, valueFen: n * 400_000, payoutFen: n * 360_400, averageRateBp: 9010 },
        expectedMarginFen: n * 15_440,
        netPayoutFen: n * 360_400,
      };
      insZ.run(dayId, d + 1, date, JSON.stringify(z), '0'.repeat(64), (d + 1) * n * 360_400, at);
      for (let i = done; i < done + n; i++) {
        const id = `h-${i}`;
        insT.run(
          id,
          `BENCH-${date.replaceAll('-', '')}-${String(i - done + 1).padStart(4, '0')}`,
          staffId,
          at,
          date,
          at,
          dayId,
          `h-${i}`,
        );
        for (let k = 0; k < 4; k++)
          insL.run(`${id}-${k}`, id, k + 1, enc, h(`${i}-${k}`), String(k).padStart(4, '0'), enc, at);
      }
    });
    done += n;
  }
  sql.run("INSERT INTO counters (name, value) VALUES ('z', 365)");
  await s.must('days.open', { count: { '10000': 100_000 } });
  s.backend.close();
  fs.writeFileSync(path.join(dir, 'READY'), String(lines));
  return dir;
}

/** The open day gets `n` paid trades (1–3 cards, 70 % cash) written in bulk, untimed. */
function fillDay(
  sql: ReturnType<typeof createBackend>['services']['sql'],
  dayId: string,
  date: string,
  staffId: string,
  n: number,
  tag: string,
): void {
  const at = `${date}T03:00:00.000Z`;
  const insT = sql.db
    .prepare(`INSERT INTO trades (id, trade_no, status, staff_id, created_at, business_date, paid_at, paid_day, pay_request_id, payout_fen, rounding_fen, cards, value_fen, offer_fen)
    VALUES (?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insG = sql.db
    .prepare(`INSERT INTO trade_groups (trade_id, group_key, brand, form, band_min_fen, band_max_fen, tier_bp, best_exit_bp, adj_bp, hard_cap_bp, ceiling_bp,
    target_bp, opening_bp, step_bp, current_bp, agreed_bp, explanation, quote_snapshot) VALUES (?, 'g', 'jd', 'e', 100000, 500000, 20, 9396, 20, 9390, 9290, 9110, 9010, 10, 9010, 9010, '{}', '[]')`);
  const insL = sql.db
    .prepare(`INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, secret_enc, verified_how, verified_at, group_key, rate_bp, payout_fen)
    VALUES (?, ?, ?, 'jd', 'e', 100000, 100000, ?, ?, ?, ?, 'official', ?, 'g', 9010, 90100)`);
  const insP = sql.db.prepare(
    'INSERT INTO payments (id, trade_id, method, amount_fen, reference) VALUES (?, ?, ?, ?, ?)',
  );
  const enc = Buffer.alloc(45, 5);
  sql.tx(() => {
    for (let i = 0; i < n; i++) {
      const id = `${tag}-${i}`;
      const cards = 1 + (i % 3);
      const payout = cards * 90_100;
      const cash = i % 10 < 7;
      insT.run(
        id,
        `BENCH-${date.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`,
        staffId,
        at,
        date,
        at,
        dayId,
        id,
        payout,
        0,
        cards,
        cards * 100_000,
        payout,
      );
      insG.run(id);
      for (let k = 0; k < cards; k++)
        insL.run(`${id}-${k}`, id, k + 1, enc, `${tag}${i}x${k}`, String(i % 10_000).padStart(4, '0'), enc, at);
      insP.run(`${id}-p`, id, cash ? 'cash' : 'wechat', payout, cash ? '' : `WX${i}`);
    }
  });
}

export async function dayClose(put: Put, size: Size, sizes: Record<string, number>): Promise<void> {
  const lines = size(1_000_000, 100_000, 4_000);
  const perDay = size(2_000, 2_000, 50);
  const n = size(5, 3, 1);
  sizes['day.close.trade_lines'] = lines;
  sizes['day.close.trades_per_day'] = perDay;
  const cached = await history(lines);
  const dir = fs.mkdtempSync(path.join(DATA, 'close-'));
  for (const f of ['carddesk.sqlite']) fs.copyFileSync(path.join(cached, f), path.join(dir, f));
  const s = await openShop(dir);
  const { sql, days } = s.backend.services;
  const staffId = (sql.get<{ id: string }>('SELECT id FROM staff LIMIT 1') ?? { id: '' }).id;
  s.ports.clock.t = Date.parse('2026-11-01T12:00:00.000Z');
  await s.must('auth.login', { staffId, pin: BENCH_PIN });

  // The same reads as the seal, with bare statements; the same canonical body; the same commit into scratch tables.
  sql.db
    .exec(`CREATE TABLE bench_z (day_id TEXT PRIMARY KEY, z_number INTEGER, business_date TEXT, body TEXT, journal_head TEXT, grand_total_fen INTEGER, created_at TEXT) STRICT;
    CREATE TABLE bench_outbox (day_id TEXT PRIMARY KEY, business_date TEXT, z_number INTEGER, body TEXT, ledger_hash TEXT) STRICT;
    CREATE TABLE bench_days (id TEXT PRIMARY KEY, status TEXT, counted_fen INTEGER, z_number INTEGER, journal_head TEXT) STRICT;
    CREATE TABLE bench_counts (day_id TEXT PRIMARY KEY, counted_fen INTEGER, expected_fen INTEGER) STRICT;`);
  const q = {
    lines: sql.db
      .prepare(`SELECT t.id AS trade_id, t.trade_no, t.paid_at, s.name AS staff_name, t.rounding_fen, EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id) AS voided,
        l.brand, l.form, l.last4, l.value_fen, l.rate_bp, l.payout_fen, g.best_exit_bp, COALESCE(f.name_zh, l.brand) AS brand_name
      FROM trades t JOIN trade_lines l ON l.trade_id = t.id AND l.removed = 0 JOIN staff s ON s.id = t.staff_id
      JOIN trade_groups g ON g.trade_id = t.id AND g.group_key = l.group_key LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
      WHERE t.paid_day = ? ORDER BY t.trade_no, l.position`),
    payments: sql.db.prepare(
      'SELECT p.trade_id, p.method, p.amount_fen FROM payments p JOIN trades t ON t.id = p.trade_id WHERE t.paid_day = ? ORDER BY t.trade_no, p.method',
    ),
    voids: sql.db.prepare('SELECT v.* FROM trade_voids v WHERE v.day_id = ?'),
    events: sql.db.prepare('SELECT e.* FROM line_events e WHERE e.day_id = ?'),
    cash: sql.db.prepare(
      "SELECT COALESCE(SUM(p.amount_fen), 0) AS s FROM payments p JOIN trades t ON t.id = p.trade_id WHERE t.paid_day = ? AND p.method = 'cash'",
    ),
    moves: sql.db.prepare('SELECT * FROM cash_movements WHERE day_id = ?'),
    unsold: sql.db
      .prepare(`SELECT t.trade_no, l.last4 FROM trade_lines l JOIN trades t ON t.id = l.trade_id WHERE l.removed = 0 AND t.status = 'paid' AND t.business_date BETWEEN ? AND ?
      AND NOT EXISTS (SELECT 1 FROM line_events e WHERE e.line_id = l.id)`),
    prev: sql.db.prepare(
      'SELECT grand_total_fen, journal_head FROM z_reports WHERE business_date < ? ORDER BY business_date DESC LIMIT 1',
    ),
    head: sql.db.prepare('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1'),
    // The close lists the unpaid trades (it voids them) and reads the day's counts (the Z-report prints them).
    unpaid: sql.db.prepare("SELECT id FROM trades WHERE status IN ('draft', 'quoted', 'agreed')"),
    counts: sql.db.prepare('SELECT * FROM day_counts WHERE day_id = ?'),
  };
  const w = {
    z: sql.db.prepare('INSERT OR REPLACE INTO bench_z VALUES (?, ?, ?, ?, ?, ?, ?)'),
    o: sql.db.prepare('INSERT OR REPLACE INTO bench_outbox VALUES (?, ?, ?, ?, ?)'),
    d: sql.db.prepare("INSERT OR REPLACE INTO bench_days VALUES (?, 'closed', ?, ?, ?)"),
    count: sql.db.prepare('INSERT OR REPLACE INTO bench_counts VALUES (?, ?, ?)'),
  };
  const bare = (dayId: string, date: string) => {
    const rows = q.lines.all(dayId) as {
      trade_id: string;
      trade_no: string;
      paid_at: string;
      staff_name: string;
      rounding_fen: number;
      brand: string;
      form: string;
      last4: string;
      value_fen: number;
      rate_bp: number;
      payout_fen: number;
    }[];
    const pays = q.payments.all(dayId) as { trade_id: string; method: string; amount_fen: number }[];
    const extra = [
      q.voids.all(dayId),
      q.events.all(dayId),
      q.cash.get(dayId),
      q.moves.all(dayId),
      q.unsold.all(date, date),
      q.prev.get(date),
      q.head.get(),
      q.unpaid.all(),
      q.counts.all(dayId),
    ];
    const trades = new Map<
      string,
      { tradeNo: string; paidAt: string; staff: string; roundingFen: number; payments: unknown[]; lines: unknown[] }
    >();
    const byTrade = new Map<string, unknown[]>();
    for (const p of pays)
      byTrade.set(p.trade_id, [...(byTrade.get(p.trade_id) ?? []), { method: p.method, amountFen: p.amount_fen }]);
    for (const l of rows) {
      const t = trades.get(l.trade_id) ?? {
        tradeNo: l.trade_no,
        paidAt: l.paid_at,
        staff: l.staff_name,
        roundingFen: l.rounding_fen,
        payments: byTrade.get(l.trade_id) ?? [],
        lines: [],
      };
      t.lines.push({
        brand: l.brand,
        form: l.form,
        last4: l.last4,
        cardHash: null,
        valueFen: l.value_fen,
        rateBp: l.rate_bp,
        payoutFen: l.payout_fen,
      });
      trades.set(l.trade_id, t);
    }
    const body = {
      schema: 1,
      businessDate: date,
      summary: { payout: rows.reduce((x, l) => x + l.payout_fen, 0) },
      trades: [...trades.values()],
      extra: extra.length,
    };
    const text = jcs(body);
    const hash = createHash('sha256').update(text).digest('hex');
    const frozen = jcs({ ...body, ledgerHash: hash });
    sql.db.transaction(() => {
      w.count.run(dayId, 0, 0);
      w.z.run(dayId, 1, date, JSON.stringify(body), hash, 0, date);
      w.o.run(dayId, date, 1, frozen, hash);
      w.d.run(dayId, 1, 1, hash);
    })();
  };

  const ours: number[] = [];
  const base: number[] = [];
  for (let k = 0; k < n + 1; k++) {
    const day = days.requireOpen();
    fillDay(sql, day.id, day.business_date, staffId, perDay, `d${k}`);
    const expected = days.expectedCash(day.id);
    const count = countFor(expected);
    let a = ns();
    bare(day.id, day.business_date);
    const b1 = ms(a, ns());
    a = ns();
    await s.must('days.close', { count });
    const o = ms(a, ns());
    a = ns();
    bare(day.id, day.business_date);
    const b2 = ms(a, ns());
    // The first close warms the caches: not counted.
    if (k > 0) {
      ours.push(o);
      base.push((b1 + b2) / 2);
    }
    s.ports.clock.advance(DAY);
    await s.must('auth.unlock', { pin: BENCH_PIN });
    await s.must('days.open', { count: { '10000': 100_000 } });
  }
  put('day.close.ms', quantile(ours, 0.5), 'ms', n);
  put('baseline.close_statements.ms', quantile(base, 0.5), 'ms', n);
  put('day.close.ratio', quantile(ours, 0.5) / quantile(base, 0.5), 'x', n);

  const charts: number[] = [];
  const m = size(30, 10, 2);
  for (let i = 0; i < m + 1; i++) {
    const a = ns();
    await s.must('ledger.charts', {});
    if (i > 0) charts.push(ms(a, ns()));
  }
  put('ledger.chart_12m.ms', quantile(charts, 0.5), 'ms', m);
  s.backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
