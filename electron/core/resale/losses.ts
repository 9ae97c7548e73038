// Losses after a sale (spec §8): a card the platform rejected (its cost) or paid short (the difference) is named by
// the event that recorded it, with its trade, the clerk who bought it and the customer who sold it; money recovered
// from the customer is an entry on today's open day naming it (cash goes into the drawer as a cash in); the card
// and the customer's ID can go on the watch list; the counter learns how many a customer has on record.
import { z } from 'zod';
import { AppError, type CustomerAfterSaleView, type LossView } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/domain/codes';
import type { Acting } from '../actor';
import type { Days } from '../days/service';
import { LineEventRow, LossRecoveryRow, TradeLineRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { LineEventPayload, readJson } from '../db/stored';
import type { Clock, Ids } from '../ports';

/** Events that are losses: an invalid card, and a settlement paid short. */
const IS_LOSS = `(e.kind = 'invalid' OR (e.kind = 'settled' AND json_extract(e.payload, '$.cause') = 'balance_mismatch'))`;

const LossRow = LineEventRow.pick({ id: true, kind: true, at: true, payload: true }).extend({
  business_date: z.string(),
  line_id: z.string(),
  trade_id: z.string(),
  trade_no: z.string(),
  bought_on: z.string(),
  brand: z.string(),
  form: TradeLineRow.shape.form,
  last4: z.string(),
  value_fen: z.number(),
  payout_fen: z.number(),
  number_hash: z.string(),
  clerk_name: z.string(),
  customer_id: z.string().nullable(),
  phone_masked: z.string().nullable(),
  customer_name: z.string().nullable(),
  id_masked: z.string().nullable(),
  id_hash: z.string().nullable(),
  recovered: z.number(),
});
type LossRow = z.infer<typeof LossRow>;
const Recovery = LossRecoveryRow.pick({
  event_id: true,
  at: true,
  method: true,
  amount_fen: true,
  reference: true,
}).extend({ staff_name: z.string() });

/**
 * One row per loss. The customer's ID is the one the trade was paid under (its identity copy's version), else the
 * customer's current one; recovered is what loss_recoveries hold for it.
 */
const LOSSES = `
  SELECT e.id, e.kind, e.at, e.payload, d.business_date, l.id AS line_id, t.id AS trade_id, t.trade_no, t.business_date AS bought_on,
         l.brand, l.form, l.last4, l.value_fen, l.payout_fen, l.number_hash, s.name AS clerk_name,
         c.id AS customer_id, c.phone_masked, COALESCE(ti.name, c.name) AS customer_name, COALESCE(ti.id_masked, c.id_masked) AS id_masked,
         COALESCE(ci.id_hash, c.id_hash) AS id_hash,
         (SELECT COALESCE(SUM(r.amount_fen), 0) FROM loss_recoveries r WHERE r.event_id = e.id) AS recovered
  FROM line_events e JOIN days d ON d.id = e.day_id JOIN trade_lines l ON l.id = e.line_id JOIN trades t ON t.id = l.trade_id
  JOIN staff s ON s.id = t.staff_id LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN trade_identities ti ON ti.trade_id = t.id
  LEFT JOIN customer_identities ci ON ci.customer_id = ti.customer_id AND ci.version = ti.version
  WHERE ${IS_LOSS}`;

const lossOf = (r: LossRow): number => {
  const p = readJson(LineEventPayload, r.payload);
  // An invalid card written before losses were named carries no lossFen: its loss is its cost.
  return p.lossFen ?? (r.kind === 'invalid' ? r.payout_fen : 0);
};

export class Losses {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly days: Days,
  ) {}

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private views(rows: LossRow[]): LossView[] {
    if (rows.length === 0) return [];
    const marks = rows.map(() => '?').join(', ');
    const recoveries = this.sql.all(
      Recovery,
      `SELECT r.event_id, r.at, r.method, r.amount_fen, r.reference, s.name AS staff_name FROM loss_recoveries r JOIN staff s ON s.id = r.staff_id
       WHERE r.event_id IN (${marks}) ORDER BY r.at, r.rowid`,
      ...rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind === 'invalid' ? 'invalid' : 'balance_mismatch',
      at: r.at,
      businessDate: r.business_date,
      lineId: r.line_id,
      tradeId: r.trade_id,
      tradeNo: r.trade_no,
      boughtOn: r.bought_on,
      brand: r.brand,
      form: r.form,
      last4: r.last4,
      valueFen: r.value_fen,
      payoutFen: r.payout_fen,
      clerkName: r.clerk_name,
      customer: r.customer_id
        ? {
            id: r.customer_id,
            phoneMasked: r.phone_masked ?? '',
            name: r.customer_name,
            idMasked: r.id_masked,
          }
        : null,
      reason: readJson(LineEventPayload, r.payload).reason ?? '',
      lossFen: lossOf(r),
      recoveredFen: r.recovered,
      recoveries: recoveries
        .filter((x) => x.event_id === r.id)
        .map((x) => ({
          at: x.at,
          method: x.method,
          amountFen: x.amount_fen,
          reference: x.reference,
          staffName: x.staff_name,
        })),
      watched: {
        card: this.onWatch('card', r.number_hash),
        id: r.id_hash !== null && this.onWatch('id', r.id_hash),
      },
    }));
  }

  private onWatch(kind: 'card' | 'id', hash: string): boolean {
    return this.sql.exists(
      "SELECT 1 FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'shop' AND removed_at IS NULL",
      hash,
      kind,
    );
  }

  private row(lossId: string): LossRow {
    const r = this.sql.get(LossRow, `${LOSSES} AND e.id = ?`, lossId);
    if (!r) throw new AppError('NOT_FOUND', 'no such loss', { lossId });
    return r;
  }

  loss(lossId: string): LossView {
    const [v] = this.views([this.row(lossId)]);
    if (!v) throw new AppError('NOT_FOUND', 'no such loss', { lossId });
    return v;
  }

  /** A trade's losses, oldest first (its evidence). */
  ofTrade(tradeId: string): LossView[] {
    return this.views(this.sql.all(LossRow, `${LOSSES} AND t.id = ? ORDER BY e.at, e.rowid`, tradeId));
  }

  /** Newest first; `open`: only those not yet fully recovered. */
  list(open: boolean, limit: number): LossView[] {
    const rows = this.sql.all(LossRow, `${LOSSES} ORDER BY e.at DESC, e.rowid DESC`);
    return this.views(rows.filter((r) => !open || r.recovered < lossOf(r)).slice(0, limit));
  }

  /**
   * The card and the customer's ID (the one the trade was paid under, else the customer's) on the watch list, by
   * the shop's own hash, unless already there. Answers the entries added, for the journal.
   */
  watch(lossId: string, card: boolean, id: boolean): { kind: 'card' | 'id'; entryId: string; reason: string }[] {
    const r = this.row(lossId);
    const reason = `${r.trade_no} ****${r.last4} ${readJson(LineEventPayload, r.payload).reason ?? ''}`
      .trim()
      .slice(0, 200);
    if (id && r.id_hash === null)
      throw new AppError('NO_CUSTOMER_ID', 'the trade has no customer ID on record', {
        field: 'watchId',
        tradeNo: r.trade_no,
      });
    const added: { kind: 'card' | 'id'; entryId: string; reason: string }[] = [];
    const add = (kind: 'card' | 'id', hash: string) => {
      if (this.onWatch(kind, hash)) return;
      const entryId = this.ids.next();
      this.sql.run(
        "INSERT INTO watchlist (id, kind, hash, hash_key, reason, source, added_at) VALUES (?, ?, ?, 'shop', ?, 'hand', ?)",
        entryId,
        kind,
        hash,
        reason,
        this.now(),
      );
      added.push({ kind, entryId, reason });
    };
    if (card) add('card', r.number_hash);
    if (id && r.id_hash !== null) add('id', r.id_hash);
    return added;
  }

  /**
   * Money recovered from the customer for a loss, on today's open day: cash is a cash in of the drawer naming the
   * trade and the card; a transfer carries its reference. Never more than is still open.
   */
  recover(
    lossId: string,
    method: PaymentMethod,
    amountFen: number,
    reference: string | undefined,
    act: Acting,
  ): { loss: LossView; cashMovementId: string | null } {
    const r = this.row(lossId);
    const outstanding = lossOf(r) - r.recovered;
    if (amountFen > outstanding)
      throw new AppError('RECOVERY_TOO_MUCH', 'more than the loss still open', { outstandingFen: outstanding });
    if (method !== 'cash' && !reference)
      throw new AppError('VALIDATION', 'a transfer needs its reference', { field: 'reference' });
    const day = this.days.requireOpen();
    const cash = method === 'cash' ? this.days.cashMove('in', amountFen, `${r.trade_no} ****${r.last4}`, act) : null;
    this.sql.run(
      `INSERT INTO loss_recoveries (id, event_id, day_id, at, staff_id, method, amount_fen, reference, cash_movement_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      this.ids.next(),
      lossId,
      day.id,
      this.now(),
      act.staffId,
      method,
      amountFen,
      method === 'cash' ? null : (reference ?? null),
      cash?.id ?? null,
    );
    return { loss: this.loss(lossId), cashMovementId: cash?.id ?? null };
  }

  /** What the counter warns about when this customer comes back: invalid cards and losses on record. */
  customerRecord(customerId: string): CustomerAfterSaleView {
    if (!this.sql.exists('SELECT 1 FROM customers WHERE id = ?', customerId))
      throw new AppError('NOT_FOUND', 'no such customer', { customerId });
    const rows = this.sql.all(LossRow, `${LOSSES} AND t.customer_id = ?`, customerId);
    return {
      invalidCards: rows.filter((r) => r.kind === 'invalid').length,
      losses: rows.length,
      openLosses: rows.filter((r) => r.recovered < lossOf(r)).length,
    };
  }
}
