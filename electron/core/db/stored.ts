// JSON the shop keeps inside SQLite, parsed with one schema each where it is read. Where a shape was ever written
// differently, the schema is a union over every version ever written, so that the first release's database and
// every older sealed day still read (test/reliability/upgrade.test.ts reads them all through these).
import { z } from 'zod';
import type { Explanation, ZReportView } from '../../../shared/contract';
import { FORMS, PAYMENT_METHODS } from '../../../shared/domain/codes';
import { SETTLE_CAUSES } from '../../../shared/domain/aftersale';
import { parseChecked } from '../schema-check';

const text = z.string();
const int = z.number();

/** Parses a stored JSON text with its schema: a malformed or unknown shape is an error, never a cast. */
export function readJson<S extends z.ZodType>(schema: S, json: string): z.output<S> {
  return parseChecked(schema, JSON.parse(json));
}

// ── Z-report (z_reports.body) ────────────────────────────────────────────────────────────────────────────────────
// v1, written since the day was first sealed (schema 5, the first release) and unchanged since: the contract's
// ZReportView. A new shape is added here as another member, and read as the current view.
const Movement = z.object({
  id: text,
  kind: z.enum(['in', 'out']),
  amountFen: int,
  reason: text,
  at: text,
  staffName: text,
  approvedByName: text.nullable(),
});
const Shift = z.object({ seq: int, at: text, staffName: text, countedFen: int, expectedFen: int, discrepancyFen: int });
// `clawback` and `recovered`: after-sale money that is not a settlement (absent from reports sealed before).
const ResaleKind = z.enum(['resold', 'settled', 'invalid', 'own_use', 'clawback', 'recovered']);
const ZReportV1 = z.object({
  shop: z.object({ name: text, code: text }),
  businessDate: text,
  zNumber: int.nullable(),
  openedAt: text,
  openedBy: text,
  closedAt: text.nullable(),
  closedBy: text.nullable(),
  brands: z.array(
    z.object({
      brand: text,
      form: z.enum(FORMS),
      name: text,
      cards: int,
      valueFen: int,
      payoutFen: int,
      averageRateBp: int,
    }),
  ),
  totals: z.object({ trades: int, cards: int, valueFen: int, payoutFen: int, averageRateBp: int }),
  payments: z.array(z.object({ method: z.enum(PAYMENT_METHODS), count: int, amountFen: int })),
  roundingFen: int,
  staff: z.array(z.object({ name: text, trades: int, payoutFen: int })),
  voids: z.array(
    z.object({
      tradeNo: text,
      paidDate: text,
      at: text,
      payoutFen: int,
      refundCashFen: int,
      reason: text,
      staffName: text,
      approvedBy: text.nullable(),
    }),
  ),
  voidedPayoutFen: int,
  netPayoutFen: int,
  resale: z.array(z.object({ kind: ResaleKind, cards: int, amountFen: int })),
  approvals: z.array(
    z.object({
      at: text,
      what: text,
      ownerName: text,
      reason: text,
      tradeNo: text.nullable().optional(),
      amountFen: z.number().nullable().optional(),
    }),
  ),
  cash: z.object({
    floatFen: int,
    cashInFen: int,
    cashOutFen: int,
    payoutsFen: int,
    refundsFen: int,
    expectedFen: int,
    countedFen: int.nullable(),
    discrepancyFen: int.nullable(),
    reason: text.nullable(),
    pendingOwner: z.boolean(),
    closedAsFound: z.boolean(),
    movements: z.array(Movement),
    shifts: z.array(Shift),
  }),
  expectedMarginFen: int,
  alerts: z.array(z.object({ kind: text, tradeNo: text.nullable(), detail: text })),
  journalHead: text.nullable(),
  grandTotalFen: int,
});
// v2, since the owner's settings and the evening close (issue 14 and 15, first released together): v1 and every
// settings change since the previous seal, every count of the drawer for the close, and the unpaid trades the close
// voided with its one reason. A v1 report reads as it was written, without them (it prints as it did). A v2 sealed
// before the evening close's fields reads without the counts and the voided trades.
const ZSettingChange = z.object({
  at: text,
  staffName: text.nullable(),
  kind: text,
  group: text,
  ref: text.nullable(),
  payload: z.record(z.string(), z.unknown()),
});
const ZCount = z.object({
  seq: int,
  at: text,
  staffName: text,
  countedFen: int,
  expectedFen: int,
  discrepancyFen: int,
});
// After-sale per card (issue 16): the day's after-sale figures by the day they were recorded; reports sealed before
// read without them.
const ZAfterSale = z.object({
  invalid: z.object({ cards: int, lossFen: int }),
  shortPaid: z.object({ cards: int, shortFen: int }),
  batchShort: z.object({ batches: int, shortFen: int }).optional(),
  clawedBack: z.object({ cards: int, amountFen: int }),
  recovered: z.object({ count: int, amountFen: int, cashFen: int }),
  realisedMarginFen: int,
  overdueBatches: int,
});
const ZReportV2 = ZReportV1.extend({
  settingsChanges: z.array(ZSettingChange),
  closeCounts: z.array(ZCount).optional(),
  unpaidVoided: z.object({ count: int, reason: text }).nullable().optional(),
  afterSale: ZAfterSale.optional(),
});
export const StoredZReport: z.ZodType<ZReportView> = z.union([ZReportV2, ZReportV1]);

// ── The frozen body for head office (sync_outbox.body, sync-protocol.md) ─────────────────────────────────────────
// Both versions say `schema: 1`. The first release wrote every line's `cardHash` as null; since head office's chain
// key, a line carries the chain hash once the shop has the key (null before). Unknown keys are kept: the body is
// hashed as stored.
const BodyTrade = <H extends z.ZodType>(cardHash: H) =>
  z.looseObject({
    tradeNo: text,
    paidAt: text,
    staff: text,
    status: text,
    roundingFen: int,
    payments: z.array(z.looseObject({ method: text, amountFen: int })),
    lines: z.array(
      z.looseObject({ brand: text, form: text, last4: text, cardHash, valueFen: int, rateBp: int, payoutFen: int }),
    ),
  });
const BodyCommon = {
  schema: z.literal(1),
  shopId: text,
  businessDate: text,
  zNumber: int,
  openedAt: text,
  closedAt: text,
  summary: z.record(z.string(), z.unknown()),
  corrections: z.array(z.looseObject({ at: text, kind: text })),
  cash: z.array(z.looseObject({ at: text, kind: text, amountFen: int })),
  alerts: z.array(z.unknown()),
  journalHead: text,
  prevDayJournalHead: text.nullable(),
  ledgerHash: text.optional(),
};
const SyncBodyFirstRelease = z.looseObject({ ...BodyCommon, trades: z.array(BodyTrade(z.null())) });
const SyncBodyChainHash = z.looseObject({ ...BodyCommon, trades: z.array(BodyTrade(text.nullable())) });
// Schema 2 (sync-protocol.md v2, sealed from migration 0016 on; a body sealed before stays schema 1): a trade's
// `customerHash` (null unless the owner switched on customer matching across shops), a line's `position` and
// `hqCheck`, corrections by `tradeNo` + `position`, and the day's `settingsChanges`.
const SyncBodyV2 = z.looseObject({
  ...BodyCommon,
  schema: z.literal(2),
  trades: z.array(
    z.looseObject({
      tradeNo: text,
      paidAt: text,
      staff: text,
      status: text,
      roundingFen: int,
      customerHash: text.nullable(),
      payments: z.array(z.looseObject({ method: text, amountFen: int })),
      lines: z.array(
        z.looseObject({
          position: int,
          brand: text,
          form: text,
          last4: text,
          cardHash: text.nullable(),
          valueFen: int,
          rateBp: int,
          payoutFen: int,
          hqCheck: z.enum(['clear', 'hit_overridden', 'unchecked']).nullable(),
        }),
      ),
    }),
  ),
  settingsChanges: z.array(z.looseObject({ at: text, kind: text })),
});
export const StoredSyncBody = z.union([SyncBodyFirstRelease, SyncBodyChainHash, SyncBodyV2]);
export type StoredSyncBody = z.infer<typeof StoredSyncBody>;

/** The other shop's purchase of a card, as head office's card check named it (trade_lines.hq_seen). */
export const HqSeen = z.object({ shopId: text, shopName: text, tradeNo: text, paidAt: text });

// ── A card's resale event (line_events.payload) ──────────────────────────────────────────────────────────────────
// What was sold, settled, found invalid or kept, with the money when there is any. Since after-sale per card
// (issue 16) a settled event also says what was expected for the card (`expectedFen`, V × the batch rate) and why
// it differs (`cause`: `balance_mismatch` when the card was paid short — `lossFen` the difference; `batch_short` for
// its part of a whole batch paid short; `clawback` when a platform takes back what it paid for a card it then
// rejected, a negative amount), and an invalid event names its loss (`lossFen`, the card's cost). Events written
// before read without them.
export const LineEventPayload = z.object({
  batchId: text.optional(),
  rateBp: int.optional(),
  amountFen: int.optional(),
  reason: text.optional(),
  perBatch: z.boolean().optional(),
  expectedFen: int.optional(),
  cause: z.enum(SETTLE_CAUSES).optional(),
  lossFen: int.optional(),
});
export type LineEventPayload = z.infer<typeof LineEventPayload>;

// ── A paid trade's compliance facts (trades.compliance) ──────────────────────────────────────────────────────────
export const TradeComplianceJson = z.object({
  phone: z.boolean(),
  identity: z.boolean(),
  because: z.enum(['trade', 'day']).nullable(),
  cashAllowed: z.boolean(),
  dayTotalFen: int,
});

// ── A journal entry's payload (journal.payload) ──────────────────────────────────────────────────────────────────
// Each kind has its own fields, and its words come from the kind; what every entry is, is a JSON object.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);
export const JournalPayload = z.record(z.string(), JsonValue);

// ── A negotiated group's explanation and the quotes it was priced from (trade_groups) ───────────────────────────
const Basis = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quote'),
    quoteId: text,
    source: text,
    settlementDays: int,
    band: z.tuple([int, int.nullable()]),
  }),
  z.object({ kind: z.literal('fallback'), fromBp: int, discountBp: int }),
  z.object({ kind: z.literal('manual'), reason: text }),
]);
export const StoredExplanation: z.ZodType<Explanation> = z.object({
  basis: Basis,
  verdicts: z.array(
    z.object({
      quoteId: text,
      source: text,
      form: z.enum(FORMS),
      rateBp: int,
      netBp: int.nullable(),
      reason: text.nullable(),
    }),
  ),
  // A tier's lower bound rides along since the owner's pricing settings; older tiers carry it only in `name`.
  adjustments: z.array(
    z.object({ kind: z.enum(['tier', 'calendar', 'promotion']), name: text, bp: int, minValueFen: int.optional() }),
  ),
  capitalCostBpPerDay: int,
  policy: z.object({ targetMarginBp: int, minMarginBp: int, openingDiscountBp: int, stepBp: int }),
});
export const QuoteSnapshot = z.array(z.unknown());
/** One quote of a snapshot as frozen since the counter (its row's columns and whether it was the best exit). */
export const QuoteSnapshotItem = z.looseObject({
  source: text,
  form: text.optional(),
  min_value_fen: int.optional(),
  max_value_fen: int.nullable().optional(),
  rate_bp: int,
  fee_bp: int.optional(),
  fee_fixed_fen: int.optional(),
  settlement_days: int.optional(),
  observed_at: text.optional(),
  best: z.boolean().optional(),
});

// ── A counted drawer (days.float_count, days.close_count, shifts.count) ──────────────────────────────────────────
export const DrawerCount = z.record(z.string(), int);
