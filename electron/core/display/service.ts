// The customer's screen (ux.md): display tokens paired with a counter's session, the trade each counter has in hand,
// and the customer-safe view built from them field by field. Pairings live in memory, like the sessions they follow.
import {
  AppError,
  type CustomerRatesView,
  type CustomerScreenView,
  type CustomerTradeView,
  type EventMessage,
  type EventName,
  type TradeView,
} from '../../../shared/contract';
import { linePayout } from '../../../shared/domain/money';
import type { Form, Quote } from '../../../shared/domain/pricing';
import type { Sessions } from '../auth/sessions';
import type { Catalog } from '../catalog/service';
import type { Pricing } from '../pricing/service';
import type { Clock, Random } from '../ports';
import type { Quotes } from '../quotes/service';
import type { Shop } from '../shop/service';
import type { TradeViews } from '../trades/views';

/** Events after which today's rates (or the shop's name, or the card types it buys) may read differently. */
const RATE_EVENTS: ReadonlySet<EventName> = new Set([
  'quotes.changed',
  'catalog.changed',
  'shop.changed',
  'settings.changed',
  'day.changed',
]);

/** What the customer sees of a trade: masked cards, the offer made to them, the payout and how it was paid. */
export function customerTrade(t: TradeView): CustomerTradeView {
  return {
    tradeNo: t.tradeNo,
    cards: t.lines.map((l) => {
      const g = t.groups.find((x) => x.key === l.groupKey);
      const bp = l.rateBp ?? g?.agreedBp ?? g?.currentBp ?? null;
      return {
        position: l.position,
        nameZh: l.nameZh,
        nameEn: l.nameEn,
        form: l.form,
        masked: `****${l.last4}`,
        valueFen: l.valueFen,
        offerBp: bp,
        agreed: l.rateBp !== null || (g?.agreedBp ?? null) !== null,
        payoutFen: l.payoutFen ?? (bp === null ? null : linePayout(l.valueFen, bp)),
      };
    }),
    valueFen: t.valueFen,
    payoutFen: t.status === 'paid' ? t.payoutFen : t.offerPayoutFen,
    roundingFen: t.roundingFen,
    payments: t.payments.map((p) => ({ method: p.method, amountFen: p.amountFen })),
  };
}

export class Displays {
  /** display token → the counter session it is paired with */
  private readonly paired = new Map<string, string>();
  /** counter session → the trade it has in hand */
  private readonly inHand = new Map<string, string>();

  constructor(
    private readonly d: {
      sessions: Sessions;
      random: Random;
      clock: Clock;
      trades: TradeViews;
      quotes: Quotes;
      pricing: Pricing;
      catalog: Catalog;
      shop: Shop;
    },
  ) {}

  /** A new token for this session's customer's screen; the session's earlier token stops working. */
  pair(sessionId: string): string {
    for (const [token, sid] of this.paired) if (sid === sessionId) this.paired.delete(token);
    const token = this.d.random.bytes(24).toString('hex');
    this.paired.set(token, sessionId);
    return token;
  }

  /** Whether a token was given to a display (the HTTP transport tells it from the host's own token with this). */
  known(token: string): boolean {
    return this.paired.has(token);
  }

  /** The counter session a display token belongs to, while that session lasts (a logout ends the pairing). */
  sessionOf(token: string): string | null {
    const sid = this.paired.get(token);
    if (sid === undefined) return null;
    // Only whether the session exists: an idle counter does not lock the customer's screen.
    if (!this.d.sessions.find(sid, Number.MAX_SAFE_INTEGER)) {
      this.paired.delete(token);
      this.inHand.delete(sid);
      return null;
    }
    return sid;
  }

  /** The counter's trade in hand (null between customers); true when that changes what a display shows. */
  show(sessionId: string, tradeId: string | null): boolean {
    if (tradeId !== null && !this.d.trades.trade(tradeId))
      throw new AppError('NOT_FOUND', 'no such trade', { field: 'tradeId' });
    const before = this.inHand.get(sessionId) ?? null;
    if (tradeId === null) this.inHand.delete(sessionId);
    else this.inHand.set(sessionId, tradeId);
    return before !== tradeId && [...this.paired.values()].includes(sessionId);
  }

  /** After a call: whether a display should read again — a write to a trade one shows, or new rates. */
  wakes(mutates: boolean, input: unknown, events: readonly EventMessage[]): boolean {
    if (this.paired.size === 0) return false;
    if (events.some((e) => RATE_EVENTS.has(e.name))) return true;
    if (!mutates || typeof input !== 'object' || input === null || !('tradeId' in input)) return false;
    const id = input.tradeId;
    return typeof id === 'string' && [...this.inHand.values()].includes(id);
  }

  /** What a paired display shows now. */
  view(token: string): CustomerScreenView {
    const sid = this.sessionOf(token);
    if (sid === null)
      throw new AppError('UNAUTHENTICATED', 'this customer’s screen is not paired with a counter', {
        reason: 'display',
      });
    const tradeId = this.inHand.get(sid);
    const row = tradeId === undefined ? undefined : this.d.trades.trade(tradeId);
    const t = row ? this.d.trades.get(row.id, { trade: row }) : null;
    // Between customers: no card in hand yet, or the trade was voided.
    const shown = t && t.status !== 'voided' && t.lines.length > 0 ? t : null;
    return {
      shopName: this.d.shop.get()?.name ?? '',
      state: shown === null ? 'idle' : shown.status === 'paid' ? 'paid' : 'trade',
      trade: shown === null ? null : customerTrade(shown),
      rates: this.rates(),
    };
  }

  /**
   * Today's fresh quotes by brand, form and band, as the platforms quote them, with what the shop opens at; only
   * the card types the shop buys now (a brand or a form switched off takes no card, docs/brands.md).
   */
  rates(): CustomerRatesView[] {
    const now = this.d.clock.now();
    const out: CustomerRatesView[] = [];
    for (const b of this.d.catalog.list()) {
      if (!b.active) continue;
      const quotes = this.d.quotes.forBrand(b.code).filter((q) => q.expiresAtMs > now);
      for (const f of b.forms) {
        if (!f.active) continue;
        const own = quotes.filter((q) => q.form === f.form);
        if (own.length === 0) continue;
        const bands = new Map<string, Quote[]>();
        for (const q of own) {
          const key = `${q.minValueFen}:${q.maxValueFen ?? ''}`;
          bands.set(key, [...(bands.get(key) ?? []), q]);
        }
        out.push({
          brand: b.code,
          nameZh: f.nameZh,
          nameEn: f.nameEn,
          form: f.form,
          bands: [...bands.values()]
            .sort((x, y) => (x[0]?.minValueFen ?? 0) - (y[0]?.minValueFen ?? 0))
            .map((qs) => ({
              minValueFen: qs[0]?.minValueFen ?? 0,
              maxValueFen: qs[0]?.maxValueFen ?? null,
              platforms: qs
                .map((q) => ({ source: q.source, rateBp: q.rateBp }))
                .sort((x, y) => y.rateBp - x.rateBp || x.source.localeCompare(y.source)),
              shopBp: this.openingAt(b.code, f.form, qs, f.maxValueFen),
            })),
        });
      }
    }
    return out;
  }

  /** The shop's opening offer for the lowest value in a band that a platform there takes; null if none can be priced. */
  private openingAt(brand: string, form: Form, band: Quote[], maxValueFen: number): number | null {
    const lowest = Math.max(band[0]?.minValueFen ?? 0, Math.min(...band.map((q) => q.minAmountFen)), 1);
    if (lowest > maxValueFen) return null;
    try {
      return this.d.pricing.price(brand, form, lowest).openingBp;
    } catch (e) {
      if (e instanceof AppError) return null;
      throw e;
    }
  }
}
