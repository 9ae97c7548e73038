// The business day as the whole window sees it: one read, fresh after every change to the day or a payment.
import type { DayView } from '../../../../shared/contract';
import { useCall } from '../../api/useCall';

export function useDay(): { day: DayView | null; loaded: boolean } {
  const { data } = useCall('days.current', {}, { refreshOn: ['day.changed', 'trades.changed'] });
  return { day: data ?? null, loaded: data !== undefined };
}
