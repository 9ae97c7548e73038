// Events the backend pushes after a commit; both transports deliver the same ones.
import type { Language } from './views';

export interface Events {
  'staff.changed': Record<string, never>;
  'shop.changed': Record<string, never>;
  'prefs.changed': { language: Language };
  'settings.changed': Record<string, never>;
  'journal.appended': { seq: number };
  'quotes.changed': Record<string, never>;
  'catalog.changed': Record<string, never>;
  'day.changed': Record<string, never>;
  'day.sealed': { dayId: string };
  'backups.changed': Record<string, never>;
  'sync.changed': Record<string, never>;
  /** `paidAt` when the call paid the trade. */
  'trades.changed': { tradeId: string; paidAt?: string };
  'printing.changed': { pending: number };
  /** What the customer's screen shows may have changed: the only event a display receives. */
  'display.changed': Record<string, never>;
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = [
  'staff.changed',
  'shop.changed',
  'prefs.changed',
  'settings.changed',
  'journal.appended',
  'quotes.changed',
  'catalog.changed',
  'day.changed',
  'day.sealed',
  'backups.changed',
  'sync.changed',
  'trades.changed',
  'printing.changed',
  'display.changed',
];
export interface EventMessage<E extends EventName = EventName> {
  name: E;
  payload: Events[E];
}
