// F8: the parts of the payment and the cash to hand over, rounded down once per trade (spec §1).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod, TradeView } from '../../../../shared/contract';
import { parseYuan, roundCashDown } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Dialog, ErrorLine } from '../../components/ui';
import { errorText, formatTime } from '../../i18n';
import { useOwner } from './OwnerDialogs';
import { yuan } from './format';
import { useSettingWords } from '../settings/useShopSettings';

type Method = Exclude<PaymentMethod, 'cash'>;

export function PayDialog(props: {
  trade: TradeView;
  cashAllowed: boolean;
  rounding: 'none' | 'jiao' | 'yuan';
  onClose: () => void;
  onPaid(t: TradeView): void;
}) {
  const { t } = useTranslation();
  const words = useSettingWords();
  const act = useAction();
  // At the day-total limit (spec §5) the whole payout goes by bank transfer.
  const [split, setSplit] = useState(!props.cashAllowed);
  const [method, setMethod] = useState<Method>('bank');
  const [other, setOther] = useState('');
  const [reference, setReference] = useState('');
  const requestId = useMemo(() => crypto.randomUUID(), []);
  const payout = props.trade.payoutFen;
  const otherFen = !props.cashAllowed ? props.trade.payoutFen : split ? (parseYuan(other) ?? 0) : 0;
  const { cashFen, roundingFen } = roundCashDown(Math.max(0, payout - otherFen), props.rounding);
  const parts = [
    ...(cashFen > 0 ? [{ method: 'cash' as const, amountFen: cashFen }] : []),
    ...(split && otherFen > 0 ? [{ method, amountFen: otherFen, reference }] : []),
  ];
  const submit = () =>
    void (!act.pending && act.run('trades.pay', { tradeId: props.trade.id, requestId, parts }, (v) => props.onPaid(v)));
  // Another shop of the chain bought a card: the owner may let it through with a reason (journaled).
  const [override, setOverride] = useState(false);
  const chainHit = act.error?.code === 'CHAIN_DUPLICATE';
  if (override && act.error?.code === 'CHAIN_DUPLICATE') {
    const d = act.error.details;
    return (
      <ChainOverride
        line={typeof d.line === 'number' ? d.line : 0}
        last4={typeof d.last4 === 'string' ? d.last4 : ''}
        shop={typeof d.shopName === 'string' ? d.shopName : ''}
        when={typeof d.paidAt === 'string' && d.paidAt !== '' ? formatTime(d.paidAt) : ''}
        input={{ tradeId: props.trade.id, requestId, parts }}
        onClose={() => setOverride(false)}
        onPaid={(v) => props.onPaid(v)}
      />
    );
  }
  return (
    <>
      <Dialog title={t('payment.title')} onClose={props.onClose}>
        <form
          onSubmit={(e) => (e.preventDefault(), submit())}
          onKeyDown={(e) => e.key === 'F8' && (e.preventDefault(), submit())}
        >
          <dl className="facts money">
            <dt>{t('payment.payout')}</dt>
            <dd className="num">{yuan(payout)}</dd>
          </dl>
          {props.cashAllowed ? (
            <label className="check">
              <input type="checkbox" checked={split} onChange={(e) => setSplit(e.target.checked)} />
              {t('payment.split')}
            </label>
          ) : (
            <p className="warn">{words.bankOnly()}</p>
          )}
          {split && (
            <div className="row3">
              <div className="field">
                <label htmlFor="pay-method">{t('payment.method')}</label>
                <select id="pay-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                  <option value="bank">{t('payment.methods.bank')}</option>
                  {props.cashAllowed && <option value="wechat">{t('payment.methods.wechat')}</option>}
                  {props.cashAllowed && <option value="alipay">{t('payment.methods.alipay')}</option>}
                </select>
              </div>
              <div className="field">
                <label htmlFor="pay-amount">{t('payment.amount')}</label>
                <input
                  id="pay-amount"
                  className="num"
                  value={props.cashAllowed ? other : yuan(props.trade.payoutFen).slice(1)}
                  readOnly={!props.cashAllowed}
                  onChange={(e) => setOther(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="pay-ref">{t('payment.reference')}</label>
                <input id="pay-ref" value={reference} onChange={(e) => setReference(e.target.value)} />
              </div>
            </div>
          )}
          <dl className="facts money">
            <dt>{t('payment.cashToHand')}</dt>
            <dd className="num big" data-testid="cash-to-hand">
              {yuan(cashFen)}
            </dd>
            {roundingFen > 0 && (
              <>
                <dt>{t('payment.rounding')}</dt>
                <dd className="num">{yuan(roundingFen)}</dd>
              </>
            )}
          </dl>
          <ErrorLine text={act.error ? errorText(act.error) : null} />
          {chainHit && (
            <button type="button" className="warn-btn" autoFocus onClick={() => setOverride(true)}>
              {t('counter.chain.ask')}
            </button>
          )}
          <div className="actions">
            <button type="button" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" autoFocus disabled={parts.length === 0}>
              {t('payment.confirm')}
            </button>
          </div>
        </form>
      </Dialog>
      <ApprovalFor action={act} />
    </>
  );
}

/** The owner lets through a card another shop of the chain bought, with a reason, and the trade is paid. */
function ChainOverride(props: {
  line: number;
  last4: string;
  shop: string;
  when: string;
  input: {
    tradeId: string;
    requestId: string;
    parts: { method: PaymentMethod; amountFen: number; reference?: string }[];
  };
  onClose: () => void;
  onPaid: (t: TradeView) => void;
}) {
  const { t } = useTranslation();
  const act = useAction();
  const owner = useOwner(true);
  const submit = () => {
    const approval = owner.approval();
    void act
      .run(
        'trades.pay',
        // The reason is the override's; a clerk's call also carries the owner's PIN.
        {
          ...props.input,
          overrideReason: approval?.reason ?? owner.reason,
          ...(approval ? { ownerApproval: approval } : {}),
        },
        props.onPaid,
      )
      .then((v) => v === null && owner.clearPin());
  };
  return (
    <Dialog title={t('counter.chain.title')} onClose={props.onClose}>
      <p className="error">
        {t('counter.chain.why', { line: props.line, last4: props.last4, shop: props.shop, when: props.when })}
      </p>
      <form onSubmit={(e) => (e.preventDefault(), owner.ready && submit())}>
        {owner.fields}
        <ErrorLine text={act.error ? errorText(act.error) : null} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!owner.ready || act.pending}>
            {t('counter.chain.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
