// A brand choice that appears only when the catalogue has more than one active brand.
import { useTranslation } from 'react-i18next';
import type { BrandView } from '../../../../shared/contract';
import { localName } from './useBrands';

export function BrandSelect(props: {
  brands: BrandView[];
  value: string | undefined;
  onChange(code: string): void;
  id?: string;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (props.brands.length < 2) return null;
  return (
    <select
      id={props.id}
      aria-label={t('counter.brand')}
      value={props.value ?? ''}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {props.brands.map((b) => (
        <option key={b.code} value={b.code}>
          {localName(b, i18n.language)}
        </option>
      ))}
    </select>
  );
}
