// The business day, minimal for the counter (spec §1, §7): open with a counted float, close with a count.
// No trade is paid without an open day. Shifts, the seal and the Z-report extend this later.
import { AppError, type DayView } from '../../../shared/contract';
import { localDate, localHour } from '../../../shared/domain/dates';
import type { Sql } from '../db/sql';
import type { Clock, Ids } from '../ports';
import type { Settings } from '../settings/service';

export const DENOMINATIONS_FEN = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
export type Count = Partial<Record<string, number>>;

/** Σ denomination × pieces; keys are fen values as strings ("10000" = ¥100). */
export function countTotal(count: Count): number {
  let total = 0;
  for (const [k, n] of Object.entries(count)) {
    const d = Number(k);
    if (!(DENOMINATIONS_FEN as readonly number[]).includes(d)) throw new AppError('VALIDATION', 'unknown denomination', { field: `count.${k}` });
    total += d * (n ?? 0);
  }
  return total;
}

interface DayRow {
  id: string;
  business_date: string;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  float_fen: number;
  closed_at: string | null;
  counted_fen: number | null;
  expected_fen: number | null;
  discrepancy_fen: number | null;
  close_reason: string | null;
}

export class Days {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: Settings,
  ) {}

  private openRow(): DayRow | undefined {
    return this.sql.get<DayRow>("SELECT * FROM days WHERE status = 'open'");
  }

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

  /** float − Σ cash handed out + Σ cash refunded by voids, on this day. */
  expectedCash(dayId: string): number {
    const d = this.sql.get<{ float_fen: number }>('SELECT float_fen FROM days WHERE id = ?', dayId);
    const paidOut = this.sql.get<{ s: number }>(
      "SELECT COALESCE(SUM(p.amount_fen), 0) AS s FROM payments p JOIN trades t ON t.id = p.trade_id WHERE t.paid_day = ? AND p.method = 'cash'", dayId,
    )?.s ?? 0;
    const refunded = this.sql.get<{ s: number }>('SELECT COALESCE(SUM(refund_cash_fen), 0) AS s FROM trade_voids WHERE day_id = ?', dayId)?.s ?? 0;
    return (d?.float_fen ?? 0) - paidOut + refunded;
  }

  view(): DayView | null {
    const d = this.openRow() ?? this.sql.get<DayRow>('SELECT * FROM days ORDER BY business_date DESC LIMIT 1');
    if (!d) return null;
    const now = this.clock.now();
    const tz = this.settings.get('timeZone');
    const pastCutoff = d.status === 'open' && localDate(now, tz) > d.business_date && localHour(now, tz) >= this.settings.get('cutoffHour');
    return {
      id: d.id, businessDate: d.business_date, status: d.status, openedAt: d.opened_at, floatFen: d.float_fen,
      expectedCashFen: d.status === 'open' ? this.expectedCash(d.id) : (d.expected_fen ?? 0), closedAt: d.closed_at,
      countedFen: d.counted_fen, discrepancyFen: d.discrepancy_fen, pastCutoff,
    };
  }

  open(staffId: string, count: Count): DayView {
    const existing = this.openRow();
    if (existing) throw new AppError('CONFLICT', 'a business day is already open', { businessDate: existing.business_date });
    const now = this.clock.now();
    const date = localDate(now, this.settings.get('timeZone'));
    if (this.sql.get('SELECT 1 FROM days WHERE business_date = ?', date)) {
      throw new AppError('CONFLICT', 'this business date was already closed', { businessDate: date });
    }
    this.sql.run(
      "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES (?, ?, 'open', ?, ?, ?, ?)",
      this.ids.next(), date, new Date(now).toISOString(), staffId, countTotal(count), JSON.stringify(count),
    );
    const v = this.view();
    if (!v) throw new Error('the day just opened is missing');
    return v;
  }

  /** Counts the drawer; returns what needs the owner (a discrepancy above the threshold) before it closes. */
  close(staffId: string, count: Count, reason: string | undefined, requireOwner: (what: string) => void): DayView {
    const d = this.requireOpen();
    const counted = countTotal(count);
    const expected = this.expectedCash(d.id);
    const discrepancy = counted - expected;
    if (Math.abs(discrepancy) > this.settings.get('discrepancyThresholdFen')) {
      if (!reason) throw new AppError('VALIDATION', 'a discrepancy above the threshold needs a reason', { field: 'reason', discrepancyFen: discrepancy });
      requireOwner('close with discrepancy');
    }
    this.sql.run(
      `UPDATE days SET status = 'closed', closed_at = ?, closed_by = ?, counted_fen = ?, close_count = ?, expected_fen = ?,
         discrepancy_fen = ?, close_reason = ? WHERE id = ?`,
      new Date(this.clock.now()).toISOString(), staffId, counted, JSON.stringify(count), expected, discrepancy, reason ?? null, d.id,
    );
    const v = this.view();
    if (!v) throw new Error('the day just closed is missing');
    return v;
  }
}
