// Backups (spec §7): the second target with a warning while unset, the files with their kind, back up now, and
// restore (the current data is backed up first; an older backup than the last sealed day needs a confirmation).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupFile, BackupsView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';

function RestoreDialog(props: { file: BackupFile; onClose: () => void }) {
  const { t } = useTranslation();
  const { notify, refresh } = useApp();
  const [older, setOlder] = useState<string | null>(null);
  const [lastZ, setLastZ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () =>
    void api.call('backups.restore', { name: props.file.name, where: props.file.where, confirmOlder: older !== null, lastPrintedZ: lastZ ? Number(lastZ) : undefined }).then((r) => {
      if (r.ok) {
        notify('ok', t('backups.restored', { name: r.value.restored, z: r.value.zNumber }));
        props.onClose();
        return void refresh();
      }
      if (r.error.code === 'CONFLICT' && r.error.details.field === 'confirmOlder') return setOlder(String(r.error.details.lastSealed ?? ''));
      setError(errorText(r.error));
    });
  return (
    <Dialog title={t('backups.restoreTitle')} onClose={props.onClose}>
      <p><strong>{props.file.name}</strong></p>
      <p className="muted">{t('backups.restoreWarn')}</p>
      <Field label={t('backups.lastZ')} value={lastZ} onChange={(v) => setLastZ(v.replace(/\D/g, '').slice(0, 9))} inputMode="numeric" />
      {older !== null && <p className="warn" role="alert">{t('backups.olderWarn', { last: older })}</p>}
      <ErrorLine text={error} />
      <div className="actions">
        <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
        <button type="button" className="primary" onClick={submit}>{t('backups.confirm')}</button>
      </div>
    </Dialog>
  );
}

export function BackupSettings() {
  const { t } = useTranslation();
  const [view, setView] = useState<BackupsView | null>(null);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  const load = useCallback(() => void api.call('backups.list', {}).then((r) => r.ok && (setView(r.value), setTarget(r.value.target ?? ''))), []);
  useEffect(load, [load]);
  const answer = (r: { ok: true; value: BackupsView } | { ok: false; error: Parameters<typeof errorText>[0] }) => (r.ok ? (setView(r.value), setError(null)) : setError(errorText(r.error)));
  if (!view) return null;
  return (
    <section className="card" aria-label={t('backups.title')}>
      <h2>{t('backups.title')}</h2>
      {view.warning === 'no_target' && <p className="warn" role="status">{t('backups.noTarget')}</p>}
      {view.warning === 'target_failed' && <p className="warn" role="status">{t('backups.targetFailed', { error: view.lastError ?? '' })}</p>}
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void api.call('backups.setTarget', { path: target.trim() || null }).then(answer))}>
        <Field label={t('backups.target')} value={target} onChange={setTarget} />
        <button type="submit">{t('backups.setTarget')}</button>
      </form>
      <div className="actions left">
        <button type="button" className="primary" onClick={() => void api.call('backups.run', {}).then(answer)}>{t('backups.runNow')}</button>
      </div>
      <ErrorLine text={error} />
      <p className="muted">{t('backups.retention', view.retention)}</p>
      <table className="table compact">
        <thead><tr><th>{t('backups.files')}</th><th /><th /><th className="num">MB</th><th /></tr></thead>
        <tbody>
          {view.files.slice(0, 40).map((f) => (
            <tr key={`${f.where}/${f.name}`}>
              <td>{f.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{t(`backups.kinds.${f.kind}`)}</td>
              <td>{t(`backups.where.${f.where}`)}</td>
              <td className="num">{(f.bytes / 1_048_576).toFixed(1)}</td>
              <td><button type="button" onClick={() => setRestoring(f)}>{t('backups.restore')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {restoring && <RestoreDialog file={restoring} onClose={() => (setRestoring(null), load())} />}
    </section>
  );
}
