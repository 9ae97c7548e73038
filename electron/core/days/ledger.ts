// The Z-report and the seal (spec §7, sync-protocol.md). The figures come from one set of reads; the seal
// writes the Z-report, the frozen body for head office and the day's closing facts in the caller's transaction.
//
// Which trades count where (docs/business-day.md): the brand, payment, staff and 抹零 figures are the trades paid
// on this day as they happened; `voids` are every void recorded on this day, whichever day its trade was paid;
// net payout = Σ payout − Σ voided payout; expected margin counts the lines of this day's trades not voided by the seal.
import { createHash } from 'node:crypto';
import { AppError, type ZReportView } from '../../../shared/contract';
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../shared/domain/codes';
import { averageRateBp, linePayout } from '../../../shared/domain/money';
import { CounterValue, JournalRow, LineEventRow, PaymentRow, StaffRow, TradeLineRow, ZReportRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { JournalPayload, LineEventPayload, readJson, StoredZReport } from '../db/stored';
import type { JournalKind } from '../../../shared/contract/journal-kinds';
import { changeGroup } from '../../../shared/words/settings';
import { jcs, type Journal } from '../journal/service';
import type { ComplianceReports } from '../compliance/report';
import type { AfterSaleFigures } from '../resale/figures';
import type { Shop } from '../shop/service';
import type { Closing, Days, DayRow } from './service';

const JournalSeq = JournalRow.pick({ seq: true });
const ZBody = ZReportRow.pick({ body: true });
const StaffName = StaffRow.pick({ name: true });

const PaidLine = TradeLineRow.pick({
  number_enc: true,
  brand: true,
  form: true,
  last4: true,
  value_fen: true,
  position: true,
  hq_check: true,
}).extend({
  line_id: z.string(),
  customer_id: z.string().nullable(),
  phone_enc: z.instanceof(Buffer).nullable(),
  trade_id: z.string(),
  trade_no: z.string(),
  paid_at: z.string(),
  staff_name: z.string(),
  rounding_fen: z.number(),
  voided: z.number(),
  rate_bp: z.number(),
  payout_fen: z.number(),
  best_exit_bp: z.number(),
  brand_name: z.string(),
});
const PaidPayment = PaymentRow.pick({ trade_id: true, method: true, amount_fen: true });
const VoidLine = z.object({
  trade_no: z.string(),
  paid_date: z.string(),
  at: z.string(),
  payout_fen: z.number(),
  refund_cash_fen: z.number(),
  reason: z.string(),
  staff_name: z.string(),
  approver: z.string().nullable(),
});
const EventLine = LineEventRow.pick({ kind: true, at: true, payload: true }).extend({
  trade_no: z.string(),
  last4: z.string(),
  position: z.number(),
});
const ApprovalLine = z.object({
  at: z.string(),
  kind: z.string(),
  owner: z.string(),
  reason: z.string(),
  trade_no: z.string().nullable(),
  amount_fen: z.number().nullable(),
});
const DayApprovalLine = z.object({ at: z.string(), business_date: z.string(), owner: z.string(), reason: z.string() });
const PreviousSeal = ZReportRow.pick({ grand_total_fen: true, journal_head: true });
const ChangeLine = JournalRow.pick({ at: true, kind: true, ref: true, payload: true }).extend({
  staff_name: z.string().nullable(),
});

/** The journal kinds the Z-report lists as changes of the shop's settings: the owner's groups, brands and the rest. */
export const SETTINGS_CHANGE_KINDS = [
  'settings.changed',
  'settings.updated',
  'catalog.upserted',
  'printer.settings',
  'sync.settingsChanged',
  'backups.targetSet',
] as const satisfies readonly JournalKind[];
const CHANGE_KINDS_SQL = SETTINGS_CHANGE_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * The body head office receives for a sealed day. Sealed as schema 2 since cards across the chain (sync-protocol.md
 * v2); a day sealed before keeps its schema 1 body, since a sealed body is never rewritten.
 */
export interface SyncBody {
  schema: 2;
  shopId: string;
  businessDate: string;
  zNumber: number;
  openedAt: string;
  closedAt: string;
  summary: Record<string, unknown>;
  trades: unknown[];
  corrections: unknown[];
  cash: unknown[];
  alerts: unknown[];
  journalHead: string;
  prevDayJournalHead: string | null;
  settingsChanges: unknown[];
}

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export class Ledger {
  constructor(
    private readonly sql: Sql,
    private readonly days: Days,
    private readonly journal: Journal,
    private readonly shop: Shop,
    private readonly reports: ComplianceReports,
    /** With a chain key: a line's chain hash from its decrypted number (sync-protocol.md); without one, null. */
    private readonly chainHasher: () => ((lineId: string, numberEnc: Buffer) => string) | null,
    /**
     * With a chain key and customer matching across shops switched on: a customer's chain hash from their
     * decrypted phone (sync-protocol.md v2 `customerHash`); otherwise null.
     */
    private readonly customerHasher: () => ((customerId: string, phoneEnc: Buffer) => string) | null,
    private readonly afterSale: AfterSaleFigures,
  ) {}

  private lines(dayId: string) {
    return this.sql.all(
      PaidLine,
      `SELECT l.id AS line_id, l.number_enc, l.position, l.hq_check, t.customer_id, c.phone_enc,
              t.id AS trade_id, t.trade_no, t.paid_at, s.name AS staff_name, t.rounding_fen,
              EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id) AS voided,
              l.brand, l.form, l.last4, l.value_fen, l.rate_bp, l.payout_fen, g.best_exit_bp, COALESCE(f.name_zh, l.brand) AS brand_name
       FROM trades t JOIN trade_lines l ON l.trade_id = t.id AND l.removed = 0
       JOIN staff s ON s.id = t.staff_id
       LEFT JOIN customers c ON c.id = t.customer_id
       JOIN trade_groups g ON g.trade_id = t.id AND g.group_key = l.group_key
       LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
       WHERE t.paid_day = ? ORDER BY t.trade_no, l.position`,
      dayId,
    );
  }

  private payments(dayId: string) {
    return this.sql.all(
      PaidPayment,
      'SELECT p.trade_id, p.method, p.amount_fen FROM payments p JOIN trades t ON t.id = p.trade_id WHERE t.paid_day = ? ORDER BY t.trade_no, p.method',
      dayId,
    );
  }

  private voids(dayId: string) {
    return this.sql.all(
      VoidLine,
      `SELECT t.trade_no, t.business_date AS paid_date, v.at, t.payout_fen, v.refund_cash_fen, v.reason, s.name AS staff_name, a.name AS approver
       FROM trade_voids v JOIN trades t ON t.id = v.trade_id JOIN staff s ON s.id = v.staff_id LEFT JOIN staff a ON a.id = v.approved_by
       WHERE v.day_id = ? ORDER BY v.at, t.trade_no`,
      dayId,
    );
  }

  private events(dayId: string) {
    return this.sql.all(
      EventLine,
      `SELECT e.kind, e.at, e.payload, t.trade_no, l.last4, l.position FROM line_events e JOIN trade_lines l ON l.id = e.line_id JOIN trades t ON t.id = l.trade_id
       WHERE e.day_id = ? ORDER BY e.at, e.id`,
      dayId,
    );
  }

  private approvals(d: DayRow) {
    const from =
      this.sql.get(JournalSeq, "SELECT seq FROM journal WHERE ref = ? AND kind = 'day.opened'", d.id)?.seq ?? 0;
    const out: ZReportView['approvals'] = this.sql
      .all(
        ApprovalLine,
        // The entry's key facts beside the words: the trade it concerned (numbered by the time of the seal) and its amount.
        `SELECT j.at, j.kind, json_extract(j.payload, '$.approval.ownerName') AS owner, json_extract(j.payload, '$.approval.reason') AS reason,
              t.trade_no, COALESCE(json_extract(j.payload, '$.payoutFen'), json_extract(j.payload, '$.amountFen')) AS amount_fen
       FROM journal j LEFT JOIN trades t ON t.id = j.ref WHERE j.seq > ? AND json_extract(j.payload, '$.approval') IS NOT NULL ORDER BY j.seq`,
        from,
      )
      .map((r) => ({
        at: r.at,
        what: r.kind,
        ownerName: r.owner,
        reason: r.reason,
        tradeNo: r.trade_no,
        amountFen: r.amount_fen,
      }));
    for (const a of this.sql.all(
      DayApprovalLine,
      'SELECT a.at, d.business_date, s.name AS owner, a.reason FROM day_approvals a JOIN days d ON d.id = a.day_id JOIN staff s ON s.id = a.owner_id WHERE a.on_day_id = ? ORDER BY a.at',
      d.id,
    ))
      out.push({ at: a.at, what: `day.discrepancyApproved ${a.business_date}`, ownerName: a.owner, reason: a.reason });
    return out;
  }

  /** Every settings change journaled since the previous seal (the last `day.sealed` entry), oldest first. */
  private settingsChanges(): ZReportView['settingsChanges'] {
    return this.sql
      .all(
        ChangeLine,
        `SELECT j.at, j.kind, j.ref, j.payload, s.name AS staff_name FROM journal j LEFT JOIN staff s ON s.id = j.staff
         WHERE j.kind IN (${CHANGE_KINDS_SQL})
           AND j.seq > COALESCE((SELECT MAX(seq) FROM journal WHERE kind = 'day.sealed'), 0)
         ORDER BY j.seq`,
      )
      .map((r) => {
        const { actorName: _actor, approval: _approval, ...payload } = readJson(JournalPayload, r.payload);
        return {
          at: r.at,
          staffName: r.staff_name,
          kind: r.kind,
          group: changeGroup(r.kind, payload),
          ref: r.ref,
          payload,
        };
      });
  }

  private previousSeal(beforeDate: string) {
    return this.sql.get(
      PreviousSeal,
      'SELECT grand_total_fen, journal_head FROM z_reports WHERE business_date < ? ORDER BY business_date DESC LIMIT 1',
      beforeDate,
    );
  }

  /** A sealed day's Z-report as sealed; an open day's figures so far (an X-report). */
  report(dayId: string): ZReportView {
    const sealed = this.sql.get(ZBody, 'SELECT body FROM z_reports WHERE day_id = ?', dayId);
    if (sealed) return readJson(StoredZReport, sealed.body);
    const d = this.days.row(dayId);
    if (d.status === 'closed')
      throw new AppError('NOT_FOUND', 'this day was closed before Z-reports existed', {
        businessDate: d.business_date,
      });
    return this.build(d, null, null).z;
  }

  private build(d: DayRow, closing: Closing | null, zNumber: number | null) {
    const shop = this.shop.get();
    const lines = this.lines(d.id);
    const payments = this.payments(d.id);
    const voids = this.voids(d.id);
    const drawer = this.days.drawer(d.id);
    const staffName = (id: string | null) =>
      id ? (this.sql.get(StaffName, 'SELECT name FROM staff WHERE id = ?', id)?.name ?? '') : null;

    const brands = new Map<string, ZReportView['brands'][number]>();
    const trades = new Map<string, { staff: string; rounding: number; payout: number }>();
    let expectedMargin = 0;
    for (const l of lines) {
      const k = `${l.brand}/${l.form}`;
      const b = brands.get(k) ?? {
        brand: l.brand,
        form: l.form,
        name: l.brand_name,
        cards: 0,
        valueFen: 0,
        payoutFen: 0,
        averageRateBp: 0,
      };
      b.cards += 1;
      b.valueFen += l.value_fen;
      b.payoutFen += l.payout_fen;
      brands.set(k, b);
      const t = trades.get(l.trade_id) ?? { staff: l.staff_name, rounding: l.rounding_fen, payout: 0 };
      t.payout += l.payout_fen;
      trades.set(l.trade_id, t);
      if (!l.voided) expectedMargin += linePayout(l.value_fen, l.best_exit_bp) - l.payout_fen;
    }
    for (const b of brands.values()) b.averageRateBp = averageRateBp(b.payoutFen, b.valueFen);
    const totalValue = lines.reduce((s, l) => s + l.value_fen, 0);
    const totalPayout = lines.reduce((s, l) => s + l.payout_fen, 0);
    const staff = new Map<string, { name: string; trades: number; payoutFen: number }>();
    for (const t of trades.values()) {
      const s = staff.get(t.staff) ?? { name: t.staff, trades: 0, payoutFen: 0 };
      s.trades += 1;
      s.payoutFen += t.payout;
      staff.set(t.staff, s);
    }
    const byMethod = PAYMENT_METHODS.map((method) => {
      const ps = payments.filter((p) => p.method === method);
      return { method, count: ps.length, amountFen: ps.reduce((s, p) => s + p.amount_fen, 0) };
    }).filter((m) => m.count > 0);
    const events = this.events(d.id);
    // A claw-back (money a platform took back) is in the after-sale section, not among the money received.
    const resale: ZReportView['resale'] = (['resold', 'settled', 'invalid', 'own_use'] as const)
      .map((kind) => {
        const es = events.filter((e) => e.kind === kind && readJson(LineEventPayload, e.payload).cause !== 'clawback');
        return {
          kind,
          cards: es.length,
          amountFen: es.reduce((s, e) => s + (readJson(LineEventPayload, e.payload).amountFen ?? 0), 0),
        };
      })
      .filter((r) => r.cards > 0);
    // The after-sale money recorded today that is not a settlement: a claw-back (negative: money taken back) and the
    // recoveries from customers, each one more row of the list, so the day figures count them (shared/domain/day-figures.ts).
    const afterSale = this.afterSale.day(d.id, d.business_date);
    if (afterSale.clawedBack.cards > 0)
      resale.push({ kind: 'clawback', cards: afterSale.clawedBack.cards, amountFen: -afterSale.clawedBack.amountFen });
    if (afterSale.recovered.count > 0)
      resale.push({ kind: 'recovered', cards: afterSale.recovered.count, amountFen: afterSale.recovered.amountFen });
    const voidedPayout = voids.reduce((s, v) => s + v.payout_fen, 0);
    const net = totalPayout - voidedPayout;
    const prev = this.previousSeal(d.business_date);
    const alerts = this.reports.alerts(d.business_date, d.business_date).map((a) => ({
      kind: a.kind,
      tradeNo: a.tradeNo,
      detail: Object.entries(a.detail)
        .filter(([k]) => k !== 'tradeNos')
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    }));
    const movements = this.days.movements(d.id);
    const z: ZReportView = {
      shop: { name: shop?.name ?? '', code: shop?.code ?? '' },
      businessDate: d.business_date,
      zNumber,
      openedAt: d.opened_at,
      openedBy: staffName(d.opened_by) ?? '',
      closedAt: closing?.closedAt ?? null,
      closedBy: closing ? staffName(closing.closedBy) : null,
      brands: [...brands.values()],
      totals: {
        trades: trades.size,
        cards: lines.length,
        valueFen: totalValue,
        payoutFen: totalPayout,
        averageRateBp: averageRateBp(totalPayout, totalValue),
      },
      payments: byMethod,
      roundingFen: [...trades.values()].reduce((s, t) => s + t.rounding, 0),
      staff: [...staff.values()],
      voids: voids.map((v) => ({
        tradeNo: v.trade_no,
        paidDate: v.paid_date,
        at: v.at,
        payoutFen: v.payout_fen,
        refundCashFen: v.refund_cash_fen,
        reason: v.reason,
        staffName: v.staff_name,
        approvedBy: v.approver,
      })),
      voidedPayoutFen: voidedPayout,
      netPayoutFen: net,
      resale,
      approvals: [
        ...this.approvals(d),
        ...(closing?.approval ? [{ at: closing.closedAt, what: 'day.close', ...closing.approval }] : []),
      ],
      cash: {
        ...drawer,
        countedFen: closing?.countedFen ?? null,
        discrepancyFen: closing?.discrepancyFen ?? null,
        reason: closing?.reason ?? null,
        pendingOwner: closing?.pendingOwner ?? false,
        closedAsFound: closing?.closedAsFound ?? false,
        movements,
        shifts: this.days.shifts(d.id),
      },
      expectedMarginFen: expectedMargin,
      alerts,
      journalHead: null,
      grandTotalFen: (prev?.grand_total_fen ?? 0) + net,
      closeCounts: this.days.counts(d.id),
      unpaidVoided: closing?.unpaidVoided ?? null,
      settingsChanges: this.settingsChanges(),
      afterSale,
    };
    return { z, lines, payments, events, prev };
  }

  private nextZ(): number {
    this.sql.run(
      "INSERT INTO counters (name, value) VALUES ('z', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1",
    );
    return this.sql.get(CounterValue, "SELECT value FROM counters WHERE name = 'z'")?.value ?? 1;
  }

  /**
   * In the closing transaction: the next gapless Z number, the Z-report with the journal head, and the outbox row
   * with its frozen body. Returns what the day row records.
   */
  seal(d: DayRow, closing: Closing): { zNumber: number; journalHead: string; ledgerHash: string; z: ZReportView } {
    const zNumber = this.nextZ();
    const journalHead = this.journal.head().hash;
    const { z, lines, payments, events, prev } = this.build(d, closing, zNumber);
    z.journalHead = journalHead;
    const shopId = this.shop.get()?.code ?? '';
    const trades = new Map<
      string,
      {
        tradeNo: string;
        paidAt: string;
        staff: string;
        status: string;
        roundingFen: number;
        customerHash: string | null;
        payments: unknown[];
        lines: unknown[];
      }
    >();
    const cardHash = this.chainHasher();
    const customerHash = this.customerHasher();
    for (const l of lines) {
      const t = trades.get(l.trade_id) ?? {
        tradeNo: l.trade_no,
        paidAt: l.paid_at,
        staff: l.staff_name,
        status: l.voided ? 'voided' : 'paid',
        roundingFen: l.rounding_fen,
        customerHash:
          customerHash && l.customer_id !== null && l.phone_enc !== null
            ? customerHash(l.customer_id, l.phone_enc)
            : null,
        payments: payments
          .filter((p) => p.trade_id === l.trade_id)
          .map((p) => ({ method: p.method, amountFen: p.amount_fen })),
        lines: [],
      };
      // Head office matches cards by the chain hash; until the shop has a chain key it is null (sync-protocol.md).
      t.lines.push({
        position: l.position,
        brand: l.brand,
        form: l.form,
        last4: l.last4,
        cardHash: cardHash ? cardHash(l.line_id, l.number_enc) : null,
        valueFen: l.value_fen,
        rateBp: l.rate_bp,
        payoutFen: l.payout_fen,
        // Head office's card check at payment; a hit paid only with the owner's reason (null: no check applied).
        hqCheck: l.hq_check === 'hit' ? 'hit_overridden' : l.hq_check,
      });
      trades.set(l.trade_id, t);
    }
    const corrections: unknown[] = z.voids.map((v) => ({
      at: v.at,
      kind: 'void',
      tradeNo: v.tradeNo,
      amountFen: v.payoutFen,
      reason: v.reason,
    }));
    // Schema 2: a card is named by its trade and position, and a batch's settlement reaches head office per card
    // with that card's share (`amountFen`), so nothing is sent for the batch as a whole.
    for (const e of events) {
      const p = readJson(LineEventPayload, e.payload);
      corrections.push({
        at: e.at,
        kind: e.kind,
        tradeNo: e.trade_no,
        position: e.position,
        last4: e.last4,
        ...(p.batchId ? { batchId: p.batchId } : {}),
        ...(p.amountFen !== undefined ? { amountFen: p.amountFen } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.cause ? { cause: p.cause } : {}),
        ...(p.lossFen !== undefined ? { lossFen: p.lossFen } : {}),
      });
    }
    const c = z.cash;
    const body: SyncBody = {
      schema: 2,
      shopId,
      businessDate: d.business_date,
      zNumber,
      openedAt: d.opened_at,
      closedAt: closing.closedAt,
      summary: {
        brands: z.brands,
        totals: z.totals,
        payments: z.payments,
        roundingFen: z.roundingFen,
        staff: z.staff,
        voids: z.voids,
        voidedPayoutFen: z.voidedPayoutFen,
        netPayoutFen: z.netPayoutFen,
        resale: z.resale,
        // Head office's body keeps the approvals' first shape; the trade and amount are for the paper and the screen.
        approvals: z.approvals.map((a) => ({ at: a.at, what: a.what, ownerName: a.ownerName, reason: a.reason })),
        cash: {
          floatFen: c.floatFen,
          cashInFen: c.cashInFen,
          cashOutFen: c.cashOutFen,
          payoutsFen: c.payoutsFen,
          refundsFen: c.refundsFen,
          expectedFen: c.expectedFen,
          countedFen: c.countedFen,
          discrepancyFen: c.discrepancyFen,
          reason: c.reason,
          pendingOwner: c.pendingOwner,
          closedAsFound: c.closedAsFound,
          shifts: c.shifts,
        },
        expectedMarginFen: z.expectedMarginFen,
        grandTotalFen: z.grandTotalFen,
        ...(z.afterSale ? { afterSale: z.afterSale } : {}),
      },
      trades: [...trades.values()],
      corrections,
      cash: z.cash.movements.map((m) => ({
        at: m.at,
        kind: m.kind,
        amountFen: m.amountFen,
        reason: m.reason,
        staff: m.staffName,
      })),
      alerts: z.alerts,
      journalHead,
      prevDayJournalHead: prev?.journal_head ?? null,
      // What the owner changed since the last seal (settings.md), as the Z-report lists it; never a secret's value.
      settingsChanges: (z.settingsChanges ?? []).map((c) => ({
        at: c.at,
        kind: c.kind,
        group: c.group,
        staff: c.staffName,
        payload: c.payload,
      })),
    };
    const unsigned = jcs(body);
    const ledgerHash = sha256Hex(unsigned);
    const frozen = jcs({ ...body, ledgerHash });
    this.sql.run(
      'INSERT INTO z_reports (day_id, z_number, business_date, body, journal_head, grand_total_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      d.id,
      zNumber,
      d.business_date,
      JSON.stringify(z),
      journalHead,
      z.grandTotalFen,
      closing.closedAt,
    );
    this.sql.run(
      'INSERT INTO sync_outbox (day_id, business_date, z_number, body, ledger_hash) VALUES (?, ?, ?, ?, ?)',
      d.id,
      d.business_date,
      zNumber,
      frozen,
      ledgerHash,
    );
    return { zNumber, journalHead, ledgerHash, z };
  }
}
