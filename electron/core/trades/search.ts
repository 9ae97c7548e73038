// Finding trades (spec §5 search): by trade number, by the last 4 of a card or a trade number, by a full card
// number's hash, or by a customer's phone or ID number; and a customer's history of trades by business day.
import type { CustomerHistory, Page, TradeListItem } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import type { Compliance } from '../compliance/service';
import type { Lines } from './lines';
import { customerView, type TradeFilter, type TradeViews } from './views';

const TRADE_NO = /^[A-Z0-9]{2,8}-\d{8}-\d{4}$/;

export interface TradeQuery {
  query?: string;
  from?: string;
  to?: string;
  staffId?: string;
  limit: number;
}

export class TradeSearch {
  constructor(
    private readonly views: TradeViews,
    private readonly lines: Lines,
    private readonly compliance: Compliance,
  ) {}

  list(i: TradeQuery): TradeListItem[] {
    return this.views.list({ ...this.filter(i), limit: i.limit });
  }

  /** A page of what `list` finds, and how many it finds in all. */
  page(i: TradeQuery & { offset: number; numbered?: boolean }): Page<TradeListItem> {
    const f = { ...this.filter(i), numbered: i.numbered };
    return {
      items: this.views.list({ ...f, limit: i.limit, offset: i.offset }),
      total: this.views.count(f),
      offset: i.offset,
      limit: i.limit,
    };
  }

  private filter(i: TradeQuery): TradeFilter {
    const raw = i.query?.normalize('NFKC').trim().toUpperCase();
    const filters = { from: i.from, to: i.to, staffId: i.staffId };
    if (!raw) return filters;
    // A trade number or the last 4 (of a card or a trade number) directly; a full card number by its hash.
    if (TRADE_NO.test(raw)) return { ...filters, query: raw };
    // A customer's phone or ID number finds their trades (spec §5 search by customer).
    const customers = this.compliance.matching(raw);
    if (customers.length > 0) return { ...filters, customerIds: customers.map((c) => c.id) };
    const q = normalise(raw);
    if (q.length >= 8) return { ...filters, numberHash: this.lines.hashOf(q) };
    return { ...filters, query: q };
  }

  /** Each customer with this phone or ID number, their trades and their paid totals by business day. */
  customers(query: string): CustomerHistory[] {
    return this.compliance.matching(query).map((c) => {
      const list = this.views.list({ customerIds: [c.id], limit: 200 });
      const byDay = new Map<string, { trades: number; totalFen: number }>();
      for (const t of list.filter((x) => x.status === 'paid')) {
        const v = byDay.get(t.businessDate) ?? { trades: 0, totalFen: 0 };
        byDay.set(t.businessDate, { trades: v.trades + 1, totalFen: v.totalFen + t.payoutFen });
      }
      return {
        customer: customerView(c),
        trades: list,
        days: [...byDay.entries()].map(([businessDate, v]) => ({ businessDate, ...v })),
      };
    });
  }
}
