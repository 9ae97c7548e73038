import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, StatusView } from '../../../../shared/contract';
import { sendApproved } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { ApprovalDialog } from '../../components/ApprovalDialog';
import { useApp } from '../../store/app';
import { OverdueList } from '../resale/Overdue';

export function HomeScreen(props: { status: StatusView; session: SessionView }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const go = useApp((s) => s.go);
  const { status, session } = props;
  const staff = useCall('auth.staffList', {}, { skip: session.role !== 'clerk', refreshOn: ['staff.changed'] });
  const colleagues = (staff.data ?? []).filter((s) => s.id !== session.staffId);
  const [picked, setPick] = useState<string | null>(null);
  const pick = picked ?? colleagues[0]?.id ?? '';
  const [approving, setApproving] = useState(false);
  const chosen = colleagues.find((c) => c.id === pick);
  return (
    <section className="page">
      <h1>{t('home.welcome', { name: session.name })}</h1>
      <div className="cards">
        <div className="card">
          <dl className="facts">
            <dt>{t('home.shop')}</dt>
            <dd>{status.shop?.name}</dd>
            <dt>{t('home.code')}</dt>
            <dd className="mono">{status.shop?.code}</dd>
            <dt>{t('home.role')}</dt>
            <dd>{t(`roles.${session.role}`)}</dd>
          </dl>
          <p className="muted">{t('home.keysHint', { minutes: Math.round(session.idleLockMs / 60_000) })}</p>
        </div>
        {session.role === 'clerk' && colleagues.length > 0 && (
          <div className="card">
            <h2>{t('home.lockoutTitle')}</h2>
            <p className="muted">{t('home.lockoutBody')}</p>
            <div className="field">
              <label htmlFor="lockout-pick">{t('home.lockoutPick')}</label>
              <select id="lockout-pick" value={pick} onChange={(e) => setPick(e.target.value)}>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" onClick={() => setApproving(true)} disabled={!pick}>
              {t('home.lockoutAction')}
            </button>
          </div>
        )}
      </div>
      {session.role === 'owner' && <OverdueList onOpen={() => go('resale')} />}
      {approving && chosen && (
        <ApprovalDialog
          action={t('approval.actions.clearLockout')}
          onApprove={sendApproved('staff.clearLockout', { staffId: chosen.id })}
          onDone={() => (setApproving(false), notify('ok', t('home.lockoutDone', { name: chosen.name })))}
          onClose={() => setApproving(false)}
        />
      )}
    </section>
  );
}
