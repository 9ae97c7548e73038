// The drawer through the day: open with a counted float, cash in and out, a shift handover with a blind count,
// the evening close (count → the discrepancy → one recount → a reason and the owner only if still above the
// threshold → seal), the unpaid trades listed at handover and voided by the close, the counter after the seal,
// and the morning after a day left open past its cut-off.
import { dayFigures } from '../../../../shared/domain/day-figures';
import { DayFiguresList } from '../../components/DayFigures';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayClosed, DayCounted, DayView, ShiftView, UnpaidTradeView } from '../../../../shared/contract';
import { addDays } from '../../../../shared/domain/dates';
import { parseYuan } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { yuan } from '../counter/format';
import { countOf, DrawerCount, type CountForm } from './DrawerCount';

const z4 = (n: number | null) => String(n ?? '').padStart(4, '0');

export function OpenDay(props: { title?: string }) {
  const { t } = useTranslation();
  const act = useAction();
  const [form, setForm] = useState<CountForm>({});
  return (
    <section className="card open-day">
      <h2>{props.title ?? t('day.notOpen')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void act.run('days.open', { count: countOf(form).count }))}>
        <DrawerCount value={form} onChange={(f) => (setForm(f), act.clear())} />
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

/**
 * The counter after the seal, until the cut-off of the sealed date (ux.md: no dead ends): the day is sealed with
 * its Z number and trading resumes on the next business date — which may open now once midnight has passed.
 */
export function SealedToday(props: { day: DayView }) {
  const { t } = useTranslation();
  const next = addDays(props.day.businessDate, 1);
  return (
    <section className="card open-day sealed-today">
      <h2 className="ok" data-testid="sealed-today">
        {t('day.sealedToday', { z: z4(props.day.zNumber) })}
      </h2>
      <p>{t('day.resumes', { date: props.day.businessDate, next })}</p>
      {props.day.pastMidnight && <OpenDay title={t('day.openNext', { next })} />}
    </section>
  );
}

/** The trades not yet paid, listed at handover (they stay) and at close (voided there with one reason). */
export function UnpaidList(props: { unpaid: UnpaidTradeView[]; note: string }) {
  const { t } = useTranslation();
  if (props.unpaid.length === 0) return null;
  return (
    <div className="warn unpaid" data-testid="unpaid">
      <h3>{t('day.unpaidTitle', { n: props.unpaid.length })}</h3>
      <ul className="plain">
        {props.unpaid.map((u) => (
          <li key={u.id}>
            {t('day.unpaidLine', {
              time: formatTime(u.createdAt).slice(-8, -3),
              staff: u.staffName,
              cards: u.cards,
              status: t(`trades.statuses.${u.status}`),
              offer: yuan(u.offerFen),
            })}
          </li>
        ))}
      </ul>
      <p className="muted">{props.note}</p>
    </div>
  );
}

function useUnpaid(): UnpaidTradeView[] {
  return useCall('days.unpaid', {}, { refreshOn: ['trades.changed', 'day.changed'] }).data ?? [];
}

/** What the seal produced: the count against the expected cash, the Z number, and what happens next. */
function Sealed(props: { closed: DayClosed; onClose: () => void; rolledOver?: boolean }) {
  const { t } = useTranslation();
  const owner = useApp((s) => s.status?.session?.role === 'owner');
  const go = useApp((s) => s.go);
  const renew = useAction();
  const [renewed, setRenewed] = useState(false);
  const { day, report } = props.closed;
  return (
    <>
      <p className="ok" role="status">
        {t('drawer.sealed', { z: z4(report.zNumber) })} · {t('drawer.zPrinting')}
      </p>
      {!props.rolledOver && <p>{t('day.resumes', { date: day.businessDate, next: addDays(day.businessDate, 1) })}</p>}
      <dl className="facts money">
        <dt>{t('day.counted')}</dt>
        <dd className="num">{yuan(day.countedFen ?? 0)}</dd>
        <dt>{t('day.expected')}</dt>
        <dd className="num">{day.expectedCashFen === null ? '' : yuan(day.expectedCashFen)}</dd>
        <dt>{t('day.discrepancy')}</dt>
        <dd className={`num ${(day.discrepancyFen ?? 0) !== 0 ? 'warn' : ''}`} data-testid="close-discrepancy">
          {yuan(day.discrepancyFen ?? 0)}
        </dd>
      </dl>
      <DayFiguresList
        figures={dayFigures(report)}
        only={['trades', 'payoutFen', 'roundingFen', 'voidedPayoutFen', 'netPayoutFen', 'afterSaleEvents']}
      />
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

/**
 * The evening close (ux.md "The owner's evening"): count blind → the discrepancy shown → one recount → a reason and
 * the owner only if still above the threshold → seal. Every count is kept and printed on the Z-report; the unpaid
 * trades are listed and voided with one reason.
 */
export function CloseDay(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const counter = useAction();
  const closer = useAction();
  const unpaid = useUnpaid();
  const [form, setForm] = useState<CountForm>({});
  const [counts, setCounts] = useState<DayCounted[]>([]);
  const [recount, setRecount] = useState(false);
  const [reason, setReason] = useState('');
  const [voidReason, setVoidReason] = useState('');
  const [done, setDone] = useState<DayClosed | null>(null);
  const last = counts[counts.length - 1];
  const counting = !last || recount;
  const needReason = last !== undefined && last.aboveThreshold && !last.recountAllowed;
  const canClose =
    last !== undefined &&
    (!last.aboveThreshold || !last.recountAllowed) &&
    (!needReason || reason.trim().length >= 2) &&
    (unpaid.length === 0 || voidReason.trim().length >= 2);
  const count = () =>
    void counter.run('days.count', { count: countOf(form).count }, (c) => {
      setCounts([...counts, c]);
      setRecount(false);
      setForm({});
    });
  const close = () =>
    void closer.run(
      'days.close',
      {
        ...(needReason ? { reason: reason.trim() } : {}),
        ...(unpaid.length > 0 ? { voidReason: voidReason.trim() } : {}),
      },
      setDone,
    );
  const limit = last ? yuan(last.thresholdFen) : '';
  return (
    <>
      <Dialog title={t('day.closeTitle')} onClose={props.onClose}>
        {done ? (
          <Sealed closed={done} onClose={props.onClose} />
        ) : (
          <>
            <UnpaidList unpaid={unpaid} note={t('day.unpaidCloseNote')} />
            {unpaid.length > 0 && <Field label={t('day.voidReason')} value={voidReason} onChange={setVoidReason} />}
            {/* The counts before the one shown below (all of them while recounting). */}
            {counts.length > (counting ? 0 : 1) && (
              <ol className="plain counts muted" data-testid="counts">
                {(counting ? counts : counts.slice(0, -1)).map((c) => (
                  <li key={c.seq}>
                    {t('day.countLine', {
                      n: c.seq,
                      counted: yuan(c.countedFen),
                      expected: yuan(c.expectedFen),
                      diff: yuan(c.discrepancyFen),
                    })}
                  </li>
                ))}
              </ol>
            )}
            {counting ? (
              <form onSubmit={(e) => (e.preventDefault(), count())}>
                <p className="muted">{recount ? t('day.recountBlind') : t('day.blind')}</p>
                <DrawerCount value={form} onChange={(f) => (setForm(f), counter.clear())} />
                <Refusal action={counter} />
                <div className="actions">
                  <button type="button" onClick={props.onClose}>
                    {t('common.cancel')}
                  </button>
                  <button type="submit" className="primary">
                    {t('day.countDone')}
                  </button>
                </div>
              </form>
            ) : (
              <form onSubmit={(e) => (e.preventDefault(), canClose && close())}>
                <dl className="facts money">
                  <dt>{t('day.counted')}</dt>
                  <dd className="num">{yuan(last.countedFen)}</dd>
                  <dt>{t('day.expected')}</dt>
                  <dd className="num">{yuan(last.expectedFen)}</dd>
                  <dt>{t('day.discrepancy')}</dt>
                  <dd className={`num ${last.aboveThreshold ? 'warn' : ''}`} data-testid="count-discrepancy">
                    {yuan(last.discrepancyFen)}
                  </dd>
                </dl>
                <p className={last.aboveThreshold ? 'warn' : 'ok'} role="status">
                  {!last.aboveThreshold
                    ? t('day.withinThreshold', { limit })
                    : last.recountAllowed
                      ? t('day.aboveRecount', { limit })
                      : t('day.aboveReason', { limit })}
                </p>
                {needReason && <Field label={t('day.reason')} value={reason} onChange={setReason} autoFocus />}
                <Refusal action={closer} />
                <div className="actions">
                  <button type="button" onClick={props.onClose}>
                    {t('common.cancel')}
                  </button>
                  {last.aboveThreshold && last.recountAllowed ? (
                    <button type="button" className="primary" onClick={() => (setRecount(true), closer.clear())}>
                      {t('day.recount')}
                    </button>
                  ) : (
                    <button type="submit" className="primary" disabled={!canClose}>
                      {t('day.close')}
                    </button>
                  )}
                </div>
              </form>
            )}
          </>
        )}
      </Dialog>
      <ApprovalFor action={counter} />
      <ApprovalFor action={closer} />
    </>
  );
}

/** A day left open: close it with the drawer as found, and open today with that count as the float. */
export function Rollover(props: { day: DayView; onClose: () => void }) {
  const { t } = useTranslation();
  // The day being rolled over, as it was when the dialog opened: once rolled over, the window's day is today's.
  const [day] = useState(props.day);
  const act = useAction();
  const unpaid = useUnpaid();
  const [form, setForm] = useState<CountForm>({});
  const [reason, setReason] = useState('');
  const [voidReason, setVoidReason] = useState('');
  const [done, setDone] = useState<{ closed: DayClosed; opened: DayView } | null>(null);
  // The owner closing it with the drawer off gives the reason (a clerk's large discrepancy waits for the owner).
  const needsReason = (act.error?.code === 'VALIDATION' && act.error.details.field === 'reason') || reason !== '';
  return (
    <>
      <Dialog title={t('drawer.rolloverTitle', { date: day.businessDate })} onClose={props.onClose}>
        {done ? (
          <>
            <p className="ok" role="status">
              {t('drawer.rolledOver', { date: day.businessDate, float: yuan(done.opened.floatFen) })}
            </p>
            <Sealed closed={done.closed} onClose={props.onClose} rolledOver />
          </>
        ) : (
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              void act.run(
                'days.rollover',
                {
                  count: countOf(form).count,
                  ...(reason.trim() ? { reason: reason.trim() } : {}),
                  ...(unpaid.length > 0 ? { voidReason: voidReason.trim() } : {}),
                },
                setDone,
              )
            )}
          >
            <p className="muted">{t('drawer.leftOpen', { date: day.businessDate, cutoff: day.cutoff })}</p>
            <UnpaidList unpaid={unpaid} note={t('day.unpaidCloseNote')} />
            {unpaid.length > 0 && <Field label={t('day.voidReason')} value={voidReason} onChange={setVoidReason} />}
            <DrawerCount value={form} onChange={(f) => (setForm(f), act.clear())} />
            {needsReason && <Field label={t('day.reason')} value={reason} onChange={setReason} autoFocus />}
            <Refusal action={act} />
            <div className="actions">
              <button type="button" onClick={props.onClose}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('drawer.rollover', { date: day.businessDate })}
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
  const unpaid = useUnpaid();
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
            <UnpaidList unpaid={unpaid} note={t('day.unpaidHandoverNote')} />
            <p className="muted">{t('day.blind')}</p>
            <DrawerCount value={form} onChange={(f) => (setForm(f), act.clear())} />
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
