// The owner's staff screen: add people, change roles, deactivate, reset PINs, lift lockouts.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, StaffView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText, formatTime } from '../../i18n';
import { useApp } from '../../store/app';

export function StaffScreen() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [list, setList] = useState<StaffView[]>([]);
  const [adding, setAdding] = useState(false);
  const [resetFor, setResetFor] = useState<StaffView | null>(null);
  const [phones, setPhones] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    void api.call('staff.list', {}).then((r) => r.ok && setList(r.value));
  }, []);
  useEffect(() => {
    load();
    return api.on((e) => e.name === 'staff.changed' && load());
  }, [load]);
  const act = async (p: Promise<{ ok: boolean; error?: ErrorBody }>) => {
    const r = await p;
    if (!r.ok && r.error) notify('error', errorText(r.error));
    load();
  };
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <button type="button" className="primary" onClick={() => setAdding(true)}>{t('staff.add')}</button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('staff.name')}</th><th>{t('staff.role')}</th><th>{t('staff.phone')}</th><th>{t('staff.state')}</th><th>{t('staff.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} className={s.active ? '' : 'inactive'}>
              <td>{s.name}</td>
              <td>{t(`roles.${s.role}`)}</td>
              <td className="mono">
                {phones[s.id] ?? s.phoneMasked}
                {s.phoneMasked && !phones[s.id] && (
                  <button type="button" className="link" onClick={() => void api.call('staff.revealPhone', { staffId: s.id }).then((r) =>
                    r.ok ? setPhones({ ...phones, [s.id]: r.value.phone }) : notify('error', errorText(r.error)))}>
                    {t('staff.reveal')}
                  </button>
                )}
              </td>
              <td>{s.lockedUntil ? <span className="warn">{t('staff.locked', { time: formatTime(s.lockedUntil) })}</span> : s.active ? t('staff.active') : t('staff.inactive')}</td>
              <td className="row-actions">
                <button type="button" onClick={() => setResetFor(s)}>{t('staff.resetPin')}</button>
                <button type="button" onClick={() => void act(api.call('staff.update', { staffId: s.id, role: s.role === 'owner' ? 'clerk' : 'owner' }))}>
                  {s.role === 'owner' ? t('staff.makeClerk') : t('staff.makeOwner')}
                </button>
                <button type="button" onClick={() => void act(api.call('staff.update', { staffId: s.id, active: !s.active }))}>
                  {s.active ? t('staff.deactivate') : t('staff.activate')}
                </button>
                {s.lockedUntil && <button type="button" onClick={() => void act(api.call('staff.clearLockout', { staffId: s.id }))}>{t('staff.unlock')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length <= 1 && <p className="muted empty">{t('staff.empty')}</p>}
      {adding && <AddStaff onClose={() => setAdding(false)} onAdded={(name) => (setAdding(false), notify('ok', t('staff.added', { name })), load())} />}
      {resetFor && <ResetPin person={resetFor} onClose={() => setResetFor(null)} onDone={() => (notify('ok', t('staff.pinReset', { name: resetFor.name })), setResetFor(null), load())} />}
    </section>
  );
}

function AddStaff(props: { onClose: () => void; onAdded(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'clerk' | 'owner'>('clerk');
  const [pin, setPin] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    const r = await api.call('staff.add', { name, role, pin, phone });
    if (!r.ok) return setError(r.error);
    props.onAdded(r.value.name);
  };
  return (
    <Dialog title={t('staff.add')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label={t('staff.name')} value={name} onChange={setName} autoFocus />
        <div className="field">
          <label htmlFor="add-role">{t('staff.role')}</label>
          <select id="add-role" value={role} onChange={(e) => setRole(e.target.value === 'owner' ? 'owner' : 'clerk')}>
            <option value="clerk">{t('roles.clerk')}</option>
            <option value="owner">{t('roles.owner')}</option>
          </select>
        </div>
        <Field label={t('staff.pin')} type="password" inputMode="numeric" maxLength={6} value={pin} onChange={(v) => setPin(v.replace(/\D/g, ''))} />
        <Field label={`${t('staff.phone')}（${t('common.optional')}）`} type="tel" value={phone} onChange={setPhone} />
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={!name.trim() || pin.length !== 6}>{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPin(props: { person: StaffView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    const r = await api.call('staff.resetPin', { staffId: props.person.id, newPin: pin });
    if (!r.ok) return setError(r.error);
    props.onDone();
  };
  return (
    <Dialog title={`${t('staff.resetPin')} · ${props.person.name}`} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Field label={t('staff.newPin')} type="password" inputMode="numeric" maxLength={6} value={pin} onChange={(v) => setPin(v.replace(/\D/g, ''))} autoFocus />
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={pin.length !== 6}>{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
