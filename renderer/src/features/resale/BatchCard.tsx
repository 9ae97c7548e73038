// A resale batch (spec §8): what it cost, what it should bring and what came in, its expected settlement date
// (late: 到账延迟), the money for the whole batch (spread over the cards still good; paid short needs a reason),
// and each card with its own after-sale actions — money for that card, or the platform rejecting it, even after
// the batch was paid.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResaleBatchView, StockCardView } from '../../../../shared/contract';
import { parseYuan } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { Dot, Field } from '../../components/ui';
import { cardName, useCatalog } from '../catalog/useBrands';
import { rate, yuan } from '../counter/format';
import { InvalidDialog, SettleCardDialog } from './CardDialogs';
import { refreshResale } from './refresh';

export const stateTone = (s: StockCardView['state']) =>
  s === 'in_stock' ? 'warn' : s === 'invalid' ? 'bad' : s === 'resold' ? 'idle' : 'ok';

/** The cards that need the owner first: rejected or taken back, still waiting, paid short; then the rest. */
const rank = (c: StockCardView) =>
  c.state === 'invalid' || c.clawedBackFen > 0 ? 0 : c.state === 'resold' ? 1 : c.shortFen > 0 ? 2 : 3;
/** A long batch shows this many cards until the owner asks for all of them. */
const FIRST = 8;

export function BatchCard(props: { batch: ResaleBatchView }) {
  const { t, i18n } = useTranslation();
  const brands = useCatalog() ?? [];
  const b = props.batch;
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [due, setDue] = useState(b.dueDate);
  const [dueReason, setDueReason] = useState('');
  const [dialog, setDialog] = useState<{ kind: 'settle' | 'invalid'; card: StockCardView } | null>(null);
  const [secrets, setSecrets] = useState<
    { lineId: string; last4: string; number: string; secret: string | null }[] | null
  >(null);
  const [all, setAll] = useState(false);
  const act = useAction();
  const fen = parseYuan(amount);
  const ordered = [...b.lines].sort((x, y) => rank(x) - rank(y));
  const shown = all ? ordered : ordered.slice(0, FIRST);
  const waiting = b.lines.filter((l) => l.state === 'resold');
  const waitingExpected = waiting.reduce((s, l) => s + (l.expectedFen ?? 0), 0);
  const short = fen !== null ? Math.max(0, waitingExpected - fen) : 0;
  return (
    <li className={`card batch ${b.overdue ? 'overdue' : ''}`} data-testid="batch">
      <h3>
        {b.platform} · {rate(b.rateBp)} · {t('resale.cards')} {b.cards}
      </h3>
      <dl className="facts money">
        <dt>{t('resale.cost')}</dt>
        <dd className="num">{yuan(b.costFen)}</dd>
        <dt>{t('resale.expected')}</dt>
        <dd className="num">{yuan(b.expectedFen)}</dd>
        <dt>{t('resale.received')}</dt>
        <dd className="num">{yuan(b.receivedFen)}</dd>
        <dt>{t('resale.margin')}</dt>
        <dd className={`num ${(b.realisedMarginFen ?? 0) < 0 ? 'bad' : ''}`} data-testid="batch-margin">
          {b.realisedMarginFen === null ? '—' : yuan(b.realisedMarginFen)}
        </dd>
        <dt>{t('resale.due')}</dt>
        <dd data-testid="batch-due">
          {b.dueDate} {b.overdue && <Dot tone="warn">{t('resale.overdue', { n: b.daysLate })}</Dot>}
        </dd>
        <dt>{t('resale.waiting')}</dt>
        <dd className="num">{b.waitingCards}</dd>
      </dl>
      {b.settledFen === null && b.waitingCards > 0 && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(
              'resale.settle',
              { batchId: b.id, amountFen: fen ?? 0, reason: reason.trim() || undefined },
              () => (setAmount(''), setReason(''), refreshResale()),
            );
          }}
        >
          <Field label={t('resale.settleAmount')} value={amount} onChange={setAmount} inputMode="numeric" />
          <Field label={t('resale.settleReason')} value={reason} onChange={setReason} />
          <button type="submit" disabled={fen === null || act.pending}>
            {t('resale.settle')}
          </button>
          {short > 0 && (
            <span className="warn">
              {t('resale.short')} {yuan(short)}
            </span>
          )}
        </form>
      )}
      {b.waitingCards > 0 && (
        <details>
          <summary>{t('resale.dueChange')}</summary>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run('resale.setDueDate', { batchId: b.id, dueDate: due, reason: dueReason.trim() }, () => {
                setDueReason('');
                refreshResale();
              });
            }}
          >
            <div className="field">
              <label htmlFor={`due-${b.id}`}>{t('resale.due')}</label>
              <input id={`due-${b.id}`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </div>
            <Field label={t('resale.dueReason')} value={dueReason} onChange={setDueReason} />
            <button type="submit" disabled={dueReason.trim().length < 2 || !due}>
              {t('resale.save')}
            </button>
          </form>
        </details>
      )}
      <Refusal action={act} />
      <table className="table compact" aria-label={`${b.platform} ${t('resale.cards')}`}>
        <thead>
          <tr>
            <th>{t('resale.card')}</th>
            <th className="num">{t('resale.expectedCard')}</th>
            <th className="num">{t('resale.received')}</th>
            <th>{t('resale.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.lineId} data-testid="batch-card">
              <td>
                {cardName(brands, c.brand, c.form, i18n.language)} ****{c.last4}
                <div className="muted small trade-no">{c.tradeNo}</div>
              </td>
              <td className="num">{c.expectedFen === null ? '' : yuan(c.expectedFen)}</td>
              <td className="num">
                {c.state === 'resold' ? '' : yuan(c.proceedsFen ?? 0)}
                {c.shortFen > 0 && (
                  <div className="warn small">
                    {t('resale.short')} {yuan(c.shortFen)}
                  </div>
                )}
                {c.clawedBackFen > 0 && (
                  <div className="bad small">
                    {t('resale.clawedBack')} {yuan(c.clawedBackFen)}
                  </div>
                )}
              </td>
              <td>
                <Dot tone={stateTone(c.state)}>{t(`resale.states.${c.state}`)}</Dot>
              </td>
              <td>
                <div className="row-actions">
                  {c.state === 'resold' && (
                    <button type="button" onClick={() => setDialog({ kind: 'settle', card: c })}>
                      {t('resale.cardSettle')}
                    </button>
                  )}
                  {(c.state === 'resold' || c.state === 'settled') && (
                    <button type="button" onClick={() => setDialog({ kind: 'invalid', card: c })}>
                      {t('resale.cardInvalid')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {b.lines.length > FIRST && (
        <p className="muted small">
          {t('resale.shownOf', { shown: shown.length, n: b.lines.length })}{' '}
          <button type="button" className="link" onClick={() => setAll(!all)}>
            {all ? t('resale.fewer') : t('resale.allCards', { n: b.lines.length })}
          </button>
        </p>
      )}
      <button
        type="button"
        onClick={() => (secrets ? setSecrets(null) : void act.run('resale.reveal', { batchId: b.id }, setSecrets))}
      >
        {secrets ? t('resale.hide') : t('resale.reveal')}
      </button>
      {secrets && (
        <table className="table compact secrets">
          <tbody>
            {secrets.map((s) => (
              <tr key={s.lineId}>
                <td className="num">{s.number}</td>
                <td className="num">{s.secret ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'settle' && <SettleCardDialog card={dialog.card} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'invalid' && <InvalidDialog card={dialog.card} onClose={() => setDialog(null)} />}
    </li>
  );
}
