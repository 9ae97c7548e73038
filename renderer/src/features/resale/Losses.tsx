// Losses (spec §8): each with its trade, the clerk who bought the card and the customer who sold it; money
// recovered from the customer (cash into today's drawer, a transfer with its reference); the card and the
// customer's ID onto the watch list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LossView } from '../../../../shared/contract';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/domain/codes';
import { parseYuan, yuanInput } from '../../../../shared/domain/money';
import { METHOD_WORDS } from '../../../../shared/words';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dialog, Dot, Field } from '../../components/ui';
import { lang } from '../../i18n';
import { yuan } from '../counter/format';
import { refreshResale } from './refresh';

function RecoverDialog(props: { loss: LossView; onClose: () => void }) {
  const { t } = useTranslation();
  const l = props.loss;
  const open = l.lossFen - l.recoveredFen;
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState(yuanInput(open));
  const [reference, setReference] = useState('');
  const act = useAction();
  const fen = parseYuan(amount);
  const save = () =>
    void act.run(
      'resale.recover',
      {
        lossId: l.id,
        method,
        amountFen: fen ?? 0,
        reference: method === 'cash' ? undefined : reference.trim() || undefined,
      },
      () => (refreshResale(), props.onClose()),
    );
  return (
    <Dialog title={t('resale.recoverTitle', { tradeNo: l.tradeNo, last4: l.last4 })} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), save())}>
        <p>{t('resale.recoverBody', { open: yuan(open) })}</p>
        <div className="field">
          <label htmlFor="recover-method">{t('resale.method')}</label>
          <select
            id="recover-method"
            value={method}
            onChange={(e) => setMethod(PAYMENT_METHODS.find((m) => m === e.target.value) ?? 'cash')}
          >
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_WORDS[lang()][m]}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('resale.recoverAmount')} value={amount} onChange={setAmount} inputMode="numeric" autoFocus />
        {method !== 'cash' && <Field label={t('resale.reference')} value={reference} onChange={setReference} />}
        <Refusal action={act} />
        <div className="actions">
          <button type="button" onClick={props.onClose}>
            {t('resale.cancel')}
          </button>
          <button type="submit" className="primary" disabled={act.pending || fen === null}>
            {t('resale.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function LossesPanel() {
  const { t } = useTranslation();
  const [openOnly, setOpenOnly] = useState(true);
  const read = useCall('resale.losses', { open: openOnly }, { keep: true });
  const losses = read.data ?? [];
  const [recovering, setRecovering] = useState<LossView | null>(null);
  const act = useAction();
  return (
    <section className="card" aria-label={t('resale.losses')}>
      <div className="screen-head">
        <h2>
          {t('resale.losses')} ({losses.length})
        </h2>
        <div className="segmented">
          <button type="button" className={openOnly ? 'active' : ''} onClick={() => setOpenOnly(true)}>
            {t('resale.openLosses')}
          </button>
          <button type="button" className={openOnly ? '' : 'active'} onClick={() => setOpenOnly(false)}>
            {t('resale.allLosses')}
          </button>
        </div>
      </div>
      <Refusal action={act} />
      {losses.length === 0 ? (
        <p className="muted">{t('resale.lossesNone')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('resale.recordedOn')}</th>
              <th className="trade-no">{t('trades.no')}</th>
              <th>{t('resale.lossKind')}</th>
              <th className="num">{t('resale.loss')}</th>
              <th className="num">{t('resale.recovered')}</th>
              <th>{t('resale.clerk')}</th>
              <th>{t('resale.customer')}</th>
              <th>{t('resale.reason')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {losses.map((l) => {
              const open = l.lossFen - l.recoveredFen;
              const idToWatch = l.customer?.idMasked != null && !l.watched.id;
              return (
                <tr key={l.id} data-testid="loss">
                  <td>{l.businessDate}</td>
                  <td className="trade-no">
                    {l.tradeNo}
                    <div className="muted small">****{l.last4}</div>
                  </td>
                  <td>
                    <Dot tone={l.kind === 'invalid' ? 'bad' : 'warn'}>{t(`resale.lossKinds.${l.kind}`)}</Dot>
                  </td>
                  <td className="num bad">{yuan(l.lossFen)}</td>
                  <td className="num">{yuan(l.recoveredFen)}</td>
                  <td>{l.clerkName}</td>
                  <td>
                    {l.customer
                      ? t('resale.lossCustomer', {
                          phone: l.customer.phoneMasked,
                          name: l.customer.name ?? '',
                          id: l.customer.idMasked ?? '',
                        })
                      : '—'}
                  </td>
                  <td>{l.reason}</td>
                  <td>
                    <div className="row-actions">
                      {open > 0 && (
                        <button type="button" onClick={() => setRecovering(l)}>
                          {t('resale.recover')}
                        </button>
                      )}
                      {!l.watched.card || idToWatch ? (
                        <button
                          type="button"
                          onClick={() =>
                            void act.run(
                              'resale.watchLoss',
                              { lossId: l.id, card: !l.watched.card, id: idToWatch },
                              refreshResale,
                            )
                          }
                        >
                          {t('resale.watchOffer')}
                        </button>
                      ) : (
                        <span className="muted small">{t('resale.watched')}</span>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {recovering && <RecoverDialog loss={recovering} onClose={() => setRecovering(null)} />}
    </section>
  );
}
