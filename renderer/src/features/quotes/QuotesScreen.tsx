// The owner's reference quotes: stale ones marked, "quotes still valid", add, make stale, remove, import.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorBody, QuoteView } from '../../../../shared/contract';
import { parseRate, parseYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { Dialog, ErrorLine, Field } from '../../components/ui';
import { errorText, formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { rate, yuan } from '../counter/format';

export function QuotesTable(props: { quotes: QuoteView[]; renderActions?: (q: QuoteView) => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="table compact">
      <thead>
        <tr><th>{t('quotes.source')}</th><th>{t('quotes.form')}</th><th>{t('quotes.band')}</th><th className="num">{t('quotes.rate')}</th><th className="num">{t('quotes.fee')}</th><th className="num">{t('quotes.min')}</th><th className="num">{t('quotes.days')}</th><th>{t('quotes.expires')}</th>{props.renderActions && <th />}</tr>
      </thead>
      <tbody>
        {props.quotes.map((q) => (
          <tr key={q.id} className={q.stale ? 'stale' : ''}>
            <td>{q.source}</td>
            <td>{t(`counter.forms.${q.form}`)}</td>
            <td className="num">{yuan(q.minValueFen)} – {q.maxValueFen === null ? '∞' : yuan(q.maxValueFen)}</td>
            <td className="num">{rate(q.rateBp)}</td>
            <td className="num">{q.feeBp ? `${q.feeBp}bp` : '0'}{q.feeFixedFen ? ` + ${yuan(q.feeFixedFen)}` : ''}</td>
            <td className="num">{yuan(q.minAmountFen)}</td>
            <td className="num">{q.settlementDays}</td>
            <td>{q.stale ? <span className="warn">{t('quotes.stale')}</span> : formatTime(q.expiresAt)}</td>
            {props.renderActions && <td className="row-actions">{props.renderActions(q)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QuotesScreen() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [quotes, setQuotes] = useState<QuoteView[]>([]);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const load = useCallback(() => void api.call('quotes.list', {}).then((r) => r.ok && setQuotes(r.value)), []);
  useEffect(() => {
    load();
    return api.on((e) => e.name === 'quotes.changed' && load());
  }, [load]);
  const act = (p: Promise<{ ok: boolean; error?: ErrorBody }>) => void p.then((r) => (!r.ok && r.error ? notify('error', errorText(r.error)) : load()));
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('quotes.title')}</h1>
        <div className="row-actions">
          <button type="button" className="primary" onClick={() => act(api.call('quotes.renew', {}))}>{t('quotes.stillValid')}</button>
          <button type="button" onClick={() => setAdding(true)}>{t('quotes.add')}</button>
          <button type="button" onClick={() => setImporting(true)}>{t('quotes.import')}</button>
        </div>
      </div>
      {quotes.some((q) => q.stale) && <p className="warn">{t('quotes.staleBanner')}</p>}
      <QuotesTable quotes={quotes} renderActions={(q) => (
        <>
          {!q.stale && <button type="button" onClick={() => act(api.call('quotes.expire', { quoteId: q.id }))}>{t('quotes.expire')}</button>}
          <button type="button" onClick={() => act(api.call('quotes.remove', { quoteId: q.id }))}>{t('quotes.remove')}</button>
        </>
      )} />
      {adding && <AddQuote onClose={() => setAdding(false)} onDone={() => (setAdding(false), load())} />}
      {importing && <ImportQuotes onClose={() => setImporting(false)} onDone={() => load()} />}
    </section>
  );
}

function AddQuote(props: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ source: '', form: 'e', min: '0', max: '', rate: '', feeBp: '0', minAmount: '0', days: '0' });
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    const r = await api.call('quotes.add', {
      source: f.source, brand: 'jd', form: f.form === 'physical' ? 'physical' : 'e', minValueFen: parseYuan(f.min) ?? -1,
      maxValueFen: f.max.trim() ? (parseYuan(f.max) ?? -1) : null, rateBp: parseRate(f.rate) ?? -1, feeBp: Number(f.feeBp),
      minAmountFen: parseYuan(f.minAmount) ?? -1, settlementDays: Number(f.days),
    });
    if (!r.ok) return setError(r.error);
    props.onDone();
  };
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <Dialog title={t('quotes.add')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <div className="row2">
          <Field label={t('quotes.source')} value={f.source} onChange={set('source')} autoFocus />
          <div className="field">
            <label htmlFor="q-form">{t('quotes.form')}</label>
            <select id="q-form" value={f.form} onChange={(e) => set('form')(e.target.value)}>
              <option value="e">{t('counter.forms.e')}</option>
              <option value="physical">{t('counter.forms.physical')}</option>
            </select>
          </div>
          <Field label={`${t('quotes.band')} ≥ (¥)`} value={f.min} onChange={set('min')} />
          <Field label={`${t('quotes.band')} < (¥)`} value={f.max} onChange={set('max')} />
          <Field label={`${t('quotes.rate')} (%)`} value={f.rate} onChange={set('rate')} />
          <Field label={`${t('quotes.fee')} (bp)`} value={f.feeBp} onChange={set('feeBp')} />
          <Field label={`${t('quotes.min')} (¥)`} value={f.minAmount} onChange={set('minAmount')} />
          <Field label={t('quotes.days')} value={f.days} onChange={set('days')} />
        </div>
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions"><button type="submit" className="primary">{t('common.save')}</button></div>
      </form>
    </Dialog>
  );
}

function ImportQuotes(props: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [text, setText] = useState('');
  const [report, setReport] = useState<{ imported: number; problems: { row: number; field: string; reason: string }[] } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = async () => {
    const r = await api.call('quotes.import', { format, text });
    if (!r.ok) return setError(r.error);
    setReport(r.value);
    if (r.value.imported > 0) props.onDone();
  };
  return (
    <Dialog title={t('quotes.importTitle')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <div className="field">
          <label htmlFor="imp-format">{t('quotes.format')}</label>
          <select id="imp-format" value={format} onChange={(e) => setFormat(e.target.value === 'json' ? 'json' : 'csv')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="imp-text">{t('quotes.importText')}</label>
          <textarea id="imp-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        {report && (report.problems.length === 0 ? <p className="ok-line">{t('quotes.imported', { n: report.imported })}</p> : (
          <>
            <p className="error">{t('quotes.problems', { n: report.problems.length })}</p>
            <table className="table compact"><tbody>{report.problems.map((p, i) => <tr key={i}><td>{t('quotes.row')} {p.row}</td><td>{p.field}</td><td>{p.reason}</td></tr>)}</tbody></table>
          </>
        ))}
        <ErrorLine text={error ? errorText(error) : null} />
        <div className="actions"><button type="submit" className="primary">{t('quotes.import')}</button></div>
      </form>
    </Dialog>
  );
}
