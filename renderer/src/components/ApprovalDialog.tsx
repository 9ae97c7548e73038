// The owner approves on the spot: the dialog says why, the owner picks their name, types PIN and reason.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, OwnerApproval, Result, StaffListItem } from '../../../shared/contract';
import { api } from '../api/client';
import { errorText } from '../i18n';
import { Dialog, ErrorLine, Field } from './ui';

export function ApprovalDialog(props: {
  /** What needs the owner, in words already translated. */
  action: string;
  onApprove: (a: OwnerApproval) => Promise<Result<unknown>>;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [owners, setOwners] = useState<StaffListItem[]>([]);
  const [ownerId, setOwnerId] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  useEffect(() => {
    void api.call('auth.staffList', {}).then((r) => {
      if (!r.ok) return;
      const list = r.value.filter((s) => s.role === 'owner');
      setOwners(list);
      setOwnerId(list[0]?.id ?? '');
    });
  }, []);
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
        <Field label={t('approval.pin')} type="password" inputMode="numeric" maxLength={6} value={pin} onChange={(v) => setPin(v.replace(/\D/g, ''))} autoFocus />
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
