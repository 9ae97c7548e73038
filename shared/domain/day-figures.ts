// The figures of one business day, defined once (ux.md "The owner's evening"; docs/day-figures.md). The ledger's
// day row, the close dialog, the Z-report on screen, on paper and in the PDF, and the exports all show these, under
// the same words (shared/words/day-figures.ts), computed here from the Z-report's facts — so two places can never
// disagree about what "net payout" is. A day sealed before this definition has the same stored facts, so it shows
// its stored figures under these labels.
/**
 * The kinds counted as after-sale events recorded on a day (spec §8; docs/after-sale.md). Each kind's amount is what
 * the events brought in: a settlement's amount received, an own-use exit at value, an invalid card 0, a claw-back
 * the money a platform took back (negative), a recovery what a customer paid back. `resold` (a card sent in a batch)
 * is an event too, but its amount is only expected, so it counts in `afterSaleEvents` and not in
 * `afterSaleReceivedFen`. A new after-sale kind is added to this list.
 */
export const AFTER_SALE_RECEIVED_KINDS: readonly string[] = ['settled', 'own_use', 'invalid', 'clawback', 'recovered'];

/** The facts of a Z-report the figures are made from: present in every Z-report ever sealed. */
export interface DayFacts {
  totals: { trades: number; cards: number; valueFen: number; payoutFen: number; averageRateBp: number };
  payments: readonly { amountFen: number }[];
  roundingFen: number;
  voids: readonly unknown[];
  voidedPayoutFen: number;
  netPayoutFen: number;
  expectedMarginFen: number;
  resale: readonly { kind: string; cards: number; amountFen: number }[];
}

/** One business day's figures; every amount in fen, the rate in bp. */
export interface DayFigures {
  /** Trades paid on the day, as they happened (one voided later still counts: it was paid from this drawer). */
  trades: number;
  cards: number;
  /** Σ V of the cards bought. */
  valueFen: number;
  /** Σ payout of the trades paid on the day, before 抹零. */
  payoutFen: number;
  /** 抹零: what the cash rounding kept. */
  roundingFen: number;
  /** Σ of the payment parts: payout − 抹零. */
  paidOutFen: number;
  /** floor(payout × 10000 / value) (shared/domain/money.ts averageRateBp). */
  averageRateBp: number;
  /** Voids recorded on the day, whichever day their trade was paid. */
  voids: number;
  voidedPayoutFen: number;
  /** payout − voided payout. */
  netPayoutFen: number;
  /** Σ floor(V × best exit) − payout over the lines of the day's trades not voided by the seal. */
  expectedMarginFen: number;
  /** After-sale events recorded on the day (any card, bought any day). */
  afterSaleEvents: number;
  /** What those events brought in (negative when money was clawed back). */
  afterSaleReceivedFen: number;
}

/** The figures in the order every surface lists them. */
export const DAY_FIGURE_KEYS = [
  'trades',
  'cards',
  'valueFen',
  'payoutFen',
  'roundingFen',
  'paidOutFen',
  'averageRateBp',
  'voids',
  'voidedPayoutFen',
  'netPayoutFen',
  'expectedMarginFen',
  'afterSaleEvents',
  'afterSaleReceivedFen',
] as const satisfies readonly (keyof DayFigures)[];
export type DayFigureKey = (typeof DAY_FIGURE_KEYS)[number];

/** How a figure is written: a count, an amount or a rate. */
export const DAY_FIGURE_UNIT: Record<DayFigureKey, 'count' | 'fen' | 'bp'> = {
  trades: 'count',
  cards: 'count',
  valueFen: 'fen',
  payoutFen: 'fen',
  roundingFen: 'fen',
  paidOutFen: 'fen',
  averageRateBp: 'bp',
  voids: 'count',
  voidedPayoutFen: 'fen',
  netPayoutFen: 'fen',
  expectedMarginFen: 'fen',
  afterSaleEvents: 'count',
  afterSaleReceivedFen: 'fen',
};

export function dayFigures(z: DayFacts): DayFigures {
  const received = z.resale.filter((r) => AFTER_SALE_RECEIVED_KINDS.includes(r.kind));
  return {
    trades: z.totals.trades,
    cards: z.totals.cards,
    valueFen: z.totals.valueFen,
    payoutFen: z.totals.payoutFen,
    roundingFen: z.roundingFen,
    paidOutFen: z.payments.reduce((s, p) => s + p.amountFen, 0),
    averageRateBp: z.totals.averageRateBp,
    voids: z.voids.length,
    voidedPayoutFen: z.voidedPayoutFen,
    netPayoutFen: z.netPayoutFen,
    expectedMarginFen: z.expectedMarginFen,
    afterSaleEvents: z.resale.reduce((s, r) => s + r.cards, 0),
    afterSaleReceivedFen: received.reduce((s, r) => s + r.amountFen, 0),
  };
}
