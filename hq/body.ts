// A sealed day's body as head office reads it (sync-protocol.md, schema 1): the parts it stores and sums are
// checked here; the rest is kept byte for byte. The first failing member names the reason of a 422.
import { z } from 'zod';
import { jcs } from '../shared/protocol/canonical';
import { sha256Hex } from '../shared/protocol/signing';

const int = z.number().int();
const fen = int.min(0).max(Number.MAX_SAFE_INTEGER);
const HEX64 = /^[0-9a-f]{64}$/;

const Line = z.looseObject({
  brand: z.string().min(1).max(40),
  form: z.string().min(1).max(20),
  last4: z.string().max(8),
  cardHash: z.string().regex(HEX64).nullable(),
  valueFen: fen,
  rateBp: int.min(0).max(100_000),
  payoutFen: fen,
});
const Trade = z.looseObject({
  tradeNo: z.string().min(1).max(64),
  status: z.enum(['paid', 'voided']),
  lines: z.array(Line).max(1000),
});
const Correction = z.looseObject({
  kind: z.enum(['void', 'resold', 'settled', 'invalid', 'own_use']),
  tradeNo: z.string().max(64).optional(),
  last4: z.string().max(8).optional(),
  batchId: z.string().max(100).optional(),
  // A claw-back after settlement is a negative settlement of its card (docs/after-sale.md).
  amountFen: int.min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const DayBody = z.looseObject({
  schema: z.literal(1),
  shopId: z.string(),
  businessDate: z.string(),
  zNumber: int.min(1),
  summary: z.looseObject({
    grandTotalFen: int.optional(),
    expectedMarginFen: int.optional(),
  }),
  trades: z.array(Trade).max(20_000),
  corrections: z.array(Correction).max(20_000),
  cash: z.array(z.unknown()),
  alerts: z.array(z.unknown()),
  journalHead: z.string().regex(HEX64),
  prevDayJournalHead: z.string().nullable().optional(),
  ledgerHash: z.string(),
});
export type DayBody = z.infer<typeof DayBody>;
export type Correction = z.infer<typeof Correction>;

/** The body, or the reason it is refused (a member's name, as the reference head office answered). */
export function readDay(text: string, shopId: string, date: string): { body: DayBody } | { reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { reason: 'json' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { reason: 'json' };
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
  const { ledgerHash, ...unsigned } = raw as Record<string, unknown>;
  if (sha256Hex(jcs(unsigned)) !== ledgerHash) return { reason: 'ledgerHash' };
  return { body: b };
}
