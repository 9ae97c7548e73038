// After-sale figures (spec §8), read-only: realised margin by the day a card was bought (the charts) and by the day
// its events were recorded (the Z-report) — the same events, each card's cost counted once, so both add up to the
// same total over time (shared/domain/aftersale.ts) — and the batches late on a business date (到账延迟).
import { z } from 'zod';
import type { ZAfterSale } from '../../../shared/contract';
import { cardMargin, marginShares, type CardEvent } from '../../../shared/domain/aftersale';
import { linePayout } from '../../../shared/domain/money';
import { LineEventRow, LossRecoveryRow, ResaleBatchRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { LineEventPayload, readJson } from '../db/stored';

const CardEventRow = LineEventRow.pick({ line_id: true, kind: true, day_id: true, payload: true }).extend({
  cost: z.number(),
  bought_on: z.string(),
});
type CardEventRow = z.infer<typeof CardEventRow>;
const DayEvent = LineEventRow.pick({ kind: true, payload: true });
const DayRecovery = LossRecoveryRow.pick({ method: true, amount_fen: true });
const Late = ResaleBatchRow.pick({ id: true, platform: true, due_date: true, rate_bp: true }).extend({
  first_late: z.string(),
  waiting: z.number(),
  value: z.number(),
});

export interface LateBatch {
  batchId: string;
  platform: string;
  dueDate: string;
  /** The first business date in the range on which it was late. */
  lateOn: string;
  waitingCards: number;
  waitingFen: number;
}

/** Groups events (ordered by card, then time) by card. */
function byCard(rows: CardEventRow[]): CardEventRow[][] {
  const out: CardEventRow[][] = [];
  let cur: CardEventRow[] = [];
  for (const r of rows) {
    if (cur.length > 0 && cur[0]?.line_id !== r.line_id) {
      out.push(cur);
      cur = [];
    }
    cur.push(r);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const asEvent = (r: { kind: CardEvent['kind']; payload: string }): CardEvent => ({
  kind: r.kind,
  amountFen: readJson(LineEventPayload, r.payload).amountFen ?? 0,
});

const EVENTS = `SELECT e.line_id, e.kind, e.day_id, e.payload, l.payout_fen AS cost, t.business_date AS bought_on
  FROM line_events e JOIN trade_lines l ON l.id = e.line_id JOIN trades t ON t.id = l.trade_id`;

export class AfterSaleFigures {
  constructor(private readonly sql: Sql) {}

  /** Realised margin of the cards bought on each business date in the range (cards not yet ended count nothing). */
  byPurchaseDate(from: string, to: string): Map<string, number> {
    const out = new Map<string, number>();
    const rows = this.sql.all(
      CardEventRow,
      `${EVENTS} WHERE t.business_date BETWEEN ? AND ? ORDER BY e.line_id, e.at, e.rowid`,
      from,
      to,
    );
    for (const card of byCard(rows)) {
      const first = card[0];
      const m = first ? cardMargin(first.cost, card.map(asEvent)) : null;
      if (first && m !== null) out.set(first.bought_on, (out.get(first.bought_on) ?? 0) + m);
    }
    return out;
  }

  /** Realised margin of the events recorded on a day: each event's share (its money; a card's cost on the event that ended it). */
  recordedOn(dayId: string): number {
    const rows = this.sql.all(
      CardEventRow,
      `${EVENTS} WHERE e.line_id IN (SELECT line_id FROM line_events WHERE day_id = ?) ORDER BY e.line_id, e.at, e.rowid`,
      dayId,
    );
    let sum = 0;
    for (const card of byCard(rows)) {
      const shares = marginShares(card[0]?.cost ?? 0, card.map(asEvent));
      card.forEach((e, i) => {
        if (e.day_id === dayId) sum += shares[i] ?? 0;
      });
    }
    return sum;
  }

  /**
   * Batches late on some business date in the range: past their due date, with cards that no settled, invalid or
   * own-use event recorded before that date had ended. One per batch, on the first such date.
   */
  late(from: string, to: string): LateBatch[] {
    return this.sql
      .all(
        Late,
        `SELECT b.id, b.platform, b.due_date, b.rate_bp, MAX(?, date(b.due_date, '+1 day')) AS first_late,
                COUNT(*) AS waiting, SUM(l.value_fen) AS value
         FROM resale_batches b JOIN resale_batch_lines bl ON bl.batch_id = b.id JOIN trade_lines l ON l.id = bl.line_id
         WHERE date(b.due_date, '+1 day') <= ? AND NOT EXISTS (
           SELECT 1 FROM line_events e LEFT JOIN days d ON d.id = e.day_id
           WHERE e.line_id = l.id AND e.kind IN ('settled', 'invalid', 'own_use')
             AND COALESCE(d.business_date, substr(e.at, 1, 10)) < MAX(?, date(b.due_date, '+1 day')))
         GROUP BY b.id ORDER BY b.due_date, b.created_at`,
        from,
        to,
        from,
      )
      .map((r) => ({
        batchId: r.id,
        platform: r.platform,
        dueDate: r.due_date,
        lateOn: r.first_late,
        waitingCards: r.waiting,
        waitingFen: linePayout(r.value, r.rate_bp),
      }));
  }

  /** The Z-report's after-sale section: what was recorded on this day (docs/after-sale.md). */
  day(dayId: string, businessDate: string): ZAfterSale {
    const events = this.sql.all(DayEvent, 'SELECT kind, payload FROM line_events WHERE day_id = ?', dayId);
    const f: ZAfterSale = {
      invalid: { cards: 0, lossFen: 0 },
      shortPaid: { cards: 0, shortFen: 0 },
      batchShort: { batches: 0, shortFen: 0 },
      clawedBack: { cards: 0, amountFen: 0 },
      recovered: { count: 0, amountFen: 0, cashFen: 0 },
      realisedMarginFen: this.recordedOn(dayId),
      overdueBatches: this.late(businessDate, businessDate).length,
    };
    const shortBatches = new Set<string>();
    for (const e of events) {
      const p = readJson(LineEventPayload, e.payload);
      if (e.kind === 'invalid') {
        f.invalid.cards += 1;
        f.invalid.lossFen += p.lossFen ?? 0;
      } else if (e.kind === 'settled' && p.cause === 'balance_mismatch') {
        f.shortPaid.cards += 1;
        f.shortPaid.shortFen += p.lossFen ?? 0;
      } else if (e.kind === 'settled' && p.cause === 'batch_short') {
        shortBatches.add(p.batchId ?? '');
        if (f.batchShort) f.batchShort.shortFen += p.lossFen ?? 0;
      } else if (e.kind === 'settled' && p.cause === 'clawback') {
        f.clawedBack.cards += 1;
        f.clawedBack.amountFen -= p.amountFen ?? 0;
      }
    }
    if (f.batchShort) f.batchShort.batches = shortBatches.size;
    for (const r of this.sql.all(
      DayRecovery,
      'SELECT method, amount_fen FROM loss_recoveries WHERE day_id = ?',
      dayId,
    )) {
      f.recovered.count += 1;
      f.recovered.amountFen += r.amount_fen;
      if (r.method === 'cash') f.recovered.cashFen += r.amount_fen;
    }
    return f;
  }
}
