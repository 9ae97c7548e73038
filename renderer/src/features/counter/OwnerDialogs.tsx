// The owner's decisions at the counter, in one dialog each with the reason (spec §3.1, §5): an exit rate for the
// cards no quote prices, and a watch-listed card let through. A clerk's dialog also asks the owner's PIN, which the
// backend checks in the same call; an owner at the counter gives only the reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, OwnerApproval, TradeLineView, TradeView } from '../../../../shared/contract';
import { parseRate } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { localName } from '../catalog/useBrands';
import { yuan } from './format';

/** The owner's name and PIN when a clerk asks (nothing when the owner is at the counter), and the reason. */
export function useOwner(focusFirst: boolean) {
  const { t } = useTranslation();
  const clerk = useApp((s) => s.status?.session?.role) !== 'owner';
  const staff = useCall('auth.staffList', {}, { refreshOn: ['staff.changed'], skip: !clerk });
  const owners = (staff.data ?? []).filter((s) => s.role === 'owner');
  const [picked, setPicked] = useState<string | null>(null);
  const ownerId = picked ?? owners[0]?.id ?? '';
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const fields = (
    <>
      {clerk && (
        <>
          <div className="field">
            <label htmlFor="owner-pick">{t('approval.owner')}</label>
            <select id="owner-pick" value={ownerId} onChange={(e) => setPicked(e.target.value)}>
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
            autoFocus={focusFirst}
            onChange={(v) => setPin(v.replace(/\D/g, ''))}
          />
        </>
      )}
      <Field
        label={t('approval.reason')}
        hint={t('approval.reasonHint')}
        value={reason}
        autoFocus={focusFirst && !clerk}
        onChange={setReason}
      />
    </>
  );
  const ready = reason.trim().length >= 2 && (!clerk || (pin.length === 6 && ownerId !== ''));
  const approval = (): OwnerApproval | undefined => (clerk ? { ownerId, pin, reason: reason.trim() } : undefined);
  return { clerk, fields, ready, reason: reason.trim(), approval, clearPin: () => setPin('') };
}

const cardName = (l: TradeLineView, lang: string) => `${localName(l, lang)} ****${l.last4}`;

/** Ctrl+M: the owner's exit rate for the cards of one waiting group (the others keep their offers). */
export function ManualExitDialog(props: {
  trade: TradeView;
  lines: TradeLineView[];
  why: 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE';
  onClose: () => void;
  onDone: (t: TradeView) => void;
}) {
  const { t, i18n } = useTranslation();
  const act = useAction();
  const owner = useOwner(false);
  const [exit, setExit] = useState('');
  const [problem, setProblem] = useState(false);
  const submit = () => {
    const exitBp = parseRate(exit);
    if (exitBp === null || exitBp <= 0) return setProblem(true);
    const approval = owner.approval();
    void act
      .run(
        'trades.offer',
        {
          tradeId: props.trade.id,
          manualExit: { exitBp, reason: owner.reason, lineIds: props.lines.map((l) => l.id) },
          ...(approval ? { ownerApproval: approval } : {}),
        },
        props.onDone,
      )
      .then((v) => v === null && owner.clearPin());
  };
  return (
    <Dialog title={t('counter.manual.title')} onClose={props.onClose}>
      <p className="warn">{t(`counter.why.${props.why}`)}</p>
      <ul className="plain">
        {props.lines.map((l) => (
          <li key={l.id}>
            {t('counter.cardAt', { n: l.position })} {cardName(l, i18n.language)} · {yuan(l.valueFen)}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => (e.preventDefault(), owner.ready && submit())}>
        <Field
          label={t('counter.manual.rate')}
          hint={t('counter.manual.rateHint')}
          value={exit}
          inputMode="numeric"
          autoFocus
          error={problem ? t('counter.manual.rateRefused') : undefined}
          onChange={(v) => (setExit(v), setProblem(false), act.clear())}
        />
        {owner.fields}
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!owner.ready || act.pending}>
            {t('counter.manual.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A card on the watch list, let through by the owner with a reason (journaled, on the compliance report). */
export function WatchOverrideDialog(props: {
  input: CallInput<'trades.addLine'>;
  onClose: () => void;
  onDone: (t: TradeView) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const owner = useOwner(true);
  const last4 = props.input.number.replace(/[\s-]/g, '').slice(-4);
  const submit = () => {
    const approval = owner.approval();
    void act
      .run(
        'trades.addLine',
        approval ? { ...props.input, ownerApproval: approval } : { ...props.input, overrideReason: owner.reason },
        props.onDone,
      )
      .then((v) => v === null && owner.clearPin());
  };
  return (
    <Dialog title={t('counter.watch.title')} onClose={props.onClose}>
      <p className="error">{t('counter.watch.why', { last4 })}</p>
      <form onSubmit={(e) => (e.preventDefault(), owner.ready && submit())}>
        {owner.fields}
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!owner.ready || act.pending}>
            {t('counter.watch.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
