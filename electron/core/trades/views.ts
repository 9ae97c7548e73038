// What screens see of a trade: masked cards, groups with their negotiation, rounds, payments, void; and search.
import { z } from 'zod';
import type { CustomerView, Explanation, TradeListItem, TradeView } from '../../../shared/contract';
import { linePayout } from '../../../shared/domain/money';
import {
  CustomerRow as CustomerRowSchema,
  PaymentRow,
  RoundRow,
  TradeGroupRow,
  TradeLineRow,
  TradeRow as TradeRowSchema,
} from '../db/rows';
import type { Sql } from '../db/sql';
import { HqSeen, QuoteSnapshot, readJson, StoredExplanation } from '../db/stored';
import { parseChecked } from '../schema-check';
import { DAY_OTHERS_SQL, type Compliance, type CustomerRow, type Evaluation } from '../compliance/service';
import type { Clock } from '../ports';

const nullableText = z.string().nullable();

/** The trade with its clerk, customer and void (each at most one), read in one statement. */
export const TradeJoined = TradeRowSchema.pick({
  id: true,
  customer_id: true,
  trade_no: true,
  status: true,
  staff_id: true,
  created_at: true,
  business_date: true,
  paid_at: true,
  payout_fen: true,
  rounding_fen: true,
  void_reason: true,
  pay_request_id: true,
  funds_source: true,
  funds_note: true,
}).extend({
  staff_name: z.string(),
  c_phone_masked: nullableText,
  c_name: nullableText,
  c_id_type: CustomerRowSchema.shape.id_type,
  c_id_masked: nullableText,
  c_status: CustomerRowSchema.shape.status.nullable(),
  c_block_reason: nullableText,
  v_at: nullableText,
  v_reason: nullableText,
  v_refund_cash_fen: z.number().nullable(),
  v_staff_name: nullableText,
  v_approver: nullableText,
  /**
   * The customer's other paid, not voided trades on the trade's business date (compliance's day total, read with
   * the trade rather than by a statement of its own on every counter call), and which customer and date it is for.
   */
  c_day_key: nullableText,
  c_day_others_fen: z.number(),
});
export type TradeJoined = z.infer<typeof TradeJoined>;
const TradeForPayment = TradeJoined.extend({ other: z.string().nullable() });
/** TradeJoined's columns and joins (the caller adds the WHERE). */
const TRADE_JOINED_COLUMNS = `t.id, t.customer_id, t.trade_no, t.status, t.staff_id, t.created_at, t.business_date, t.paid_at, t.payout_fen, t.rounding_fen,
    t.void_reason, t.pay_request_id, t.funds_source, t.funds_note,
    s.name AS staff_name, c.phone_masked AS c_phone_masked, c.name AS c_name, c.id_type AS c_id_type, c.id_masked AS c_id_masked,
    c.status AS c_status, c.block_reason AS c_block_reason, v.at AS v_at, v.reason AS v_reason, v.refund_cash_fen AS v_refund_cash_fen,
    vs.name AS v_staff_name, va.name AS v_approver,
    t.customer_id || '|' || t.business_date AS c_day_key, ${DAY_OTHERS_SQL} AS c_day_others_fen`;
const TRADE_JOINS = `FROM trades t JOIN staff s ON s.id = t.staff_id LEFT JOIN customers c ON c.id = t.customer_id
    LEFT JOIN trade_voids v ON v.trade_id = t.id LEFT JOIN staff vs ON vs.id = v.staff_id LEFT JOIN staff va ON va.id = v.approved_by`;
const TRADE_JOINED = `${TRADE_JOINED_COLUMNS}
  ${TRADE_JOINS}`;
// Statement texts are built once: a text made on every call is hashed and compared in full by the statement cache.
const TRADE_BY_ID = `SELECT ${TRADE_JOINED} WHERE t.id = ?`;
const TRADE_FOR_PAYMENT = `SELECT ${TRADE_JOINED_COLUMNS}, (SELECT id FROM trades WHERE pay_request_id = ?) AS other
  ${TRADE_JOINS} WHERE t.id = ?`;

/**
 * Stored quote snapshots are written once and read by every answer about their group: each text is parsed once
 * (the parsed value is never changed by a reader), in a small table emptied when full.
 */
const parsed = { snapshot: new Map<string, unknown[]>() };
function readOnce<T>(table: Map<string, T>, read: (json: string) => T, json: string): T {
  let v = table.get(json);
  if (v === undefined) {
    v = read(json);
    if (table.size >= 256) table.clear();
    table.set(json, v);
  }
  return v;
}

/** A live line as the view reads it; the hash is for the checks before paying, never shown. */
export const ViewLine = TradeLineRow.pick({
  id: true,
  position: true,
  brand: true,
  form: true,
  last4: true,
  face_value_fen: true,
  value_fen: true,
  verified_how: true,
  verified_at: true,
  group_key: true,
  rate_bp: true,
  payout_fen: true,
  expiry: true,
  notes: true,
  number_hash: true,
  unpriced: true,
  chain_hash: true,
  hq_check: true,
  hq_seen: true,
}).extend({ name_zh: nullableText, name_en: nullableText });
export type ViewLine = z.infer<typeof ViewLine>;
/** ViewLine's columns, from `trade_lines l` joined with `brand_forms f`. */
export const VIEW_LINE_COLUMNS = `l.id, l.position, l.brand, l.form, f.name_zh, f.name_en, l.last4, l.face_value_fen, l.value_fen,
  l.verified_how, l.verified_at, l.group_key, l.rate_bp, l.payout_fen, l.expiry, l.notes, l.number_hash, l.unpriced,
  l.chain_hash, l.hq_check, l.hq_seen`;

const LINES_OF_TRADE = `SELECT ${VIEW_LINE_COLUMNS}
  FROM trade_lines l LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
  WHERE l.trade_id = ? AND l.removed = 0 ORDER BY l.position`;

export const ViewGroup = TradeGroupRow.omit({ trade_id: true });
export type ViewGroup = z.infer<typeof ViewGroup>;

export const ViewPayment = PaymentRow.pick({ method: true, amount_fen: true, reference: true });
export type ViewPayment = z.infer<typeof ViewPayment>;

export const ViewRound = RoundRow.pick({
  group_key: true,
  n: true,
  actor: true,
  kind: true,
  rate_bp: true,
  at: true,
}).extend({
  staff_name: z.string(),
  approved_by: nullableText,
});
export type ViewRound = z.infer<typeof ViewRound>;
const ROUNDS_FROM = `FROM rounds r JOIN staff s ON s.id = r.staff_id LEFT JOIN staff a ON a.id = r.approved_by
  WHERE r.trade_id = ?`;
/** The trade's rounds with who made them, in the order they were made. */
const ROUNDS_OF_TRADE = `SELECT r.group_key, r.n, r.actor, r.kind, r.rate_bp, r.at, s.name AS staff_name, a.name AS approved_by
  ${ROUNDS_FROM} ORDER BY r.id`;
/**
 * The trade's groups, each row carrying every round of the trade as JSON arrays in ViewRound's column order (the
 * subquery depends on the trade only, bound first: SQLite runs it once).
 */
const GROUPS_WITH_ROUNDS = `SELECT g.*, (SELECT json_group_array(json_array(r.group_key, r.n, r.actor, r.kind, r.rate_bp, r.at,
    s.name, a.name) ORDER BY r.id) ${ROUNDS_FROM}) AS rounds_json
  FROM trade_groups g WHERE g.trade_id = ? ORDER BY g.group_key`;
const GroupWithRounds = ViewGroup.extend({ rounds_json: z.string() });
/** What a trade search filters by (trades/search.ts decides which). */
export interface TradeFilter {
  numberHash?: string;
  query?: string;
  customerIds?: string[];
  from?: string;
  to?: string;
  staffId?: string;
  numbered?: boolean;
}
const Counted = z.object({ n: z.number() });
const ListRow = TradeRowSchema.pick({
  id: true,
  trade_no: true,
  status: true,
  business_date: true,
  created_at: true,
  paid_at: true,
  cards: true,
  value_fen: true,
  payout_fen: true,
  offer_fen: true,
}).extend({ staff_name: z.string(), voided: z.number() });

/** What the caller read or wrote in this transaction just before, so the view does not read it again. */
export interface Known {
  /** The trade as read at the start of this change, with the status the change gave it. */
  trade?: TradeJoined;
  lines?: ViewLine[];
  groups?: ViewGroup[];
  /** With `groups`: every round of the trade, in the order written (as `groupsAndRounds` reads them). */
  rounds?: ViewRound[];
  payments?: ViewPayment[];
  /** Used when its basis is the view's (the same trade, customer and business date in the same transaction). */
  compliance?: Evaluation;
}

export function customerView(c: CustomerRow): CustomerView {
  return {
    id: c.id,
    phoneMasked: c.phone_masked,
    name: c.name,
    idType: c.id_type,
    idMasked: c.id_masked,
    status: c.status,
    blockReason: c.block_reason,
  };
}

/** The columns a trade list shows (the bench's baseline selects the same). */
export const LIST_COLUMNS =
  't.id, t.trade_no, t.status, t.business_date, t.created_at, t.paid_at, t.cards, t.value_fen, t.payout_fen, t.offer_fen';

/**
 * The groups a trade lists, of those `read` gives (read only when a live line carries a group's key): the ones a
 * live line carries, in the order of their first card.
 */
function listed(lines: readonly ViewLine[], read: () => ViewGroup[]): ViewGroup[] {
  const keys = new Set(lines.flatMap((l) => (l.group_key === null ? [] : [l.group_key])));
  if (keys.size === 0) return [];
  return ordered(
    read().filter((g) => keys.has(g.group_key)),
    lines,
  );
}

/** Groups in the order of their first card: from the lines (in position order), one without a line first. */
export function ordered(groups: ViewGroup[], lines: readonly ViewLine[]): ViewGroup[] {
  const first = new Map<string, number>();
  for (const l of lines) if (l.group_key !== null && !first.has(l.group_key)) first.set(l.group_key, l.position);
  const at = (g: ViewGroup) => first.get(g.group_key) ?? 0;
  return groups.sort((a, b) => at(a) - at(b));
}

/** How many parsed explanations a backend keeps: the groups of the trades at the counter right now, and more. */
const EXPLAINED = 64;

export class TradeViews {
  /** Explanations by their stored text: a group's is answered with every change to its trade and written once. */
  private readonly explained = new Map<string, Explanation>();

  constructor(
    private readonly sql: Sql,
    private readonly compliance: Compliance,
    private readonly clock: Clock,
  ) {}

  /** A group's stored explanation, parsed by its schema once per text (with the owner's 100 adjustments, ~70 µs). */
  explanation(text: string): Explanation {
    let e = this.explained.get(text);
    if (!e) {
      e = readJson(StoredExplanation, text);
      if (this.explained.size >= EXPLAINED) this.explained.delete(this.explained.keys().next().value ?? '');
      this.explained.set(text, e);
    }
    return e;
  }

  lines(tradeId: string): ViewLine[] {
    return this.sql.all(ViewLine, LINES_OF_TRADE, tradeId);
  }

  /** Groups in the order of their first card, as the counter lists them. None before the first offer: a group
   *  lives only while one of its live lines carries its key (a group whose last card left is kept on record under
   *  a retired key, with its rounds, and never listed). */
  groups(tradeId: string, lines: readonly ViewLine[]): ViewGroup[] {
    return listed(lines, () =>
      this.sql.all(ViewGroup, 'SELECT * FROM trade_groups WHERE trade_id = ? ORDER BY group_key', tradeId),
    );
  }

  trade(id: string): TradeJoined | undefined {
    return this.sql.get(TradeJoined, TRADE_BY_ID, id);
  }

  /** The trade, and the trade (if any) a payment request id already paid, in one statement. */
  tradeForPayment(id: string, requestId: string): (TradeJoined & { other: string | null }) | undefined {
    return this.sql.get(TradeForPayment, TRADE_FOR_PAYMENT, requestId, id);
  }

  /** The groups (as `groups` lists them) with the trade's rounds, in one statement. */
  groupsAndRounds(tradeId: string, lines: readonly ViewLine[]): { groups: ViewGroup[]; rounds: ViewRound[] } {
    let json = '[]';
    const groups = listed(lines, () => {
      const rows = this.sql.all(GroupWithRounds, GROUPS_WITH_ROUNDS, tradeId, tradeId);
      json = rows[0]?.rounds_json ?? '[]';
      return rows.map(({ rounds_json: _json, ...g }) => g);
    });
    if (groups.length === 0) return { groups, rounds: [] };
    const rounds = (JSON.parse(json) as unknown[][]).map((r) =>
      parseChecked(ViewRound, {
        group_key: r[0],
        n: r[1],
        actor: r[2],
        kind: r[3],
        rate_bp: r[4],
        at: r[5],
        staff_name: r[6],
        approved_by: r[7],
      }),
    );
    return { groups, rounds };
  }

  get(id: string, known: Known = {}): TradeView {
    const t = known.trade ?? this.trade(id);
    if (!t) throw new Error(`trade ${id} vanished`);
    const lines = known.lines ?? this.lines(id);
    // Rounds belong to a group and payments to a paid trade (written with the 'paid' status, never without it).
    const { groups, rounds } = known.groups
      ? {
          groups: known.groups,
          rounds: known.groups.length === 0 ? [] : (known.rounds ?? this.sql.all(ViewRound, ROUNDS_OF_TRADE, id)),
        }
      : this.groupsAndRounds(id, lines);
    const payments =
      t.status !== 'paid'
        ? []
        : (known.payments ??
          this.sql.all(
            ViewPayment,
            'SELECT method, amount_fen, reference FROM payments WHERE trade_id = ? ORDER BY rowid',
            id,
          ));
    const voided = t.v_at !== null;
    const valueFen = lines.reduce((s, l) => s + l.value_fen, 0);
    const exactFen = lines.reduce((s, l) => s + (l.payout_fen ?? 0), 0);
    const offerFen = lines.reduce((s, l) => {
      const g = groups.find((x) => x.group_key === l.group_key);
      const bp = l.rate_bp ?? (g ? g.current_bp : 0);
      return s + linePayout(l.value_fen, bp);
    }, 0);
    const basis = t.payout_fen ?? offerFen;
    const c = known.compliance;
    return {
      id: t.id,
      tradeNo: t.trade_no,
      status: voided ? 'voided' : t.status,
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
        id: l.id,
        position: l.position,
        brand: l.brand,
        form: l.form,
        nameZh: l.name_zh ?? l.brand,
        nameEn: l.name_en ?? l.brand,
        last4: l.last4,
        faceValueFen: l.face_value_fen,
        valueFen: l.value_fen,
        verifiedHow: l.verified_how,
        verifiedAt: l.verified_at,
        groupKey: l.group_key,
        rateBp: l.rate_bp,
        payoutFen: l.payout_fen,
        expiry: l.expiry,
        notes: l.notes,
        unpriced: l.unpriced,
        hqCheck: l.hq_check,
        hqSeen: l.hq_seen === null ? null : readJson(HqSeen, l.hq_seen),
      })),
      groups: groups.map((g) => ({
        key: g.group_key,
        brand: g.brand,
        form: g.form,
        bandMinFen: g.band_min_fen,
        bandMaxFen: g.band_max_fen,
        tierBp: g.tier_bp,
        bestExitBp: g.best_exit_bp,
        adjBp: g.adj_bp,
        hardCapBp: g.hard_cap_bp,
        ceilingBp: g.ceiling_bp,
        targetBp: g.target_bp,
        openingBp: g.opening_bp,
        stepBp: g.step_bp,
        currentBp: g.current_bp,
        lastAskBp: g.last_ask_bp,
        rounds: g.rounds,
        maxRounds: g.max_rounds,
        final: g.final === 1,
        agreedBp: g.agreed_bp,
        explanation: this.explanation(g.explanation),
        quoteSnapshot: readOnce(parsed.snapshot, (j) => readJson(QuoteSnapshot, j), g.quote_snapshot),
      })),
      rounds: rounds.map((r) => ({
        groupKey: r.group_key,
        n: r.n,
        actor: r.actor,
        kind: r.kind,
        rateBp: r.rate_bp,
        at: r.at,
        staffName: r.staff_name,
        approvedBy: r.approved_by,
      })),
      payments: payments.map((p) => ({ method: p.method, amountFen: p.amount_fen, reference: p.reference })),
      void: voided
        ? {
            at: t.v_at,
            reason: t.v_reason ?? '',
            refundCashFen: t.v_refund_cash_fen ?? 0,
            staffName: t.v_staff_name ?? '',
            approvedBy: t.v_approver,
          }
        : t.status === 'voided'
          ? { at: null, reason: t.void_reason ?? '', refundCashFen: 0, staffName: t.staff_name, approvedBy: null }
          : null,
      customer:
        t.customer_id === null
          ? null
          : {
              id: t.customer_id,
              phoneMasked: t.c_phone_masked ?? '',
              name: t.c_name,
              idType: t.c_id_type,
              idMasked: t.c_id_masked,
              status: t.c_status ?? 'active',
              blockReason: t.c_block_reason,
            },
      fundsSource: t.funds_source === null ? null : { source: t.funds_source, note: t.funds_note },
      compliance: c && c.basisFen === basis ? c : this.compliance.evaluate(t, basis),
      asOf: new Date(this.clock.now()).toISOString(),
    };
  }

  /** Search by trade number, last 4, full number (its hash), staff and business dates; newest first. */
  /** Where a search looks, as SQL: the tables and the conditions with their values. */
  private listWhere(f: TradeFilter): { from: string; where: string; params: (string | number)[] } {
    const where: string[] = ['1 = 1'];
    const params: (string | number)[] = [];
    // By card: start from the card's index entry and join its trades.
    let from = 'trades t';
    if (f.numberHash) {
      from = 'trade_lines l JOIN trades t ON t.id = l.trade_id';
      where.push('l.number_hash = ? AND l.removed = 0');
      params.push(f.numberHash);
    } else if (f.query) {
      where.push(
        '(t.trade_no = ? OR t.trade_no LIKE ? OR t.id IN (SELECT trade_id FROM trade_lines WHERE last4 = ? AND removed = 0))',
      );
      params.push(f.query, `%-${f.query}`, f.query);
    }
    if (f.customerIds) {
      where.push(`t.customer_id IN (${f.customerIds.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...f.customerIds);
    }
    if (f.from) {
      where.push('t.business_date >= ?');
      params.push(f.from);
    }
    if (f.to) {
      where.push('t.business_date <= ?');
      params.push(f.to);
    }
    if (f.staffId) {
      where.push('t.staff_id = ?');
      params.push(f.staffId);
    }
    // Paid trades (a trade voided after payment keeps its number): the trades of a day in the ledger.
    if (f.numbered) where.push('t.trade_no IS NOT NULL');
    return { from, where: where.join(' AND '), params };
  }

  /** How many trades a search finds in all. */
  count(f: TradeFilter): number {
    const q = this.listWhere(f);
    return this.sql.get(Counted, `SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where}`, ...q.params)?.n ?? 0;
  }

  list(f: TradeFilter & { limit: number; offset?: number }): TradeListItem[] {
    const q = this.listWhere(f);
    const rows = this.sql.all(
      ListRow,
      `SELECT ${LIST_COLUMNS}, s.name AS staff_name, EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id) AS voided
       FROM ${q.from} JOIN staff s ON s.id = t.staff_id
       WHERE ${q.where}
       ORDER BY t.business_date DESC, t.trade_no DESC LIMIT ? OFFSET ?`,
      ...q.params,
      f.limit,
      f.offset ?? 0,
    );
    return rows.map((r) => ({
      id: r.id,
      tradeNo: r.trade_no,
      status: r.voided ? 'voided' : r.status,
      businessDate: r.business_date,
      staffName: r.staff_name,
      createdAt: r.created_at,
      paidAt: r.paid_at,
      cards: r.cards,
      valueFen: r.value_fen,
      payoutFen: r.payout_fen ?? r.offer_fen,
    }));
  }
}
