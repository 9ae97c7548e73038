// The owner's reference quotes: stale ones marked, "quotes still valid", add, make stale, remove, import.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteView } from '../../../../shared/contract';
import { parseRate, parseYuan } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dialog, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { BrandSelect } from '../catalog/BrandSelect';
import { localName, pickBrand, useBrands, useCatalog } from '../catalog/useBrands';
import { rate, yuan } from '../counter/format';

export function QuotesTable(props: { quotes: QuoteView[]; renderActions?: (q: QuoteView) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  // Quotes are per brand: each row names its brand as the catalogue does (a brand switched off keeps its name).
  const catalog = useCatalog() ?? [];
  const brandName = (code: string) => {
    const b = catalog.find((x) => x.code === code);
    return b ? localName(b, i18n.language) : code;
  };
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{t('quotes.brand')}</th>
          <th>{t('quotes.source')}</th>
          <th>{t('quotes.form')}</th>
          <th>{t('quotes.band')}</th>
          <th className="num">{t('quotes.rate')}</th>
          <th className="num">{t('quotes.fee')}</th>
          <th className="num">{t('quotes.min')}</th>
          <th className="num">{t('quotes.days')}</th>
          <th>{t('quotes.expires')}</th>
          {props.renderActions && <th />}
        </tr>
      </thead>
      <tbody>
        {props.quotes.map((q) => (
          <tr key={q.id} className={q.stale ? 'stale' : ''}>
            <td>{brandName(q.brand)}</td>
            <td>{q.source}</td>
            <td>{t(`counter.forms.${q.form}`)}</td>
            <td className="num">
              {yuan(q.minValueFen)} – {q.maxValueFen === null ? '∞' : yuan(q.maxValueFen)}
            </td>
            <td className="num">{rate(q.rateBp)}</td>
            <td className="num">
              {q.feeBp ? `${q.feeBp}bp` : '0'}
              {q.feeFixedFen ? ` + ${yuan(q.feeFixedFen)}` : ''}
            </td>
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
  const quotes = useCall('quotes.list', {}, { refreshOn: ['quotes.changed'] }).data ?? [];
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  // Every write here announces quotes.changed, which refreshes the list.
  const act = useAction();
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('quotes.title')}</h1>
        <div className="row-actions">
          <button type="button" className="primary" onClick={() => void act.run('quotes.renew', {})}>
            {t('quotes.stillValid')}
          </button>
          <button type="button" onClick={() => setAdding(true)}>
            {t('quotes.add')}
          </button>
          <button type="button" onClick={() => setImporting(true)}>
            {t('quotes.import')}
          </button>
        </div>
      </div>
      <Refusal action={act} />
      {quotes.some((q) => q.stale) && <p className="warn">{t('quotes.staleBanner')}</p>}
      <QuotesTable
        quotes={quotes}
        renderActions={(q) => (
          <>
            {!q.stale && (
              <button type="button" onClick={() => void act.run('quotes.expire', { quoteId: q.id })}>
                {t('quotes.expire')}
              </button>
            )}
            <button type="button" onClick={() => void act.run('quotes.remove', { quoteId: q.id })}>
              {t('quotes.remove')}
            </button>
          </>
        )}
      />
      {adding && <AddQuote onClose={() => setAdding(false)} onDone={() => setAdding(false)} />}
      {importing && <ImportQuotes onClose={() => setImporting(false)} />}
    </section>
  );
}

function AddQuote(props: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const brands = useBrands();
  const [brandPicked, setBrand] = useState<string | null>(null);
  const brand = pickBrand(brands, brandPicked);
  const [f, setF] = useState({
    source: '',
    form: 'e',
    min: '0',
    max: '',
    rate: '',
    feeBp: '0',
    minAmount: '0',
    days: '0',
  });
  const act = useAction();
  // The form picked when this brand buys it, else the brand's first form.
  const form = brand?.forms.find((x) => x.form === f.form)?.form ?? brand?.forms[0]?.form ?? 'e';
  const submit = () =>
    void act.run(
      'quotes.add',
      {
        source: f.source,
        brand: brand?.code ?? '',
        form,
        minValueFen: parseYuan(f.min) ?? -1,
        maxValueFen: f.max.trim() ? (parseYuan(f.max) ?? -1) : null,
        rateBp: parseRate(f.rate) ?? -1,
        feeBp: Number(f.feeBp),
        minAmountFen: parseYuan(f.minAmount) ?? -1,
        settlementDays: Number(f.days),
      },
      props.onDone,
    );
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  return (
    <Dialog title={t('quotes.add')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <BrandSelect brands={brands} value={brand?.code} onChange={setBrand} />
        <div className="row2">
          <Field label={t('quotes.source')} value={f.source} onChange={set('source')} autoFocus />
          <div className="field">
            <label htmlFor="q-form">{t('quotes.form')}</label>
            <select id="q-form" value={form} onChange={(e) => set('form')(e.target.value)}>
              {(brand?.forms ?? []).map((x) => (
                <option key={x.form} value={x.form}>
                  {t(`counter.forms.${x.form}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={`${t('quotes.band')} ≥ (¥)`} value={f.min} onChange={set('min')} />
          <Field label={`${t('quotes.band')} < (¥)`} value={f.max} onChange={set('max')} />
          <Field label={`${t('quotes.rate')} (%)`} value={f.rate} onChange={set('rate')} />
          <Field label={`${t('quotes.fee')} (bp)`} value={f.feeBp} onChange={set('feeBp')} />
          <Field label={`${t('quotes.min')} (¥)`} value={f.minAmount} onChange={set('minAmount')} />
          <Field label={t('quotes.days')} value={f.days} onChange={set('days')} />
        </div>
        <Refusal action={act} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ImportQuotes(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [text, setText] = useState('');
  const [report, setReport] = useState<{
    imported: number;
    problems: { row: number; field: string; reason: string }[];
  } | null>(null);
  const act = useAction();
  const submit = () => void act.run('quotes.import', { format, text }, setReport);
  return (
    <Dialog title={t('quotes.importTitle')} onClose={props.onClose}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <div className="field">
          <label htmlFor="imp-format">{t('quotes.format')}</label>
          <select
            id="imp-format"
            value={format}
            onChange={(e) => setFormat(e.target.value === 'json' ? 'json' : 'csv')}
          >
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="imp-text">{t('quotes.importText')}</label>
          <textarea id="imp-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        {report &&
          (report.problems.length === 0 ? (
            <p className="ok-line">{t('quotes.imported', { n: report.imported })}</p>
          ) : (
            <>
              <p className="error">{t('quotes.problems', { n: report.problems.length })}</p>
              <table className="table compact">
                <tbody>
                  {report.problems.map((p, i) => (
                    <tr key={i}>
                      <td>
                        {t('quotes.row')} {p.row}
                      </td>
                      <td>{p.field}</td>
                      <td>{p.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ))}
        <Refusal action={act} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('quotes.import')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
