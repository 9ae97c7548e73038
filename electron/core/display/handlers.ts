import { AppError } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import type { Displays } from './service';

type Names = 'display.pair' | 'display.show' | 'display.view';

/** The staff session of the counter window making the call (dispatch has checked it exists). */
function sessionOf(ctx: Ctx): string {
  const id = ctx.binding.get();
  if (id === null) throw new AppError('UNAUTHENTICATED', 'log in first');
  return id;
}

export function displayHandlers(displays: Displays): HandlerMap<Names> {
  return {
    'display.pair': (ctx) => {
      const token = displays.pair(sessionOf(ctx));
      ctx.emit('display.changed', {});
      return { token };
    },
    'display.show': (ctx, i) => {
      if (displays.show(sessionOf(ctx), i.tradeId)) ctx.emit('display.changed', {});
      return { shown: i.tradeId };
    },
    'display.view': (ctx) => displays.view(ctx.binding.display ?? ''),
  };
}
