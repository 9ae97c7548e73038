// What a change to the brand catalogue journals (settings.md: one entry per item added, changed or switched off):
// `catalog.upserted`, one entry per brand or form that changed, with its names so the words need no catalogue.
import type { Form } from '../domain/codes';

/** A brand's or a form's fields as the journal keeps them. */
export type CatalogValues = Record<string, string | number | boolean>;

export interface CatalogChange {
  /** `catalog.<brand>` or `catalog.<brand>.<form>`: the item, as a settings change names its key. */
  key: string;
  item: 'brand' | 'form';
  /** `off` / `on`: the item was switched off or on (other fields may have changed with it). */
  change: 'added' | 'changed' | 'off' | 'on';
  brand: string;
  form: Form | null;
  /** The item's names after the change (the form's own names for a form). */
  nameZh: string;
  nameEn: string;
  /** The fields that changed, in the contract's names; every field for an item added. */
  fields: string[];
  /** Those fields before (null for an item added) and after. */
  old: CatalogValues | null;
  new: CatalogValues;
}
