// One card after the sale (spec §8): money received for it with a reason (below V × the batch rate it was paid
// short, 余额不符), or the platform rejected it (卡片无效) — in stock, in a batch or already paid for, when what it
// brought is clawed back. A loss offers the card and the customer's ID for the watch list in the same step.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockCardView } from '../../../../shared/contract';
import { parseYuan, yuanInput } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { yuan } from '../counter/format';
import { refreshResale } from './refresh';

const cardLabel = (c: StockCardView) => `${c.tradeNo} ****${c.last4}`;

/** The watch-list offer of a loss: the card always, the customer's ID when one is on record. */
function WatchOffer(props: {
  card: StockCardView;
  watchCard: boolean;
  watchId: boolean;
  onCard: (v: boolean) => void;
  onId: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="watch-offer">
      <legend>{t('resale.watchOffer')}</legend>
      <label className="check">
        <input type="checkbox" checked={props.watchCard} onChange={(e) => props.onCard(e.target.checked)} />{' '}
        {t('resale.watchCard')}
      </label>
      {props.card.customerIdMasked ? (
        <label className="check">
          <input type="checkbox" checked={props.watchId} onChange={(e) => props.onId(e.target.checked)} />{' '}
          {t('resale.watchId', { id: props.card.customerIdMasked })}
        </label>
      ) : (
        <p className="muted">{t('resale.watchNoId')}</p>
      )}
    </fieldset>
  );
}

export function InvalidDialog(props: { card: StockCardView; onClose: () => void }) {
  const { t } = useTranslation();
  const c = props.card;
  const [reason, setReason] = useState('');
  const [watchCard, setWatchCard] = useState(true);
  const [watchId, setWatchId] = useState(c.customerIdMasked !== null);
  const act = useAction();
  const save = () =>
    void act.run('resale.invalid', { lineId: c.lineId, reason: reason.trim(), watchCard, watchId }, () => {
      refreshResale();
      props.onClose();
    });
  return (
    <Dialog title={t('resale.invalidTitle', { card: cardLabel(c) })} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <p>{t('resale.invalidBody', { cost: yuan(c.payoutFen), tradeNo: c.tradeNo, clerk: c.clerkName })}</p>
        {c.state === 'settled' && (c.proceedsFen ?? 0) !== 0 && (
          <p className="warn-line">{t('resale.invalidClawback', { amount: yuan(c.proceedsFen ?? 0) })}</p>
        )}
        <Field label={t('resale.reason')} value={reason} onChange={setReason} autoFocus />
        <WatchOffer card={c} watchCard={watchCard} watchId={watchId} onCard={setWatchCard} onId={setWatchId} />
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('resale.cancel')}
          </button>
          <button type="submit" className="primary" disabled={act.pending || reason.trim().length < 2}>
            {t('resale.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function SettleCardDialog(props: { card: StockCardView; onClose: () => void }) {
  const { t } = useTranslation();
  const c = props.card;
  const [amount, setAmount] = useState(c.expectedFen !== null ? yuanInput(c.expectedFen) : '');
  const [reason, setReason] = useState('');
  const [watchCard, setWatchCard] = useState(false);
  const [watchId, setWatchId] = useState(false);
  const act = useAction();
  const fen = parseYuan(amount);
  const short = c.expectedFen !== null && fen !== null ? Math.max(0, c.expectedFen - fen) : 0;
  const save = () =>
    void act.run(
      'resale.settleCard',
      { lineId: c.lineId, amountFen: fen ?? 0, reason: reason.trim(), watchCard, watchId },
      () => {
        refreshResale();
        props.onClose();
      },
    );
  return (
    <Dialog title={t('resale.settleTitle', { card: cardLabel(c) })} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        {c.expectedFen !== null && (
          <p>
            {t('resale.expectedCard')} <span className="num">{yuan(c.expectedFen)}</span>
          </p>
        )}
        <Field label={t('resale.cardAmount')} value={amount} onChange={setAmount} inputMode="numeric" autoFocus />
        {short > 0 && (
          <p className="warn-line" data-testid="short">
            {t('resale.short')} {yuan(short)} · {t('resale.lossKinds.balance_mismatch')}
          </p>
        )}
        <Field label={t('resale.reason')} value={reason} onChange={setReason} />
        {short > 0 && (
          <WatchOffer card={c} watchCard={watchCard} watchId={watchId} onCard={setWatchCard} onId={setWatchId} />
        )}
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('resale.cancel')}
          </button>
          <button type="submit" className="primary" disabled={act.pending || fen === null || reason.trim().length < 2}>
            {t('resale.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
