// Who is working: pick a name, type the PIN. Also the lock screen of an idle window, and PIN recovery.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { PinPad } from '../../components/PinPad';
import { Refusal } from '../../components/Refusal';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { RecoverPin } from './RecoverPin';
import { useLoginNotice } from './FailedApprovalsNotice';

export function LoginScreen(props: { locked?: { staffId: string; name: string } }) {
  const { t } = useTranslation();
  const shopName = useApp((s) => s.status?.shop?.name);
  const refresh = useApp((s) => s.refresh);
  const staff = useCall('auth.staffList', {}, { refreshOn: ['staff.changed'] }).data ?? [];
  const [chosen, setPicked] = useState<string | null>(props.locked?.staffId ?? null);
  const [pin, setPin] = useState('');
  const act = useAction();
  const [recover, setRecover] = useState(false);
  const [switching, setSwitching] = useState(false);
  const lockedMode = props.locked && !switching;
  // With one person on the staff, that person is picked.
  const picked = chosen ?? (!props.locked && staff.length === 1 ? (staff[0]?.id ?? null) : null);

  const submit = async () => {
    if (!picked) return;
    const r = lockedMode
      ? await act.run('auth.unlock', { pin })
      : await act.run('auth.login', { staffId: picked, pin }, (v) => {
          useLoginNotice.getState().set(v.failedApprovals);
          useLoginNotice.getState().setWeakPin(v.weakPin);
        });
    setPin('');
    if (r) await refresh();
  };

  if (recover) return <RecoverPin owners={staff.filter((s) => s.role === 'owner')} onDone={() => setRecover(false)} />;

  const person = staff.find((s) => s.id === picked);
  return (
    <div className="center-page">
      <div className="card login">
        <div className="card-head">
          <div>
            <h1>{shopName ?? t('app.name')}</h1>
            <p className="muted">
              {lockedMode ? t('login.lockedBody', { name: props.locked?.name }) : t('login.title')}
            </p>
          </div>
          <LanguageSwitch />
        </div>
        {!lockedMode && (
          <div className="who" role="group" aria-label={t('login.who')}>
            {staff.length === 0 && <p className="muted">{t('login.noStaff')}</p>}
            {staff.map((s) => (
              <button
                key={s.id}
                type="button"
                className={s.id === picked ? 'person picked' : 'person'}
                aria-pressed={s.id === picked}
                onClick={() => (setPicked(s.id), act.clear(), setPin(''))}
              >
                <span className="person-name">{s.name}</span>
                <span className="person-role">{t(`roles.${s.role}`)}</span>
              </button>
            ))}
          </div>
        )}
        {picked && (
          <PinPad
            label={`${t('login.enterPin')}${person ? ` · ${person.name}` : ''}`}
            value={pin}
            onChange={setPin}
            onSubmit={() => void submit()}
            busy={act.pending}
            submitLabel={lockedMode ? t('login.unlock') : t('login.submit')}
          />
        )}
        <Refusal action={act} />
        <div className="login-links">
          {lockedMode ? (
            <button type="button" className="link" onClick={() => (setSwitching(true), setPicked(null), act.clear())}>
              {t('login.switchUser')}
            </button>
          ) : (
            <button type="button" className="link" onClick={() => setRecover(true)}>
              {t('login.forgot')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
