import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffListItem } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { isWeakPin } from '../../../../shared/domain/pin';
import { PinField } from '../../components/PinField';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { useApp } from '../../store/app';

export function RecoverPin(props: { owners: StaffListItem[]; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [ownerId, setOwnerId] = useState(props.owners[0]?.id ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const act = useAction();
  const submit = () =>
    void act.run(
      'auth.recoverOwnerPin',
      { staffId: ownerId, passphrase, newPin: pin },
      () => (notify('ok', t('recover.done')), props.onDone()),
    );
  return (
    <div className="center-page">
      <div className="card login">
        <h1>{t('recover.title')}</h1>
        <form onSubmit={(e) => (e.preventDefault(), submit())}>
          <div className="field">
            <label htmlFor="recover-owner">{t('recover.owner')}</label>
            <select id="recover-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {props.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('recover.passphrase')} value={passphrase} onChange={setPassphrase} autoFocus />
          <div className="row2">
            <PinField label={t('recover.newPin')} value={pin} onChange={setPin} />
            <Field
              label={t('recover.newPinAgain')}
              type="password"
              inputMode="numeric"
              maxLength={6}
              value={pin2}
              onChange={(v) => setPin2(v.replace(/\D/g, ''))}
              error={pin2.length === 6 && pin !== pin2 ? t('wizard.pinMismatch') : undefined}
            />
          </div>
          <Refusal action={act} />
          <div className="actions">
            <button type="button" onClick={props.onDone}>
              {t('common.back')}
            </button>
            <button
              type="submit"
              className="primary"
              disabled={
                act.pending || !ownerId || passphrase.length < 16 || pin.length !== 6 || isWeakPin(pin) || pin !== pin2
              }
            >
              {t('recover.submit')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
