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

/** A catalogue name in the window's language. */
export const localName = (x: { nameZh: string; nameEn: string }, language: string): string =>
  language === 'en' ? x.nameEn : x.nameZh;

/** A card's brand and form as the catalogue names them ("京东E卡"), or the codes when the catalogue lacks them. */
export function cardName(brands: BrandView[], brand: string, form: string, language: string): string {
  const f = brands.find((b) => b.code === brand)?.forms.find((x) => x.form === form);
  return f ? localName(f, language) : `${brand} ${form}`;
}
