// Compliance (spec §5): customers, thresholds on the payout at the current offer and the customer's day total
// (inclusive, business date), the watch list, alerts. Compliance refusals change nothing but leave one journal
// entry (a Refusal's trace).
import { z } from 'zod';
import { AppError, type ErrorCode, type TradeCompliance, type WatchImportProblem } from '../../../shared/contract';
import { checkIdNumber, maskId, type IdType } from '../../../shared/domain/identity';
import { WATCH_HEADER_WORDS, WATCH_KIND_WORDS, type FundsSource } from '../../../shared/domain/codes';
import { maskPhone } from '../../../shared/domain/mask';
import { normalise } from '../../../shared/domain/normalise';
import type { Acting } from '../actor';
import { Refusal } from '../context';
import { CustomerIdentityRow, CustomerRow, MaybeN, N, TradeIdentityRow, WatchlistRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Journal } from '../journal/service';
import type { Keys } from '../keys/service';
import type { Clock, Ids } from '../ports';
import type { Settings } from '../settings/service';
import type { ChainKey } from '../sync/chain';

export type { CustomerRow } from '../db/rows';

const CustomerPhone = CustomerRow.pick({ phone_masked: true });
const SealedContact = CustomerRow.pick({ id_enc: true, phone_enc: true });
const SealedId = TradeIdentityRow.pick({ id_enc: true });
const WatchHit = WatchlistRow.pick({ id: true, reason: true });

/** What a trade needs at its basis (the contract's view of it). */
export type Evaluation = TradeCompliance;
/**
 * Σ payouts of a customer's paid, not voided trades on a business date other than one trade (SQL expressions for
 * the three, bound in this order if `?`).
 */
const dayOthers = (
  customer: string,
  date: string,
  except: string,
) => `(SELECT COALESCE(SUM(o.payout_fen), 0) FROM trades o
    WHERE o.customer_id = ${customer} AND o.business_date = ${date} AND o.status = 'paid' AND o.id IS NOT ${except}
      AND NOT EXISTS (SELECT 1 FROM trade_voids ov WHERE ov.trade_id = o.id))`;
/**
 * The day total of trade `t`'s customer on `t`'s business date, without `t`: a column of a statement reading
 * `trades t` (views.ts reads it with every trade).
 */
export const DAY_OTHERS_SQL = dayOthers('t.customer_id', 't.business_date', 't.id');
/** Which customer and business date a day total read with a trade is for (`c_day_key`, as the trade's read makes it). */
export const dayKey = (customerId: string, date: string) => `${customerId}|${date}`;
const DAY_TOTAL = `SELECT ${dayOthers('?', '?', '?')} AS n`;
/** The customer of a phone hash, with their day total on a date without a trade (bound: date, trade, hash). */
const CUSTOMER_BY_PHONE = `SELECT c.*, ${dayOthers('c.id', '?', '?')} AS day_others_fen FROM customers c WHERE c.phone_hash = ?`;
const CustomerWithDay = CustomerRow.extend({ day_others_fen: z.number() });

/** A trade as compliance evaluates it; the day's other trades when read with it (views.ts `TradeJoined`). */
export interface DayTotalOf {
  id: string;
  customer_id: string | null;
  business_date: string;
  c_day_key?: string | null;
  c_day_others_fen?: number;
}

/**
 * A trade about to be agreed or paid, with its customer's status and masked ID from the statement that read the
 * trade (trades/views.ts `TradeJoined`): the checks need no second read of the customer.
 */
export interface Requiring extends DayTotalOf {
  id: string;
  customer_id: string | null;
  business_date: string;
  funds_source: FundsSource | null;
  c_status: 'active' | 'blocked' | null;
  /** Set exactly when an ID number is on file (written with it). */
  c_id_masked: string | null;
}

const phoneAad = (id: string) => `customer.phone:${id}`;
const idAad = (id: string) => `customer.id:${id}`;

/** Mainland mobiles (optionally +86) or other numbers of 7–15 digits; spaces and dashes ignored. */
export function normalisePhone(raw: string): string | null {
  let d = normalise(raw).replace(/^\+/, '');
  if (/^86\d{11}$/.test(d)) d = d.slice(2);
  if (/^1[3-9]\d{9}$/.test(d) || /^0\d{6,14}$/.test(d)) return d;
  return null;
}

/** Two numbers of the same shape whose digit tails differ by one (a run of cards bought in a batch). */
export function adjacent(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const ta = a.slice(i);
  const tb = b.slice(i);
  if (!/^\d+$/.test(ta) || !/^\d+$/.test(tb)) return false;
  const diff = BigInt(ta) - BigInt(tb);
  return diff === 1n || diff === -1n;
}

/** A subquery for `… AS watched`: the shop's own watch-list entry for hash `?` and kind `?` (what `watched` looks up first). */
export const WATCHED_BY_SHOP =
  "(SELECT id FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'shop' AND removed_at IS NULL LIMIT 1)";
/** The same for head office's entry by chain hash `?` and kind `?` (what `watched` looks up second). */
export const WATCHED_BY_CHAIN =
  "(SELECT id FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'chain' AND removed_at IS NULL LIMIT 1)";

/** Head office withdrew a watch-list entry (sync-protocol.md v2 "Pulls"). */
export interface ChainTombstone {
  kind: 'card' | 'id';
  hash: string;
  removed: true;
}

export class Compliance {
  constructor(
    private readonly sql: Sql,
    private readonly keys: Keys,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: Settings,
    private readonly journal: Journal,
    private readonly chain: ChainKey,
  ) {}

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** A refusal that leaves exactly one journal entry (spec §5). */
  refuse(
    code: ErrorCode,
    message: string,
    details: Record<string, string | number | boolean>,
    act: Acting,
    ref: string | null,
  ): never {
    throw new Refusal(code, message, details, () => {
      this.journal.append({ staff: act.staffId, kind: 'compliance.refused', ref, payload: { code, ...details } });
    });
  }

  customer(id: string): CustomerRow {
    const c = this.sql.get(CustomerRow, 'SELECT * FROM customers WHERE id = ?', id);
    if (!c) throw new AppError('NOT_FOUND', 'no such customer', { customerId: id });
    return c;
  }

  /** The customers whose phone or ID number is `query` (both kept only as hashes). */
  /** A customer's masked phone, for naming them in grouped alerts. */
  phoneMasked(customerId: string): string | null {
    return (
      this.sql.get(CustomerPhone, 'SELECT phone_masked FROM customers WHERE id = ?', customerId)?.phone_masked ?? null
    );
  }

  matching(query: string): CustomerRow[] {
    const phone = normalisePhone(query);
    const hashes = [phone ? this.keys.lookupHash(phone) : null, this.keys.lookupHash(normalise(query))].filter(
      (h): h is string => h !== null,
    );
    const marks = hashes.map(() => '?').join(', ');
    // An earlier ID number still finds its customer: the history keeps every version's hash.
    return this.sql.all(
      CustomerRow,
      `SELECT * FROM customers WHERE phone_hash IN (${marks}) OR id_hash IN (${marks})
         OR id IN (SELECT customer_id FROM customer_identities WHERE id_hash IN (${marks}))`,
      ...hashes,
      ...hashes,
      ...hashes,
    );
  }

  /**
   * Finds or creates the customer of this phone number and puts them on the trade (of business date `date`); with
   * their day total on that date without this trade, read with the customer (a new customer has none).
   */
  attach(
    tradeId: string,
    date: string,
    phoneRaw: string,
    act: Acting,
  ): { customer: CustomerRow; dayOthersFen: number } {
    const phone = normalisePhone(phoneRaw);
    if (!phone) throw new AppError('VALIDATION', 'not a phone number', { field: 'phone' });
    const hash = this.keys.lookupHash(phone);
    const found = this.sql.get(CustomerWithDay, CUSTOMER_BY_PHONE, date, tradeId, hash);
    let c: CustomerRow | undefined = found;
    if (!c) {
      const id = this.ids.next();
      c = this.sql.get(
        CustomerRow,
        'INSERT INTO customers (id, phone_hash, phone_enc, phone_masked, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
        id,
        hash,
        this.keys.encrypt(phoneAad(id), phone),
        maskPhone(phone),
        this.now(),
      );
      if (!c) throw new Error('the new customer was not written');
    }
    if (c.status === 'blocked')
      this.refuse('CUSTOMER_BLOCKED', 'this customer is blocked', { customerId: c.id }, act, tradeId);
    this.sql.run('UPDATE trades SET customer_id = ? WHERE id = ?', c.id, tradeId);
    if (!found) return { customer: c, dayOthersFen: 0 };
    const { day_others_fen: dayOthersFen, ...customer } = found;
    return { customer, dayOthersFen };
  }

  /**
   * Name and an identity document; a resident ID must pass its check digit and birth date. Each new identity is
   * kept as a version in customer_identities (append-only); replacing one already on record needs the owner,
   * since a paid trade's compliance record must not be re-pointed at another person by a clerk.
   * The same identity entered again changes nothing.
   */
  setIdentity(
    customerId: string,
    input: { name: string; idType: IdType; idNumber: string },
    today: string,
    act: Acting,
    ref: string | null,
  ): { customer: CustomerRow; version: number | null; replacedIdMasked: string | null } {
    const c = this.customer(customerId);
    const { normalised, problem } = checkIdNumber(input.idType, input.idNumber, today);
    if (problem)
      throw new AppError('VALIDATION', 'the ID number is not valid', {
        field: 'idNumber',
        problem,
        idType: input.idType,
      });
    const hash = this.keys.lookupHash(normalised);
    if (this.watched('id', hash, normalised)) {
      const reason = act.override('watch-list override', undefined, ref);
      if (reason === null)
        this.refuse('WATCHLIST_HIT', 'this ID is on the watch list', { kind: 'id', customerId }, act, ref);
    }
    if (c.id_hash === hash && c.id_type === input.idType && c.name === input.name)
      return { customer: c, version: null, replacedIdMasked: null };
    if (c.id_hash !== null) act.requireOwner('customer identity change');
    const version =
      (this.sql.get(MaybeN, 'SELECT MAX(version) AS n FROM customer_identities WHERE customer_id = ?', c.id)?.n ?? 0) +
      1;
    const enc = this.keys.encrypt(idAad(c.id), normalised);
    const masked = maskId(normalised);
    this.sql.run(
      'UPDATE customers SET name = ?, id_type = ?, id_enc = ?, id_hash = ?, id_masked = ? WHERE id = ?',
      input.name,
      input.idType,
      enc,
      hash,
      masked,
      c.id,
    );
    this.sql.run(
      `INSERT INTO customer_identities (id, customer_id, version, name, id_type, id_enc, id_hash, id_masked, recorded_at, staff_id, approved_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      this.ids.next(),
      c.id,
      version,
      input.name,
      input.idType,
      enc,
      hash,
      masked,
      this.now(),
      act.staffId,
      act.approvedBy(),
    );
    return { customer: this.customer(c.id), version, replacedIdMasked: c.id_hash !== null ? c.id_masked : null };
  }

  /** Every identity the customer has had, oldest first (numbers masked). */
  identityHistory(customerId: string): {
    version: number;
    name: string;
    idType: IdType;
    idMasked: string;
    recordedAt: string;
    approvedBy: string | null;
  }[] {
    return this.sql
      .all(CustomerIdentityRow, 'SELECT * FROM customer_identities WHERE customer_id = ? ORDER BY version', customerId)
      .map((v) => ({
        version: v.version,
        name: v.name,
        idType: v.id_type,
        idMasked: v.id_masked,
        recordedAt: v.recorded_at,
        approvedBy: v.approved_by,
      }));
  }

  /**
   * When a trade is paid: the customer's identity at that moment, with the trade's source of funds, is copied onto
   * it (the ID still encrypted, bound to the customer) and never changes, whatever the customer's record says
   * later. Paying is the moment that fixes it for good: an agreed trade can still be edited, a paid one cannot.
   */
  fixIdentityOnTrade(
    tradeId: string,
    customer: { id: string | null; hasIdentity: boolean },
    funds: { source: FundsSource | null; note: string | null },
  ): void {
    const customerId = customer.id;
    if (!customerId || !customer.hasIdentity) return;
    const v = this.sql.get(
      CustomerIdentityRow,
      'SELECT * FROM customer_identities WHERE customer_id = ? ORDER BY version DESC LIMIT 1',
      customerId,
    );
    if (!v) return;
    this.sql.run(
      `INSERT INTO trade_identities (trade_id, customer_id, version, name, id_type, id_enc, id_masked, fixed_at, funds_source, funds_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      tradeId,
      customerId,
      v.version,
      v.name,
      v.id_type,
      v.id_enc,
      v.id_masked,
      this.now(),
      funds.source,
      funds.note,
    );
  }

  /** A customer's normalised phone from its sealed bytes (the seal's `customerHash`, customer matching on). */
  phoneOf(customerId: string, phoneEnc: Buffer): string {
    return this.keys.decrypt(phoneAad(customerId), phoneEnc);
  }

  /**
   * The customer's full phone and ID number: their current ID, or with `tradeId` the ID that trade was paid under
   * (null when it was paid without one).
   */
  revealId(customerId: string, tradeId?: string): { idNumber: string | null; phone: string } {
    const c = this.sql.get(SealedContact, 'SELECT id_enc, phone_enc FROM customers WHERE id = ?', customerId);
    if (!c) throw new AppError('NOT_FOUND', 'no such customer', { customerId });
    const phone = this.keys.decrypt(phoneAad(customerId), c.phone_enc);
    if (tradeId === undefined)
      return { idNumber: c.id_enc ? this.keys.decrypt(idAad(customerId), c.id_enc) : null, phone };
    if (!this.sql.exists('SELECT 1 FROM trades WHERE id = ? AND customer_id = ?', tradeId, customerId)) {
      throw new AppError('NOT_FOUND', 'no such trade of this customer', { tradeId, customerId });
    }
    const fixed = this.sql.get(SealedId, 'SELECT id_enc FROM trade_identities WHERE trade_id = ?', tradeId);
    return { idNumber: fixed ? this.keys.decrypt(idAad(customerId), fixed.id_enc) : null, phone };
  }

  setStatus(customerId: string, status: 'active' | 'blocked', reason: string): CustomerRow {
    this.customer(customerId);
    this.sql.run(
      'UPDATE customers SET status = ?, block_reason = ? WHERE id = ?',
      status,
      status === 'blocked' ? reason : null,
      customerId,
    );
    return this.customer(customerId);
  }

  /** Σ payouts of the customer's paid, not voided trades on the business date (other than `except`). */
  dayTotal(customerId: string, date: string, except: string | null): number {
    return this.sql.get(N, DAY_TOTAL, customerId, date, except)?.n ?? 0;
  }

  /**
   * What the trade needs at this basis (its payout at the current offers). The customer's other trades of the day
   * come with the trade when it was read with them for this customer and date (`c_day_key`), else are read here.
   */
  evaluate(t: DayTotalOf, basisFen: number): Evaluation {
    const s = this.settings.get('compliance');
    const others = !t.customer_id
      ? 0
      : t.c_day_others_fen !== undefined && t.c_day_key === dayKey(t.customer_id, t.business_date)
        ? t.c_day_others_fen
        : this.dayTotal(t.customer_id, t.business_date, t.id);
    const day = others + basisFen;
    const byTrade = basisFen >= s.identityTradeFen;
    const byDay = day >= s.identityDayFen;
    return {
      basisFen,
      dayTotalFen: day,
      phoneRequired: basisFen >= s.phoneFromFen,
      identityRequired: byTrade || byDay,
      identityBecause: byTrade ? 'trade' : byDay ? 'day' : null,
      cashAllowed: day < s.noCashDayFen,
    };
  }

  /** Before agreeing (and again before paying): the phone, the identity and the source of funds, a blocked customer. */
  require(t: Requiring, basisFen: number, act: Acting): Evaluation {
    const e = this.evaluate(t, basisFen);
    if (t.customer_id !== null && t.c_status === 'blocked')
      this.refuse('CUSTOMER_BLOCKED', 'this customer is blocked', { customerId: t.customer_id }, act, t.id);
    if (e.phoneRequired && t.customer_id === null)
      this.refuse('PHONE_REQUIRED', 'record the customer’s phone first', { basisFen }, act, t.id);
    if (e.identityRequired && t.c_id_masked === null) {
      this.refuse(
        'IDENTITY_REQUIRED',
        'record the customer’s identity first',
        { basisFen, dayTotalFen: e.dayTotalFen, because: e.identityBecause ?? 'trade' },
        act,
        t.id,
      );
    }
    // Spec §5: whenever identity is required, where the cards came from is recorded with it.
    if (e.identityRequired && t.funds_source === null) {
      this.refuse(
        'FUNDS_SOURCE_REQUIRED',
        'record where the cards came from first',
        { basisFen, dayTotalFen: e.dayTotalFen, because: e.identityBecause ?? 'trade' },
        act,
        t.id,
      );
    }
    return e;
  }

  /**
   * Where the customer's cards came from (spec §5), on a trade that can still change; "other" needs words. Answers
   * false when the same was recorded already (nothing to write or journal).
   */
  setFundsSource(
    t: { id: string; funds_source: FundsSource | null; funds_note: string | null },
    source: FundsSource,
    noteRaw: string | undefined,
  ): { changed: boolean; note: string | null } {
    const note = noteRaw?.trim() ? noteRaw.trim() : null;
    if (source === 'other' && (note === null || note.length < 2))
      throw new AppError('VALIDATION', 'say where the cards came from', { field: 'fundsNote' });
    if (t.funds_source === source && t.funds_note === note) return { changed: false, note };
    this.sql.run('UPDATE trades SET funds_source = ?, funds_note = ? WHERE id = ?', source, note, t.id);
    return { changed: true, note };
  }

  /** On the watch list by the shop's own hash, or by the chain hash head office sent (once a chain key is set). */
  watched(kind: 'card' | 'id', shopHash: string, normalised: string): { id: string; reason: string } | null {
    const byShop = this.sql.get(
      WatchHit,
      "SELECT id, reason FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'shop' AND removed_at IS NULL LIMIT 1",
      shopHash,
      kind,
    );
    return byShop ?? this.watchedByChain(kind, normalised);
  }

  /** `watched`'s second half (the counter's card check reads both in one statement: WATCHED_BY_CHAIN). */
  private watchedByChain(kind: 'card' | 'id', normalised: string): { id: string; reason: string } | null {
    const chain = this.chain.hash(normalised);
    return chain
      ? (this.sql.get(
          WatchHit,
          "SELECT id, reason FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'chain' AND removed_at IS NULL LIMIT 1",
          chain,
          kind,
        ) ?? null)
      : null;
  }

  /** Head office's entries (chain hashes), in the caller's transaction; ones already listed are not repeated. */
  addChainWatch(
    entries: ({ kind: 'card' | 'id'; hash: string; reason: string; addedAt: string } | ChainTombstone)[],
  ): number {
    let added = 0;
    for (const e of entries) {
      // A tombstone (a card recovered, an entry withdrawn): head office's entry leaves this shop's list too.
      if ('removed' in e) {
        this.sql.run(
          "UPDATE watchlist SET removed_at = ? WHERE hash = ? AND kind = ? AND hash_key = 'chain' AND source = 'hq' AND removed_at IS NULL",
          this.now(),
          e.hash,
          e.kind,
        );
        continue;
      }
      if (
        this.sql.exists(
          "SELECT 1 FROM watchlist WHERE hash = ? AND kind = ? AND hash_key = 'chain' AND removed_at IS NULL",
          e.hash,
          e.kind,
        )
      )
        continue;
      this.sql.run(
        "INSERT INTO watchlist (id, kind, hash, hash_key, reason, source, added_at) VALUES (?, ?, ?, 'chain', ?, 'hq', ?)",
        this.ids.next(),
        e.kind,
        e.hash,
        e.reason.slice(0, 200),
        this.now(),
      );
      added += 1;
    }
    return added;
  }

  watchAdd(kind: 'card' | 'id', rawNumber: string, reason: string, source: 'hand' | 'import'): string {
    const n = normalise(rawNumber);
    if (n.length < 6 || !/^[0-9A-Z]+$/.test(n))
      throw new AppError('VALIDATION', 'not a card or ID number', { field: 'number' });
    const id = this.ids.next();
    this.sql.run(
      "INSERT INTO watchlist (id, kind, hash, hash_key, reason, source, added_at) VALUES (?, ?, ?, 'shop', ?, ?, ?)",
      id,
      kind,
      this.keys.lookupHash(n),
      reason,
      source,
      this.now(),
    );
    return id;
  }

  /** CSV `kind,number,reason` (header optional; the kind in English or Chinese, WATCH_KIND_WORDS): all rows or none, with a per-row report. Numbers are kept only as hashes. */
  watchImport(text: string): { imported: number; problems: WatchImportProblem[] } {
    const rows = text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const problems: WatchImportProblem[] = [];
    const good: { kind: 'card' | 'id'; number: string; reason: string }[] = [];
    rows.forEach((line, i) => {
      const [word = '', number = '', ...rest] = line.split(/[,，]/).map((x) => x.trim());
      if (i === 0 && WATCH_HEADER_WORDS.has(word.toLowerCase())) return;
      const reason = rest.join(',').trim();
      const kind = WATCH_KIND_WORDS[word.toLowerCase()];
      if (!kind) problems.push({ row: i + 1, field: 'kind', reason: 'card_or_id' });
      else if (!/^[0-9A-Z]{6,}$/.test(normalise(number)))
        problems.push({ row: i + 1, field: 'number', reason: 'format' });
      else if (reason.length < 2) problems.push({ row: i + 1, field: 'reason', reason: 'too_short' });
      else good.push({ kind, number, reason });
    });
    if (good.length === 0 && problems.length === 0) problems.push({ row: 0, field: '(file)', reason: 'empty' });
    if (problems.length > 0) return { imported: 0, problems };
    for (const g of good) this.watchAdd(g.kind, g.number, g.reason, 'import');
    return { imported: good.length, problems: [] };
  }

  watchList(): {
    id: string;
    kind: 'card' | 'id';
    hashPrefix: string;
    hashKey: string;
    reason: string;
    source: string;
    addedAt: string;
  }[] {
    return this.sql
      .all(WatchlistRow, 'SELECT * FROM watchlist WHERE removed_at IS NULL ORDER BY added_at DESC')
      .map((w) => ({
        id: w.id,
        kind: w.kind,
        hashPrefix: w.hash.slice(0, 12),
        hashKey: w.hash_key,
        reason: w.reason,
        source: w.source,
        addedAt: w.added_at,
      }));
  }

  watchRemove(id: string): void {
    const r = this.sql.run('UPDATE watchlist SET removed_at = ? WHERE id = ? AND removed_at IS NULL', this.now(), id);
    if (r.changes === 0) throw new AppError('NOT_FOUND', 'no such watch-list entry', { entryId: id });
  }
}
