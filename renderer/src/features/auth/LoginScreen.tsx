// Who is working: pick a name, type the PIN. Also the lock screen of an idle window, and PIN recovery.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, StaffListItem } from '../../../../shared/contract';
import { api } from '../../api/client';
import { PinPad } from '../../components/PinPad';
import { ErrorLine } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { RecoverPin } from './RecoverPin';
import { useLoginNotice } from './FailedApprovalsNotice';

export function LoginScreen(props: { locked?: { staffId: string; name: string } }) {
  const { t } = useTranslation();
  const { status, refresh } = useApp();
  const [staff, setStaff] = useState<StaffListItem[]>([]);
  const [picked, setPicked] = useState<string | null>(props.locked?.staffId ?? null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [recover, setRecover] = useState(false);
  const [switching, setSwitching] = useState(false);
  const lockedMode = props.locked && !switching;

  useEffect(() => {
    void api.call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      setStaff(r.value);
      if (!props.locked && r.value.length === 1) setPicked(r.value[0]?.id ?? null);
    });
  }, [props.locked]);

  const submit = async () => {
    if (!picked) return;
    setBusy(true);
    const login = async () => {
      const res = await api.call('auth.login', { staffId: picked, pin });
      if (res.ok) useLoginNotice.getState().set(res.value.failedApprovals);
      return res;
    };
    const r = lockedMode ? await api.call('auth.unlock', { pin }) : await login();
    setBusy(false);
    setPin('');
    if (!r.ok) return setError(r.error);
    setError(null);
    await refresh();
  };

  if (recover) return <RecoverPin owners={staff.filter((s) => s.role === 'owner')} onDone={() => setRecover(false)} />;

  const person = staff.find((s) => s.id === picked);
  return (
    <div className="center-page">
      <div className="card login">
        <div className="card-head">
          <div>
            <h1>{status?.shop?.name ?? t('app.name')}</h1>
            <p className="muted">{lockedMode ? t('login.lockedBody', { name: props.locked?.name }) : t('login.title')}</p>
          </div>
          <LanguageSwitch />
        </div>
        {!lockedMode && (
          <div className="who" role="group" aria-label={t('login.who')}>
            {staff.length === 0 && <p className="muted">{t('login.noStaff')}</p>}
            {staff.map((s) => (
              <button key={s.id} type="button" className={s.id === picked ? 'person picked' : 'person'} aria-pressed={s.id === picked}
                onClick={() => (setPicked(s.id), setError(null), setPin(''))}>
                <span className="person-name">{s.name}</span>
                <span className="person-role">{t(`roles.${s.role}`)}</span>
              </button>
            ))}
          </div>
        )}
        {picked && (
          <PinPad label={`${t('login.enterPin')}${person ? ` · ${person.name}` : ''}`} value={pin} onChange={setPin} onSubmit={() => void submit()}
            busy={busy} submitLabel={lockedMode ? t('login.unlock') : t('login.submit')} />
        )}
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="login-links">
          {lockedMode ? (
            <button type="button" className="link" onClick={() => (setSwitching(true), setPicked(null), setError(null))}>{t('login.switchUser')}</button>
          ) : (
            <button type="button" className="link" onClick={() => setRecover(true)}>{t('login.forgot')}</button>
          )}
        </div>
      </div>
    </div>
  );
}
