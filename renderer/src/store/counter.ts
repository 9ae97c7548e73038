// The counter's state: the open day, the trade in hand, the last answer, and an owner approval waiting.
import { create } from 'zustand';
import type { DayView, ErrorBody, OwnerApproval, Result, TradeView } from '../../../shared/contract';
import { api } from '../api/client';

const TRADE_KEY = 'carddesk.counter.trade';

export interface PendingApproval {
  need: string;
  run: (a: OwnerApproval) => Promise<Result<unknown>>;
}

interface CounterState {
  day: DayView | null;
  trade: TradeView | null;
  error: ErrorBody | null;
  outcome: { groupKey: string; outcome: 'agreed' | 'proposal' | 'final'; rateBp: number } | null;
  approval: PendingApproval | null;
  loadDay: () => Promise<void>;
  restore: () => Promise<void>;
  setTrade: (t: TradeView | null) => void;
  clearError: () => void;
  /** Runs a call; a refusal that needs the owner becomes an approval dialog that repeats the call with the PIN. */
  run: <T>(call: (approval?: OwnerApproval) => Promise<Result<T>>, onOk?: (v: T) => void) => Promise<boolean>;
  closeApproval: () => void;
}

export const useCounter = create<CounterState>((set, get) => ({
  day: null,
  trade: null,
  error: null,
  outcome: null,
  approval: null,
  async loadDay() {
    const r = await api.call('days.current', {});
    if (r.ok) set({ day: r.value });
  },
  async restore() {
    const id = sessionStorage.getItem(TRADE_KEY);
    if (!id) return;
    const r = await api.call('trades.get', { tradeId: id });
    if (r.ok && r.value.status !== 'voided') set({ trade: r.value });
    else sessionStorage.removeItem(TRADE_KEY);
  },
  setTrade(t) {
    if (t && t.status !== 'paid') sessionStorage.setItem(TRADE_KEY, t.id);
    else sessionStorage.removeItem(TRADE_KEY);
    set({ trade: t, outcome: t ? get().outcome : null });
  },
  clearError() {
    set({ error: null });
  },
  async run(call, onOk) {
    const r = await call();
    if (r.ok) {
      set({ error: null });
      onOk?.(r.value);
      return true;
    }
    if (r.error.code === 'FORBIDDEN' && typeof r.error.details.need === 'string' && r.error.details.approval === true) {
      set({
        error: null,
        approval: {
          need: r.error.details.need,
          run: async (a) => {
            const again = await call(a);
            if (again.ok) {
              set({ approval: null });
              onOk?.(again.value);
            }
            return again;
          },
        },
      });
      return false;
    }
    set({ error: r.error });
    return false;
  },
  closeApproval() {
    set({ approval: null });
  },
}));
