// A card line (spec §4): normalised, checked against the brand's shapes and maximum, refused if the card was
// already bought (any day, not voided) or is twice in one trade; number and secret encrypted, number hashed.
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import type { Form } from '../../../shared/domain/pricing';
import type { Acting } from '../actor';
import type { Catalog } from '../catalog/service';
import { TradeLineRow, TradeRow, WatchlistRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Keys } from '../keys/service';
import { adjacent, WATCHED_BY_CHAIN, WATCHED_BY_SHOP, type Compliance } from '../compliance/service';
import { parseChecked } from '../schema-check';
import { VIEW_LINE_COLUMNS, ViewLine } from './views';

/**
 * The card's earlier purchase (null if none), beside each live line of the trade as the view reads it, with its
 * sealed number for the adjacency check (line columns all null when the trade has no line yet).
 */
const CardFacts = z.looseObject({
  earlier: TradeRow.shape.trade_no,
  watched: WatchlistRow.shape.id.nullable(),
  watched_chain: WatchlistRow.shape.id.nullable(),
  id: TradeLineRow.shape.id.nullable(),
});
/**
 * The number of a paid, not voided trade other than `except` that bought the card of this hash (SQL expressions,
 * bound in this order); null if none.
 */
const boughtBefore = (
  hash: string,
  except: string,
) => `(SELECT t.trade_no FROM trade_lines b JOIN trades t ON t.id = b.trade_id
    WHERE b.number_hash = ${hash} AND b.removed = 0 AND t.status = 'paid' AND t.id IS NOT ${except}
      AND NOT EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id)
    LIMIT 1)`;
/** A trade's live lines as the payment reads them: each with the trade that bought its card before, if one did. */
const LINES_FOR_PAYMENT = `SELECT ${VIEW_LINE_COLUMNS}, ${boughtBefore('l.number_hash', 'l.trade_id')} AS earlier
  FROM trade_lines l LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
  WHERE l.trade_id = ? AND l.removed = 0 ORDER BY l.position`;
const PaymentLine = ViewLine.extend({ earlier: TradeRow.shape.trade_no });
export type PaymentLine = z.infer<typeof PaymentLine>;

/**
 * One read answers the questions about a card: bought before, on the watch list (the shop's entry by its own hash,
 * head office's by the chain hash), already in this trade, and which lines of the trade it might follow (the
 * queries of a bought card, `watched` and the trade's lines).
 */
const CARD_FACTS = `SELECT ${boughtBefore('?', '?')} AS earlier,
       ${WATCHED_BY_SHOP} AS watched, ${WATCHED_BY_CHAIN} AS watched_chain,
       l.number_enc, ${VIEW_LINE_COLUMNS}
  FROM (SELECT 1) LEFT JOIN trade_lines l ON l.trade_id = ? AND l.removed = 0
    LEFT JOIN brand_forms f ON f.brand = l.brand AND f.form = l.form
  ORDER BY l.position`;
const OtherLine = ViewLine.extend({ number_enc: TradeLineRow.shape.number_enc });

export const numberAad = (lineId: string) => `line.number:${lineId}`;
export const secretAad = (lineId: string) => `line.secret:${lineId}`;

export interface LineInput {
  brand: string;
  form: Form;
  number: string;
  secret?: string;
  faceValueFen: number;
  valueFen?: number;
  expiry?: string;
  notes?: string;
  verifiedHow: 'official' | 'customer_screen' | 'none';
  overrideReason?: string;
}

export interface CheckedLine {
  number: string;
  secret: string | null;
  hash: string;
  /** The card's chain hash (head office's card check and live reports); null while the shop has no chain key. */
  chainHash: string | null;
  last4: string;
  faceValueFen: number;
  valueFen: number;
  /** The owner's reason when the card is on the watch list and was let through. */
  watchOverride: string | null;
  /** The position of a line of this trade whose number is adjacent to this one. */
  consecutiveWith: number | null;
  /** The trade's live lines before this one, as the view reads them (so the answer need not read them again). */
  lines: ViewLine[];
  /** The form's names, for the new line's view. */
  nameZh: string;
  nameEn: string;
}

export class Lines {
  constructor(
    private readonly sql: Sql,
    private readonly catalog: Catalog,
    private readonly keys: Keys,
    private readonly compliance: Compliance,
    /** The chain hash of a normalised number, or null without a chain key. */
    private readonly chainHash: (normalised: string) => string | null = () => null,
  ) {}

  hashOf(rawNumber: string): string {
    return this.keys.lookupHash(normalise(rawNumber));
  }

  /** The trade's live lines in position order, each with the trade that already bought its card (one statement). */
  forPayment(tradeId: string): PaymentLine[] {
    return this.sql.all(PaymentLine, LINES_FOR_PAYMENT, tradeId);
  }

  check(tradeId: string, input: LineInput, act: Acting): CheckedLine {
    const form = this.catalog.form(input.brand, input.form);
    const number = normalise(input.number);
    if (!this.catalog.regex(form.numberPattern).test(number)) {
      throw new AppError('VALIDATION', 'the card number does not have the expected shape', {
        field: 'number',
        shape: form.numberHint,
      });
    }
    const secret = input.secret === undefined || input.secret.trim() === '' ? null : normalise(input.secret);
    if (secret === null && form.secretRequired)
      throw new AppError('VALIDATION', 'this card needs its secret', { field: 'secret', shape: form.secretHint });
    if (secret !== null && !this.catalog.regex(form.secretPattern).test(secret)) {
      throw new AppError('VALIDATION', 'the card secret does not have the expected shape', {
        field: 'secret',
        shape: form.secretHint,
      });
    }
    const valueFen = input.valueFen ?? input.faceValueFen;
    if (valueFen > input.faceValueFen)
      throw new AppError('VALIDATION', 'the value cannot be above the face value', {
        field: 'valueFen',
        maxFen: input.faceValueFen,
      });
    for (const [field, v] of [
      ['faceValueFen', input.faceValueFen],
      ['valueFen', valueFen],
    ] as const) {
      if (v > form.maxValueFen)
        throw new AppError('VALIDATION', 'above the brand maximum', { field, maxFen: form.maxValueFen });
    }
    const hash = this.keys.lookupHash(number);
    const chainHash = this.chainHash(number);
    const rows = this.sql.all(CardFacts, CARD_FACTS, hash, null, hash, 'card', chainHash, 'card', tradeId);
    const earlier = rows[0]?.earlier ?? null;
    if (earlier)
      throw new AppError('DUPLICATE_CARD', 'this card was already bought', { field: 'number', tradeNo: earlier });
    const others = rows.flatMap((r) => (r.id === null ? [] : [parseChecked(OtherLine, r)]));
    const twice = others.find((o) => o.number_hash === hash);
    if (twice)
      throw new AppError('DUPLICATE_CARD', 'this card is already in this trade', {
        field: 'number',
        line: twice.position,
        sameTrade: true,
      });
    let watchOverride: string | null = null;
    if ((rows[0]?.watched ?? null) !== null || (rows[0]?.watched_chain ?? null) !== null) {
      watchOverride = act.override('watch-list override', input.overrideReason, tradeId);
      if (watchOverride === null)
        this.compliance.refuse(
          'WATCHLIST_HIT',
          'this card is on the watch list',
          { kind: 'card', last4: number.slice(-4) },
          act,
          tradeId,
        );
    }
    return {
      number,
      secret,
      hash,
      chainHash,
      last4: number.slice(-4),
      faceValueFen: input.faceValueFen,
      valueFen,
      watchOverride,
      consecutiveWith: this.adjacentLine(number, others),
      lines: others.map(({ number_enc: _n, ...l }) => l),
      nameZh: form.nameZh,
      nameEn: form.nameEn,
    };
  }

  /**
   * Spec §5 alert: consecutive card numbers in one trade. A line is decrypted only when its plain last four and
   * its sealed length allow it to be adjacent (`mayBeAdjacent`); the answer is then `adjacent` on the full numbers.
   */
  private adjacentLine(
    number: string,
    others: { id: string; position: number; number_enc: Buffer; last4: string }[],
  ): number | null {
    const sealedLength = SEALED_OVERHEAD + Buffer.byteLength(number, 'utf8');
    const last4 = number.slice(-4);
    for (const o of others) {
      if (o.number_enc.length !== sealedLength || !mayBeAdjacent(last4, o.last4)) continue;
      if (adjacent(number, this.keys.decrypt(numberAad(o.id), o.number_enc))) return o.position;
    }
    return null;
  }
}

/** A sealed field is its plain bytes and 29 more (version, IV, tag: keys/crypto.ts `seal`). */
const SEALED_OVERHEAD = 29;

/**
 * What `adjacent(a, b)` implies for the last four characters of `a` and `b` (equal lengths being checked on the
 * sealed sizes): past their common start both are digits, and they differ by one modulo their power of ten (a carry
 * such as …0999 → …1000 wraps). A necessary condition only: it can let through a pair that is not adjacent, never
 * turn one away that is.
 */
export function mayBeAdjacent(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const ta = a.slice(i);
  const tb = b.slice(i);
  if (!/^\d+$/.test(ta) || !/^\d+$/.test(tb)) return false;
  const mod = 10 ** ta.length;
  const diff = (((Number(ta) - Number(tb)) % mod) + mod) % mod;
  return diff === 1 || diff === mod - 1;
}
