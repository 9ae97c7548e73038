// The owner's head-office settings (sync-protocol.md): address, shop secret, chain key (set once), on/off,
// "sync now", and each sealed day's sending state with attempts, last error and next attempt.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDayView, SyncSettingsView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { Dot, ErrorLine, Field } from '../../components/ui';
import { errorText, formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { SyncDot, useSyncStatus } from '../shell/SyncDot';

export function SyncSettings() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const status = useSyncStatus();
  const [view, setView] = useState<SyncSettingsView | null>(null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [chain, setChain] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [days, setDays] = useState<SyncDayView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.call('sync.settings', {}).then((r) => r.ok && (setView(r.value), setUrl(r.value.hqBaseUrl ?? ''), setEnabled(r.value.enabled)));
    void api.call('sync.days', {}).then((r) => r.ok && setDays(r.value));
  }, []);
  useEffect(() => {
    load();
    return api.on((e) => e.name === 'sync.changed' && void api.call('sync.days', {}).then((r) => r.ok && setDays(r.value)));
  }, [load]);
  if (!view) return null;
  const save = () =>
    void api.call('sync.updateSettings', { hqBaseUrl: url.trim() || null, enabled, ...(secret ? { shopSecret: secret } : {}), ...(chain ? { chainKey: chain } : {}) }).then((r) => {
      if (!r.ok) return setError(errorText(r.error));
      setError(null);
      setSecret('');
      setChain('');
      setView(r.value);
      notify('ok', t('sync.save'));
    });
  return (
    <section className="card" aria-label={t('sync.title')}>
      <h2>{t('sync.title')}</h2>
      <p><SyncDot /></p>
      {status?.lastSuccessAt && <p className="muted">{t('sync.lastSuccess')}: {formatTime(status.lastSuccessAt)}</p>}
      {status && status.warnings.length > 0 && <p className="warn">{t('sync.warnings')}: {status.warnings.join(', ')}</p>}
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label={t('sync.url')} value={url} onChange={setUrl} />
        <Field label={t('sync.secret')} type="password" value={secret} onChange={setSecret} hint={view.shopSecretSet ? t('sync.secretSet') : undefined} />
        {view.chainKeySet ? <p className="muted">{t('sync.chainSet')}</p> : <Field label={t('sync.chainKey')} type="password" value={chain} onChange={setChain} />}
        <label className="check"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{t('sync.enabled')}</label>
        <ErrorLine text={error} />
        <div className="actions left">
          <button type="submit" className="primary">{t('sync.save')}</button>
          <button type="button" onClick={() => void api.call('sync.now', {}).then((r) => (r.ok ? load() : setError(errorText(r.error))))}>{t('sync.now')}</button>
        </div>
      </form>
      <h3>{t('sync.days')}</h3>
      <table className="table compact" data-testid="sync-days">
        <thead><tr><th>{t('ledger.date')}</th><th>Z</th><th>{t('ledger.state')}</th><th className="num">{t('sync.attempts')}</th><th>{t('sync.lastError')}</th><th>{t('sync.next')}</th></tr></thead>
        <tbody>
          {days.slice(0, 60).map((d) => (
            <tr key={d.businessDate}>
              <td>{d.businessDate}</td>
              <td>{String(d.zNumber).padStart(4, '0')}</td>
              <td><Dot tone={d.status === 'sent' ? 'ok' : d.status === 'pending' ? 'warn' : 'bad'}>{t(`sync.states.${d.status}`)}</Dot></td>
              <td className="num">{d.attempts}</td>
              <td>{d.lastError ?? ''}</td>
              <td>{d.nextAttemptAt ? formatTime(d.nextAttemptAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
