// The counter's state: the trade in hand (kept across a reload of the window), the last answer to an ask and the
// brand the clerk last used (kept on this PC: the next trade starts with it).
// The day comes from useCall('days.current'); refusals and approvals belong to the form that asked.
import { create } from 'zustand';
import type { TradeView } from '../../../shared/contract';

const TRADE_KEY = 'carddesk.counter.trade';
const BRAND_KEY = 'carddesk.counter.brand';

export interface AskOutcome {
  groupKey: string;
  outcome: 'agreed' | 'proposal' | 'final';
  rateBp: number;
}

interface CounterState {
  trade: TradeView | null;
  /**
   * The shop's clock at the last answer and this PC's clock when it arrived: how long ago a card was checked is
   * counted on the shop's clock, moved on by this PC's.
   */
  clock: { asOfMs: number; receivedMs: number };
  outcome: AskOutcome | null;
  setTrade: (t: TradeView | null) => void;
  setOutcome: (o: AskOutcome) => void;
  /** The brand last picked or used at the counter; null until someone picks. */
  brand: string | null;
  setBrand: (code: string) => void;
}

/** The trade a reload should bring back (an open one), if any. */
export const savedTradeId = (): string | null => sessionStorage.getItem(TRADE_KEY);

export const useCounter = create<CounterState>((set, get) => ({
  trade: null,
  clock: { asOfMs: 0, receivedMs: 0 },
  outcome: null,
  setTrade(t) {
    if (t && t.status !== 'paid' && t.status !== 'voided') sessionStorage.setItem(TRADE_KEY, t.id);
    else sessionStorage.removeItem(TRADE_KEY);
    set({
      trade: t,
      outcome: t ? get().outcome : null,
      clock: t ? { asOfMs: Date.parse(t.asOf), receivedMs: Date.now() } : get().clock,
    });
  },
  setOutcome(outcome) {
    set({ outcome });
  },
  brand: localStorage.getItem(BRAND_KEY),
  setBrand(brand) {
    localStorage.setItem(BRAND_KEY, brand);
    set({ brand });
  },
}));
