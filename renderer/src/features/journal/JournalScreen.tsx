// The owner's audit log: the entries in words, newest first, a page at a time with how many there are in all, and
// the hash chain checked on demand.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalVerifyView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Pager } from '../../components/Pager';
import { Refusal } from '../../components/Refusal';
import { formatTime } from '../../i18n';
import { entryDetail, entryWhat, tradeNumbers } from '../../i18n/journal';

const PAGE = 100;

export function JournalScreen() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const list = useCall('journal.page', { offset, limit: PAGE }, { refreshOn: ['journal.appended'], keep: true });
  const entries = list.data?.items ?? [];
  const checker = useAction();
  const [verdict, setVerdict] = useState<JournalVerifyView | null>(null);
  const numbers = tradeNumbers(entries);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('journal.title')}</h1>
        <button
          type="button"
          className="primary"
          disabled={checker.pending}
          onClick={() => void checker.run('journal.verify', {}, setVerdict)}
        >
          {t('journal.verify')}
        </button>
      </div>
      <Refusal action={checker} />
      {verdict && (
        <p className={verdict.ok ? 'ok-line' : 'error'} role="status">
          {verdict.ok
            ? t('journal.ok', { count: verdict.count, head: verdict.head.slice(0, 16) })
            : t('journal.bad', { seq: verdict.firstBad?.seq })}
        </p>
      )}
      <Pager what={t('journal.title')} unit="entries" page={list.data} onOffset={setOffset} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('journal.seq')}</th>
            <th>{t('journal.at')}</th>
            <th>{t('journal.staff')}</th>
            <th>{t('journal.kind')}</th>
            <th>{t('journal.facts')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="mono">{e.seq}</td>
              <td className="mono">{formatTime(e.at)}</td>
              <td>{e.staffName ?? '—'}</td>
              <td>{entryWhat(e)}</td>
              <td>{entryDetail(e, numbers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
