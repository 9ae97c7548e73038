// The console's calls to head office: JSON over fetch, same origin, the session in an HTTP-only cookie the page
// never reads. A refusal comes back as its code (and the field it concerns), which the screens turn into words.
import type { ShopHealth } from '../health';
import type { DateRow, DayListItem } from '../ledger';
import type { RowProblem } from '../levers';
// The answers' shapes are the server's own (type-only: nothing of the server reaches the browser).
export type { Person } from '../accounts';
export type { FigurePoint, FiguresAnswer } from '../figures';
export type { ShopHealth } from '../health';
export type { DateRow, DayListItem, DayView } from '../ledger';
export type { RowProblem } from '../levers';

export interface ShopsAnswer {
  shops: ShopHealth[];
  groups: string[];
  cities: string[];
  chainFingerprint: string | null;
  /** Head office's clock, epoch seconds. */
  now: number;
}
export interface DaysAnswer {
  shop: { shopId: string; name: string };
  items: DayListItem[];
  total: number;
  offset: number;
  limit: number;
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

export interface DateAnswer {
  date: string;
  today: string;
  rows: DateRow[];
  groups: string[];
  cities: string[];
}
