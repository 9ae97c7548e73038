// The brands the shop buys, from the catalogue (catalog.list): a screen never names a brand itself.
import { useMemo } from 'react';
import type { BrandView } from '../../../../shared/contract';
import { useCall } from '../../api/useCall';

/** The active brands, in the catalogue's order; empty until the catalogue has answered. */
export function useBrands(): BrandView[] {
  const { data } = useCall('catalog.list', {});
  return useMemo(() => (data ?? []).filter((b) => b.active), [data]);
}

/** The brand picked, or the first active one until someone picks (with one brand shipped, that one). */
export function pickBrand(brands: BrandView[], picked: string | null): BrandView | undefined {
  return brands.find((b) => b.code === picked) ?? brands[0];
}
