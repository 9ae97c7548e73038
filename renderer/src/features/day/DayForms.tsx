// The drawer through the day: open with a counted float, cash in and out, a shift handover with a blind count,
// close and seal with a blind count (the expected cash shows afterwards), and the morning after a day left open.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayClosed, DayView, ShiftView } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { yuan } from '../counter/format';
import { countOf, DrawerCount, type CountForm } from './DrawerCount';

export function OpenDay() {
  const { t } = useTranslation();
  const act = useAction();
  const [form, setForm] = useState<CountForm>({});
  return (
    <section className="card open-day">
      <h2>{t('day.notOpen')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void act.run('days.open', { count: countOf(form).count }))}>
        <DrawerCount value={form} onChange={setForm} />
        <Refusal action={act} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('day.open')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** What the seal produced: the count against the expected cash, the Z number, and what happens next. */
function Sealed(props: { closed: DayClosed; onClose: () => void }) {
  const { t } = useTranslation();
  const owner = useApp((s) => s.status?.session?.role === 'owner');
  const go = useApp((s) => s.go);
  const renew = useAction();
  const [renewed, setRenewed] = useState(false);
  const { day, report } = props.closed;
  return (
    <>
      <p className="ok" role="status">
        {t('drawer.sealed', { z: String(report.zNumber ?? '').padStart(4, '0') })} · {t('drawer.zPrinting')}
      </p>
      <dl className="facts money">
        <dt>{t('day.counted')}</dt>
        <dd className="num">{yuan(day.countedFen ?? 0)}</dd>
        <dt>{t('day.expected')}</dt>
        <dd className="num">{day.expectedCashFen === null ? '' : yuan(day.expectedCashFen)}</dd>
        <dt>{t('day.discrepancy')}</dt>
        <dd className={`num ${(day.discrepancyFen ?? 0) !== 0 ? 'warn' : ''}`} data-testid="close-discrepancy">
          {yuan(day.discrepancyFen ?? 0)}
        </dd>
        <dt>{t('ledger.payout')}</dt>
        <dd className="num">{yuan(report.netPayoutFen)}</dd>
      </dl>
      {day.pendingOwner && <p className="warn">{t('drawer.sealedPending')}</p>}
      <div className="actions">
        {owner && !renewed && (
          <button type="button" onClick={() => void renew.run('quotes.renew', {}, () => setRenewed(true))}>
            {t('drawer.quotesStill')}
          </button>
        )}
        {renewed && <span className="ok">{t('drawer.quotesRenewed')}</span>}
        {owner && (
          <button type="button" onClick={() => (go('ledger'), props.onClose())}>
            {t('drawer.showReport')}
          </button>
        )}
        <button type="button" className="primary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
      <Refusal action={renew} />
    </>
  );
}

export function CloseDay(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [form, setForm] = useState<CountForm>({});
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<DayClosed | null>(null);
  const needsReason = act.error?.code === 'VALIDATION' && act.error.details.field === 'reason';
  const submit = () =>
    void act.run('days.close', { count: countOf(form).count, reason: reason.trim() || undefined }, setDone);
  return (
    <>
      <Dialog title={t('day.closeTitle')} onClose={props.onClose}>
        {done ? (
          <Sealed closed={done} onClose={props.onClose} />
        ) : (
          <form onSubmit={(e) => (e.preventDefault(), submit())}>
            <p className="muted">{t('day.blind')}</p>
            <DrawerCount value={form} onChange={setForm} />
            {(needsReason || reason) && <Field label={t('day.reason')} value={reason} onChange={setReason} />}
            <Refusal action={act} />
            <div className="actions">
              <button type="button" onClick={props.onClose}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('day.close')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}

/** A day left open: close it with the drawer as found, and open today with that count as the float. */
export function Rollover(props: { day: DayView; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [form, setForm] = useState<CountForm>({});
  const [done, setDone] = useState<{ closed: DayClosed; opened: DayView } | null>(null);
  return (
    <>
      <Dialog title={t('drawer.rolloverTitle', { date: props.day.businessDate })} onClose={props.onClose}>
        {done ? (
          <>
            <p className="ok" role="status">
              {t('drawer.rolledOver', { date: props.day.businessDate, float: yuan(done.opened.floatFen) })}
            </p>
            <Sealed closed={done.closed} onClose={props.onClose} />
          </>
        ) : (
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              void act.run('days.rollover', { count: countOf(form).count }, setDone)
            )}
          >
            <p className="muted">{t('drawer.leftOpen', { date: props.day.businessDate })}</p>
            <DrawerCount value={form} onChange={setForm} />
            <Refusal action={act} />
            <div className="actions">
              <button type="button" onClick={props.onClose}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('drawer.rollover', { date: props.day.businessDate })}
              </button>
            </div>
          </form>
        )}
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}

export function CashDialog(props: { day: DayView; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const fen = parseYuan(amount);
  const submit = () => void act.run('days.cash', { kind, amountFen: fen ?? 0, reason: reason.trim() }, props.onClose);
  return (
    <>
      <Dialog title={t('drawer.cash')} onClose={props.onClose}>
        <form onSubmit={(e) => (e.preventDefault(), submit())}>
          <div className="segmented" role="radiogroup" aria-label={t('drawer.kind')}>
            {(['in', 'out'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                className={kind === k ? 'active' : ''}
                onClick={() => setKind(k)}
              >
                {t(k === 'in' ? 'drawer.cashIn' : 'drawer.cashOut')}
              </button>
            ))}
          </div>
          <Field label={t('drawer.amount')} value={amount} onChange={setAmount} inputMode="numeric" autoFocus />
          <Field label={t('drawer.reason')} value={reason} onChange={setReason} />
          <Refusal action={act} />
          <h3>{t('drawer.movements')}</h3>
          {props.day.movements.length === 0 ? (
            <p className="muted">{t('drawer.none')}</p>
          ) : (
            <ul className="plain">
              {props.day.movements.map((m) => (
                <li key={m.id}>
                  <span className="num">
                    {m.kind === 'in' ? '+' : '−'}
                    {yuan(m.amountFen)}
                  </span>{' '}
                  {m.reason} · {m.staffName}
                  {m.approvedByName ? ` (${m.approvedByName})` : ''}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={fen === null || fen <= 0 || reason.trim().length < 2}>
              {t(kind === 'in' ? 'drawer.cashIn' : 'drawer.cashOut')}
            </button>
          </div>
        </form>
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}

export function HandoverDialog(props: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [form, setForm] = useState<CountForm>({});
  const [done, setDone] = useState<ShiftView | null>(null);
  return (
    <>
      <Dialog title={t('drawer.handoverTitle')} onClose={props.onClose}>
        {done ? (
          <>
            <p role="status">
              {t('drawer.handoverDone', {
                counted: yuan(done.countedFen),
                expected: yuan(done.expectedFen),
                diff: yuan(done.discrepancyFen),
              })}
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={props.onDone}>
                {t('top.logout')}
              </button>
            </div>
          </>
        ) : (
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              void act.run('days.handover', { count: countOf(form).count }, setDone)
            )}
          >
            <p className="muted">{t('day.blind')}</p>
            <DrawerCount value={form} onChange={setForm} />
            <Refusal action={act} />
            <div className="actions">
              <button type="button" onClick={props.onClose}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('drawer.handover')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}
