// Which screen the window shows follows from the backend's status: first run, keys, login, lock, work.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvent } from './api/useCall';
import { LoginScreen } from './features/auth/LoginScreen';
import { UnlockKeys } from './features/keys/UnlockKeys';
import { Wizard } from './features/setup/Wizard';
import { Shell } from './features/shell/Shell';
import { useApp } from './store/app';

export function App() {
  const { t } = useTranslation();
  const status = useApp((s) => s.status);
  const refresh = useApp((s) => s.refresh);
  const toast = useApp((s) => s.toast);
  const wizardOpen = useApp((s) => s.wizardOpen);
  useEffect(() => void refresh(), [refresh]);
  // A rename of whoever is logged in shows at once in the top bar (staff.changed).
  useEvent(['prefs.changed', 'shop.changed', 'settings.changed', 'staff.changed'], () => void refresh());
  let body;
  if (!status) body = <div className="center-page muted">{t('common.loading')}</div>;
  else if (status.setup === 'needed' || wizardOpen) body = <Wizard />;
  else if (status.keys === 'locked') body = <UnlockKeys />;
  else if (!status.session) body = <LoginScreen />;
  else if (status.session.locked)
    body = <LoginScreen locked={{ staffId: status.session.staffId, name: status.session.name }} />;
  else body = <Shell status={status} session={status.session} />;
  return (
    <>
      {body}
      {toast && (
        <div className={`toast toast-${toast.kind}`} role="status">
          {toast.text}
        </div>
      )}
    </>
  );
}
