// The owner's compliance page: the report by date range with exports, the watch list, customers.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplianceReport, CustomerHistory, ErrorBody } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorLine, Field } from '../../components/ui';
import { errorText, formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { useCounter } from '../../store/counter';
import { yuan } from '../counter/format';
import { download } from '../../components/files';

export function ComplianceScreen() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const businessDate = useCounter((s) => s.day?.businessDate);
  const [from, setFrom] = useState(() => businessDate ?? new Date().toISOString().slice(0, 10));
  const [to, setTo] = useState(from);
  const [report, setReport] = useState<ComplianceReport | null>(null);
  const load = useCallback(() => void api.call('compliance.report', { from, to }).then((r) => r.ok && setReport(r.value)), [from, to]);
  useEffect(load, [load]);
  const exportAs = (format: 'csv' | 'xlsx') =>
    void api.call('compliance.export', { from, to, format }).then((r) => (r.ok ? download(r.value) : notify('error', errorText(r.error))));
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('compliance.title')}</h1>
        <form className="search-bar" onSubmit={(e) => (e.preventDefault(), load())}>
          <label>{t('compliance.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label>{t('compliance.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit" className="primary">{t('compliance.load')}</button>
          <button type="button" onClick={() => exportAs('csv')}>{t('compliance.exportCsv')}</button>
          <button type="button" onClick={() => exportAs('xlsx')}>{t('compliance.exportXlsx')}</button>
        </form>
      </div>
      {report && (
        <div className="cards">
          <div className="card wide">
            <h2>{t('compliance.threshold')}</h2>
            <table className="table compact" aria-label={t('compliance.threshold')}>
              <tbody>
                {report.thresholdTrades.map((x) => (
                  <tr key={x.tradeNo}><td className="mono">{x.tradeNo}</td><td className="num">{yuan(x.payoutFen)}</td><td>{x.phoneMasked}</td><td>{x.name} {x.idMasked}</td><td>{x.cashAllowed ? '' : t('customer.bankOnly')}</td></tr>
                ))}
              </tbody>
            </table>
            {report.thresholdTrades.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.alerts')}</h2>
            <ul>
              {report.alerts.map((a, i) => <li key={i}>{a.businessDate} · {t(`compliance.alertKinds.${a.kind}`)} · {a.tradeNo ?? a.phoneMasked}</li>)}
            </ul>
            {report.alerts.length === 0 && <p className="muted">{t('compliance.none')}</p>}
          </div>
          <div className="card">
            <h2>{t('compliance.hits')}</h2>
            <ul>{report.hits.map((h) => <li key={h.seq}>{formatTime(h.at)} · {t(`compliance.kinds.${String(h.detail.kind)}`)} · {h.staffName}</li>)}</ul>
            {report.hits.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.overrides')}</h2>
            <ul>{report.overrides.map((o) => <li key={o.seq}>{formatTime(o.at)} · {String(o.detail.reason)} · {String(o.detail.ownerName)}</li>)}</ul>
            {report.overrides.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.refusals')}</h2>
            <ul>{report.refusals.map((o) => <li key={o.seq}>{formatTime(o.at)} · {errorText({ code: o.detail.code as 'FORBIDDEN', details: {}, message: '' })} · {o.staffName}</li>)}</ul>
          </div>
          <WatchList />
          <Customers />
        </div>
      )}
    </section>
  );
}

function WatchList() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'card' | 'id'>('card');
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [note, setNote] = useState('');
  const add = () => void api.call('watchlist.add', { kind, number, reason }).then((r) => (r.ok ? (setNumber(''), setReason(''), setError(null)) : setError(r.error)));
  const imp = () => void api.call('watchlist.import', { text }).then((r) => r.ok && setNote(r.value.problems.length ? r.value.problems.map((p) => `${p.row}:${p.field}:${p.reason}`).join(' ') : `+${r.value.imported}`));
  return (
    <div className="card">
      <h2>{t('compliance.watchlist')}</h2>
      <form className="row3" onSubmit={(e) => (e.preventDefault(), add())}>
        <div className="field">
          <label htmlFor="watch-kind">{t('compliance.kind')}</label>
          <select id="watch-kind" value={kind} onChange={(e) => setKind(e.target.value === 'id' ? 'id' : 'card')}>
            <option value="card">{t('compliance.kinds.card')}</option>
            <option value="id">{t('compliance.kinds.id')}</option>
          </select>
        </div>
        <Field label={t('compliance.number')} value={number} onChange={setNumber} />
        <Field label={t('compliance.reason')} value={reason} onChange={setReason} />
        <button type="submit">{t('compliance.addWatch')}</button>
      </form>
      <ErrorLine text={error ? errorText(error) : null} />
      <div className="field">
        <label htmlFor="watch-import">{t('compliance.importWatch')}</label>
        <textarea id="watch-import" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="button" onClick={imp}>{t('compliance.import')}</button> <span className="muted">{note}</span>
    </div>
  );
}

function Customers() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerHistory[]>([]);
  const find = () => void api.call('customers.find', { query }).then((r) => (r.ok ? setFound(r.value) : notify('error', errorText(r.error))));
  const toggle = (h: CustomerHistory) =>
    void (h.customer.status === 'blocked'
      ? api.call('customers.unblock', { customerId: h.customer.id, reason: '店主核实后恢复' })
      : api.call('customers.block', { customerId: h.customer.id, reason: '店主决定停止交易' })
    ).then(find);
  return (
    <div className="card">
      <h2>{t('compliance.customers')}</h2>
      <form className="row2" onSubmit={(e) => (e.preventDefault(), find())}>
        <Field label={t('compliance.find')} value={query} onChange={setQuery} />
        <div className="field"><label>&nbsp;</label><button type="submit">{t('compliance.load')}</button></div>
      </form>
      {found.map((h) => (
        <div key={h.customer.id}>
          <p>{h.customer.phoneMasked} · {h.customer.name ?? ''} {h.customer.idMasked ?? ''} {h.customer.status === 'blocked' ? `· ${t('customer.blocked', { reason: h.customer.blockReason })}` : ''}</p>
          <ul>{h.days.map((d) => <li key={d.businessDate}>{d.businessDate} · {d.trades} · {yuan(d.totalFen)}</li>)}</ul>
          <button type="button" onClick={() => toggle(h)}>{h.customer.status === 'blocked' ? t('compliance.unblock') : t('compliance.block')}</button>
        </div>
      ))}
    </div>
  );
}
