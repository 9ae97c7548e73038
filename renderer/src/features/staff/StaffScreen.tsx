// The owner's staff screen: add people, correct their name and mobile, change roles, deactivate, reset PINs,
// lift lockouts.
import { isWeakPin } from '../../../../shared/domain/pin';
import { PinField } from '../../components/PinField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { useApp } from '../../store/app';

export function StaffScreen() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const staff = useCall('staff.list', {}, { refreshOn: ['staff.changed'] });
  const list = staff.data ?? [];
  const [adding, setAdding] = useState(false);
  const [resetFor, setResetFor] = useState<StaffView | null>(null);
  const [editing, setEditing] = useState<StaffView | null>(null);
  const [phones, setPhones] = useState<Record<string, string>>({});
  // The table's buttons are one form: a refusal (the last owner, say) shows above the table.
  const act = useAction();
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('staff.add')}
        </button>
      </div>
      <Refusal action={act} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('staff.name')}</th>
            <th>{t('staff.role')}</th>
            <th>{t('staff.phone')}</th>
            <th>{t('staff.state')}</th>
            <th>{t('staff.actions')}</th>
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
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void act.run('staff.revealPhone', { staffId: s.id }, (v) =>
                        setPhones((p) => ({ ...p, [s.id]: v.phone })),
                      )
                    }
                  >
                    {t('staff.reveal')}
                  </button>
                )}
              </td>
              <td>
                {s.lockedUntil ? (
                  <span className="warn">{t('staff.locked', { time: formatTime(s.lockedUntil) })}</span>
                ) : s.active ? (
                  t('staff.active')
                ) : (
                  t('staff.inactive')
                )}
              </td>
              <td className="row-actions">
                <button type="button" onClick={() => setEditing(s)}>
                  {t('staff.edit')}
                </button>
                <button type="button" onClick={() => setResetFor(s)}>
                  {t('staff.resetPin')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void act.run('staff.update', { staffId: s.id, role: s.role === 'owner' ? 'clerk' : 'owner' })
                  }
                >
                  {s.role === 'owner' ? t('staff.makeClerk') : t('staff.makeOwner')}
                </button>
                <button
                  type="button"
                  onClick={() => void act.run('staff.update', { staffId: s.id, active: !s.active })}
                >
                  {s.active ? t('staff.deactivate') : t('staff.activate')}
                </button>
                {s.lockedUntil && (
                  <button type="button" onClick={() => void act.run('staff.clearLockout', { staffId: s.id })}>
                    {t('staff.unlock')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length <= 1 && <p className="muted empty">{t('staff.empty')}</p>}
      {adding && (
        <AddStaff
          onClose={() => setAdding(false)}
          onAdded={(name) => (setAdding(false), notify('ok', t('staff.added', { name })))}
        />
      )}
      {editing && (
        <EditStaff
          person={editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => (setEditing(null), notify('ok', t('staff.saved', { name })))}
        />
      )}
      {resetFor && (
        <ResetPin
          person={resetFor}
          onClose={() => setResetFor(null)}
          onDone={() => (notify('ok', t('staff.pinReset', { name: resetFor.name })), setResetFor(null))}
        />
      )}
    </section>
  );
}

function AddStaff(props: { onClose: () => void; onAdded(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'clerk' | 'owner'>('clerk');
  const [pin, setPin] = useState('');
  const [phone, setPhone] = useState('');
  const act = useAction();
  const submit = () => void act.run('staff.add', { name, role, pin, phone }, (v) => props.onAdded(v.name));
  return (
    <Dialog title={t('staff.add')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Field label={t('staff.name')} value={name} onChange={setName} autoFocus />
        <div className="field">
          <label htmlFor="add-role">{t('staff.role')}</label>
          <select id="add-role" value={role} onChange={(e) => setRole(e.target.value === 'owner' ? 'owner' : 'clerk')}>
            <option value="clerk">{t('roles.clerk')}</option>
            <option value="owner">{t('roles.owner')}</option>
          </select>
        </div>
        <PinField label={t('staff.pin')} value={pin} onChange={setPin} />
        <Field label={`${t('staff.phone')}（${t('common.optional')}）`} type="tel" value={phone} onChange={setPhone} />
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!name.trim() || pin.length !== 6 || isWeakPin(pin)}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A name or mobile number corrected; a blank mobile keeps the one on record. */
function EditStaff(props: { person: StaffView; onClose: () => void; onSaved(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.person.name);
  const [phone, setPhone] = useState('');
  const act = useAction();
  const submit = () =>
    void act.run(
      'staff.update',
      { staffId: props.person.id, name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) },
      (v) => props.onSaved(v.name),
    );
  return (
    <Dialog title={`${t('staff.edit')} · ${props.person.name}`} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Field label={t('staff.name')} value={name} onChange={setName} autoFocus />
        <Field
          label={
            props.person.phoneMasked ? t('staff.newPhoneFor', { masked: props.person.phoneMasked }) : t('staff.phone')
          }
          type="tel"
          value={phone}
          onChange={setPhone}
        />
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPin(props: { person: StaffView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const act = useAction();
  const submit = () => void act.run('staff.resetPin', { staffId: props.person.id, newPin: pin }, props.onDone);
  return (
    <Dialog title={`${t('staff.resetPin')} · ${props.person.name}`} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <PinField label={t('staff.newPin')} value={pin} onChange={setPin} autoFocus />
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={pin.length !== 6 || isWeakPin(pin)}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
