// 到账延迟 (spec §8): batches past their expected settlement date with cards still waiting for the platform's
// money, for the owner's home page and the resale screen.
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/useCall';
import { Dot } from '../../components/ui';
import { yuan } from '../counter/format';

export function OverdueList(props: { onOpen?: () => void }) {
  const { t } = useTranslation();
  // A new business day makes batches late without any write: asked again when the day changes.
  const read = useCall('resale.overdue', {}, { refreshOn: ['day.changed'] });
  const late = read.data ?? [];
  if (late.length === 0) return null;
  return (
    <section className="card overdue-card" aria-label={t('resale.overdueTitle')} data-testid="overdue">
      <h2>
        <Dot tone="warn">
          {t('resale.overdueTitle')} ({late.length})
        </Dot>
      </h2>
      <ul className="plain">
        {late.map((b) => (
          <li key={b.batchId}>
            {t('resale.overdueLine', {
              platform: b.platform,
              cards: b.waitingCards,
              amount: yuan(b.waitingFen),
              due: b.dueDate,
              days: b.daysLate,
            })}
          </li>
        ))}
      </ul>
      {props.onOpen && (
        <button type="button" onClick={props.onOpen}>
          {t('home.overdueOpen')}
        </button>
      )}
    </section>
  );
}
