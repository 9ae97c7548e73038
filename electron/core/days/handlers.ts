import { AppError } from '../../../shared/contract';
import type { HandlerMap } from '../context';
import type { Days } from './service';

export function dayHandlers(days: Days): HandlerMap<'days.current' | 'days.open' | 'days.close'> {
  return {
    'days.current': () => days.view(),
    'days.open': (ctx, i) => {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'log in first');
      const d = days.open(ctx.actor.id, i.count);
      ctx.record('day.opened', d.id, { businessDate: d.businessDate, floatFen: d.floatFen });
      ctx.emit('day.changed', {});
      return d;
    },
    'days.close': (ctx, i) => {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'log in first');
      const d = days.close(ctx.actor.id, i.count, i.reason, (w) => ctx.requireOwner(w));
      ctx.record('day.closed', d.id, {
        businessDate: d.businessDate, countedFen: d.countedFen ?? 0, expectedFen: d.expectedCashFen, discrepancyFen: d.discrepancyFen ?? 0,
        ...(i.reason ? { reason: i.reason } : {}),
      });
      ctx.emit('day.changed', {});
      return d;
    },
  };
}
