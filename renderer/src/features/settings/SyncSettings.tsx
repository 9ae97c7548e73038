// The owner's head-office settings (sync-protocol.md): address, shop secret, chain key (set once), on/off,
// "sync now", and each sealed day's sending state with attempts, last error and next attempt.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction';
import { calls, useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dot, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { SyncDot, syncErrorText, useSyncStatus } from '../shell/SyncDot';

export function SyncSettings() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const status = useSyncStatus();
  const settings = useCall('sync.settings', {}, { refreshOn: ['sync.changed'] });
  const days = useCall('sync.days', {}, { refreshOn: ['sync.changed', 'day.changed'] }).data ?? [];
  // What the owner is editing, over what is saved until they change it.
  const [typedUrl, setUrl] = useState<string | null>(null);
  const [toggled, setEnabled] = useState<boolean | null>(null);
  const [matching, setMatching] = useState<boolean | null>(null);
  const [secret, setSecret] = useState('');
  const [chain, setChain] = useState('');
  const act = useAction();
  const view = settings.data;
  if (!view) return null;
  const url = typedUrl ?? view.hqBaseUrl ?? '';
  const chainText = (print: string | null) => (print ? `${t('sync.chainPrint')} ${print}` : t('sync.noChain'));
  const enabled = toggled ?? view.enabled;
  const customerMatching = matching ?? view.customerMatching;
  const save = () =>
    void act.run(
      'sync.updateSettings',
      {
        hqBaseUrl: url.trim() || null,
        enabled,
        customerMatching,
        ...(secret ? { shopSecret: secret } : {}),
        ...(chain ? { chainKey: chain } : {}),
      },
      () => {
        setSecret('');
        setChain('');
        settings.refresh();
        notify('ok', t('sync.save'));
      },
    );
  return (
    <section className="card" aria-label={t('sync.title')}>
      <h2>{t('sync.title')}</h2>
      <p>
        <SyncDot />
      </p>
      {status?.lastSuccessAt && (
        <p className="muted">
          {t('sync.lastSuccess')}: {formatTime(status.lastSuccessAt)}
        </p>
      )}
      {status && (
        <dl className="facts" data-testid="sync-identity" aria-label={t('sync.identity')}>
          <dt>{t('sync.version')}</dt>
          <dd>
            {status.version} · {chainText(status.chainFingerprint)}
          </dd>
          <dt>{t('sync.hqVersion')}</dt>
          <dd>
            {status.hqVersion ? `${status.hqVersion} · ${chainText(status.hqChainFingerprint)}` : t('sync.notYet')}
          </dd>
        </dl>
      )}
      {status && status.liveWaiting > 0 && <p className="muted">{t('sync.liveWaiting', { n: status.liveWaiting })}</p>}
      {status?.chainMismatch && (
        <p className="warn" role="alert">
          {t('sync.chainMismatch')}
        </p>
      )}
      {status && status.warnings.length > 0 && (
        <p className="warn">
          {t('sync.warnings')}: {status.warnings.join(', ')}
        </p>
      )}
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <Field label={t('sync.url')} value={url} onChange={setUrl} />
        <Field
          label={t('sync.secret')}
          type="password"
          value={secret}
          onChange={setSecret}
          hint={view.shopSecretSet ? t('sync.secretSet') : undefined}
        />
        {view.chainKeySet ? (
          <p className="muted">{t('sync.chainSet')}</p>
        ) : (
          <Field label={t('sync.chainKey')} type="password" value={chain} onChange={setChain} />
        )}
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t('sync.enabled')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={customerMatching}
            onChange={(e) => setMatching(e.target.checked)}
            data-testid="customer-matching"
          />
          {t('sync.customerMatching')}
        </label>
        <p className="muted small">{t('sync.customerMatchingHint')}</p>
        <Refusal action={act} />
        <div className="actions left">
          <button type="submit" className="primary">
            {t('sync.save')}
          </button>
          <button
            type="button"
            onClick={() =>
              void act.run('sync.now', {}, () => (calls.refreshCall('sync.status'), calls.refreshCall('sync.days')))
            }
          >
            {t('sync.now')}
          </button>
        </div>
      </form>
      <h3>{t('sync.days')}</h3>
      <table className="table compact" data-testid="sync-days">
        <thead>
          <tr>
            <th>{t('ledger.date')}</th>
            <th>Z</th>
            <th>{t('ledger.state')}</th>
            <th className="num">{t('sync.attempts')}</th>
            <th>{t('sync.lastError')}</th>
            <th>{t('sync.next')}</th>
          </tr>
        </thead>
        <tbody>
          {days.slice(0, 60).map((d) => (
            <tr key={d.businessDate}>
              <td>{d.businessDate}</td>
              <td>{String(d.zNumber).padStart(4, '0')}</td>
              <td>
                <Dot tone={d.status === 'sent' ? 'ok' : d.status === 'pending' ? 'warn' : 'bad'}>
                  {t(`sync.states.${d.status}`)}
                </Dot>
              </td>
              <td className="num">{d.attempts}</td>
              <td>{d.lastError ? syncErrorText(t, d.lastError) : ''}</td>
              <td>{d.nextAttemptAt ? formatTime(d.nextAttemptAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
