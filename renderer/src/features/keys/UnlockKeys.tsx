// A new PC or user account: the keys come back only with the recovery passphrase.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';
import { LanguageSwitch } from '../shell/LanguageSwitch';

export function UnlockKeys() {
  const { t } = useTranslation();
  const { refresh, notify } = useApp();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  // Checking the passphrase takes a moment; a second press would count as a second (wrong) try.
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = await api.call('keys.unlock', { passphrase });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    notify('ok', t('keys.done'));
    await refresh();
  };
  return (
    <div className="center-page">
      <div className="card login">
        <div className="card-head">
          <h1>{t('keys.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('keys.body')}</p>
        <form onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Field label={t('keys.passphrase')} value={passphrase} onChange={setPassphrase} autoFocus />
          <ErrorLine text={error ? errorText(error) : null} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || passphrase.length < 16}>{t('keys.submit')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
