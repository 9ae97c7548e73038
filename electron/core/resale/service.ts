// Resale after the counter (spec §8): batches for a platform at a rate with an expected settlement date, events
// appended to line_events on the open day (resold, settled, invalid, own_use), a card's state derived from its
// events, realised margin. After-sale per card: a card in a batch, or one already paid for, can still be found
// invalid (what it brought is clawed back) or paid short (余额不符); a batch settled as a whole spreads its money
// only over the cards still good.
import { z } from 'zod';
import {
  AppError,
  type CardState,
  type OverdueBatchView,
  type Page,
  type ResaleBatchView,
  type StockCardView,
} from '../../../shared/contract';
import { batchShares, type EventKind } from '../../../shared/domain/aftersale';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { linePayout } from '../../../shared/domain/money';
import type { Days } from '../days/service';
import type { Acting } from '../actor';
import { LineEventRow, MaybeN, ResaleBatchRow, TradeLineRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { LineEventPayload } from '../db/stored';
import type { Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import { numberAad, secretAad } from '../trades/lines';

const BatchId = ResaleBatchRow.pick({ id: true });

const StockRow = TradeLineRow.pick({ brand: true, form: true, last4: true, value_fen: true }).extend({
  line_id: z.string(),
  trade_no: z.string(),
  paid_at: z.string(),
  payout_fen: z.number(),
  phone_masked: z.string().nullable(),
  id_masked: z.string().nullable(),
  clerk_name: z.string(),
  last_kind: LineEventRow.shape.kind.nullable(),
  batch_id: z.string().nullable(),
  batch_rate: z.number().nullable(),
  amount: z.number().nullable(),
  short: z.number().nullable(),
  clawed: z.number().nullable(),
});
type StockRow = z.infer<typeof StockRow>;
const BatchCount = z.object({ n: z.number() });
const Secrets = TradeLineRow.pick({ id: true, last4: true, number_enc: true, secret_enc: true });
const Overdue = ResaleBatchRow.pick({
  id: true,
  platform: true,
  created_at: true,
  due_date: true,
  rate_bp: true,
}).extend({
  waiting: z.number(),
  value: z.number(),
});

/** Paid, not voided, with the latest event's kind, the money received, what was paid short and what was taken back. */
const STOCK = `
  SELECT l.id AS line_id, t.trade_no, t.paid_at, l.brand, l.form, l.last4, l.value_fen, l.payout_fen, c.phone_masked,
         COALESCE(ti.id_masked, c.id_masked) AS id_masked, st.name AS clerk_name, e.kind AS last_kind, bl.batch_id, b.rate_bp AS batch_rate,
         (SELECT SUM(json_extract(x.payload, '$.amountFen')) FROM line_events x WHERE x.line_id = l.id AND x.kind IN ('settled', 'own_use')) AS amount,
         (SELECT SUM(json_extract(x.payload, '$.lossFen')) FROM line_events x WHERE x.line_id = l.id AND x.kind = 'settled' AND json_extract(x.payload, '$.cause') IN ('balance_mismatch', 'batch_short')) AS short,
         (SELECT -SUM(json_extract(x.payload, '$.amountFen')) FROM line_events x WHERE x.line_id = l.id AND x.kind = 'settled' AND json_extract(x.payload, '$.cause') = 'clawback') AS clawed
  FROM trade_lines l JOIN trades t ON t.id = l.trade_id JOIN staff st ON st.id = t.staff_id
  LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN trade_identities ti ON ti.trade_id = t.id
  LEFT JOIN line_events e ON e.id = (SELECT id FROM line_events WHERE line_id = l.id ORDER BY at DESC, rowid DESC LIMIT 1)
  LEFT JOIN resale_batch_lines bl ON bl.line_id = l.id LEFT JOIN resale_batches b ON b.id = bl.batch_id
  WHERE t.status = 'paid' AND l.removed = 0 AND NOT EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id)`;

/** The batches past their due date (before `?`) with cards that no settled, invalid or own-use event has ended. */
const OVERDUE = `
  SELECT b.id, b.platform, b.created_at, b.due_date, b.rate_bp, COUNT(*) AS waiting, SUM(l.value_fen) AS value
  FROM resale_batches b JOIN resale_batch_lines bl ON bl.batch_id = b.id JOIN trade_lines l ON l.id = bl.line_id
  WHERE b.due_date < ? AND NOT EXISTS (
    SELECT 1 FROM line_events e WHERE e.line_id = l.id AND e.kind IN ('settled', 'invalid', 'own_use'))
  GROUP BY b.id ORDER BY b.due_date, b.created_at`;

function stockView(r: StockRow): StockCardView {
  const state: CardState = r.last_kind ?? 'in_stock';
  const expected = r.batch_rate !== null ? linePayout(r.value_fen, r.batch_rate) : null;
  const final = state === 'settled' || state === 'own_use' || state === 'invalid';
  // Once ended, what the card brought in (an invalid card's money is clawed back: nothing); while resold, its
  // expected proceeds at the batch rate.
  let proceeds: number | null = null;
  if (final) proceeds = r.amount ?? 0;
  else if (state === 'resold') proceeds = expected;
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
    customerIdMasked: r.id_masked,
    clerkName: r.clerk_name,
    expectedFen: expected,
    shortFen: r.short ?? 0,
    clawedBackFen: r.clawed ?? 0,
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

  /** Today's business date: the open day's, else the local date. */
  private today(): string {
    return this.days.businessDateAt(this.clock.now());
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

  /** Appends one event on the open day; answers its id (a loss is named by it). */
  private event(lineId: string, kind: EventKind, staffId: string, payload: LineEventPayload): string {
    const day = this.days.requireOpen();
    const id = this.ids.next();
    this.sql.run(
      'INSERT INTO line_events (id, line_id, kind, at, day_id, staff_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      id,
      lineId,
      kind,
      this.now(),
      day.id,
      staffId,
      JSON.stringify(payload),
    );
    return id;
  }

  private expectState(c: StockCardView, allowed: CardState[]): void {
    if (!allowed.includes(c.state))
      throw new AppError('CARD_STATE', `the card is ${c.state}`, {
        lineId: c.lineId,
        tradeNo: c.tradeNo,
        last4: c.last4,
        state: c.state,
      });
  }

  /**
   * The platform's settlement days from its reference quotes (the longest among the batch's forms, stale or
   * not: how long a platform takes to pay does not expire); null when no quote names this platform.
   */
  private platformDays(platform: string, forms: string[]): number | null {
    const marks = forms.map(() => '?').join(', ');
    return (
      this.sql.get(
        MaybeN,
        `SELECT MAX(settlement_days) AS n FROM quotes WHERE source = ? AND form IN (${marks})`,
        platform,
        ...forms,
      )?.n ?? null
    );
  }

  createBatch(
    platform: string,
    rateBp: number,
    lineIds: string[],
    settlementDays: number | undefined,
    act: Acting,
  ): ResaleBatchView {
    const cards = [...new Set(lineIds)].map((id) => this.card(id));
    for (const c of cards) this.expectState(c, ['in_stock']);
    const day = this.days.requireOpen();
    const days = settlementDays ?? this.platformDays(platform, [...new Set(cards.map((c) => c.form))]);
    if (days === null)
      throw new AppError('VALIDATION', 'no quote names this platform: give its settlement days', {
        field: 'settlementDays',
        platform,
      });
    const id = this.ids.next();
    const expected = cards.reduce((s, c) => s + linePayout(c.valueFen, rateBp), 0);
    this.sql.run(
      `INSERT INTO resale_batches (id, platform, rate_bp, expected_fen, created_at, day_id, staff_id, settlement_days, due_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      platform,
      rateBp,
      expected,
      this.now(),
      day.id,
      act.staffId,
      days,
      addDays(day.business_date, days),
    );
    for (const c of cards) {
      this.sql.run('INSERT INTO resale_batch_lines (batch_id, line_id) VALUES (?, ?)', id, c.lineId);
      this.event(c.lineId, 'resold', act.staffId, { batchId: id, rateBp, amountFen: linePayout(c.valueFen, rateBp) });
    }
    return this.batch(id);
  }

  private batchRow(id: string) {
    const b = this.sql.get(ResaleBatchRow, 'SELECT * FROM resale_batches WHERE id = ?', id);
    if (!b) throw new AppError('NOT_FOUND', 'no such resale batch', { batchId: id });
    return b;
  }

  batch(id: string, today = this.today()): ResaleBatchView {
    const b = this.batchRow(id);
    const lines = this.sql
      .all(StockRow, `${STOCK} AND bl.batch_id = ? ORDER BY t.paid_at, l.position`, id)
      .map(stockView);
    const done = lines.length > 0 && lines.every((l) => l.realisedMarginFen !== null);
    const waiting = lines.filter((l) => l.state === 'resold').length;
    const late = waiting > 0 ? daysBetween(b.due_date, today) : 0;
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
      settlementDays: b.settlement_days,
      dueDate: b.due_date,
      waitingCards: waiting,
      receivedFen: lines.reduce((s, l) => s + (l.state === 'resold' ? 0 : (l.proceedsFen ?? 0)), 0),
      overdue: late > 0,
      daysLate: Math.max(0, late),
    };
  }

  batches(): ResaleBatchView[] {
    const today = this.today();
    return this.sql
      .all(BatchId, 'SELECT id FROM resale_batches ORDER BY created_at DESC LIMIT 200')
      .map((b) => this.batch(b.id, today));
  }

  /** A new expected settlement date, not before the business day the batch was sent. */
  setDueDate(batchId: string, dueDate: string): { batch: ResaleBatchView; from: string } {
    const b = this.batchRow(batchId);
    const sent = addDays(b.due_date, -b.settlement_days);
    if (dueDate < sent)
      throw new AppError('VALIDATION', 'the due date is before the batch was sent', { field: 'dueDate', sent });
    this.sql.run(
      'UPDATE resale_batches SET due_date = ?, settlement_days = ? WHERE id = ?',
      dueDate,
      daysBetween(sent, dueDate),
      batchId,
    );
    return { batch: this.batch(batchId), from: b.due_date };
  }

  /** Batches past their due date today with cards still waiting for money (到账延迟), the longest late first. */
  overdue(): OverdueBatchView[] {
    const today = this.today();
    return this.sql.all(Overdue, OVERDUE, today).map((r) => ({
      batchId: r.id,
      platform: r.platform,
      createdAt: r.created_at,
      dueDate: r.due_date,
      daysLate: daysBetween(r.due_date, today),
      waitingCards: r.waiting,
      waitingFen: linePayout(r.value, r.rate_bp),
    }));
  }

  /** A page of batches, newest first, and how many there are. */
  batchPage(offset: number, limit: number): Page<ResaleBatchView> {
    const today = this.today();
    const total = this.sql.get(BatchCount, 'SELECT COUNT(*) AS n FROM resale_batches')?.n ?? 0;
    const items = this.sql
      .all(BatchId, 'SELECT id FROM resale_batches ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?', limit, offset)
      .map((b) => this.batch(b.id, today));
    return { items, total, offset, limit };
  }

  reveal(batchId: string): { lineId: string; last4: string; number: string; secret: string | null }[] {
    this.batchRow(batchId);
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

  /**
   * A whole batch's money, spread over its cards still good (waiting for money) by their expected proceeds. Paid
   * below V × rate, the platform did not say which card was short: each card's event records its part of the
   * shortfall (`batch_short`, with the reason given) — in the margin, not a loss named after a customer.
   */
  settleBatch(batchId: string, amountFen: number, reason: string | undefined, act: Acting): ResaleBatchView {
    const b = this.batch(batchId);
    const open = b.lines.filter((l) => l.state === 'resold');
    if (b.settledFen !== null || open.length === 0)
      throw new AppError('BATCH_SETTLED', 'no card of this batch is waiting for money', {
        batchId,
        platform: b.platform,
      });
    const shares = batchShares(amountFen, b.rateBp, open);
    const shortFen = shares.reduce((s, x) => s + x.shortFen, 0);
    if (shortFen > 0 && !reason) throw new AppError('VALIDATION', 'paid short: say why', { field: 'reason', shortFen });
    open.forEach((l, i) => {
      const s = shares[i];
      if (!s) return;
      this.event(l.lineId, 'settled', act.staffId, {
        batchId,
        amountFen: s.amountFen,
        perBatch: true,
        expectedFen: s.expectedFen,
        ...(s.shortFen > 0 ? { cause: 'batch_short', lossFen: s.shortFen, reason } : {}),
      });
    });
    this.sql.run(
      'UPDATE resale_batches SET settled_fen = ?, settled_at = ?, settled_day = ? WHERE id = ?',
      amountFen,
      this.now(),
      this.days.requireOpen().id,
      batchId,
    );
    return this.batch(batchId);
  }

  /** Money for one card, with a reason; below V × the batch rate it is paid short (余额不符) and the difference a loss. */
  settleCard(lineId: string, amountFen: number, reason: string, act: Acting): { card: StockCardView; eventId: string } {
    const c = this.card(lineId);
    this.expectState(c, ['resold', 'in_stock']);
    const shortFen = c.expectedFen !== null ? Math.max(0, c.expectedFen - amountFen) : 0;
    const eventId = this.event(lineId, 'settled', act.staffId, {
      amountFen,
      reason,
      ...(c.batchId ? { batchId: c.batchId } : {}),
      ...(c.expectedFen !== null ? { expectedFen: c.expectedFen } : {}),
      ...(shortFen > 0 ? { cause: 'balance_mismatch', lossFen: shortFen } : {}),
    });
    return { card: this.card(lineId), eventId };
  }

  /**
   * The platform rejected the card (卡片无效): in stock, in a batch, or already paid for — then what it brought is
   * clawed back first, as a negative settlement of the card. The card's whole cost is the loss.
   */
  invalid(
    lineId: string,
    reason: string,
    act: Acting,
  ): { card: StockCardView; eventId: string; clawedBackFen: number } {
    const c = this.card(lineId);
    this.expectState(c, ['resold', 'in_stock', 'settled']);
    const received = c.state === 'settled' ? (c.proceedsFen ?? 0) : 0;
    const batch = c.batchId ? { batchId: c.batchId } : {};
    if (received !== 0)
      this.event(lineId, 'settled', act.staffId, { amountFen: -received, cause: 'clawback', reason, ...batch });
    const eventId = this.event(lineId, 'invalid', act.staffId, {
      reason,
      amountFen: 0,
      lossFen: c.payoutFen,
      ...batch,
    });
    return { card: this.card(lineId), eventId, clawedBackFen: received };
  }

  ownUse(lineId: string, reason: string, act: Acting): StockCardView {
    const c = this.card(lineId);
    this.expectState(c, ['in_stock']);
    this.event(lineId, 'own_use', act.staffId, { reason, amountFen: c.valueFen });
    return this.card(lineId);
  }
}
