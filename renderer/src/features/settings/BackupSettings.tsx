// Backups (spec §7): the second target with a warning while unset, the files with their kind, back up now, and
// restore (the current data is backed up first; an older backup than the last sealed day needs a confirmation).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupFile } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { calls, useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';

function RestoreDialog(props: { file: BackupFile; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const refresh = useApp((s) => s.refresh);
  const [lastZ, setLastZ] = useState('');
  const act = useAction();
  // A backup older than the last sealed day is refused once with that day, and restored when asked again.
  const older =
    act.error?.code === 'CONFLICT' && act.error.details.field === 'confirmOlder'
      ? String(act.error.details.lastSealed ?? '')
      : null;
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const warned = older ?? confirmed;
  const submit = () =>
    void act
      .run(
        'backups.restore',
        {
          name: props.file.name,
          where: props.file.where,
          confirmOlder: warned !== null,
          lastPrintedZ: lastZ ? Number(lastZ) : undefined,
        },
        (v) => {
          notify('ok', t('backups.restored', { name: v.restored, z: v.zNumber }));
          props.onClose();
          void refresh();
        },
      )
      .then(() => setConfirmed(warned));
  return (
    <Dialog title={t('backups.restoreTitle')} onClose={props.onClose}>
      <p>
        <strong>{props.file.name}</strong>
      </p>
      <p className="muted">{t('backups.restoreWarn')}</p>
      <Field
        label={t('backups.lastZ')}
        value={lastZ}
        onChange={(v) => setLastZ(v.replace(/\D/g, '').slice(0, 9))}
        inputMode="numeric"
      />
      {warned !== null && (
        <p className="warn" role="alert">
          {t('backups.olderWarn', { last: warned })}
        </p>
      )}
      <ErrorLine text={act.error && older === null ? errorText(act.error) : null} />
      <div className="actions">
        <button type="button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={submit}>
          {t('backups.confirm')}
        </button>
      </div>
    </Dialog>
  );
}

export function BackupSettings() {
  const { t } = useTranslation();
  const list = useCall('backups.list', {}, { refreshOn: ['backups.changed'] });
  const [typed, setTarget] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  // Setting the target and backing up answer the new list; the read is asked again to show it.
  const act = useAction();
  const view = list.data;
  if (!view) return null;
  const target = typed ?? view.target ?? '';
  return (
    <section className="card" aria-label={t('backups.title')}>
      <h2>{t('backups.title')}</h2>
      {view.warning === 'no_target' && (
        <p className="warn" role="status">
          {t('backups.noTarget')}
        </p>
      )}
      {view.warning === 'target_failed' && (
        <p className="warn" role="status">
          {t('backups.targetFailed', { error: view.lastError ?? '' })}
        </p>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => (
          e.preventDefault(),
          void act.run('backups.setTarget', { path: target.trim() || null }, () => calls.refreshCall('backups.list'))
        )}
      >
        <Field label={t('backups.target')} value={target} onChange={setTarget} />
        <button type="submit">{t('backups.setTarget')}</button>
      </form>
      <div className="actions left">
        <button
          type="button"
          className="primary"
          onClick={() => void act.run('backups.run', {}, () => calls.refreshCall('backups.list'))}
        >
          {t('backups.runNow')}
        </button>
      </div>
      <Refusal action={act} />
      <p className="muted">{t('backups.retention', view.retention)}</p>
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('backups.files')}</th>
            <th />
            <th />
            <th className="num">MB</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.files.slice(0, 40).map((f) => (
            <tr key={`${f.where}/${f.name}`}>
              <td>{f.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{t(`backups.kinds.${f.kind}`)}</td>
              <td>{t(`backups.where.${f.where}`)}</td>
              <td className="num">{(f.bytes / 1_048_576).toFixed(1)}</td>
              <td>
                <button type="button" onClick={() => setRestoring(f)}>
                  {t('backups.restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {restoring && <RestoreDialog file={restoring} onClose={() => (setRestoring(null), list.refresh())} />}
    </section>
  );
}
