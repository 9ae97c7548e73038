// The brands the shop buys, from the catalogue (catalog.list): a screen never names a brand itself.
import { useMemo } from 'react';
import type { BrandView } from '../../../../shared/contract';
import { useCall } from '../../api/useCall';

/** Every brand, switched off or not, with every form: names of cards already bought, the owner's brands screen. */
export function useCatalog(): BrandView[] | undefined {
  return useCall('catalog.list', {}, { refreshOn: ['catalog.changed'] }).data;
}

/** The brands the shop buys now, each with the forms it buys, in the catalogue's order; empty until it answers. */
export function useBrands(): BrandView[] {
  const data = useCatalog();
  return useMemo(
    () =>
      (data ?? [])
        .filter((b) => b.active)
        .map((b) => ({ ...b, forms: b.forms.filter((f) => f.active) }))
        .filter((b) => b.forms.length > 0),
    [data],
  );
}

/** The brand picked, or the first active one until someone picks (with one brand shipped, that one). */
export function pickBrand(brands: BrandView[], picked: string | null): BrandView | undefined {
  return brands.find((b) => b.code === picked) ?? brands[0];
}

/** The brand after `current` in the list, back to the first after the last: the counter's one key (F10). */
export function nextBrand(brands: BrandView[], current: string | undefined): BrandView | undefined {
  const i = brands.findIndex((b) => b.code === current);
  return brands[(i + 1) % brands.length];
}

/** A catalogue name in the window's language. */
export const localName = (x: { nameZh: string; nameEn: string }, language: string): string =>
  language === 'en' ? x.nameEn : x.nameZh;

/** A card's brand and form as the catalogue names them ("京东E卡"), or the codes when the catalogue lacks them. */
export function cardName(brands: BrandView[], brand: string, form: string, language: string): string {
  const f = brands.find((b) => b.code === brand)?.forms.find((x) => x.form === form);
  return f ? localName(f, language) : `${brand} ${form}`;
}
