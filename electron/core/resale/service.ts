// Resale after the counter (spec §8): batches for a platform at a rate, events appended to line_events on the
// open day (resold, settled, invalid, own_use), a card's state derived from its events, realised margin.
import { z } from 'zod';
import {
  AppError,
  type CardState,
  type Page,
  type ResaleBatchView,
  type StockCardView,
} from '../../../shared/contract';
import { linePayout } from '../../../shared/domain/money';
import type { Days } from '../days/service';
import type { Acting } from '../actor';
import { LineEventRow, ResaleBatchRow, TradeLineRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import { numberAad, secretAad } from '../trades/lines';

const StockRow = TradeLineRow.pick({ brand: true, form: true, last4: true, value_fen: true }).extend({
  line_id: z.string(),
  trade_no: z.string(),
  paid_at: z.string(),
  payout_fen: z.number(),
  phone_masked: z.string().nullable(),
  last_kind: LineEventRow.shape.kind.nullable(),
  batch_id: z.string().nullable(),
  batch_rate: z.number().nullable(),
  amount: z.number().nullable(),
});
type StockRow = z.infer<typeof StockRow>;
const BatchCount = z.object({ n: z.number() });
const Secrets = TradeLineRow.pick({ id: true, last4: true, number_enc: true, secret_enc: true });

type EventKind = 'resold' | 'settled' | 'invalid' | 'own_use';

/** Paid, not voided, with the latest event's kind and the money received. */
const STOCK = `
  SELECT l.id AS line_id, t.trade_no, t.paid_at, l.brand, l.form, l.last4, l.value_fen, l.payout_fen, c.phone_masked,
         e.kind AS last_kind, bl.batch_id, b.rate_bp AS batch_rate,
         (SELECT SUM(json_extract(x.payload, '$.amountFen')) FROM line_events x WHERE x.line_id = l.id AND x.kind IN ('settled', 'own_use')) AS amount
  FROM trade_lines l JOIN trades t ON t.id = l.trade_id LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN line_events e ON e.id = (SELECT id FROM line_events WHERE line_id = l.id ORDER BY at DESC, rowid DESC LIMIT 1)
  LEFT JOIN resale_batch_lines bl ON bl.line_id = l.id LEFT JOIN resale_batches b ON b.id = bl.batch_id
  WHERE t.status = 'paid' AND l.removed = 0 AND NOT EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id)`;

function stockView(r: StockRow): StockCardView {
  const state: CardState = r.last_kind ?? 'in_stock';
  let proceeds: number | null = null;
  if (state === 'settled' || state === 'own_use') proceeds = r.amount ?? 0;
  else if (state === 'invalid') proceeds = 0;
  else if (state === 'resold' && r.batch_rate !== null) proceeds = linePayout(r.value_fen, r.batch_rate);
  const final = state === 'settled' || state === 'own_use' || state === 'invalid';
  return {
    lineId: r.line_id,
    tradeNo: r.trade_no,
    paidAt: r.paid_at,
    brand: r.brand,
    form: r.form,
    last4: r.last4,
    valueFen: r.value_fen,
    payoutFen: r.payout_fen,
    state,
    batchId: r.batch_id,
    proceedsFen: proceeds,
    realisedMarginFen: final ? (proceeds ?? 0) - r.payout_fen : null,
    customerPhoneMasked: r.phone_masked,
  };
}

export class Resale {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly keys: Keys,
    private readonly days: Days,
  ) {}

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  stock(state: CardState | undefined, limit: number): StockCardView[] {
    const rows = this.sql.all(StockRow, `${STOCK} ORDER BY t.paid_at, l.position`);
    return rows
      .map(stockView)
      .filter((c) => !state || c.state === state)
      .slice(0, limit);
  }

  /** A page of the bought cards in these states, oldest first; how many there are, and how many are in stock. */
  stockPage(
    states: readonly CardState[] | undefined,
    offset: number,
    limit: number,
  ): Page<StockCardView> & { inStock: number } {
    const all = this.sql.all(StockRow, `${STOCK} ORDER BY t.paid_at, l.position`).map(stockView);
    const kept = states ? all.filter((c) => states.includes(c.state)) : all;
    return {
      items: kept.slice(offset, offset + limit),
      total: kept.length,
      offset,
      limit,
      inStock: all.filter((c) => c.state === 'in_stock').length,
    };
  }

  card(lineId: string): StockCardView {
    const r = this.sql.get(StockRow, `${STOCK} AND l.id = ?`, lineId);
    if (!r) throw new AppError('NOT_FOUND', 'no such bought card', { lineId });
    return stockView(r);
  }

  private event(
    lineId: string,
    kind: EventKind,
    staffId: string,
    payload: Record<string, string | number | boolean>,
  ): void {
    const day = this.days.requireOpen();
    this.sql.run(
      'INSERT INTO line_events (id, line_id, kind, at, day_id, staff_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      this.ids.next(),
      lineId,
      kind,
      this.now(),
      day.id,
      staffId,
      JSON.stringify(payload),
    );
  }

  private expectState(c: StockCardView, allowed: CardState[]): void {
    if (!allowed.includes(c.state))
      throw new AppError('CONFLICT', `the card is ${c.state}`, {
        lineId: c.lineId,
        tradeNo: c.tradeNo,
        last4: c.last4,
        state: c.state,
      });
  }

  createBatch(platform: string, rateBp: number, lineIds: string[], act: Acting): ResaleBatchView {
    const cards = [...new Set(lineIds)].map((id) => this.card(id));
    for (const c of cards) this.expectState(c, ['in_stock']);
    const day = this.days.requireOpen();
    const id = this.ids.next();
    const expected = cards.reduce((s, c) => s + linePayout(c.valueFen, rateBp), 0);
    this.sql.run(
      'INSERT INTO resale_batches (id, platform, rate_bp, expected_fen, created_at, day_id, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id,
      platform,
      rateBp,
      expected,
      this.now(),
      day.id,
      act.staffId,
    );
    for (const c of cards) {
      this.sql.run('INSERT INTO resale_batch_lines (batch_id, line_id) VALUES (?, ?)', id, c.lineId);
      this.event(c.lineId, 'resold', act.staffId, { batchId: id, rateBp, amountFen: linePayout(c.valueFen, rateBp) });
    }
    return this.batch(id);
  }

  batch(id: string): ResaleBatchView {
    const b = this.sql.get(ResaleBatchRow, 'SELECT * FROM resale_batches WHERE id = ?', id);
    if (!b) throw new AppError('NOT_FOUND', 'no such resale batch', { batchId: id });
    const lines = this.sql
      .all(StockRow, `${STOCK} AND bl.batch_id = ? ORDER BY t.paid_at, l.position`, id)
      .map(stockView);
    const done = lines.length > 0 && lines.every((l) => l.realisedMarginFen !== null);
    return {
      id: b.id,
      platform: b.platform,
      rateBp: b.rate_bp,
      createdAt: b.created_at,
      cards: lines.length,
      valueFen: lines.reduce((s, l) => s + l.valueFen, 0),
      costFen: lines.reduce((s, l) => s + l.payoutFen, 0),
      expectedFen: b.expected_fen,
      settledFen: b.settled_fen,
      realisedMarginFen: done ? lines.reduce((s, l) => s + (l.realisedMarginFen ?? 0), 0) : null,
      lines,
    };
  }

  batches(): ResaleBatchView[] {
    return this.sql
      .all(ResaleBatchRow.pick({ id: true }), 'SELECT id FROM resale_batches ORDER BY created_at DESC LIMIT 200')
      .map((b) => this.batch(b.id));
  }

  /** A page of batches, newest first, and how many there are. */
  batchPage(offset: number, limit: number): Page<ResaleBatchView> {
    const total = this.sql.get(BatchCount, 'SELECT COUNT(*) AS n FROM resale_batches')?.n ?? 0;
    const items = this.sql
      .all(
        ResaleBatchRow.pick({ id: true }),
        'SELECT id FROM resale_batches ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
        limit,
        offset,
      )
      .map((b) => this.batch(b.id));
    return { items, total, offset, limit };
  }

  reveal(batchId: string): { lineId: string; last4: string; number: string; secret: string | null }[] {
    this.batch(batchId);
    return this.sql
      .all(
        Secrets,
        'SELECT l.id, l.last4, l.number_enc, l.secret_enc FROM resale_batch_lines b JOIN trade_lines l ON l.id = b.line_id WHERE b.batch_id = ? ORDER BY l.id',
        batchId,
      )
      .map((l) => ({
        lineId: l.id,
        last4: l.last4,
        number: this.keys.decrypt(numberAad(l.id), l.number_enc),
        secret: l.secret_enc ? this.keys.decrypt(secretAad(l.id), l.secret_enc) : null,
      }));
  }

  /** A whole batch's money, shared across its resold cards by value (the remainder a fen at a time from the first). */
  settleBatch(batchId: string, amountFen: number, act: Acting): ResaleBatchView {
    const b = this.batch(batchId);
    if (b.settledFen !== null) throw new AppError('CONFLICT', 'this batch is already settled', { batchId });
    const open = b.lines.filter((l) => l.state === 'resold');
    if (open.length === 0) throw new AppError('CONFLICT', 'no card of this batch is waiting for money', { batchId });
    const total = open.reduce((s, l) => s + l.valueFen, 0);
    const shares = open.map((l) => Math.floor((amountFen * l.valueFen) / total));
    let rest = amountFen - shares.reduce((s, x) => s + x, 0);
    for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i] = (shares[i] ?? 0) + 1;
    open.forEach((l, i) =>
      this.event(l.lineId, 'settled', act.staffId, { batchId, amountFen: shares[i] ?? 0, perBatch: true }),
    );
    this.sql.run(
      'UPDATE resale_batches SET settled_fen = ?, settled_at = ?, settled_day = ? WHERE id = ?',
      amountFen,
      this.now(),
      this.days.requireOpen().id,
      batchId,
    );
    return this.batch(batchId);
  }

  settleCard(lineId: string, amountFen: number, act: Acting): StockCardView {
    const c = this.card(lineId);
    this.expectState(c, ['resold', 'in_stock']);
    this.event(lineId, 'settled', act.staffId, { amountFen, ...(c.batchId ? { batchId: c.batchId } : {}) });
    return this.card(lineId);
  }

  invalid(lineId: string, reason: string, act: Acting): StockCardView {
    const c = this.card(lineId);
    this.expectState(c, ['resold', 'in_stock']);
    this.event(lineId, 'invalid', act.staffId, { reason, amountFen: 0, ...(c.batchId ? { batchId: c.batchId } : {}) });
    return this.card(lineId);
  }

  ownUse(lineId: string, reason: string, act: Acting): StockCardView {
    const c = this.card(lineId);
    this.expectState(c, ['in_stock']);
    this.event(lineId, 'own_use', act.staffId, { reason, amountFen: c.valueFen });
    return this.card(lineId);
  }
}
