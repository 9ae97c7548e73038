// A sealed day's body as head office reads it (sync-protocol.md, schema 1 and the v2 additions' schema 2): the
// parts it stores and sums are checked here; the rest is kept byte for byte. The first failing member names the
// reason of a 422. A day sealed before a shop moved to schema 2 stays schema 1 and verifies as it always did.
import { z } from 'zod';
import { jcs } from '../shared/protocol/canonical';
import { sha256Hex } from '../shared/protocol/signing';

const int = z.number().int();
const fen = int.min(0).max(Number.MAX_SAFE_INTEGER);
const signedFen = int.min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
export const HEX64 = /^[0-9a-f]{64}$/;
const TradeNo = z.string().min(1).max(64);

const LineV1 = z.looseObject({
  brand: z.string().min(1).max(40),
  form: z.string().min(1).max(20),
  last4: z.string().max(8),
  cardHash: z.string().regex(HEX64).nullable(),
  valueFen: fen,
  rateBp: int.min(0).max(100_000),
  payoutFen: fen,
});
/** Schema 2: each line names its place in the trade and what head office's check said at the counter. */
const LineV2 = LineV1.extend({
  position: int.min(1).max(1000),
  hqCheck: z.enum(['clear', 'hit_overridden', 'unchecked']).nullable(),
});
const TradeV1 = z.looseObject({
  tradeNo: TradeNo,
  paidAt: z.string().max(40).optional(),
  status: z.enum(['paid', 'voided']),
  lines: z.array(LineV1).max(1000),
});
const TradeV2 = TradeV1.extend({
  customerHash: z.string().regex(HEX64).nullable(),
  lines: z.array(LineV2).max(1000),
});
const Kind = z.enum(['void', 'resold', 'settled', 'invalid', 'own_use']);
const CorrectionV1 = z.looseObject({
  kind: Kind,
  tradeNo: TradeNo.optional(),
  last4: z.string().max(8).optional(),
  batchId: z.string().max(100).optional(),
  // A claw-back after settlement is a negative settlement of its card (docs/after-sale.md).
  amountFen: signedFen.optional(),
});
/** Schema 2: a card is named by its trade and position; a settlement carries that card's own amount. */
const CorrectionV2 = CorrectionV1.extend({ position: int.min(1).max(1000).optional() });

const common = {
  shopId: z.string(),
  businessDate: z.string(),
  zNumber: int.min(1),
  summary: z.looseObject({
    grandTotalFen: int.optional(),
    expectedMarginFen: int.optional(),
  }),
  cash: z.array(z.unknown()),
  alerts: z.array(z.unknown()),
  journalHead: z.string().regex(HEX64),
  prevDayJournalHead: z.string().nullable().optional(),
  ledgerHash: z.string(),
};
export const DayBodyV1 = z.looseObject({
  schema: z.literal(1),
  ...common,
  trades: z.array(TradeV1).max(20_000),
  corrections: z.array(CorrectionV1).max(20_000),
});
export const DayBodyV2 = z.looseObject({
  schema: z.literal(2),
  ...common,
  trades: z.array(TradeV2).max(20_000),
  corrections: z.array(CorrectionV2).max(20_000),
  settingsChanges: z.array(z.unknown()).max(10_000),
});
/** Either schema, told apart by `schema`. */
export const DayBody = z.discriminatedUnion('schema', [DayBodyV1, DayBodyV2]);
export type DayBody = z.infer<typeof DayBody>;
export type Correction = z.infer<typeof CorrectionV2>;
export type Trade = z.infer<typeof TradeV1>;
export type Line = z.infer<typeof LineV2>;

/** A line's position and check: schema 2 says them, a schema 1 line is at its place in the trade, unchecked. */
export function linesOf(body: DayBody, t: number): Line[] {
  if (body.schema === 2) return body.trades[t]?.lines ?? [];
  // The members head office reads, not a copy of the whole line (a day has hundreds).
  return (body.trades[t]?.lines ?? []).map((l, i) => ({
    brand: l.brand,
    form: l.form,
    last4: l.last4,
    cardHash: l.cardHash,
    valueFen: l.valueFen,
    rateBp: l.rateBp,
    payoutFen: l.payoutFen,
    position: i + 1,
    hqCheck: null,
  }));
}

/** Corrections as schema 2 has them (a schema 1 correction names no position). */
export const correctionsOf = (body: DayBody): Correction[] =>
  body.schema === 2 ? body.corrections : body.corrections.map((c) => ({ ...c, position: undefined }));

type Read = { body: DayBody } | { reason: string };

/**
 * Reading a day in its steps — JSON, the schema, the ledger hash — each a few milliseconds of a large body; the
 * server yields to its event loop between them, so a card check is not held behind a whole day's reading.
 */
function* steps(text: string, shopId: string, date: string): Generator<void, Read> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { reason: 'json' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { reason: 'json' };
  yield;
  const r = DayBody.safeParse(raw);
  if (!r.success) return { reason: String(r.error.issues[0]?.path[0] ?? 'body') };
  const b = r.data;
  if (b.shopId !== shopId) return { reason: 'shopId' };
  if (b.businessDate !== date) return { reason: 'businessDate' };
  const seen = new Set<string>();
  for (const t of b.trades) {
    if (seen.has(t.tradeNo)) return { reason: 'trades' };
    seen.add(t.tradeNo);
  }
  // Schema 2 positions: each once in its trade (a schema 1 line is at its place in the trade).
  if (b.schema === 2)
    for (const t of b.trades)
      if (new Set(t.lines.map((l) => l.position)).size !== t.lines.length) return { reason: 'trades' };
  yield;
  const { ledgerHash, ...unsigned } = raw as Record<string, unknown>;
  if (sha256Hex(jcs(unsigned)) !== ledgerHash) return { reason: 'ledgerHash' };
  return { body: b };
}

/** The body, or the reason it is refused (a member's name, as the reference head office answered); the event loop
 * runs between the steps. */
export async function readDayYielding(text: string, shopId: string, date: string): Promise<Read> {
  const run = steps(text, shopId, date);
  for (;;) {
    const n = run.next();
    if (n.done) return n.value;
    await new Promise<void>((go) => setImmediate(go));
  }
}
