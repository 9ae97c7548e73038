// What the counter would offer now and after the change for the sample cards: opening, target, clerk ceiling.
// The owner's eyes only (the ceiling is never shown to a customer).
import { useTranslation } from 'react-i18next';
import type { CompareSide, PricingCompareView } from '../../../../shared/contract';
import { yuanShort } from '../../../../shared/words/settings';
import { cardName, useBrands } from '../catalog/useBrands';
import { rate } from '../counter/format';

const LEVELS = ['openingBp', 'targetBp', 'ceilingBp'] as const;

export function CompareTable(props: { view: PricingCompareView }) {
  const { t, i18n } = useTranslation();
  const brands = useBrands();
  /** One side's three levels; after the change, a level it moves is marked. */
  const side = (s: CompareSide, other: CompareSide | null) =>
    !s.ok ? (
      <td colSpan={3} className="muted">
        {t(`pricing.noQuote.${s.code}`)}
      </td>
    ) : (
      LEVELS.map((k) => (
        <td key={k} className={`num${other?.ok && other[k] !== s[k] ? ' moved' : ''}`}>
          {rate(s[k])}
        </td>
      ))
    );
  return (
    <table className="table compact compare" data-testid="pricing-compare">
      <thead>
        <tr>
          <th rowSpan={2}>{t('pricing.sample')}</th>
          <th colSpan={3}>{t('pricing.now')}</th>
          <th colSpan={3}>{t('pricing.after')}</th>
        </tr>
        <tr>
          {[0, 1].flatMap((n) =>
            LEVELS.map((k) => (
              <th key={`${n}${k}`} className="num">
                {t(`pricing.levels.${k}`)}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {props.view.rows.map((r) => (
          <tr key={`${r.form}${r.valueFen}`} data-card={`${r.form}:${r.valueFen}`}>
            <th scope="row">
              {cardName(brands, props.view.brand, r.form, i18n.language)} {yuanShort(r.valueFen)}
            </th>
            {side(r.now, null)}
            {side(r.after, r.now)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
