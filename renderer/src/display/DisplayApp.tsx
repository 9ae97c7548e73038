// The customer's screen (ux.md): large, in Chinese, readable from a metre. Between customers the shop's buying
// rates and the platforms' quotes by band; during a trade each card (masked) with the offer made and its payout;
// once paid, the money and how it was handed over. It follows the counter live and needs no mouse or keyboard.
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallState } from '../api/cache';
import { formatRate, formatWholeYuan, formatYuan } from '../../../shared/domain/money';
import { displayCache, VIEW_KEY, type CustomerScreenView } from './client';

type Trade = NonNullable<CustomerScreenView['trade']>;
type Rates = CustomerScreenView['rates'][number];

const subscribe = (notify: () => void) => displayCache.watch(VIEW_KEY, ['display.changed'], notify);
const snapshot = () => displayCache.read(VIEW_KEY) as CallState<CustomerScreenView>;
/** Quotes go stale at the cut-off without an event: the rates are read again now and then as well. */
const EVERY_MS = 60_000;

const yuan = (fen: number) => formatYuan(fen);
const whole = formatWholeYuan;

export function DisplayApp() {
  const { t } = useTranslation();
  const state = useSyncExternalStore(subscribe, snapshot);
  useEffect(() => {
    const timer = window.setInterval(() => displayCache.refresh(VIEW_KEY), EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
  const view = state.data;
  if (!view) {
    const unpaired = state.error?.code === 'UNAUTHENTICATED';
    return (
      <main className="display display-waiting" role="status">
        <p>{unpaired ? t('display.unpaired') : t('display.connecting')}</p>
      </main>
    );
  }
  return (
    <main className="display" data-state={view.state}>
      <header className="display-head">
        <h1>{view.shopName}</h1>
        {view.trade?.tradeNo && <span className="muted">{t('display.tradeNo', { tradeNo: view.trade.tradeNo })}</span>}
      </header>
      {state.error?.code === 'UNAUTHENTICATED' && (
        <p className="display-banner" role="status">
          {t('display.unpaired')}
        </p>
      )}
      {view.trade ? (
        <TradeView trade={view.trade} paid={view.state === 'paid'} rates={view.rates} />
      ) : (
        <Idle rates={view.rates} />
      )}
    </main>
  );
}

function TradeView(props: { trade: Trade; paid: boolean; rates: Rates[] }) {
  const { t } = useTranslation();
  const { trade } = props;
  // The platforms' quotes for the bands this trade's cards fall in, under the cards.
  const inTrade = props.rates
    .map((r) => ({
      ...r,
      bands: r.bands.filter((b) =>
        trade.cards.some(
          (c) =>
            c.form === r.form && c.valueFen >= b.minValueFen && (b.maxValueFen === null || c.valueFen < b.maxValueFen),
        ),
      ),
    }))
    .filter((r) => r.bands.length > 0);
  return (
    <div className="display-trade">
      <section className="display-cards">
        <table className="display-card-lines" aria-label={t('display.cards')}>
          <thead>
            <tr>
              <th>{t('display.card')}</th>
              <th className="num">{t('display.value')}</th>
              <th className="num">{t('display.offer')}</th>
              <th className="num">{t('display.payout')}</th>
            </tr>
          </thead>
          <tbody>
            {trade.cards.map((c) => (
              <tr key={c.position}>
                <td>
                  {c.position}. {c.nameZh} <span className="mono">{c.masked}</span>
                </td>
                <td className="num">{yuan(c.valueFen)}</td>
                <td className="num">
                  {c.offerBp === null ? (
                    <span className="muted">{t('display.pending')}</span>
                  ) : (
                    <>
                      {formatRate(c.offerBp)}
                      {c.agreed && !props.paid && <span className="agreed"> ✓</span>}
                    </>
                  )}
                </td>
                <td className="num">{c.payoutFen === null ? '' : yuan(c.payoutFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!props.paid && <RatesTables rates={inTrade} compact caption="display.ratesShort" />}
      </section>
      <aside className="display-money">
        <dl>
          <dt>{t('display.valueTotal', { n: trade.cards.length })}</dt>
          <dd className="num">{yuan(trade.valueFen)}</dd>
        </dl>
        {props.paid ? (
          <div className="display-paid" role="status">
            <p className="display-paid-title">✓ {t('display.paidTitle')}</p>
            <p className="display-amount num">{yuan(trade.payoutFen)}</p>
            <ul className="display-parts">
              {trade.payments.map((p, i) => (
                <li key={i}>
                  <span>{t(`display.methods.${p.method}`)}</span> <span className="num">{yuan(p.amountFen)}</span>
                </li>
              ))}
              {trade.roundingFen > 0 && (
                <li className="muted">
                  <span>{t('display.rounding')}</span> <span className="num">{yuan(trade.roundingFen)}</span>
                </li>
              )}
            </ul>
            <p className="display-thanks">{t('display.thanks')}</p>
          </div>
        ) : (
          <dl className="display-due">
            <dt>{t('display.due')}</dt>
            <dd className="display-amount num">{yuan(trade.payoutFen)}</dd>
          </dl>
        )}
      </aside>
    </div>
  );
}

function Idle(props: { rates: Rates[] }) {
  const { t } = useTranslation();
  return (
    <div className="display-idle">
      <p className="display-welcome">{t('display.welcome')}</p>
      <RatesTables rates={props.rates} caption="display.ratesTitle" />
      <p className="display-note muted">{t('display.ratesNote')}</p>
    </div>
  );
}

function RatesTables(props: { rates: Rates[]; compact?: boolean; caption: string }) {
  const { t } = useTranslation();
  if (props.rates.length === 0) return <p className="muted display-note">{t('display.noRates')}</p>;
  return (
    <div className={props.compact ? 'display-rates compact' : 'display-rates'}>
      {props.rates.map((r) => {
        const sources = [...new Set(r.bands.flatMap((b) => b.platforms.map((p) => p.source)))].sort();
        return (
          <table key={`${r.brand}/${r.form}`} aria-label={`${t(props.caption)} ${r.nameZh}`}>
            <caption>
              {r.nameZh} · {t(props.caption)}
            </caption>
            <thead>
              <tr>
                <th>{t('display.band')}</th>
                {!props.compact && <th className="num shop">{t('display.shopRate')}</th>}
                {sources.map((s) => (
                  <th key={s} className="num">
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.bands.map((b) => (
                <tr key={b.minValueFen}>
                  <td>
                    {b.maxValueFen === null
                      ? t('display.bandFrom', { min: whole(b.minValueFen) })
                      : t('display.bandRange', { min: whole(b.minValueFen), max: whole(b.maxValueFen) })}
                  </td>
                  {!props.compact && <td className="num shop">{b.shopBp === null ? '—' : formatRate(b.shopBp)}</td>}
                  {sources.map((s) => {
                    const p = b.platforms.find((x) => x.source === s);
                    return (
                      <td key={s} className="num">
                        {p ? formatRate(p.rateBp) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
