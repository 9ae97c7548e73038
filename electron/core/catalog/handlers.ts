import type { HandlerMap } from '../context';
import type { Catalog } from './service';

export function catalogHandlers(catalog: Catalog): HandlerMap<'catalog.list' | 'catalog.upsert'> {
  return {
    'catalog.list': () => catalog.list(),
    'catalog.upsert': (ctx, i) => {
      const changes = catalog.upsert(i);
      // One entry per brand or form that changed (settings.md), each with its names and values before and after.
      for (const c of changes) ctx.record('catalog.upserted', i.code, { ...c });
      if (changes.length > 0) ctx.emit('catalog.changed', {});
      return catalog.list();
    },
  };
}
