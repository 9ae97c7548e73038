// The business day and its drawer (spec §1, §7): open with a counted float, cash in and out, shift handovers
// with a blind count, close with a blind count and seal. No trade is paid without an open day.
// Every method runs inside the caller's transaction.
import { z } from 'zod';
import {
  AppError,
  type CashMovementView,
  type DayCounted,
  type DayCountView,
  type DayView,
  type ShiftView,
  type UnpaidTradeView,
} from '../../../shared/contract';
import { addDays, localDate, zonedMinutes } from '../../../shared/domain/dates';
import type { Acting } from '../actor';
import { CashMovementRow, DayCountRow, DayRow, N, ShiftRow, TradeRow } from '../db/rows';
import type { Kept, Sql } from '../db/sql';
import type { Clock, Ids } from '../ports';
import type { Settings } from '../settings/service';

const ZNumber = DayRow.pick({ z_number: true });

export const DENOMINATIONS_FEN = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
export type Count = Partial<Record<string, number>>;

/** Σ denomination × pieces; keys are fen values as strings ("10000" = ¥100). */
export function countTotal(count: Count): number {
  let total = 0;
  for (const [k, n] of Object.entries(count)) {
    const d = Number(k);
    if (!(DENOMINATIONS_FEN as readonly number[]).includes(d))
      throw new AppError('VALIDATION', 'unknown denomination', { field: `count.${k}` });
    total += d * (n ?? 0);
  }
  return total;
}

/** The largest notes first, adding up to `fen` (whole jiao): how a drawer of that much is counted. */
export function countFor(fen: number): Count {
  const out: Record<string, number> = {};
  let rest = fen;
  for (const d of DENOMINATIONS_FEN) {
    const n = Math.floor(rest / d);
    if (n > 0) out[String(d)] = n;
    rest -= n * d;
  }
  return out;
}

export type { DayRow } from '../db/rows';

const MovementLine = CashMovementRow.pick({ id: true, kind: true, amount_fen: true, reason: true, at: true }).extend({
  staff_name: z.string(),
  approver: z.string().nullable(),
});
const DrawerSums = DayRow.pick({ float_fen: true }).extend({
  payouts: z.number(),
  refunds: z.number(),
  cash_in: z.number(),
  cash_out: z.number(),
});
const ShiftLine = ShiftRow.pick({
  seq: true,
  at: true,
  counted_fen: true,
  expected_fen: true,
  discrepancy_fen: true,
}).extend({ staff_name: z.string() });
const CountLine = DayCountRow.pick({
  seq: true,
  at: true,
  count: true,
  counted_fen: true,
  expected_fen: true,
  discrepancy_fen: true,
}).extend({ staff_name: z.string() });
const UnpaidLine = TradeRow.pick({ id: true, created_at: true, cards: true, value_fen: true, offer_fen: true }).extend({
  status: z.enum(['draft', 'quoted', 'agreed']),
  staff_name: z.string(),
});
/** The statuses of a trade not yet paid nor voided (the partial index `trades_unpaid` has the same condition). */
const UNPAID = "status IN ('draft', 'quoted', 'agreed')";

/** The drawer's parts (spec §7): expected = float + in − out − cash payouts + cash refunds. */
export interface Drawer {
  floatFen: number;
  cashInFen: number;
  cashOutFen: number;
  payoutsFen: number;
  refundsFen: number;
  expectedFen: number;
}

/** The closing facts the seal writes into the Z-report and the sync body. */
export interface Closing {
  closedAt: string;
  closedBy: string;
  countedFen: number;
  discrepancyFen: number;
  reason: string | null;
  pendingOwner: boolean;
  closedAsFound: boolean;
  /** A clerk's close approved by the owner in the same call. */
  approval: { ownerName: string; reason: string } | null;
  /** The unpaid trades the close voided, and the one reason given. */
  unpaidVoided: { count: number; reason: string } | null;
}

export class Days {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: Settings,
  ) {
    this.openDay = sql.keep();
  }
  /** The open day's row, read once between the day's opening and its seal (every counter call asks). */
  private readonly openDay: Kept<DayRow | null>;

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  openRow(): DayRow | undefined {
    return (
      this.openDay.get('open', () => this.sql.get(DayRow, "SELECT * FROM days WHERE status = 'open'") ?? null) ??
      undefined
    );
  }

  row(id: string): DayRow {
    const d = this.sql.get(DayRow, 'SELECT * FROM days WHERE id = ?', id);
    if (!d) throw new AppError('NOT_FOUND', 'no such business day', { dayId: id });
    return d;
  }

  byDate(date: string): DayRow {
    const d = this.sql.get(DayRow, 'SELECT * FROM days WHERE business_date = ?', date);
    if (!d) throw new AppError('NOT_FOUND', 'no such business day', { businessDate: date });
    return d;
  }

  /** The shop's cut-off in minutes after local midnight (spec §1, a setting). */
  private cutoffMinutes(): number {
    return this.settings.get('cutoffMinutes');
  }

  /** The cut-off as the shop's clock shows it, `HH:mm`. */
  cutoffText(): string {
    const m = this.cutoffMinutes();
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  }

  /** The instant a business date ends: its cut-off on the morning after (spec §1). */
  endsAt(date: string): number {
    // Every payment asks: the time-zone arithmetic is done once per date, cut-off and zone.
    const key = `${date} ${this.cutoffMinutes()} ${this.settings.get('timeZone')}`;
    let at = this.ends.get(key);
    if (at === undefined) {
      at = zonedMinutes(addDays(date, 1), this.cutoffMinutes(), this.settings.get('timeZone'));
      if (this.ends.size > 64) this.ends.clear();
      this.ends.set(key, at);
    }
    return at;
  }
  private readonly ends = new Map<string, number>();

  /** The business date: the open day's, else today's local date in the shop's time zone. */
  businessDateAt(ms: number): string {
    return this.openRow()?.business_date ?? localDate(ms, this.settings.get('timeZone'));
  }

  /** The open day, or DAY_NOT_OPEN. */
  requireOpen(): DayRow {
    const d = this.openRow();
    if (!d) throw new AppError('DAY_NOT_OPEN', 'no business day is open');
    return d;
  }

  /** The open day while it still takes payments: past its cut-off it is rolled over first (spec §1, §7). */
  requireTrading(): DayRow {
    const d = this.requireOpen();
    if (this.clock.now() >= this.endsAt(d.business_date))
      throw new AppError('DAY_PAST_CUTOFF', 'the business day is past its cut-off: roll it over first', {
        businessDate: d.business_date,
        cutoff: this.cutoffText(),
      });
    return d;
  }

  /**
   * One read: the day's float and its four sums (a day that does not exist answers no row). The cash paid out is the
   * day's counter kept by the database as trades are paid (migration 0017), not a sum over the day's payments.
   */
  drawer(dayId: string): Drawer {
    const r = this.sql.get(
      DrawerSums,
      `SELECT d.float_fen,
         COALESCE((SELECT value FROM counters WHERE name = 'cash-paid:' || d.id), 0) AS payouts,
         (SELECT COALESCE(SUM(refund_cash_fen), 0) FROM trade_voids WHERE day_id = d.id) AS refunds,
         (SELECT COALESCE(SUM(amount_fen), 0) FROM cash_movements WHERE day_id = d.id AND kind = 'in') AS cash_in,
         (SELECT COALESCE(SUM(amount_fen), 0) FROM cash_movements WHERE day_id = d.id AND kind = 'out') AS cash_out
       FROM days d WHERE d.id = ?`,
      dayId,
    );
    if (!r) throw new AppError('NOT_FOUND', 'no such business day', { dayId });
    const {
      float_fen: floatFen,
      cash_in: cashInFen,
      cash_out: cashOutFen,
      payouts: payoutsFen,
      refunds: refundsFen,
    } = r;
    return {
      floatFen,
      cashInFen,
      cashOutFen,
      payoutsFen,
      refundsFen,
      expectedFen: floatFen + cashInFen - cashOutFen - payoutsFen + refundsFen,
    };
  }

  expectedCash(dayId: string): number {
    return this.drawer(dayId).expectedFen;
  }

  movements(dayId: string): CashMovementView[] {
    return this.sql
      .all(
        MovementLine,
        `SELECT m.id, m.kind, m.amount_fen, m.reason, m.at, s.name AS staff_name, a.name AS approver FROM cash_movements m
       JOIN staff s ON s.id = m.staff_id LEFT JOIN staff a ON a.id = m.approved_by WHERE m.day_id = ? ORDER BY m.at, m.id`,
        dayId,
      )
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        amountFen: m.amount_fen,
        reason: m.reason,
        at: m.at,
        staffName: m.staff_name,
        approvedByName: m.approver,
      }));
  }

  shifts(dayId: string): ShiftView[] {
    return this.sql
      .all(
        ShiftLine,
        'SELECT h.seq, h.at, s.name AS staff_name, h.counted_fen, h.expected_fen, h.discrepancy_fen FROM shifts h JOIN staff s ON s.id = h.staff_id WHERE h.day_id = ? ORDER BY h.seq',
        dayId,
      )
      .map((h) => ({
        seq: h.seq,
        at: h.at,
        staffName: h.staff_name,
        countedFen: h.counted_fen,
        expectedFen: h.expected_fen,
        discrepancyFen: h.discrepancy_fen,
      }));
  }

  /** The counts of the drawer for the close, in order. */
  counts(dayId: string): DayCountView[] {
    return this.countRows(dayId).map((c) => ({
      seq: c.seq,
      at: c.at,
      staffName: c.staff_name,
      countedFen: c.counted_fen,
      expectedFen: c.expected_fen,
      discrepancyFen: c.discrepancy_fen,
    }));
  }

  private countRows(dayId: string) {
    return this.sql.all(
      CountLine,
      'SELECT c.seq, c.at, c.count, c.counted_fen, c.expected_fen, c.discrepancy_fen, s.name AS staff_name FROM day_counts c JOIN staff s ON s.id = c.staff_id WHERE c.day_id = ? ORDER BY c.seq',
      dayId,
    );
  }

  /**
   * A count of the drawer for the close, kept and later printed on the Z-report, so a recount (or a count made only
   * to learn the expected cash) is seen by the owner. `limit`: the counter's own counts of one drawer are two (one
   * recount); a third of the same drawer (nothing moved since) needs the owner. A count given with the close itself
   * is not limited: refused, it is not kept and tells nothing.
   */
  recordCount(act: Acting, count: Count, limit: boolean): DayCounted {
    const d = this.requireOpen();
    const counted = countTotal(count);
    const expected = this.expectedCash(d.id);
    const earlier = this.counts(d.id);
    let same = 0;
    for (let i = earlier.length - 1; i >= 0 && earlier[i]?.expectedFen === expected; i--) same += 1;
    if (limit && same >= 2) act.requireOwner('recount');
    const seq = (earlier[earlier.length - 1]?.seq ?? 0) + 1;
    const at = this.now();
    this.sql.run(
      'INSERT INTO day_counts (id, day_id, seq, at, staff_id, count, counted_fen, expected_fen, discrepancy_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      this.ids.next(),
      d.id,
      seq,
      at,
      act.staffId,
      JSON.stringify(count),
      counted,
      expected,
      counted - expected,
    );
    const threshold = this.settings.get('discrepancyThresholdFen');
    return {
      seq,
      at,
      staffName: act.name,
      countedFen: counted,
      expectedFen: expected,
      discrepancyFen: counted - expected,
      aboveThreshold: Math.abs(counted - expected) > threshold,
      thresholdFen: threshold,
      recountAllowed: same + 1 < 2,
    };
  }

  /** The trades not paid nor voided, oldest first: listed at handover and close (spec §7). */
  unpaid(): UnpaidTradeView[] {
    return this.sql
      .all(
        UnpaidLine,
        `SELECT t.id, t.status, t.created_at, t.cards, t.value_fen, t.offer_fen, s.name AS staff_name
         FROM trades t JOIN staff s ON s.id = t.staff_id WHERE t.${UNPAID} ORDER BY t.created_at, t.id`,
      )
      .map((t) => ({
        id: t.id,
        status: t.status,
        createdAt: t.created_at,
        staffName: t.staff_name,
        cards: t.cards,
        valueFen: t.value_fen,
        offerFen: t.offer_fen,
      }));
  }

  /**
   * Unpaid trades never cross a seal (spec §7): the close voids them all with one reason, which it must be given
   * when there are any. Answers the trades it voided.
   */
  voidUnpaid(reason: string | undefined): UnpaidTradeView[] {
    const list = this.unpaid();
    if (list.length === 0) return [];
    if (!reason)
      throw new AppError('VALIDATION', 'the close voids the unpaid trades: give one reason', {
        field: 'voidReason',
        unpaid: list.length,
      });
    this.sql.run(`UPDATE trades SET status = 'voided', void_reason = ? WHERE ${UNPAID}`, reason);
    return list;
  }

  view(): DayView | null {
    const d = this.openRow() ?? this.sql.get(DayRow, 'SELECT * FROM days ORDER BY business_date DESC LIMIT 1');
    return d ? this.viewOf(d) : null;
  }

  viewOf(d: DayRow): DayView {
    const now = this.clock.now();
    const today = localDate(now, this.settings.get('timeZone'));
    const open = d.status === 'open';
    const over = now >= this.endsAt(d.business_date);
    const drawer = this.drawer(d.id);
    return {
      id: d.id,
      businessDate: d.business_date,
      status: d.status,
      openedAt: d.opened_at,
      floatFen: d.float_fen,
      expectedCashFen: open ? drawer.expectedFen : (d.expected_fen ?? 0),
      closedAt: d.closed_at,
      countedFen: d.counted_fen,
      discrepancyFen: d.discrepancy_fen,
      pastCutoff: open && over,
      leftOpen: open && over,
      pastMidnight: today > d.business_date,
      cutoff: this.cutoffText(),
      sealedToday: !open && !over,
      counts: this.counts(d.id),
      zNumber: d.z_number,
      pendingOwner: d.pending_owner === 1,
      closedAsFound: d.closed_as_found === 1,
      cashInFen: drawer.cashInFen,
      cashOutFen: drawer.cashOutFen,
      movements: this.movements(d.id),
      shifts: this.shifts(d.id),
    };
  }

  /**
   * The day as this person may see it. A clerk counts blind (spec §7): while the day is open their view carries
   * neither the expected cash nor an earlier handover's expected figure or difference, from which it would follow
   * (the figure then, plus the few movements since). The owner sees everything; a closed day shows its figures.
   */
  viewFor(act: Acting, d: DayRow): DayView {
    const v = this.viewOf(d);
    if (act.isOwner || v.status !== 'open') return v;
    return {
      ...v,
      expectedCashFen: null,
      shifts: v.shifts.map((s) => ({ ...s, expectedFen: null, discrepancyFen: null })),
      counts: v.counts.map((c) => ({ ...c, expectedFen: null, discrepancyFen: null })),
    };
  }

  /** The open day (or the last one) as this person may see it. */
  currentFor(act: Acting): DayView | null {
    const d = this.openRow() ?? this.sql.get(DayRow, 'SELECT * FROM days ORDER BY business_date DESC LIMIT 1');
    return d ? this.viewFor(act, d) : null;
  }

  /** DRAWER_SHORT: the owner hears what the drawer holds; a clerk only that it is not enough (the count is blind). */
  short(act: Acting, field: string, expected: number): AppError {
    return new AppError(
      'DRAWER_SHORT',
      'the drawer does not hold that much cash',
      act.isOwner ? { field, expectedCashFen: expected } : { field },
    );
  }

  open(act: Acting, count: Count): DayView {
    const existing = this.openRow();
    if (existing)
      throw new AppError('CONFLICT', 'a business day is already open', { businessDate: existing.business_date });
    const date = localDate(this.clock.now(), this.settings.get('timeZone'));
    const sealed = this.sql.get(ZNumber, 'SELECT z_number FROM days WHERE business_date = ?', date);
    // One business day per date: after its seal, trading resumes on the next date.
    if (sealed)
      throw new AppError('DAY_SEALED', 'this business date is sealed: trading resumes on the next', {
        businessDate: date,
        zNumber: sealed.z_number ?? 0,
        nextDate: addDays(date, 1),
      });
    this.openDay.clear();
    this.sql.run(
      "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES (?, ?, 'open', ?, ?, ?, ?)",
      this.ids.next(),
      date,
      this.now(),
      act.staffId,
      countTotal(count),
      JSON.stringify(count),
    );
    return this.viewFor(act, this.requireOpen());
  }

  /** Cash in (a top-up) by anyone; cash out (bank deposit, petty cash) needs the owner and never more than the drawer holds. */
  cashMove(kind: 'in' | 'out', amountFen: number, reason: string, act: Acting): CashMovementView {
    const d = this.requireOpen();
    if (kind === 'out') {
      act.requireOwner('cash out');
      const expected = this.expectedCash(d.id);
      if (amountFen > expected) throw this.short(act, 'amountFen', expected);
    }
    const id = this.ids.next();
    this.sql.run(
      'INSERT INTO cash_movements (id, day_id, kind, amount_fen, reason, at, staff_id, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      id,
      d.id,
      kind,
      amountFen,
      reason,
      this.now(),
      act.staffId,
      act.approvedBy(),
    );
    const m = this.movements(d.id).find((x) => x.id === id);
    if (!m) throw new Error('the movement just written is missing');
    return m;
  }

  /** A shift handover: the outgoing person counts blind; the expected amount is shown after. */
  handover(act: Acting, count: Count): ShiftView {
    const d = this.requireOpen();
    const counted = countTotal(count);
    const expected = this.expectedCash(d.id);
    const seq = (this.sql.get(N, 'SELECT COALESCE(MAX(seq), 0) AS n FROM shifts WHERE day_id = ?', d.id)?.n ?? 0) + 1;
    this.sql.run(
      'INSERT INTO shifts (id, day_id, seq, at, staff_id, count, counted_fen, expected_fen, discrepancy_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      this.ids.next(),
      d.id,
      seq,
      this.now(),
      act.staffId,
      JSON.stringify(count),
      counted,
      expected,
      counted - expected,
    );
    const s = this.shifts(d.id).find((x) => x.seq === seq);
    if (!s) throw new Error('the handover just written is missing');
    return s;
  }

  /**
   * Seals the day with its last count and marks it closed, in the caller's transaction. The count must be of the
   * drawer as it is (nothing moved since). A discrepancy above the threshold needs a reason and the owner, unless
   * the day is closed the next morning as found: then it is sealed pending the owner's approval.
   */
  close(
    reason: string | undefined,
    act: Acting,
    asFound: boolean,
    unpaidVoided: Closing['unpaidVoided'],
    seal: (d: DayRow, closing: Closing) => { zNumber: number; journalHead: string },
  ): DayRow {
    const d = this.requireOpen();
    const last = this.countRows(d.id).pop();
    if (!last) throw new AppError('VALIDATION', 'count the drawer before closing', { field: 'count' });
    const expected = this.expectedCash(d.id);
    if (last.expected_fen !== expected)
      throw new AppError('CONFLICT', 'the drawer changed since it was counted: count again', {
        field: 'count',
        drawerChanged: true,
      });
    const counted = last.counted_fen;
    const discrepancy = counted - expected;
    const large = Math.abs(discrepancy) > this.settings.get('discrepancyThresholdFen');
    // The morning after, a clerk without the owner seals a large discrepancy pending (spec §7).
    const pending = large && asFound && !act.isOwner && !act.approvalOffered();
    let why = reason ?? null;
    if (large && !pending) {
      act.requireOwner('close with discrepancy');
      why = why ?? act.approval()?.reason ?? null;
      // A count given with the close is not kept when refused: a clerk is not told the difference it would reveal.
      if (!why)
        throw new AppError(
          'VALIDATION',
          'a discrepancy above the threshold needs a reason',
          act.isOwner ? { field: 'reason', discrepancyFen: discrepancy } : { field: 'reason' },
        );
    }
    const approver = act.approval()?.ownerName ?? null;
    const closing: Closing = {
      closedAt: this.now(),
      closedBy: act.staffId,
      countedFen: counted,
      discrepancyFen: discrepancy,
      reason: why,
      pendingOwner: pending,
      closedAsFound: asFound,
      approval: approver && why ? { ownerName: approver, reason: why } : null,
      unpaidVoided,
    };
    const sealed = seal(d, closing);
    this.openDay.clear();
    this.sql.run(
      `UPDATE days SET status = 'closed', closed_at = ?, closed_by = ?, counted_fen = ?, close_count = ?, expected_fen = ?,
         discrepancy_fen = ?, close_reason = ?, pending_owner = ?, closed_as_found = ?, close_approved_by = ?, z_number = ?, journal_head = ? WHERE id = ?`,
      closing.closedAt,
      act.staffId,
      counted,
      last.count,
      expected,
      discrepancy,
      why,
      Number(pending),
      Number(asFound),
      large && !pending ? (act.approvedBy() ?? act.staffId) : null,
      sealed.zNumber,
      sealed.journalHead,
      d.id,
    );
    return this.row(d.id);
  }

  /** The owner approves a day sealed with a pending discrepancy: an entry on today's open day. */
  approvePending(dayId: string, act: Acting, reason: string): void {
    const d = this.row(dayId);
    if (d.pending_owner !== 1)
      throw new AppError('CONFLICT', 'this day has no discrepancy waiting for the owner', {
        businessDate: d.business_date,
      });
    if (this.sql.exists('SELECT 1 FROM day_approvals WHERE day_id = ?', dayId))
      throw new AppError('CONFLICT', 'already approved', { businessDate: d.business_date });
    const today = this.requireOpen();
    this.sql.run(
      'INSERT INTO day_approvals (id, day_id, on_day_id, at, owner_id, reason) VALUES (?, ?, ?, ?, ?, ?)',
      this.ids.next(),
      dayId,
      today.id,
      this.now(),
      act.staffId,
      reason,
    );
  }

  /** Days sealed pending the owner and not yet approved. */
  pendingApprovals(): DayRow[] {
    return this.sql.all(
      DayRow,
      'SELECT d.* FROM days d WHERE d.pending_owner = 1 AND NOT EXISTS (SELECT 1 FROM day_approvals a WHERE a.day_id = d.id) ORDER BY d.business_date',
    );
  }
}
