// A person whose stored PIN is a weak one (set before weak PINs were refused) is asked for a new one right after
// logging in, before any work: the change, or logging out, are the only ways on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction';
import { PinField } from '../../components/PinField';
import { Refusal } from '../../components/Refusal';
import { Dialog } from '../../components/ui';
import { useApp } from '../../store/app';
import { isWeakPin } from '../../../../shared/domain/pin';
import { useLoginNotice } from './FailedApprovalsNotice';

export function WeakPinDialog(props: { onLogout: () => void }) {
  const { t } = useTranslation();
  const weak = useLoginNotice((s) => s.weakPin);
  const setWeak = useLoginNotice((s) => s.setWeakPin);
  const notify = useApp((s) => s.notify);
  const act = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  if (!weak) return null;
  const ok = current.length === 6 && next.length === 6 && !isWeakPin(next) && next === again && next !== current;
  const submit = () =>
    void act.run('auth.changePin', { currentPin: current, newPin: next }, () => {
      setWeak(false);
      notify('ok', t('settings.pinChanged'));
    });
  return (
    <Dialog title={t('login.weakTitle')} onClose={() => undefined}>
      <p className="warn" role="alert">
        {t('login.weakBody')}
      </p>
      <form onSubmit={(e) => (e.preventDefault(), ok && submit())}>
        <PinField label={t('settings.currentPin')} value={current} onChange={setCurrent} autoFocus check={false} />
        <div className="row2">
          <PinField label={t('settings.newPin')} value={next} onChange={setNext} />
          <PinField
            label={t('recover.newPinAgain')}
            value={again}
            onChange={setAgain}
            check={false}
            error={again.length === 6 && again !== next ? t('wizard.pinMismatch') : undefined}
          />
        </div>
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={() => (setWeak(false), props.onLogout())}>
            {t('top.logout')}
          </button>
          <button type="submit" className="primary" disabled={!ok || act.pending}>
            {t('login.weakSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
