// The console's calls to head office: JSON over fetch, same origin, the session in an HTTP-only cookie the page
// never reads. A refusal comes back as its code (and the field it concerns), which the screens turn into words.
import type { DayFigures } from '../../../shared/domain/day-figures';

export interface Person {
  id: string;
  name: string;
  role: 'owner' | 'manager';
  groups: string[];
}
export interface ShopHealth {
  shopId: string;
  name: string;
  city: string;
  group: string;
  enabled: boolean;
  days: number;
  lastDay: string | null;
  lastZ: number | null;
  zGaps: number;
  conflicts: number;
  rejected: number;
  chainGaps: number;
  lastContactAt: number | null;
  appVersion: string | null;
  schemaVersion: string | null;
  chainFingerprint: string | null;
  chainMismatch: boolean | null;
}
export interface ShopsAnswer {
  shops: ShopHealth[];
  groups: string[];
  cities: string[];
  chainFingerprint: string | null;
  /** Head office's clock, epoch seconds. */
  now: number;
}
export interface DayListItem {
  businessDate: string;
  zNumber: number;
  storedAt: number;
  chainGap: boolean;
  grandTotalFen: number;
  figures: DayFigures | null;
}
export interface DaysAnswer {
  shop: { shopId: string; name: string };
  items: DayListItem[];
  total: number;
  offset: number;
  limit: number;
}
export interface DayView {
  shopId: string;
  businessDate: string;
  zNumber: number;
  openedAt: string | null;
  closedAt: string | null;
  storedAt: number;
  chainGap: boolean;
  grandTotalFen: number;
  figures: DayFigures | null;
  brands: { brand: string; form: string; name: string; cards: number; valueFen: number; payoutFen: number }[];
  payments: { method: string; count: number | null; amountFen: number }[];
  staff: { name: string; trades: number; payoutFen: number }[];
  resale: { kind: string; cards: number; amountFen: number }[];
  cash: {
    floatFen: number;
    cashInFen: number;
    cashOutFen: number;
    payoutsFen: number;
    refundsFen: number;
    expectedFen: number;
    countedFen: number | null;
    discrepancyFen: number | null;
    reason?: string | null;
  } | null;
  trades: {
    tradeNo: string;
    paidAt: string | null;
    staff: string | null;
    status: string;
    payments: { method: string; amountFen: number }[];
    lines: { brand: string; form: string; card: string; valueFen: number; rateBp: number; payoutFen: number }[];
  }[];
  corrections: {
    at: string | null;
    kind: string;
    tradeNo: string | null;
    card: string | null;
    batchId: string | null;
    amountFen: number | null;
    reason: string | null;
  }[];
  alerts: { kind: string; tradeNo: string | null }[];
}
export interface JournalAnswer {
  entries: {
    seq: number;
    at: number;
    person_id: string | null;
    person_name: string;
    kind: string;
    target: string;
    detail: string;
  }[];
  total: number;
  brokenAt: number | null;
}

export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly field: string | null,
    readonly retryAfter: number | null,
    /** The row of a list or file it concerns (1 = the first). */
    readonly row: number | null = null,
    /** A file's refused rows, each with why. */
    readonly problems: RowProblem[] = [],
  ) {
    super(code);
  }
}

export interface RowProblem {
  row: number;
  why: 'columns' | 'kind' | 'number' | 'reason' | 'repeated';
}

interface ErrorBody {
  error?: string;
  field?: string;
  retryAfter?: number;
  row?: number;
  problems?: RowProblem[];
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let r: Response;
  try {
    r = await fetch(
      `/console/api/${path}`,
      method === 'GET'
        ? { credentials: 'same-origin' }
        : {
            method,
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body ?? {}),
          },
    );
  } catch {
    throw new Refusal('network', null, null);
  }
  const data = (await r.json().catch(() => ({}))) as T & ErrorBody;
  if (!r.ok)
    throw new Refusal(
      data.error ?? 'server',
      data.field ?? null,
      data.retryAfter ?? null,
      data.row ?? null,
      data.problems ?? [],
    );
  return data;
}

export interface FigurePoint {
  key: string;
  cards: number;
  valueFen: number;
  payoutFen: number;
  averageRateBp: number;
  expectedMarginFen: number | null;
  realisedMarginFen: number;
}
export interface FiguresAnswer {
  period: '30d' | '12m';
  by: 'shop' | 'group' | 'brand' | 'form';
  from: string;
  to: string;
  series: FigurePoint[];
  breakdown: FigurePoint[];
}

export interface DateRow {
  shopId: string;
  name: string;
  group: string;
  city: string;
  zNumber: number | null;
  chainGap: boolean;
  figures: DayFigures | null;
}
export interface DateAnswer {
  date: string;
  today: string;
  rows: DateRow[];
  groups: string[];
  cities: string[];
}
