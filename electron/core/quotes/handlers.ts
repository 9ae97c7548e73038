import type { HandlerMap } from '../context';
import type { Pricing } from '../pricing/service';
import type { Quotes } from './service';

export function quoteHandlers(
  quotes: Quotes,
  pricing: Pricing,
): HandlerMap<
  | 'quotes.list'
  | 'quotes.add'
  | 'quotes.update'
  | 'quotes.expire'
  | 'quotes.remove'
  | 'quotes.renew'
  | 'quotes.import'
  | 'pricing.preview'
> {
  return {
    'quotes.list': () => quotes.list(),
    'quotes.add': (ctx, i) => {
      const q = quotes.add(i);
      ctx.record('quote.added', q.id, { source: q.source, brand: q.brand, form: q.form, rateBp: q.rateBp });
      ctx.emit('quotes.changed', {});
      return q;
    },
    'quotes.update': (ctx, i) => {
      const { quoteId, ...fields } = i;
      const q = quotes.update(quoteId, fields);
      ctx.record('quote.updated', quoteId, { replacedBy: q.id, rateBp: q.rateBp });
      ctx.emit('quotes.changed', {});
      return q;
    },
    'quotes.expire': (ctx, i) => {
      const q = quotes.expire(i.quoteId);
      ctx.record('quote.expired', i.quoteId, {});
      ctx.emit('quotes.changed', {});
      return q;
    },
    'quotes.remove': (ctx, i) => {
      quotes.remove(i.quoteId);
      ctx.record('quote.removed', i.quoteId, {});
      ctx.emit('quotes.changed', {});
      return { removed: true as const };
    },
    'quotes.renew': (ctx, i) => {
      const list = quotes.renew(i.quoteIds);
      ctx.record('quotes.stillValid', null, { count: list.length, until: list[0]?.expiresAt ?? null });
      ctx.emit('quotes.changed', {});
      return list;
    },
    'quotes.import': (ctx, i) => {
      const r = quotes.import(i.format, i.text);
      if (r.imported > 0) {
        ctx.record('quotes.imported', null, { format: i.format, count: r.imported });
        ctx.emit('quotes.changed', {});
      }
      return r;
    },
    'pricing.preview': (_ctx, i) => pricing.price(i.brand, i.form, i.valueFen),
  };
}
