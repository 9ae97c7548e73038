import type { HandlerMap } from '../context';
import type { Pricing } from './service';

export function pricingHandlers(pricing: Pricing): HandlerMap<'pricing.compare' | 'pricing.chain'> {
  return {
    'pricing.chain': () => pricing.chain(),
    'pricing.compare': (_ctx, i) => pricing.compare(i.brand, i.values),
  };
}
