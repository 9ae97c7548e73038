// The owner's evening (ux.md): the days with their state and sync state, a day's Z-report exactly as printed,
// a red line when the drawer was off, exports, the trades of the day, charts and "verify ledger".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartPoint, DayListItem, TradeListItem, ZReportView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { download, svgDataUrl } from '../../components/files';
import { Dot, ErrorLine, Field } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';
import { rate, yuan } from '../counter/format';
import { BarChart } from './Charts';

function SyncDot(props: { day: DayListItem }) {
  const { t } = useTranslation();
  const s = props.day.sync;
  if (!s) return <span className="muted">{t('ledger.syncNone')}</span>;
  return <Dot tone={s === 'sent' ? 'ok' : s === 'pending' ? 'warn' : 'bad'}>{t(`ledger.syncStates.${s}`)}</Dot>;
}

function DayPanel(props: { day: DayListItem; onChanged(): void }) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const [z, setZ] = useState<{ report: ZReportView; svg: string } | null>(null);
  const [trades, setTrades] = useState<TradeListItem[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const date = props.day.businessDate;
  useEffect(() => {
    void api.call('ledger.report', { businessDate: date }).then((r) => (r.ok ? setZ(r.value) : setError(errorText(r.error))));
    void api.call('trades.list', { from: date, to: date, limit: 200 }).then((r) => r.ok && setTrades(r.value.filter((x) => x.tradeNo)));
  }, [date, props.day.status]);
  const sealed = props.day.status === 'closed' && props.day.zNumber !== null;
  const exportAs = (format: 'csv' | 'xlsx' | 'pdf') =>
    void api.call('ledger.export', { businessDate: date, format }).then((r) => (r.ok ? download(r.value) : notify('error', errorText(r.error))));
  const off = z && (z.report.cash.discrepancyFen ?? 0) !== 0;
  return (
    <section className="card day-panel" aria-label={t('ledger.report')}>
      <h2>{sealed ? `${t('ledger.report')} · Z ${String(props.day.zNumber).padStart(4, '0')}` : t('ledger.xReport')} · {date}</h2>
      {off && (
        <p className="bad-line" role="alert" data-testid="drawer-off">
          {t('day.discrepancy')} {yuan(z.report.cash.discrepancyFen ?? 0)}{z.report.cash.reason ? ` · ${z.report.cash.reason}` : ''}
          {z.report.cash.pendingOwner ? ` · ${t('ledger.pendingOwner')}` : ''}
        </p>
      )}
      {props.day.pendingOwner && (
        <form className="inline-form" onSubmit={(e) => {
          e.preventDefault();
          void api.call('days.approve', { businessDate: date, reason: reason.trim() }).then((r) => (r.ok ? (notify('ok', t('ledger.approved')), props.onChanged()) : setError(errorText(r.error))));
        }}>
          <Field label={t('ledger.approveReason')} value={reason} onChange={setReason} />
          <button type="submit" className="primary" disabled={reason.trim().length < 2}>{t('ledger.approve')}</button>
        </form>
      )}
      <ErrorLine text={error} />
      {sealed && (
        <div className="actions left">
          <button type="button" onClick={() => void api.call('ledger.print', { businessDate: date }).then((r) => (r.ok ? notify('ok', t('ledger.printed')) : notify('error', errorText(r.error))))}>{t('ledger.print')}</button>
          <button type="button" onClick={() => exportAs('pdf')}>{t('ledger.pdf')}</button>
          <button type="button" onClick={() => exportAs('xlsx')}>{t('ledger.xlsx')}</button>
          <button type="button" onClick={() => exportAs('csv')}>{t('ledger.csv')}</button>
        </div>
      )}
      <div className="day-columns">
        {z && <img className="receipt-preview z-preview" alt={t('ledger.report')} src={svgDataUrl(z.svg)} data-testid="z-preview" />}
        <div>
          <h3>{t('ledger.drill')} ({trades.length})</h3>
          <table className="table compact">
            <thead><tr><th>{t('trades.no')}</th><th>{t('trades.staff')}</th><th>{t('trades.status')}</th><th className="num">{t('trades.cards')}</th><th className="num">{t('trades.payout')}</th></tr></thead>
            <tbody>
              {trades.map((x) => (
                <tr key={x.id}><td>{x.tradeNo}</td><td>{x.staffName}</td><td>{t(`trades.statuses.${x.status}`)}</td><td className="num">{x.cards}</td><td className="num">{yuan(x.payoutFen)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

export function LedgerScreen() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const [days, setDays] = useState<DayListItem[] | null>(null);
  const [charts, setCharts] = useState<{ days: ChartPoint[]; months: ChartPoint[] } | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null);
  const [thisMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const load = useCallback(() => {
    void api.call('ledger.days', { limit: 60 }).then((r) => {
      if (!r.ok) return;
      setDays(r.value);
      setPicked((p) => p ?? r.value[0]?.businessDate ?? null);
    });
    void api.call('ledger.charts', {}).then((r) => r.ok && setCharts(r.value));
  }, []);
  useEffect(() => {
    load();
    return api.on((e) => e.name === 'day.changed' && load());
  }, [load]);
  const verify = () =>
    void api.call('ledger.verify', {}).then((r) => {
      if (!r.ok) return notify('error', errorText(r.error));
      const v = r.value;
      const bad = v.days.find((d) => !d.ok);
      setCheck(v.ok ? { ok: true, text: t('ledger.verifyOk', { entries: v.journal.count, days: v.days.length }) }
        : { ok: false, text: t('ledger.verifyBad', { what: v.journal.firstBad ? `#${v.journal.firstBad.seq} ${v.journal.firstBad.reason}` : `${bad?.businessDate} ${bad?.problem}` }) });
    });
  const day = days?.find((d) => d.businessDate === picked) ?? null;
  const month = (day?.businessDate ?? days?.[0]?.businessDate ?? thisMonth).slice(0, 7);
  return (
    <div className="ledger">
      <div className="screen-head">
        <h1>{t('ledger.title')}</h1>
        <div className="actions left">
          <button type="button" onClick={verify}>{t('ledger.verify')}</button>
          <button type="button" onClick={() => void api.call('ledger.exportDays', { from: `${month}-01`, to: `${month}-31`, format: 'xlsx' }).then((r) => (r.ok ? download(r.value) : notify('error', errorText(r.error))))}>{t('ledger.exportDays')}</button>
        </div>
      </div>
      {check && <p className={check.ok ? 'ok' : 'bad-line'} role="status" data-testid="verify-result">{check.text}</p>}
      {charts && (
        <div className="charts">
          <BarChart title={`${t('ledger.last30')} · ${t('ledger.volume')} / ${t('ledger.payout')}`} points={charts.days} series={[{ label: t('ledger.volume'), of: (p) => p.valueFen, tone: 'a' }, { label: t('ledger.payout'), of: (p) => p.payoutFen, tone: 'b' }]} format={yuan} line={{ label: t('ledger.avgRate'), of: (p) => p.averageRateBp, format: rate }} />
          <BarChart title={`${t('ledger.last12')} · ${t('ledger.expectedMargin')} / ${t('ledger.realisedMargin')}`} points={charts.months} series={[{ label: t('ledger.expectedMargin'), of: (p) => p.expectedMarginFen, tone: 'a' }, { label: t('ledger.realisedMargin'), of: (p) => p.realisedMarginFen, tone: 'c' }]} format={yuan} />
        </div>
      )}
      <div className="ledger-body">
        <section className="card days-list" aria-label={t('ledger.days')}>
          <h2>{t('ledger.days')}</h2>
          {days && days.length === 0 && <p className="muted">{t('ledger.empty')}</p>}
          <table className="table compact">
            <thead><tr><th>{t('ledger.date')}</th><th>{t('ledger.z')}</th><th className="num">{t('ledger.trades')}</th><th className="num">{t('ledger.payout')}</th><th className="num">{t('ledger.discrepancy')}</th><th>{t('ledger.state')}</th><th>{t('ledger.sync')}</th></tr></thead>
            <tbody>
              {days?.map((d) => (
                <tr key={d.id} className={d.businessDate === picked ? 'selected' : ''} onClick={() => setPicked(d.businessDate)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setPicked(d.businessDate)}>
                  <td>{d.businessDate}</td>
                  <td>{d.zNumber === null ? '' : String(d.zNumber).padStart(4, '0')}</td>
                  <td className="num">{d.trades}</td>
                  <td className="num">{yuan(d.payoutFen)}</td>
                  <td className={`num ${(d.discrepancyFen ?? 0) !== 0 ? 'bad' : ''}`}>{d.discrepancyFen === null ? '' : yuan(d.discrepancyFen)}</td>
                  <td>{d.status === 'open' ? <Dot tone="ok">{t('ledger.open')}</Dot> : d.pendingOwner ? <Dot tone="warn">{t('ledger.pendingOwner')}</Dot> : <Dot tone="idle">{t('ledger.sealed')}</Dot>}</td>
                  <td><SyncDot day={d} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {day ? <DayPanel key={day.businessDate} day={day} onChanged={load} /> : <p className="muted">{t('ledger.pick')}</p>}
      </div>
    </div>
  );
}
