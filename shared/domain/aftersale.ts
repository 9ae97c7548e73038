// After-sale maths (spec §8), pure: a card's state from its events, its realised margin, each event's share of
// that margin (so a day's figure adds up with the card's), and how a batch's money is spread over its good cards.
import { linePayout } from './money';

export const EVENT_KINDS = ['resold', 'settled', 'invalid', 'own_use'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type CardState = 'in_stock' | EventKind;

/**
 * What a settled event was, beyond money received: a card paid below V × rate (余额不符, a loss named after its
 * customer), its part of a whole batch paid short (the platform did not say which card: a fee, a discount — not the
 * customer's), or money a platform took back.
 */
export const SETTLE_CAUSES = ['balance_mismatch', 'batch_short', 'clawback'] as const;
export type SettleCause = (typeof SETTLE_CAUSES)[number];

export interface CardEvent {
  kind: EventKind;
  /** Stored amount: the expected proceeds for `resold`, money received for `settled` (negative for a claw-back), the value for `own_use`. */
  amountFen: number;
}

/** A card's events end in one of these; nothing is recorded for it afterwards except a claw-back and `invalid`. */
export const isFinal = (kind: EventKind): boolean => kind !== 'resold';

/** The money an event brought in: received (or taken back) and own use at value; a sale or a rejection brings none. */
export const moneyOf = (e: CardEvent): number => (e.kind === 'settled' || e.kind === 'own_use' ? e.amountFen : 0);

export function cardState(events: readonly CardEvent[]): CardState {
  return events.at(-1)?.kind ?? 'in_stock';
}

/**
 * Each event's share of the card's realised margin, in order: its money, and the card's cost once, on the first
 * event that ends the card. The shares sum to `cardMargin`, so a figure by the day an event was recorded (the
 * Z-report) and one by the day the card was bought (the charts) add up to the same total.
 */
export function marginShares(costFen: number, events: readonly CardEvent[]): number[] {
  let costed = false;
  return events.map((e) => {
    let share = moneyOf(e);
    if (!costed && isFinal(e.kind)) {
      share -= costFen;
      costed = true;
    }
    return share;
  });
}

/** Realised margin: the money the card brought in minus what the shop paid for it, once the card is ended; else null. */
export function cardMargin(costFen: number, events: readonly CardEvent[]): number | null {
  if (!events.some((e) => isFinal(e.kind))) return null;
  return events.reduce((s, e) => s + moneyOf(e), 0) - costFen;
}

/** The money still counted as received for a card (what a claw-back takes back). */
export function receivedOf(events: readonly CardEvent[]): number {
  return events.filter((e) => e.kind === 'settled').reduce((s, e) => s + e.amountFen, 0);
}

/**
 * A batch settled as a whole (spec §8): the amount goes only to the cards still good (waiting for money), in
 * proportion to each card's expected proceeds `V × rate` (so by value), floored, the fen left over one at a time
 * from the first card that is still below its expected proceeds. A card whose share is below its expected proceeds
 * was paid short (余额不符): `shortFen` is its loss. The shares add up to the amount exactly.
 */
export function batchShares(
  amountFen: number,
  rateBp: number,
  cards: readonly { valueFen: number }[],
): { amountFen: number; expectedFen: number; shortFen: number }[] {
  const expected = cards.map((c) => linePayout(c.valueFen, rateBp));
  const total = expected.reduce((s, x) => s + x, 0);
  // Cards too small to be worth a fen at this rate share by value instead.
  const weights = total > 0 ? expected : cards.map((c) => c.valueFen);
  const weight = weights.reduce((s, x) => s + x, 0);
  const shares = weights.map((w) => (weight > 0 ? Math.floor((amountFen * w) / weight) : 0));
  let rest = amountFen - shares.reduce((s, x) => s + x, 0);
  const short = amountFen <= total;
  for (let round = 0; rest > 0; round++) {
    for (let i = 0; i < shares.length && rest > 0; i++) {
      // While paid short, a fen goes only where the card is still below its expected proceeds.
      if (short && round === 0 && (shares[i] ?? 0) >= (expected[i] ?? 0)) continue;
      shares[i] = (shares[i] ?? 0) + 1;
      rest--;
    }
    if (shares.length === 0) break;
  }
  return expected.map((e, i) => {
    const got = shares[i] ?? 0;
    return { amountFen: got, expectedFen: e, shortFen: Math.max(0, e - got) };
  });
}
