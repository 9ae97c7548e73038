// The business day as the whole window sees it: one read, fresh after every change to the day or a payment, and
// every minute, since midnight and the cut-off change it with no event (the top bar then offers the rollover), and
// when the owner's settings change (the cut-off is one).
import type { DayView } from '../../../../shared/contract';
import { useCall } from '../../api/useCall';

const EVERY_MS = 60_000;

export function useDay(): { day: DayView | null; loaded: boolean } {
  const { data } = useCall(
    'days.current',
    {},
    { refreshOn: ['day.changed', 'trades.changed', 'settings.changed'], every: EVERY_MS },
  );
  return { day: data ?? null, loaded: data !== undefined };
}
