// What screens see of a trade: masked cards, groups with their negotiation, rounds, payments, void; and search.
import { z } from 'zod';
import type { CustomerView, TradeListItem, TradeView } from '../../../shared/contract';
import { linePayout } from '../../../shared/domain/money';
import { PaymentRow, RoundRow, TradeGroupRow, TradeLineRow, TradeRow as TradeRowSchema, TradeVoidRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { QuoteSnapshot, readJson, StoredExplanation } from '../db/stored';
import type { Compliance, CustomerRow } from '../compliance/service';

const TradeRow = TradeRowSchema.pick({
  id: true, customer_id: true, trade_no: true, status: true, staff_id: true, created_at: true, business_date: true, paid_at: true, payout_fen: true,
  rounding_fen: true, void_reason: true,
}).extend({ staff_name: z.string() });
const ViewLine = TradeLineRow.pick({
  id: true, position: true, brand: true, form: true, last4: true, face_value_fen: true, value_fen: true, verified_how: true, verified_at: true,
  group_key: true, rate_bp: true, payout_fen: true, expiry: true, notes: true,
}).extend({ name_zh: z.string().nullable(), name_en: z.string().nullable() });
const ViewRound = RoundRow.pick({ group_key: true, n: true, actor: true, kind: true, rate_bp: true, at: true }).extend({ staff_name: z.string(), approved_by: z.string().nullable() });
const ViewPayment = PaymentRow.pick({ method: true, amount_fen: true, reference: true });
const ViewVoid = TradeVoidRow.pick({ at: true, reason: true, refund_cash_fen: true }).extend({ staff_name: z.string(), approver: z.string().nullable() });
const ListRow = TradeRowSchema.pick({
  id: true, trade_no: true, status: true, business_date: true, created_at: true, paid_at: true, cards: true, value_fen: true, payout_fen: true, offer_fen: true,
}).extend({ staff_name: z.string(), voided: z.number() });

export function customerView(c: CustomerRow): CustomerView {
  return { id: c.id, phoneMasked: c.phone_masked, name: c.name, idType: c.id_type, idMasked: c.id_masked, status: c.status, blockReason: c.block_reason };
}

/** The columns a trade list shows (the bench's baseline selects the same). */
export const LIST_COLUMNS = 't.id, t.trade_no, t.status, t.business_date, t.created_at, t.paid_at, t.cards, t.value_fen, t.payout_fen, t.offer_fen';

export class TradeViews {
  constructor(
    private readonly sql: Sql,
    private readonly compliance: Compliance,
  ) {}

  get(id: string): TradeView {
    const t = this.sql.get(TradeRow, 'SELECT t.*, s.name AS staff_name FROM trades t JOIN staff s ON s.id = t.staff_id WHERE t.id = ?', id);
    if (!t) throw new Error(`trade ${id} vanished`);
    const lines = this.sql.all(ViewLine,
      `SELECT l.id, l.position, l.brand, l.form, f.name_zh, f.name_en, l.last4, l.face_value_fen, l.value_fen, l.verified_how, l.verified_at,
              l.group_key, l.rate_bp, l.payout_fen, l.expiry, l.notes
       FROM trade_lines l LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
       WHERE l.trade_id = ? AND l.removed = 0 ORDER BY l.position`, id,
    );
    // Groups in the order of their first card, as the counter lists them.
    const groups = this.sql.all(TradeGroupRow,
      `SELECT g.* FROM trade_groups g WHERE g.trade_id = ?
       ORDER BY (SELECT MIN(l.position) FROM trade_lines l WHERE l.trade_id = g.trade_id AND l.group_key = g.group_key AND l.removed = 0)`, id,
    );
    const rounds = this.sql.all(ViewRound,
      'SELECT r.group_key, r.n, r.actor, r.kind, r.rate_bp, r.at, s.name AS staff_name, a.name AS approved_by FROM rounds r JOIN staff s ON s.id = r.staff_id LEFT JOIN staff a ON a.id = r.approved_by WHERE r.trade_id = ? ORDER BY r.id', id,
    );
    const payments = this.sql.all(ViewPayment, 'SELECT method, amount_fen, reference FROM payments WHERE trade_id = ? ORDER BY rowid', id);
    const v = this.sql.get(ViewVoid,
      'SELECT v.at, v.reason, v.refund_cash_fen, s.name AS staff_name, a.name AS approver FROM trade_voids v JOIN staff s ON s.id = v.staff_id LEFT JOIN staff a ON a.id = v.approved_by WHERE v.trade_id = ?', id,
    );
    const valueFen = lines.reduce((s, l) => s + l.value_fen, 0);
    const exactFen = lines.reduce((s, l) => s + (l.payout_fen ?? 0), 0);
    const offerFen = lines.reduce((s, l) => {
      const g = groups.find((x) => x.group_key === l.group_key);
      const bp = l.rate_bp ?? (g ? g.current_bp : 0);
      return s + linePayout(l.value_fen, bp);
    }, 0);
    return {
      id: t.id,
      tradeNo: t.trade_no,
      status: v ? 'voided' : t.status,
      staffId: t.staff_id,
      staffName: t.staff_name,
      createdAt: t.created_at,
      businessDate: t.business_date,
      paidAt: t.paid_at,
      valueFen,
      payoutFen: t.payout_fen ?? exactFen,
      offerPayoutFen: t.payout_fen ?? offerFen,
      roundingFen: t.rounding_fen ?? 0,
      lines: lines.map((l) => ({
        id: l.id, position: l.position, brand: l.brand, form: l.form,
        nameZh: l.name_zh ?? l.brand, nameEn: l.name_en ?? l.brand,
        last4: l.last4, faceValueFen: l.face_value_fen, valueFen: l.value_fen,
        verifiedHow: l.verified_how, verifiedAt: l.verified_at,
        groupKey: l.group_key, rateBp: l.rate_bp, payoutFen: l.payout_fen,
        expiry: l.expiry, notes: l.notes,
      })),
      groups: groups.map((g) => ({
        key: g.group_key, brand: g.brand, form: g.form,
        bandMinFen: g.band_min_fen, bandMaxFen: g.band_max_fen, tierBp: g.tier_bp,
        bestExitBp: g.best_exit_bp, adjBp: g.adj_bp, hardCapBp: g.hard_cap_bp, ceilingBp: g.ceiling_bp,
        targetBp: g.target_bp, openingBp: g.opening_bp, stepBp: g.step_bp, currentBp: g.current_bp,
        lastAskBp: g.last_ask_bp, rounds: g.rounds, final: g.final === 1, agreedBp: g.agreed_bp,
        explanation: readJson(StoredExplanation, g.explanation),
        quoteSnapshot: readJson(QuoteSnapshot, g.quote_snapshot),
      })),
      rounds: rounds.map((r) => ({
        groupKey: r.group_key, n: r.n, actor: r.actor, kind: r.kind,
        rateBp: r.rate_bp, at: r.at, staffName: r.staff_name, approvedBy: r.approved_by,
      })),
      payments: payments.map((p) => ({ method: p.method, amountFen: p.amount_fen, reference: p.reference })),
      void: v ? { at: v.at, reason: v.reason, refundCashFen: v.refund_cash_fen, staffName: v.staff_name, approvedBy: v.approver } : t.status === 'voided' ? { at: null, reason: t.void_reason ?? '', refundCashFen: 0, staffName: t.staff_name, approvedBy: null } : null,
      customer: t.customer_id ? customerView(this.compliance.customer(t.customer_id)) : null,
      compliance: this.compliance.evaluate(t, t.payout_fen ?? offerFen),
    };
  }

  /** Search by trade number, last 4, full number (its hash), staff and business dates; newest first. */
  list(f: { numberHash?: string; query?: string; customerIds?: string[]; from?: string; to?: string; staffId?: string; limit: number }): TradeListItem[] {
    const where: string[] = ['1 = 1'];
    const params: (string | number)[] = [];
    // By card: start from the card's index entry and join its trades.
    let from = 'trades t';
    if (f.numberHash) {
      from = 'trade_lines l JOIN trades t ON t.id = l.trade_id';
      where.push('l.number_hash = ? AND l.removed = 0');
      params.push(f.numberHash);
    } else if (f.query) {
      where.push('(t.trade_no = ? OR t.trade_no LIKE ? OR t.id IN (SELECT trade_id FROM trade_lines WHERE last4 = ? AND removed = 0))');
      params.push(f.query, `%-${f.query}`, f.query);
    }
    if (f.customerIds) {
      where.push(`t.customer_id IN (${f.customerIds.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...f.customerIds);
    }
    if (f.from) { where.push('t.business_date >= ?'); params.push(f.from); }
    if (f.to) { where.push('t.business_date <= ?'); params.push(f.to); }
    if (f.staffId) { where.push('t.staff_id = ?'); params.push(f.staffId); }
    const rows = this.sql.all(ListRow,
      `SELECT ${LIST_COLUMNS}, s.name AS staff_name, EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id) AS voided
       FROM ${from} JOIN staff s ON s.id = t.staff_id
       WHERE ${where.join(' AND ')}
       ORDER BY t.business_date DESC, t.trade_no DESC LIMIT ?`,
      ...params, f.limit,
    );
    return rows.map((r) => ({
      id: r.id, tradeNo: r.trade_no, status: r.voided ? 'voided' : r.status, businessDate: r.business_date, staffName: r.staff_name,
      createdAt: r.created_at, paidAt: r.paid_at, cards: r.cards, valueFen: r.value_fen, payoutFen: r.payout_fen ?? r.offer_fen,
    }));
  }

}
