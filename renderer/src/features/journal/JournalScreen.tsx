import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntryView, JournalVerifyView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { formatTime } from '../../i18n';
import { entryDetail, entryWhat, tradeNumbers } from '../../i18n/journal';

export function JournalScreen() {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<JournalEntryView[]>([]);
  const [verdict, setVerdict] = useState<JournalVerifyView | null>(null);
  const load = useCallback((beforeSeq?: number) => {
    void api.call('journal.list', { beforeSeq, limit: 100 }).then((r) => {
      if (r.ok) setEntries((prev) => (beforeSeq ? [...prev, ...r.value] : r.value));
    });
  }, []);
  useEffect(() => load(), [load]);
  const oldest = entries[entries.length - 1]?.seq;
  const numbers = tradeNumbers(entries);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('journal.title')}</h1>
        <button type="button" className="primary" onClick={() => void api.call('journal.verify', {}).then((r) => r.ok && setVerdict(r.value))}>
          {t('journal.verify')}
        </button>
      </div>
      {verdict && (
        <p className={verdict.ok ? 'ok-line' : 'error'} role="status">
          {verdict.ok ? t('journal.ok', { count: verdict.count, head: verdict.head.slice(0, 16) }) : t('journal.bad', { seq: verdict.firstBad?.seq })}
        </p>
      )}
      <table className="table">
        <thead>
          <tr><th>{t('journal.seq')}</th><th>{t('journal.at')}</th><th>{t('journal.staff')}</th><th>{t('journal.kind')}</th><th>{t('journal.facts')}</th></tr>
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
      {oldest !== undefined && oldest > 1 && <button type="button" onClick={() => load(oldest)}>{t('journal.more')}</button>}
    </section>
  );
}
