// One negotiation per group of identically priced cards: current offer, the ask, the proposal, the limit.
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeGroupView, TradeLineView, TradeView } from '../../../../shared/contract';
import { parseRate } from '../../../../shared/domain/money';
import type { Action } from '../../api/useAction';
import { useCounter } from '../../store/counter';
import { bandName, rate } from './format';

export interface GroupHandle {
  focusAsk(): void;
  acceptCurrent(): void;
  /** Shift+F6: agree at the customer's ask (the owner approves it above the limit). */
  acceptAsk(): void;
}

/** The cards of a group by position (and last four, while they fit), so no two panels read alike. */
export function groupCards(lines: readonly TradeLineView[]): string {
  return lines.length <= 3
    ? lines.map((l) => `#${l.position} ****${l.last4}`).join(' · ')
    : lines.map((l) => `#${l.position}`).join(' ');
}

/**
 * `action` is the counter's: a refusal shows under the cards, an approval above the counter. F5/F6 act on the
 * panel that has focus (`focused`); a click or a key inside a panel gives it focus.
 */
export const GroupPanel = forwardRef<
  GroupHandle,
  { trade: TradeView; group: TradeGroupView; action: Action; focused: boolean; onFocus: () => void }
>(function GroupPanel({ trade, group, action, focused, onFocus }, ref) {
  const { t, i18n } = useTranslation();
  const setTrade = useCounter((s) => s.setTrade);
  const setOutcome = useCounter((s) => s.setOutcome);
  const outcome = useCounter((s) => s.outcome);
  const [ask, setAsk] = useState('');
  const [askProblem, setAskProblem] = useState(false);
  const askRef = useRef<HTMLInputElement>(null);
  const lines = trade.lines.filter((l) => l.groupKey === group.key);
  const first = lines[0];
  const name = first ? (i18n.language === 'en' ? first.nameEn : first.nameZh) : group.brand;
  const agreed = group.agreedBp !== null;
  const mine = outcome?.groupKey === group.key ? outcome : null;

  const accept = (rateBp?: number) =>
    void action.run('trades.accept', { tradeId: trade.id, groupKey: group.key, rateBp }, (v) => setTrade(v));
  const submitAsk = () => {
    const bp = parseRate(ask);
    if (bp === null) {
      action.clear();
      return setAskProblem(true);
    }
    void action.run('trades.ask', { tradeId: trade.id, groupKey: group.key, askBp: bp }, (v) => {
      setOutcome({ groupKey: group.key, outcome: v.outcome, rateBp: v.rateBp });
      setTrade(v.trade);
      setAsk('');
    });
  };
  const last = group.lastAskBp;
  useImperativeHandle(ref, () => ({
    focusAsk: () => askRef.current?.focus(),
    acceptCurrent: () => !agreed && accept(),
    acceptAsk: () => !agreed && last !== null && last > group.currentBp && accept(Math.min(last, group.hardCapBp)),
  }));

  const askWithin = last !== null && last > group.currentBp && last <= group.ceilingBp;
  const askAbove = last !== null && last > group.ceilingBp && last > group.currentBp;
  const title = t('counter.group', { name, n: lines.length, band: bandName(group) });
  const cards = groupCards(lines);
  return (
    <section
      className={`group ${agreed ? 'group-agreed' : ''} ${focused ? 'group-focused' : ''}`}
      aria-label={`${title} ${cards}`}
      aria-current={focused || undefined}
      onFocus={onFocus}
      onClick={onFocus}
    >
      <h3>
        {title} <span className="group-cards">{cards}</span>
      </h3>
      {agreed ? (
        <p className="agreed">✓ {t('counter.agreed', { rate: rate(group.agreedBp ?? 0) })}</p>
      ) : (
        <>
          <div className="offer-line">
            <span className="muted">{group.final ? t('counter.final') : t('counter.current')}</span>
            <strong className="big-rate" data-testid="current-offer">
              {rate(group.currentBp)}
            </strong>
            <span className="muted">{t('counter.roundsLeft', { n: group.rounds + 1 })}</span>
          </div>
          <div className="negotiate">
            <form className="ask-form" onSubmit={(e) => (e.preventDefault(), submitAsk())}>
              <label>
                {t('counter.askLabel')} <kbd>F5</kbd>
                <input
                  ref={askRef}
                  className="num"
                  value={ask}
                  inputMode="decimal"
                  aria-invalid={askProblem || undefined}
                  onChange={(e) => (setAsk(e.target.value), setAskProblem(false), action.clear())}
                />
              </label>
            </form>
            {askProblem && (
              <p className="error" role="alert">
                {t('counter.askRefused')}
              </p>
            )}
            {mine && mine.outcome !== 'agreed' && (
              <p className="outcome">{t(`counter.outcome.${mine.outcome}`, { rate: rate(mine.rateBp) })}</p>
            )}
            <p className="limit muted">{t('counter.limit', { rate: rate(group.ceilingBp) })}</p>
          </div>
          <div className="group-actions">
            <button type="button" className="primary" onClick={() => accept()}>
              <kbd>F6</kbd> {t('counter.acceptCurrent', { rate: rate(group.currentBp) })}
            </button>
            {askWithin && (
              <button type="button" onClick={() => accept(last)}>
                <kbd>Shift+F6</kbd> {t('counter.acceptAsk', { rate: rate(last) })}
              </button>
            )}
            {askAbove && (
              <button type="button" className="warn-btn" onClick={() => accept(Math.min(last, group.hardCapBp))}>
                <kbd>Shift+F6</kbd> {t('counter.ownerAbove', { rate: rate(Math.min(last, group.hardCapBp)) })}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
});
