import { AppError } from '../../../shared/contract';
import type { HandlerMap } from '../context';
import type { Catalog } from './service';

export function catalogHandlers(
  catalog: Catalog,
  chainBrands: () => readonly string[],
): HandlerMap<'catalog.list' | 'catalog.upsert'> {
  return {
    'catalog.list': () => catalog.list(),
    'catalog.upsert': (ctx, i) => {
      // A brand head office gave this shop is head office's: read-only here (sync-protocol.md v2 "Pulls").
      if (chainBrands().includes(i.code))
        throw new AppError('CONFLICT', 'this brand is set by head office', { field: 'code', setBy: 'hq' });
      const changes = catalog.upsert(i);
      // One entry per brand or form that changed (settings.md), each with its names and values before and after.
      for (const c of changes) ctx.record('catalog.upserted', i.code, { ...c });
      if (changes.length > 0) ctx.emit('catalog.changed', {});
      return catalog.list();
    },
  };
}
