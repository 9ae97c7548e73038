// The cards of the trade as rows: ↑/↓ choose one (its group's panel takes focus); each says how its balance was
// checked and how long ago, amber as the balance-check window runs out and red once it has.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeLineView, TradeView } from '../../../../shared/contract';
import { useCounter } from '../../store/counter';
import { localName } from '../catalog/useBrands';
import { formatTime } from '../../i18n';
import { rate, yuan } from './format';

/**
 * The shop's clock now: the last answer's, moved on by this PC's clock every `everyMs` (so an answer just in reads
 * exactly its own time).
 */
export function useShopNow(everyMs = 10_000): number {
  const clock = useCounter((s) => s.clock);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return clock.asOfMs + Math.max(0, now - clock.receivedMs);
}

export type CheckState = 'ok' | 'ending' | 'late';

/** A card's check against the window: late past it (or never checked), ending in its last fifth (at least a minute). */
export function checkState(
  l: TradeLineView,
  nowMs: number,
  windowMinutes: number,
): { state: CheckState; ageMs: number } {
  if (l.verifiedHow === 'none' || l.verifiedAt === null) return { state: 'late', ageMs: 0 };
  const ageMs = Math.max(0, nowMs - Date.parse(l.verifiedAt));
  const windowMs = windowMinutes * 60_000;
  if (ageMs > windowMs) return { state: 'late', ageMs };
  return { state: windowMs - ageMs <= Math.max(60_000, windowMs / 5) ? 'ending' : 'ok', ageMs };
}

export function CardRows(props: {
  trade: TradeView;
  chosen: string | null;
  windowMinutes: number;
  onChoose: (lineId: string) => void;
  /** A trade still open: each check says how long ago (a paid trade's checks were settled at payment). */
  live: boolean;
}) {
  const { t, i18n } = useTranslation();
  const now = useShopNow();
  const { trade } = props;
  return (
    <tbody>
      {trade.lines.map((l) => {
        const g = trade.groups.find((x) => x.key === l.groupKey);
        const chosen = props.chosen === l.id;
        const check = checkState(l, now, props.windowMinutes);
        const minutes = Math.floor(check.ageMs / 60_000);
        return (
          <tr
            key={l.id}
            data-line={l.id}
            tabIndex={-1}
            aria-selected={chosen}
            className={chosen ? 'chosen' : undefined}
            onClick={() => props.onChoose(l.id)}
          >
            <td>{l.position}</td>
            <td>{localName(l, i18n.language)}</td>
            <td>{t(`counter.forms.${l.form}`)}</td>
            <td className="mono">****{l.last4}</td>
            <td className="num">
              {yuan(l.valueFen).slice(1)}
              {l.valueFen !== l.faceValueFen && (
                <span className="muted small"> / {t('counter.face', { face: yuan(l.faceValueFen) })}</span>
              )}
            </td>
            <td className="num">
              {g ? (
                rate(g.agreedBp ?? g.currentBp)
              ) : (
                <span className={l.unpriced ? 'warn' : 'muted'}>
                  {l.unpriced ? t('counter.waiting') : t('counter.unpriced')}
                </span>
              )}
            </td>
            <td className={props.live ? `checked checked-${check.state}` : 'checked'} data-testid="check">
              {t(`counter.verifiedHow.${l.verifiedHow}`)}
              {props.live && l.verifiedHow !== 'none' && (
                <span className="age">
                  {' · '}
                  {minutes === 0 ? t('counter.justNow') : t('counter.minutesAgo', { n: minutes })}
                </span>
              )}
              {props.live && check.state === 'late' && l.verifiedHow !== 'none' && (
                <strong className="late"> · {t('counter.checkAgain')}</strong>
              )}
              <ChainMark line={l} />
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

/** Head office's card check on a line: another shop of the chain bought it (named, with the date), or unchecked. */
function ChainMark(props: { line: TradeLineView }) {
  const { t } = useTranslation();
  const { hqCheck, hqSeen } = props.line;
  if (hqCheck === null || hqCheck === 'clear') return null;
  const named = { shop: hqSeen?.shopName ?? '', when: hqSeen ? formatTime(hqSeen.paidAt) : '' };
  return (
    <strong className={hqCheck === 'unchecked' ? 'chain-mark muted' : 'chain-mark late'} data-testid="chain-mark">
      {hqCheck === 'hit'
        ? t('counter.chain.hit', named)
        : hqCheck === 'hit_overridden'
          ? t('counter.chain.overridden', named)
          : t('counter.chain.unchecked')}
    </strong>
  );
}
