// Wrong PINs typed against this person for approvals since their last login (a colleague may be guessing their
// PIN): shown once after the login, until they dismiss it or log out.
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { FailedApprovalView } from '../../../../shared/contract';
import { APPROVAL_CALL_WORDS, langOf } from '../../../../shared/words';
import { formatTime, i18n } from '../../i18n';

const SHOWN = 5;

export const useLoginNotice = create<{
  failedApprovals: FailedApprovalView[];
  set: (f: FailedApprovalView[]) => void;
  /** The PIN typed at login is a weak one: the window asks for a new one before work (WeakPinDialog). */
  weakPin: boolean;
  setWeakPin: (weak: boolean) => void;
}>((set) => ({
  failedApprovals: [],
  set: (failedApprovals) => set({ failedApprovals }),
  weakPin: false,
  setWeakPin: (weakPin) => set({ weakPin }),
}));

export function FailedApprovalsNotice() {
  const { t } = useTranslation();
  const failedApprovals = useLoginNotice((s) => s.failedApprovals);
  const set = useLoginNotice((s) => s.set);
  const callWords = APPROVAL_CALL_WORDS[langOf(i18n.language)];
  if (failedApprovals.length === 0) return null;
  const recent = failedApprovals.slice(-SHOWN);
  return (
    <div className="warn banner" role="alert" data-testid="failed-approvals">
      <p>{t('login.failedApprovals', { count: failedApprovals.length })}</p>
      <ul>
        {recent.map((f, i) => (
          <li key={`${f.at}-${i}`}>
            {t('login.failedApproval', {
              when: formatTime(f.at),
              who: f.byName ?? t('login.someone'),
              what: callWords[f.call] ?? t('login.someAction'),
            })}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => set([])}>
        {t('login.noticeSeen')}
      </button>
    </div>
  );
}
