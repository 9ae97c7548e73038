// The owner approves on the spot: the dialog says why, the owner picks their name, types PIN and reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, OwnerApproval, Result } from '../../../shared/contract';
import type { Action } from '../api/useAction';
import { useCall } from '../api/useCall';
import { errorText, needText } from '../i18n';
import { Dialog, ErrorLine, Field } from './ui';

export function ApprovalDialog(props: {
  /** What needs the owner, in words already translated. */
  action: string;
  onApprove: (a: OwnerApproval) => Promise<Result<unknown>>;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const staff = useCall('auth.staffList', {}, { refreshOn: ['staff.changed'] });
  const owners = (staff.data ?? []).filter((s) => s.role === 'owner');
  const [picked, setOwnerId] = useState<string | null>(null);
  const ownerId = picked ?? owners[0]?.id ?? '';
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    const r = await props.onApprove({ ownerId, pin, reason });
    if (r.ok) props.onDone();
    else {
      setError(r.error);
      setPin('');
    }
  };
  return (
    <Dialog title={t('approval.title')} onClose={props.onClose}>
      <p>{t('approval.why', { action: props.action })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="approval-owner">{t('approval.owner')}</label>
          <select id="approval-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('approval.pin')}
          type="password"
          inputMode="numeric"
          maxLength={6}
          value={pin}
          onChange={(v) => setPin(v.replace(/\D/g, ''))}
          autoFocus
        />
        <Field label={t('approval.reason')} hint={t('approval.reasonHint')} value={reason} onChange={setReason} />
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pin.length !== 6 || reason.trim().length < 2 || !ownerId}>
            {t('approval.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The approval a form's action is waiting for, shown above that form (render it after the form's own dialog). */
export function ApprovalFor(props: { action: Action }) {
  // Re-rendered when the language changes: needText reads the current one.
  useTranslation();
  const a = props.action.approval;
  if (!a) return null;
  return (
    <ApprovalDialog
      action={needText(a.need, a.facts)}
      onApprove={a.approve}
      onDone={() => undefined}
      onClose={props.action.clear}
    />
  );
}
