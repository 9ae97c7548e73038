// The resale writes announce no event of their own (docs/renderer-data.md): after each, every watched resale read
// is asked again, wherever on the screen it is shown.
import { calls } from '../../api/useCall';

export function refreshResale(): void {
  for (const name of [
    'resale.stock',
    'resale.stockPage',
    'resale.batches',
    'resale.batchPage',
    'resale.losses',
    'resale.overdue',
  ] as const)
    calls.refreshCall(name);
}
