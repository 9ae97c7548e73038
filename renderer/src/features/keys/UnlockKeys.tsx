// A new PC or user account: the keys come back only with the recovery passphrase.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';

export function UnlockKeys() {
  const { t } = useTranslation();
  const refresh = useApp((s) => s.refresh);
  const notify = useApp((s) => s.notify);
  const [passphrase, setPassphrase] = useState('');
  const act = useAction();
  const submit = () =>
    void act.run('keys.unlock', { passphrase }, () => (notify('ok', t('keys.done')), void refresh()));
  return (
    <div className="center-page">
      <div className="card login">
        <div className="card-head">
          <h1>{t('keys.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('keys.body')}</p>
        <form onSubmit={(e) => (e.preventDefault(), submit())}>
          <Field label={t('keys.passphrase')} value={passphrase} onChange={setPassphrase} autoFocus />
          <Refusal action={act} />
          <div className="actions">
            <button type="submit" className="primary" disabled={act.pending || passphrase.length < 16}>
              {t('keys.submit')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
