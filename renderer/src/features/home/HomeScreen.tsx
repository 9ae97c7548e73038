import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, StaffListItem, StatusView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ApprovalDialog } from '../../components/ApprovalDialog';
import { useApp } from '../../store/app';

export function HomeScreen(props: { status: StatusView; session: SessionView }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const { status, session } = props;
  const [colleagues, setColleagues] = useState<StaffListItem[]>([]);
  const [pick, setPick] = useState('');
  const [approving, setApproving] = useState(false);
  useEffect(() => {
    if (session.role !== 'clerk') return;
    void api.call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      const others = r.value.filter((s) => s.id !== session.staffId);
      setColleagues(others);
      setPick(others[0]?.id ?? '');
    });
  }, [session]);
  const picked = colleagues.find((c) => c.id === pick);
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
                {colleagues.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </div>
            <button type="button" onClick={() => setApproving(true)} disabled={!pick}>{t('home.lockoutAction')}</button>
          </div>
        )}
      </div>
      {approving && picked && (
        <ApprovalDialog
          action={t('approval.actions.clearLockout')}
          onApprove={(ownerApproval) => api.call('staff.clearLockout', { staffId: picked.id, ownerApproval })}
          onDone={() => (setApproving(false), notify('ok', t('home.lockoutDone', { name: picked.name })))}
          onClose={() => setApproving(false)}
        />
      )}
    </section>
  );
}
