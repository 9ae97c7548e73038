// The owner's compliance page: the report by date range with exports, the watch list, customers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerHistory } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { errorText, formatTime, lang } from '../../i18n';
import { fundsText } from '../../../../shared/words';
import { yuan } from '../counter/format';
import { download } from '../../components/files';
import { useDay } from '../day/useDay';

export function ComplianceScreen() {
  const { t } = useTranslation();
  // The clock is read once, on opening (not on every render): it only seeds the dates below.
  const [now] = useState(() => new Date().toISOString().slice(0, 10));
  const today = useDay().day?.businessDate ?? now;
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const shown = useCall(
    'compliance.report',
    { from, to },
    { refreshOn: ['trades.changed', 'journal.appended'], keep: true },
  );
  const report = shown.data ?? null;
  const exporter = useAction();
  const exportAs = (format: 'csv' | 'xlsx') => void exporter.run('compliance.export', { from, to, format }, download);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('compliance.title')}</h1>
        <form className="search-bar" onSubmit={(e) => (e.preventDefault(), shown.refresh())}>
          <label>
            {t('compliance.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('compliance.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t('compliance.load')}
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            {t('compliance.exportCsv')}
          </button>
          <button type="button" onClick={() => exportAs('xlsx')}>
            {t('compliance.exportXlsx')}
          </button>
        </form>
      </div>
      <Refusal action={exporter} />
      {report && (
        <div className="cards">
          <div className="card wide">
            <h2>{t('compliance.threshold')}</h2>
            <table className="table compact" aria-label={t('compliance.threshold')}>
              <tbody>
                {report.thresholdTrades.map((x) => (
                  <tr key={x.tradeNo}>
                    <td className="mono">{x.tradeNo}</td>
                    <td className="num">{yuan(x.payoutFen)}</td>
                    <td>{x.phoneMasked}</td>
                    <td>
                      {x.name} {x.idMasked}
                    </td>
                    <td>
                      {x.fundsSource &&
                        t('compliance.funds', { source: fundsText(lang(), x.fundsSource, x.fundsNote) })}
                    </td>
                    <td>{x.cashAllowed ? '' : t('customer.bankOnlyShort')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.thresholdTrades.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.alerts')}</h2>
            <ul>
              {report.alerts.map((a, i) => (
                <li key={i}>
                  {a.businessDate} · {t(`compliance.alertKinds.${a.kind}`)} ·{' '}
                  {a.tradeNo ?? a.phoneMasked ?? `${String(a.detail.platform ?? '')} ${String(a.detail.dueDate ?? '')}`}
                </li>
              ))}
            </ul>
            {report.alerts.length === 0 && <p className="muted">{t('compliance.none')}</p>}
          </div>
          <div className="card">
            <h2>{t('compliance.hits')}</h2>
            <ul>
              {report.hits.map((h) => (
                <li key={h.seq}>
                  {formatTime(h.at)} · {t(`compliance.kinds.${String(h.detail.kind)}`)} · {h.staffName}
                </li>
              ))}
            </ul>
            {report.hits.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.overrides')}</h2>
            <ul>
              {report.overrides.map((o) => (
                <li key={o.seq}>
                  {formatTime(o.at)} · {String(o.detail.reason)} · {String(o.detail.ownerName)}
                </li>
              ))}
            </ul>
            {report.overrides.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <h2>{t('compliance.refusals')}</h2>
            <ul>
              {report.refusals.map((o) => (
                <li key={o.seq}>
                  {formatTime(o.at)} · {errorText({ code: o.detail.code as 'FORBIDDEN', details: {}, message: '' })} ·{' '}
                  {o.staffName}
                </li>
              ))}
            </ul>
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
  const adder = useAction();
  const importer = useAction();
  const [note, setNote] = useState('');
  const add = () => void adder.run('watchlist.add', { kind, number, reason }, () => (setNumber(''), setReason('')));
  const imp = () =>
    void importer.run('watchlist.import', { text }, (v) =>
      setNote(
        v.problems.length ? v.problems.map((p) => `${p.row}:${p.field}:${p.reason}`).join(' ') : `+${v.imported}`,
      ),
    );
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
      <Refusal action={adder} />
      <div className="field">
        <label htmlFor="watch-import">{t('compliance.importWatch')}</label>
        <textarea id="watch-import" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="button" onClick={imp}>
        {t('compliance.import')}
      </button>{' '}
      <span className="muted">{note}</span>
      <Refusal action={importer} />
    </div>
  );
}

function Customers() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // The list shows the search last submitted; blocking and unblocking refresh it.
  const [asked, setAsked] = useState<string | null>(null);
  const search = useCall('customers.find', { query: asked ?? '' }, { skip: asked === null, keep: true });
  const found = search.data ?? [];
  const act = useAction();
  const find = () => (asked === query ? search.refresh() : setAsked(query));
  const toggle = (h: CustomerHistory) =>
    void (h.customer.status === 'blocked'
      ? act.run('customers.unblock', { customerId: h.customer.id, reason: '店主核实后恢复' }, search.refresh)
      : act.run('customers.block', { customerId: h.customer.id, reason: '店主决定停止交易' }, search.refresh));
  return (
    <div className="card">
      <h2>{t('compliance.customers')}</h2>
      <form className="row2" onSubmit={(e) => (e.preventDefault(), find())}>
        <Field label={t('compliance.find')} value={query} onChange={setQuery} />
        <div className="field">
          <label>&nbsp;</label>
          <button type="submit">{t('compliance.load')}</button>
        </div>
      </form>
      <Refusal action={search} />
      <Refusal action={act} />
      {found.map((h) => (
        <div key={h.customer.id}>
          <p>
            {h.customer.phoneMasked} · {h.customer.name ?? ''} {h.customer.idMasked ?? ''}{' '}
            {h.customer.status === 'blocked' ? `· ${t('customer.blocked', { reason: h.customer.blockReason })}` : ''}
          </p>
          <ul>
            {h.days.map((d) => (
              <li key={d.businessDate}>
                {d.businessDate} · {d.trades} · {yuan(d.totalFen)}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => toggle(h)}>
            {h.customer.status === 'blocked' ? t('compliance.unblock') : t('compliance.block')}
          </button>
        </div>
      ))}
    </div>
  );
}
