// A card line (spec §4): normalised, checked against the brand's shapes and maximum, refused if the card was
// already bought (any day, not voided) or is twice in one trade; number and secret encrypted, number hashed.
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import type { Form } from '../../../shared/domain/pricing';
import type { Acting } from '../actor';
import type { Catalog } from '../catalog/service';
import { TradeLineRow, TradeRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Keys } from '../keys/service';
import { adjacent, type Compliance } from '../compliance/service';

const TradeNo = z.object({ trade_no: TradeRow.shape.trade_no.unwrap() });

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
  last4: string;
  faceValueFen: number;
  valueFen: number;
  /** The owner's reason when the card is on the watch list and was let through. */
  watchOverride: string | null;
  /** The position of a line of this trade whose number is adjacent to this one. */
  consecutiveWith: number | null;
}

export class Lines {
  constructor(
    private readonly sql: Sql,
    private readonly catalog: Catalog,
    private readonly keys: Keys,
    private readonly compliance: Compliance,
  ) {}

  hashOf(rawNumber: string): string {
    return this.keys.lookupHash(normalise(rawNumber));
  }

  /** The paid, not voided trade that already bought this card, if any. */
  boughtIn(hash: string, exceptTradeId: string | null = null): string | null {
    const r = this.sql.get(TradeNo,
      `SELECT t.trade_no FROM trade_lines l JOIN trades t ON t.id = l.trade_id
       WHERE l.number_hash = ? AND l.removed = 0 AND t.status = 'paid' AND t.id IS NOT ?
         AND NOT EXISTS (SELECT 1 FROM trade_voids v WHERE v.trade_id = t.id)
       LIMIT 1`,
      hash, exceptTradeId,
    );
    return r?.trade_no ?? null;
  }

  check(tradeId: string, input: LineInput, act: Acting): CheckedLine {
    const form = this.catalog.form(input.brand, input.form);
    const number = normalise(input.number);
    if (!this.catalog.regex(form.numberPattern).test(number)) {
      throw new AppError('VALIDATION', 'the card number does not have the expected shape', { field: 'number', shape: form.numberHint });
    }
    const secret = input.secret === undefined || input.secret.trim() === '' ? null : normalise(input.secret);
    if (secret === null && form.secretRequired) throw new AppError('VALIDATION', 'this card needs its secret', { field: 'secret', shape: form.secretHint });
    if (secret !== null && !this.catalog.regex(form.secretPattern).test(secret)) {
      throw new AppError('VALIDATION', 'the card secret does not have the expected shape', { field: 'secret', shape: form.secretHint });
    }
    const valueFen = input.valueFen ?? input.faceValueFen;
    for (const [field, v] of [['faceValueFen', input.faceValueFen], ['valueFen', valueFen]] as const) {
      if (v > form.maxValueFen) throw new AppError('VALIDATION', 'above the brand maximum', { field, maxFen: form.maxValueFen });
    }
    const hash = this.keys.lookupHash(number);
    const earlier = this.boughtIn(hash);
    if (earlier) throw new AppError('DUPLICATE_CARD', 'this card was already bought', { field: 'number', tradeNo: earlier });
    const twice = this.sql.get(TradeLineRow.pick({ position: true }), 'SELECT position FROM trade_lines WHERE trade_id = ? AND number_hash = ? AND removed = 0', tradeId, hash);
    if (twice) throw new AppError('DUPLICATE_CARD', 'this card is already in this trade', { field: 'number', line: twice.position, sameTrade: true });
    let watchOverride: string | null = null;
    if (this.compliance.watched('card', hash, number)) {
      watchOverride = act.override('watch-list override', input.overrideReason, tradeId);
      if (watchOverride === null) this.compliance.refuse('WATCHLIST_HIT', 'this card is on the watch list', { kind: 'card', last4: number.slice(-4) }, act, tradeId);
    }
    return { number, secret, hash, last4: number.slice(-4), faceValueFen: input.faceValueFen, valueFen, watchOverride, consecutiveWith: this.adjacentLine(tradeId, number) };
  }

  /** Spec §5 alert: consecutive card numbers in one trade (the numbers are read back from their encryption). */
  private adjacentLine(tradeId: string, number: string): number | null {
    const others = this.sql.all(TradeLineRow.pick({ id: true, position: true, number_enc: true }), 'SELECT id, position, number_enc FROM trade_lines WHERE trade_id = ? AND removed = 0', tradeId);
    for (const o of others) if (adjacent(number, this.keys.decrypt(numberAad(o.id), o.number_enc))) return o.position;
    return null;
  }
}
