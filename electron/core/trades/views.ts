// What screens see of a trade: masked cards, groups with their negotiation, rounds, payments, void; and search.
import type { CustomerView, TradeListItem, TradeView } from '../../../shared/contract';
import { linePayout } from '../../../shared/domain/money';
import type { Sql } from '../db/sql';
import type { Compliance, CustomerRow } from '../compliance/service';

interface TradeRow {
  id: string;
  customer_id: string | null;
  trade_no: string | null;
  status: TradeView['status'];
  staff_id: string;
  staff_name: string;
  created_at: string;
  business_date: string;
  paid_at: string | null;
  payout_fen: number | null;
  rounding_fen: number | null;
  void_reason: string | null;
}

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
    const t = this.sql.get<TradeRow>('SELECT t.*, s.name AS staff_name FROM trades t JOIN staff s ON s.id = t.staff_id WHERE t.id = ?', id);
    if (!t) throw new Error(`trade ${id} vanished`);
    const lines = this.sql.all<Record<string, unknown>>(
      `SELECT l.id, l.position, l.brand, l.form, f.name_zh, f.name_en, l.last4, l.face_value_fen, l.value_fen, l.verified_how, l.verified_at,
              l.group_key, l.rate_bp, l.payout_fen, l.expiry, l.notes
       FROM trade_lines l LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
       WHERE l.trade_id = ? AND l.removed = 0 ORDER BY l.position`, id,
    );
    // Groups in the order of their first card, as the counter lists them.
    const groups = this.sql.all<Record<string, unknown>>(
      `SELECT g.* FROM trade_groups g WHERE g.trade_id = ?
       ORDER BY (SELECT MIN(l.position) FROM trade_lines l WHERE l.trade_id = g.trade_id AND l.group_key = g.group_key AND l.removed = 0)`, id,
    );
    const rounds = this.sql.all<Record<string, unknown>>(
      'SELECT r.group_key, r.n, r.actor, r.kind, r.rate_bp, r.at, s.name AS staff_name, a.name AS approved_by FROM rounds r JOIN staff s ON s.id = r.staff_id LEFT JOIN staff a ON a.id = r.approved_by WHERE r.trade_id = ? ORDER BY r.id', id,
    );
    const payments = this.sql.all<{ method: TradeView['payments'][number]['method']; amount_fen: number; reference: string }>('SELECT method, amount_fen, reference FROM payments WHERE trade_id = ? ORDER BY rowid', id);
    const v = this.sql.get<{ at: string; reason: string; refund_cash_fen: number; staff_name: string; approver: string | null }>(
      'SELECT v.at, v.reason, v.refund_cash_fen, s.name AS staff_name, a.name AS approver FROM trade_voids v JOIN staff s ON s.id = v.staff_id LEFT JOIN staff a ON a.id = v.approved_by WHERE v.trade_id = ?', id,
    );
    const valueFen = lines.reduce((s, l) => s + (l.value_fen as number), 0);
    const exactFen = lines.reduce((s, l) => s + ((l.payout_fen as number | null) ?? 0), 0);
    const offerFen = lines.reduce((s, l) => {
      const g = groups.find((x) => x.group_key === l.group_key);
      const bp = (l.rate_bp as number | null) ?? (g ? (g.current_bp as number) : 0);
      return s + linePayout(l.value_fen as number, bp);
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
        id: l.id as string, position: l.position as number, brand: l.brand as string, form: l.form as 'e' | 'physical',
        nameZh: (l.name_zh as string | null) ?? (l.brand as string), nameEn: (l.name_en as string | null) ?? (l.brand as string),
        last4: l.last4 as string, faceValueFen: l.face_value_fen as number, valueFen: l.value_fen as number,
        verifiedHow: l.verified_how as 'official' | 'customer_screen' | 'none', verifiedAt: l.verified_at as string | null,
        groupKey: l.group_key as string | null, rateBp: l.rate_bp as number | null, payoutFen: l.payout_fen as number | null,
        expiry: l.expiry as string | null, notes: l.notes as string,
      })),
      groups: groups.map((g) => ({
        key: g.group_key as string, brand: g.brand as string, form: g.form as 'e' | 'physical',
        bandMinFen: g.band_min_fen as number, bandMaxFen: g.band_max_fen as number | null, tierBp: g.tier_bp as number,
        bestExitBp: g.best_exit_bp as number, adjBp: g.adj_bp as number, hardCapBp: g.hard_cap_bp as number, ceilingBp: g.ceiling_bp as number,
        targetBp: g.target_bp as number, openingBp: g.opening_bp as number, stepBp: g.step_bp as number, currentBp: g.current_bp as number,
        lastAskBp: g.last_ask_bp as number | null, rounds: g.rounds as number, final: g.final === 1, agreedBp: g.agreed_bp as number | null,
        explanation: JSON.parse(g.explanation as string) as TradeView['groups'][number]['explanation'],
        quoteSnapshot: JSON.parse(g.quote_snapshot as string) as unknown[],
      })),
      rounds: rounds.map((r) => ({
        groupKey: r.group_key as string, n: r.n as number, actor: r.actor as 'shop' | 'customer', kind: r.kind as string,
        rateBp: r.rate_bp as number, at: r.at as string, staffName: r.staff_name as string, approvedBy: r.approved_by as string | null,
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
    const rows = this.sql.all<TradeRow & { cards: number; value_fen: number; offer_fen: number; voided: number }>(
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
