// Open the day with a counted float; close it with a blind count (the expected cash shows afterwards).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useCounter } from '../../store/counter';
import { yuan } from '../counter/format';
import { countOf, DrawerCount, type CountForm } from './DrawerCount';

export function OpenDay() {
  const { t } = useTranslation();
  const { run, loadDay, error } = useCounter();
  const [form, setForm] = useState<CountForm>({});
  return (
    <section className="card open-day">
      <h2>{t('day.notOpen')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void run(() => api.call('days.open', { count: countOf(form).count }), () => void loadDay()))}>
        <DrawerCount value={form} onChange={setForm} />
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions">
          <button type="submit" className="primary">{t('day.open')}</button>
        </div>
      </form>
    </section>
  );
}

export function CloseDay(props: { onClose(): void }) {
  const { t } = useTranslation();
  const { run, loadDay, error } = useCounter();
  const [form, setForm] = useState<CountForm>({});
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<DayView | null>(null);
  const needsReason = error?.code === 'VALIDATION' && error.details.field === 'reason';
  const submit = () =>
    void run(
      (ownerApproval) => api.call('days.close', { count: countOf(form).count, reason: reason.trim() || undefined, ownerApproval }),
      (d) => (setDone(d.day), void loadDay()),
    );
  return (
    <Dialog title={t('day.closeTitle')} onClose={props.onClose}>
      {done ? (
        <>
          <dl className="facts money">
            <dt>{t('day.counted')}</dt><dd className="num">{yuan(done.countedFen ?? 0)}</dd>
            <dt>{t('day.expected')}</dt><dd className="num">{yuan(done.expectedCashFen)}</dd>
            <dt>{t('day.discrepancy')}</dt><dd className={`num ${(done.discrepancyFen ?? 0) !== 0 ? 'warn' : ''}`}>{yuan(done.discrepancyFen ?? 0)}</dd>
          </dl>
          <div className="actions"><button type="button" className="primary" onClick={props.onClose}>{t('common.close')}</button></div>
        </>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), submit())}>
          <p className="muted">{t('day.blind')}</p>
          <DrawerCount value={form} onChange={setForm} />
          {(needsReason || reason) && <Field label={t('day.reason')} value={reason} onChange={setReason} />}
          <ErrorLine text={error ? errorText(error) : null} />
          <div className="actions">
            <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
            <button type="submit" className="primary">{t('day.close')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
