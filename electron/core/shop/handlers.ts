import { AppError } from '../../../shared/contract';
import type { HandlerMap } from '../context';
import type { Shop } from './service';

export function shopHandlers(shop: Shop): HandlerMap<'shop.get' | 'shop.update'> {
  const current = () => {
    const s = shop.get();
    if (!s) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
    return s;
  };
  return {
    'shop.get': () => current(),
    'shop.update': (ctx, input) => {
      const before = current();
      shop.update(input);
      ctx.record('shop.updated', before.code, {
        name: input.name,
        address: input.address,
        phone: input.phone,
        licenceNo: input.licenceNo,
      });
      ctx.emit('shop.changed', {});
      return current();
    },
  };
}
