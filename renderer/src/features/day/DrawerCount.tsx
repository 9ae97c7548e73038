// Counting the drawer by denomination, with the total adding up as the clerk types.
import { useTranslation } from 'react-i18next';
import { yuan } from '../counter/format';

export const DENOMINATIONS = ['10000', '5000', '2000', '1000', '500', '100', '50', '10'] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
export type CountForm = Partial<Record<Denomination, string>>;

export function countOf(form: CountForm): { count: Partial<Record<Denomination, number>>; totalFen: number } {
  const count: Partial<Record<Denomination, number>> = {};
  let totalFen = 0;
  for (const d of DENOMINATIONS) {
    const n = Number(form[d] ?? '');
    if (Number.isInteger(n) && n > 0) {
      count[d] = n;
      totalFen += Number(d) * n;
    }
  }
  return { count, totalFen };
}

export function DrawerCount(props: { value: CountForm; onChange(v: CountForm): void }) {
  const { t } = useTranslation();
  const { totalFen } = countOf(props.value);
  return (
    <div className="drawer-count">
      {DENOMINATIONS.map((d, i) => (
        <label key={d} className="denom">
          <span className="num">{yuan(Number(d))}</span>
          <input
            className="num"
            inputMode="numeric"
            aria-label={`${yuan(Number(d))} ${t('day.pieces')}`}
            value={props.value[d] ?? ''}
            autoFocus={i === 0}
            onChange={(e) => props.onChange({ ...props.value, [d]: e.target.value.replace(/\D/g, '') })}
          />
        </label>
      ))}
      <div className="count-total">
        {t('day.total')}{' '}
        <strong className="num" data-testid="count-total">
          {yuan(totalFen)}
        </strong>
      </div>
    </div>
  );
}
