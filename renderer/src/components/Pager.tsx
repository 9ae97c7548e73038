// A long list's pager, in words: which rows are shown, how many there are in all, and the previous and next page.
import { useTranslation } from 'react-i18next';

export type PagerUnit = 'days' | 'trades' | 'entries' | 'cards' | 'batches' | 'groups' | 'rows';

export function Pager(props: {
  /** What the list is, for the pager's name ("当天单据：翻页"). */
  what: string;
  unit: PagerUnit;
  page: { total: number; offset: number; limit: number } | undefined;
  onOffset: (offset: number) => void;
  /** The list says "none" itself: no pager while it is empty. */
  quietWhenEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const p = props.page;
  if (!p || (props.quietWhenEmpty && p.total === 0)) return null;
  const unit = t(`pager.units.${props.unit}`);
  const last = Math.min(p.total, p.offset + p.limit);
  return (
    <nav className="pager" aria-label={t('pager.label', { what: props.what })}>
      <span data-testid="pager-range">
        {p.total === 0 || p.offset >= p.total
          ? t('pager.none', { unit })
          : t('pager.range', { from: p.offset + 1, to: last, total: p.total, unit })}
      </span>
      {p.total > p.limit && (
        <>
          <button
            type="button"
            disabled={p.offset === 0}
            onClick={() => props.onOffset(Math.max(0, p.offset - p.limit))}
          >
            {t('pager.prev')}
          </button>
          <button type="button" disabled={last >= p.total} onClick={() => props.onOffset(p.offset + p.limit)}>
            {t('pager.next')}
          </button>
        </>
      )}
    </nav>
  );
}
