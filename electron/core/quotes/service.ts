// Reference quotes (spec §2): fields, staleness, owner entry, "quotes still valid", and CSV/JSON import that
// imports nothing unless every row is valid.
import { readCsvLine } from '../../../shared/domain/sheets';
import { z } from 'zod';
import { AppError, type QuoteView } from '../../../shared/contract';
import { Form as FormSchema } from '../../../shared/contract/schemas';
import { addDays, zonedMinutes } from '../../../shared/domain/dates';
import type { Quote } from '../../../shared/domain/pricing';
import { QuoteRow } from '../db/rows';
import type { Kept, Sql } from '../db/sql';
import type { Clock, Ids } from '../ports';
import type { Catalog } from '../catalog/service';
import type { Days } from '../days/service';
import type { Settings } from '../settings/service';
import { SHIPPED_QUOTES } from './shipped';

type QuoteRow = z.infer<typeof QuoteRow>;

const int = (min: number, max: number) => z.int().min(min).max(max);
export const QuoteFields = z.strictObject({
  source: z.string().trim().min(1).max(40),
  brand: z.string().trim().min(1).max(20),
  form: FormSchema,
  minValueFen: int(0, 10 ** 11),
  maxValueFen: int(1, 10 ** 11).nullable(),
  rateBp: int(0, 10000),
  feeBp: int(0, 10000).default(0),
  feeFixedFen: int(0, 10 ** 9).default(0),
  minAmountFen: int(0, 10 ** 11).default(0),
  settlementDays: int(0, 90).default(0),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type QuoteFields = z.output<typeof QuoteFields>;

export interface ImportProblem {
  row: number;
  field: string;
  reason: string;
}

const CSV_COLUMNS = [
  'source',
  'brand',
  'form',
  'minValueFen',
  'maxValueFen',
  'rateBp',
  'feeBp',
  'feeFixedFen',
  'minAmountFen',
  'settlementDays',
  'observedAt',
  'expiresAt',
] as const;
const NUMERIC = new Set<string>([
  'minValueFen',
  'maxValueFen',
  'rateBp',
  'feeBp',
  'feeFixedFen',
  'minAmountFen',
  'settlementDays',
]);

/** CSV with a header naming the columns (any order, unknown ones refused); numbers as integers. */
export function parseCsv(text: string): { rows: unknown[]; problems: ImportProblem[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = readCsvLine(lines[0] ?? '') ?? [];
  const problems: ImportProblem[] = [];
  for (const h of header)
    if (!(CSV_COLUMNS as readonly string[]).includes(h))
      problems.push({ row: 1, field: h || '(header)', reason: 'unknown_column' });
  const rows = lines.slice(1).map((l) => {
    const cells = readCsvLine(l) ?? [];
    const o: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const v = cells[i] ?? '';
      if (v === '') o[h] = h === 'maxValueFen' ? null : undefined;
      else o[h] = NUMERIC.has(h) ? (/^-?\d+$/.test(v) ? Number(v) : v) : v;
    });
    return o;
  });
  return { rows, problems };
}

export class Quotes {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: Settings,
    private readonly days: Days,
    private readonly catalog: Catalog,
  ) {
    this.live = sql.keep();
  }
  /**
   * The live quotes by brand, read once between changes (every offer prices against them), with their rows as
   * stored (an offer's quote snapshot freezes them).
   */
  private readonly live: Kept<{ quotes: Quote[]; rows: Map<string, QuoteRow> }>;

  /** Every change to the quotes goes through here, which forgets the kept live quotes first. */
  private write(text: string, ...params: (string | number | null)[]): void {
    this.live.clear();
    this.sql.run(text, ...params);
  }

  /**
   * Spec §2: stale at the end (the cut-off) of the business day N days after the one it was observed on; N is the
   * owner's setting, by default 1: the end of the next business day.
   */
  defaultExpiry(observedMs: number): number {
    const date = this.days.businessDateAt(observedMs);
    const days = this.settings.get('quoteStaleDays');
    return zonedMinutes(addDays(date, days + 1), this.settings.get('cutoffMinutes'), this.settings.get('timeZone'));
  }

  private view(r: QuoteRow): QuoteView {
    return {
      id: r.id,
      origin: r.origin,
      source: r.source,
      brand: r.brand,
      form: r.form,
      minValueFen: r.min_value_fen,
      maxValueFen: r.max_value_fen,
      rateBp: r.rate_bp,
      feeBp: r.fee_bp,
      feeFixedFen: r.fee_fixed_fen,
      minAmountFen: r.min_amount_fen,
      settlementDays: r.settlement_days,
      observedAt: r.observed_at,
      expiresAt: r.expires_at,
      stale: Date.parse(r.expires_at) <= this.clock.now(),
    };
  }

  list(): QuoteView[] {
    return this.sql
      .all<QuoteRow>('SELECT * FROM quotes WHERE retired_at IS NULL ORDER BY brand, form, source, min_value_fen')
      .map((r) => this.view(r));
  }

  /** The live quotes of a brand, for pricing. */
  forBrand(brand: string): Quote[] {
    return this.live.get(brand, () => this.readLive(brand)).quotes;
  }

  /** These live quotes of a brand as stored, in the order asked; null when one of them is not live. */
  liveRows(brand: string, ids: readonly string[]): QuoteRow[] | null {
    const { rows } = this.live.get(brand, () => this.readLive(brand));
    const found = ids.flatMap((id) => rows.get(id) ?? []);
    return found.length === ids.length ? found : null;
  }

  private readLive(brand: string): { quotes: Quote[]; rows: Map<string, QuoteRow> } {
    const rows = this.sql.all(QuoteRow, 'SELECT * FROM quotes WHERE brand = ? AND retired_at IS NULL', brand);
    return { quotes: rows.map((r) => this.priced(r)), rows: new Map(rows.map((r) => [r.id, r])) };
  }

  private priced(r: QuoteRow): Quote {
    return {
      id: r.id,
      source: r.source,
      brand: r.brand,
      form: r.form,
      minValueFen: r.min_value_fen,
      maxValueFen: r.max_value_fen,
      rateBp: r.rate_bp,
      feeBp: r.fee_bp,
      feeFixedFen: r.fee_fixed_fen,
      minAmountFen: r.min_amount_fen,
      settlementDays: r.settlement_days,
      expiresAtMs: Date.parse(r.expires_at),
    };
  }

  private check(q: QuoteFields, field = ''): void {
    if (!this.catalog.has(q.brand)) throw new AppError('VALIDATION', 'unknown brand', { field: `${field}brand` });
    if (q.maxValueFen !== null && q.maxValueFen <= q.minValueFen)
      throw new AppError('VALIDATION', 'the band is empty', { field: `${field}maxValueFen` });
  }

  private insert(q: QuoteFields, origin: QuoteView['origin']): string {
    const now = this.clock.now();
    const observed = q.observedAt ? Date.parse(q.observedAt) : now;
    const expires = q.expiresAt ? Date.parse(q.expiresAt) : this.defaultExpiry(observed);
    const id = this.ids.next();
    this.write(
      `INSERT INTO quotes (id, origin, source, brand, form, min_value_fen, max_value_fen, rate_bp, fee_bp, fee_fixed_fen,
         min_amount_fen, settlement_days, observed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      origin,
      q.source,
      q.brand,
      q.form,
      q.minValueFen,
      q.maxValueFen,
      q.rateBp,
      q.feeBp,
      q.feeFixedFen,
      q.minAmountFen,
      q.settlementDays,
      new Date(observed).toISOString(),
      new Date(expires).toISOString(),
    );
    return id;
  }

  add(q: QuoteFields): QuoteView {
    this.check(q);
    return this.get(this.insert(q, 'owner'));
  }

  get(id: string): QuoteView {
    const r = this.sql.get(QuoteRow, 'SELECT * FROM quotes WHERE id = ? AND retired_at IS NULL', id);
    if (!r) throw new AppError('NOT_FOUND', 'no such quote', { quoteId: id });
    return this.view(r);
  }

  /** An edit replaces the quote: the old one is retired (trades keep their snapshot), a new one is observed now. */
  update(id: string, q: QuoteFields): QuoteView {
    const old = this.get(id);
    this.check(q);
    this.write('UPDATE quotes SET retired_at = ? WHERE id = ?', new Date(this.clock.now()).toISOString(), id);
    return this.get(this.insert(q, old.origin === 'shipped' ? 'owner' : old.origin));
  }

  expire(id: string): QuoteView {
    this.get(id);
    this.write('UPDATE quotes SET expires_at = ? WHERE id = ?', new Date(this.clock.now()).toISOString(), id);
    return this.get(id);
  }

  remove(id: string): void {
    this.get(id);
    this.write('UPDATE quotes SET retired_at = ? WHERE id = ?', new Date(this.clock.now()).toISOString(), id);
  }

  /** "Quotes still valid": the chosen (default: all live) quotes are valid until the default expiry from now. */
  renew(ids: string[] | undefined): QuoteView[] {
    const now = this.clock.now();
    const until = new Date(this.defaultExpiry(now)).toISOString();
    const targets = ids ?? this.list().map((q) => q.id);
    for (const id of targets) this.get(id);
    for (const id of targets) this.write('UPDATE quotes SET expires_at = ? WHERE id = ?', until, id);
    return targets.map((id) => this.get(id));
  }

  /** All rows or none: a report names each bad row, field and reason. */
  import(format: 'csv' | 'json', text: string): { imported: number; problems: ImportProblem[] } {
    let rows: unknown[];
    const problems: ImportProblem[] = [];
    if (format === 'csv') {
      const parsed = parseCsv(text);
      rows = parsed.rows;
      problems.push(...parsed.problems);
    } else {
      try {
        const data: unknown = JSON.parse(text);
        const list = Array.isArray(data) ? data : (data as { quotes?: unknown })?.quotes;
        if (!Array.isArray(list)) throw new Error('no list');
        rows = list;
      } catch {
        return { imported: 0, problems: [{ row: 0, field: '(file)', reason: 'not_json_list' }] };
      }
    }
    if (rows.length === 0) problems.push({ row: 0, field: '(file)', reason: 'empty' });
    const good: QuoteFields[] = [];
    const rowNo = (i: number) => (format === 'csv' ? i + 2 : i + 1);
    rows.forEach((raw, i) => {
      const r = QuoteFields.safeParse(raw);
      if (!r.success) {
        for (const issue of r.error.issues)
          problems.push({ row: rowNo(i), field: issue.path.map(String).join('.') || '(row)', reason: issue.code });
        return;
      }
      if (!this.catalog.has(r.data.brand)) problems.push({ row: rowNo(i), field: 'brand', reason: 'unknown_brand' });
      else if (r.data.maxValueFen !== null && r.data.maxValueFen <= r.data.minValueFen)
        problems.push({ row: rowNo(i), field: 'maxValueFen', reason: 'empty_band' });
      else good.push(r.data);
    });
    if (problems.length > 0) return { imported: 0, problems };
    for (const q of good) this.insert(q, 'import');
    return { imported: good.length, problems: [] };
  }

  /**
   * Head office's feed (sync-protocol.md): replaces the previous feed's quotes at once; owner-entered quotes stay.
   * Rows for brands the shop does not carry are skipped with a warning; any other bad row rejects the whole feed.
   */
  replaceFeed(list: unknown): { loaded: number; skipped: { row: number; brand: string }[] } {
    if (!Array.isArray(list)) throw new AppError('VALIDATION', 'the feed has no list of quotes', { field: 'quotes' });
    const good: QuoteFields[] = [];
    const skipped: { row: number; brand: string }[] = [];
    list.forEach((raw, i) => {
      const r = QuoteFields.safeParse(raw);
      if (!r.success)
        throw new AppError('VALIDATION', 'a feed quote is malformed', {
          field: `quotes.${i}`,
          issue: r.error.issues[0]?.code ?? 'invalid',
        });
      if (!this.catalog.has(r.data.brand)) return void skipped.push({ row: i, brand: r.data.brand.slice(0, 20) });
      if (r.data.maxValueFen !== null && r.data.maxValueFen <= r.data.minValueFen)
        throw new AppError('VALIDATION', 'a feed quote has an empty band', { field: `quotes.${i}.maxValueFen` });
      good.push(r.data);
    });
    this.write(
      "UPDATE quotes SET retired_at = ? WHERE origin = 'feed' AND retired_at IS NULL",
      new Date(this.clock.now()).toISOString(),
    );
    for (const q of good) this.insert(q, 'feed');
    return { loaded: good.length, skipped };
  }

  /** First run: the seed's quotes, stale until the owner confirms them. */
  seedShipped(): void {
    const now = new Date(this.clock.now()).toISOString();
    for (const q of SHIPPED_QUOTES) this.insert({ ...q, observedAt: now, expiresAt: now }, 'shipped');
  }
}
