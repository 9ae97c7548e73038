// Alerts (spec §5) and the owner's compliance report by business date range; identity numbers masked.
import type {
  AlertGroupsView,
  AlertGroupView,
  AlertView,
  ComplianceReport,
  ComplianceReportPage,
} from '../../../shared/contract';
import { formatYuan } from '../../../shared/domain/money';
import { addDays, zonedMinutes } from '../../../shared/domain/dates';
import { z } from 'zod';
import { CustomerRow, DayRow, JournalRow, TradeIdentityRow, TradeLineRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { JournalPayload, readJson, TradeComplianceJson } from '../db/stored';
import type { Clock } from '../ports';
import type { Settings } from '../settings/service';
import type { AfterSaleFigures } from '../resale/figures';
import { fundsText, type Lang } from '../../../shared/words';

/** The first opening and the last close (or now) of the business days in a range. */
const Span = z.object({ opened: DayRow.shape.opened_at.nullable(), closed: z.string().nullable() });
const PaidTrade = z.object({ trade_no: z.string(), business_date: z.string(), customer_id: z.string().nullable() });
const PerDay = z.object({
  customer_id: z.string(),
  phone_masked: z.string(),
  business_date: z.string(),
  n: z.number(),
  total: z.number(),
  cards: z.number(),
  small_n: z.number(),
  small_total: z.number(),
  trade_nos: z.string(),
});
const Consecutive = PaidTrade.extend({ position: z.number(), consecutive_with: z.number(), last4: z.string() });
const Unsold = PaidTrade.extend(TradeLineRow.pick({ form: true, last4: true }).shape).extend({ paid_at: z.string() });
const Threshold = z
  .object({ trade_no: z.string(), business_date: z.string(), payout_fen: z.number(), compliance: z.string() })
  .extend(CustomerRow.pick({ name: true, id_type: true, id_masked: true }).shape)
  .extend({ phone_masked: z.string().nullable() })
  .extend(TradeIdentityRow.pick({ funds_source: true, funds_note: true }).shape);
const Entry = JournalRow.pick({ seq: true, at: true, ref: true, payload: true }).extend({
  staff_name: z.string().nullable(),
});

export class ComplianceReports {
  constructor(
    private readonly sql: Sql,
    private readonly settings: Settings,
    private readonly clock: Clock,
    private readonly afterSale: AfterSaleFigures,
  ) {}

  /** The language the shop prints in: the words an export carries. */
  paperLanguage(): Lang {
    return this.settings.get('printer').language;
  }

  /** Structuring, cards per customer per day, consecutive numbers and unsold cards, for paid, not voided trades; late batches. */
  alerts(from: string, to: string): AlertView[] {
    const s = this.settings.get('compliance');
    const live = `t.status = 'paid' AND NOT EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id) AND t.business_date BETWEEN ? AND ?`;
    const out: AlertView[] = [];
    const perDay = this.sql.all(
      PerDay,
      `SELECT t.customer_id, c.phone_masked, t.business_date, COUNT(*) AS n, SUM(t.payout_fen) AS total, SUM(t.cards) AS cards,
              SUM(t.payout_fen < ?) AS small_n, SUM(CASE WHEN t.payout_fen < ? THEN t.payout_fen ELSE 0 END) AS small_total,
              GROUP_CONCAT(t.trade_no, ' ') AS trade_nos
       FROM trades t JOIN customers c ON c.id = t.customer_id
       WHERE ${live} GROUP BY t.customer_id, t.business_date`,
      s.identityTradeFen,
      s.identityTradeFen,
      from,
      to,
    );
    for (const d of perDay) {
      if (d.small_n >= 2 && d.small_total >= s.identityTradeFen) {
        out.push({
          kind: 'structuring',
          businessDate: d.business_date,
          customerId: d.customer_id,
          phoneMasked: d.phone_masked,
          tradeNo: null,
          detail: {
            trades: d.small_n,
            totalFen: d.small_total,
            thresholdFen: s.identityTradeFen,
            tradeNos: d.trade_nos,
          },
        });
      }
      if (d.cards > s.maxCardsPerDay) {
        out.push({
          kind: 'cards_per_day',
          businessDate: d.business_date,
          customerId: d.customer_id,
          phoneMasked: d.phone_masked,
          tradeNo: null,
          detail: { cards: d.cards, max: s.maxCardsPerDay, tradeNos: d.trade_nos },
        });
      }
    }
    for (const r of this.sql.all(
      Consecutive,
      `SELECT t.trade_no, t.business_date, t.customer_id, l.position, l.consecutive_with, l.last4 FROM trade_lines l JOIN trades t ON t.id = l.trade_id
       WHERE l.consecutive_with IS NOT NULL AND l.removed = 0 AND ${live} ORDER BY t.trade_no, l.position`,
      from,
      to,
    )) {
      out.push({
        kind: 'consecutive',
        businessDate: r.business_date,
        customerId: r.customer_id,
        phoneMasked: null,
        tradeNo: r.trade_no,
        detail: { line: r.position, with: r.consecutive_with, last4: r.last4 },
      });
    }
    const now = this.clock.now();
    for (const r of this.sql.all(
      Unsold,
      `SELECT t.trade_no, t.business_date, t.customer_id, l.form, l.last4, t.paid_at FROM trade_lines l JOIN trades t ON t.id = l.trade_id
       WHERE l.removed = 0 AND ${live} AND NOT EXISTS (SELECT 1 FROM line_events e WHERE e.line_id = l.id) ORDER BY t.trade_no, l.position`,
      from,
      to,
    )) {
      const hours = r.form === 'e' ? s.unsoldHoursE : s.unsoldHoursPhysical;
      const held = (now - Date.parse(r.paid_at)) / 3_600_000;
      if (held >= hours) {
        out.push({
          kind: 'unsold',
          businessDate: r.business_date,
          customerId: r.customer_id,
          phoneMasked: null,
          tradeNo: r.trade_no,
          detail: { form: r.form, last4: r.last4, hours: Math.floor(held), limitHours: hours },
        });
      }
    }
    // 到账延迟 (spec §8): one per batch late on some day of the range, on the first such day.
    for (const b of this.afterSale.late(from, to)) {
      out.push({
        kind: 'overdue',
        businessDate: b.lateOn,
        customerId: null,
        phoneMasked: null,
        tradeNo: null,
        detail: { platform: b.platform, dueDate: b.dueDate, cards: b.waitingCards, waitingFen: b.waitingFen },
      });
    }
    return out;
  }

  report(from: string, to: string): ComplianceReport {
    const tz = this.settings.get('timeZone');
    const cutoff = this.settings.get('cutoffMinutes');
    // The dates' windows by the cut-off, widened to the business days themselves: a day opened after midnight but
    // before the cut-off carries the new date, and what was recorded in it belongs to its report.
    const span = this.sql.get(
      Span,
      `SELECT MIN(opened_at) AS opened, MAX(COALESCE(closed_at, ?)) AS closed FROM days WHERE business_date BETWEEN ? AND ?`,
      new Date(this.clock.now() + 1).toISOString(),
      from,
      to,
    );
    const byCutoff = [zonedMinutes(from, cutoff, tz), zonedMinutes(addDays(to, 1), cutoff, tz)] as const;
    const start = new Date(Math.min(byCutoff[0], span?.opened ? Date.parse(span.opened) : Infinity)).toISOString();
    const end = new Date(Math.max(byCutoff[1], span?.closed ? Date.parse(span.closed) + 1 : -Infinity)).toISOString();
    const thresholdTrades = this.sql
      .all(
        Threshold,
        // The identity is the trade's own copy, fixed when it was paid (a later change of the customer's ID does not reach it).
        `SELECT t.trade_no, t.business_date, t.payout_fen, t.compliance, c.phone_masked, ti.name, ti.id_type, ti.id_masked,
         ti.funds_source, ti.funds_note
       FROM trades t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN trade_identities ti ON ti.trade_id = t.id
       WHERE t.status = 'paid' AND t.business_date BETWEEN ? AND ? AND t.compliance IS NOT NULL
         AND (json_extract(t.compliance, '$.identity') = 1 OR json_extract(t.compliance, '$.cashAllowed') = 0)
       ORDER BY t.trade_no`,
        from,
        to,
      )
      .map((r) => {
        const c = readJson(TradeComplianceJson, r.compliance);
        return {
          tradeNo: r.trade_no,
          businessDate: r.business_date,
          payoutFen: r.payout_fen,
          dayTotalFen: c.dayTotalFen,
          identity: c.identity,
          because: c.because,
          cashAllowed: c.cashAllowed,
          phoneMasked: r.phone_masked,
          name: r.name,
          idType: r.id_type,
          idMasked: r.id_masked,
          fundsSource: r.funds_source,
          fundsNote: r.funds_note,
        };
      });
    const entries = (kind: string) =>
      this.sql
        .all(
          Entry,
          `SELECT j.seq, j.at, s.name AS staff_name, j.ref, j.payload FROM journal j LEFT JOIN staff s ON s.id = j.staff
       WHERE j.kind = ? AND j.at >= ? AND j.at < ? ORDER BY j.seq`,
          kind,
          start,
          end,
        )
        .map((e) => ({
          seq: e.seq,
          at: e.at,
          staffName: e.staff_name,
          ref: e.ref,
          detail: readJson(JournalPayload, e.payload),
        }));
    const refused = entries('compliance.refused');
    return {
      from,
      to,
      thresholdTrades,
      hits: refused.filter((e) => e.detail.code === 'WATCHLIST_HIT'),
      refusals: refused.filter((e) => e.detail.code !== 'WATCHLIST_HIT'),
      overrides: entries('compliance.override'),
      alerts: this.alerts(from, to),
    };
  }
}

/** The report as a call answers it: each list sliced to one page, with how many there are in all. */
export function reportPage(
  r: ComplianceReport,
  offsets: Partial<ComplianceReportPage['offsets']>,
  limit: number,
): ComplianceReportPage {
  const o = {
    threshold: offsets.threshold ?? 0,
    hits: offsets.hits ?? 0,
    refusals: offsets.refusals ?? 0,
    overrides: offsets.overrides ?? 0,
    alerts: offsets.alerts ?? 0,
  };
  return {
    ...r,
    thresholdTrades: r.thresholdTrades.slice(o.threshold, o.threshold + limit),
    hits: r.hits.slice(o.hits, o.hits + limit),
    refusals: r.refusals.slice(o.refusals, o.refusals + limit),
    overrides: r.overrides.slice(o.overrides, o.overrides + limit),
    alerts: r.alerts.slice(o.alerts, o.alerts + limit),
    totals: {
      thresholdTrades: r.thresholdTrades.length,
      hits: r.hits.length,
      refusals: r.refusals.length,
      overrides: r.overrides.length,
      alerts: r.alerts.length,
    },
    offsets: o,
    limit,
  };
}

/**
 * Alerts grouped by kind and customer (ux.md: never one line per card): how many alerts and trades, the first and
 * last business date, the trades named; the groups with the most alerts first. `customerIds` keeps only those
 * customers' alerts (a search by phone or ID number); `kind` keeps one kind, while `kinds` still counts them all.
 */
export function alertGroups(
  alerts: AlertView[],
  phones: (customerId: string) => string | null,
  filter: { kind?: string; customerIds?: string[]; offset: number; limit: number },
): AlertGroupsView {
  const byCustomer = filter.customerIds
    ? alerts.filter((a) => a.customerId !== null && filter.customerIds!.includes(a.customerId))
    : alerts;
  const groups = new Map<string, AlertGroupView & { names: Set<string> }>();
  for (const a of byCustomer) {
    const key = `${a.kind}/${a.customerId ?? ''}`;
    const g = groups.get(key) ?? {
      kind: a.kind,
      customerId: a.customerId,
      phoneMasked: a.phoneMasked ?? (a.customerId ? phones(a.customerId) : null),
      alerts: 0,
      trades: 0,
      firstDate: a.businessDate,
      lastDate: a.businessDate,
      tradeNos: [],
      names: new Set<string>(),
    };
    g.alerts += 1;
    if (a.businessDate < g.firstDate) g.firstDate = a.businessDate;
    if (a.businessDate > g.lastDate) g.lastDate = a.businessDate;
    const named = a.tradeNo
      ? [a.tradeNo]
      : String(a.detail.tradeNos ?? '')
          .split(' ')
          .filter(Boolean);
    for (const n of named) g.names.add(n);
    groups.set(key, g);
  }
  const all = [...groups.values()].map(({ names, ...g }) => ({
    ...g,
    trades: names.size,
    tradeNos: [...names].sort().slice(0, 20),
  }));
  const kinds = new Map<AlertView['kind'], { kind: AlertView['kind']; alerts: number; groups: number }>();
  for (const g of all) {
    const k = kinds.get(g.kind) ?? { kind: g.kind, alerts: 0, groups: 0 };
    k.alerts += g.alerts;
    k.groups += 1;
    kinds.set(g.kind, k);
  }
  const kept = all
    .filter((g) => !filter.kind || g.kind === filter.kind)
    .sort((a, b) => b.alerts - a.alerts || a.kind.localeCompare(b.kind) || a.firstDate.localeCompare(b.firstDate));
  return {
    kinds: [...kinds.values()],
    alerts: kept.reduce((s, g) => s + g.alerts, 0),
    groups: {
      items: kept.slice(filter.offset, filter.offset + filter.limit),
      total: kept.length,
      offset: filter.offset,
      limit: filter.limit,
    },
  };
}

/**
 * The report as rows for CSV and XLSX: one section column, then what a compliance officer reads; the source of
 * funds of a threshold trade in words of the language the shop prints in.
 */
export function reportRows(r: ComplianceReport, lang: Lang = 'zh-CN'): string[][] {
  const header = ['section', 'date', 'trade', 'customer', 'identity', 'detail', 'funds_source'];
  const rows: string[][] = [header];
  const yuan = (fen: number) => formatYuan(fen, '');
  const text = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));
  for (const t of r.thresholdTrades) {
    rows.push([
      'threshold',
      t.businessDate,
      t.tradeNo,
      t.phoneMasked ?? '',
      [t.name, t.idType, t.idMasked].filter(Boolean).join(' '),
      `payout ${yuan(t.payoutFen)}; day ${yuan(t.dayTotalFen)}; identity ${t.identity ? (t.because ?? 'yes') : 'no'}; cash ${t.cashAllowed ? 'allowed' : 'refused'}`,
      fundsText(lang, t.fundsSource, t.fundsNote),
    ]);
  }
  for (const h of r.hits)
    rows.push([
      'watchlist_hit',
      h.at.slice(0, 10),
      '',
      '',
      '',
      `${text(h.detail.kind)} refused; by ${h.staffName ?? ''}`,
    ]);
  for (const o of r.overrides)
    rows.push([
      'override',
      o.at.slice(0, 10),
      text(o.detail.tradeNo),
      '',
      '',
      `${text(o.detail.what)}: ${text(o.detail.reason)}; approved by ${text(o.detail.ownerName)}`,
    ]);
  for (const x of r.refusals)
    rows.push(['refusal', x.at.slice(0, 10), '', '', '', `${text(x.detail.code)}; by ${x.staffName ?? ''}`]);
  for (const a of r.alerts)
    rows.push([
      'alert',
      a.businessDate,
      a.tradeNo ?? '',
      a.phoneMasked ?? '',
      '',
      `${a.kind} ${JSON.stringify(a.detail)}`,
    ]);
  // Every row as wide as the header: the sections without a source of funds leave its cell empty.
  return rows.map((row) => row.concat(Array<string>(header.length - row.length).fill('')));
}
