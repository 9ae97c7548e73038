// The owner's compliance page: the report by date range with exports, the watch list, customers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerHistory } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Pager } from '../../components/Pager';
import { Refusal } from '../../components/Refusal';
import { Field } from '../../components/ui';
import { errorText, formatTime, lang } from '../../i18n';
import { fundsText } from '../../../../shared/words';
import { yuan } from '../counter/format';
import { download } from '../../components/files';
import { useDay } from '../day/useDay';

type Offsets = { threshold?: number; hits?: number; refusals?: number; overrides?: number };
const LIST_PAGE = 20;
const GROUP_PAGE = 20;

/**
 * The alerts of the date range grouped by kind and customer, with counts (ux.md: never one line per card): a kind
 * to keep, a customer's phone or ID number to look for, a page of groups at a time.
 */
function AlertGroups(props: { from: string; to: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('');
  const [typed, setTyped] = useState('');
  const [customer, setCustomer] = useState('');
  const [offset, setOffset] = useState(0);
  const read = useCall(
    'compliance.alertGroups',
    {
      from: props.from,
      to: props.to,
      offset,
      limit: GROUP_PAGE,
      ...(kind ? { kind } : {}),
      ...(customer ? { customer } : {}),
    },
    { refreshOn: ['trades.changed', 'journal.appended'], keep: true },
  );
  const v = read.data;
  const all = v?.kinds.reduce((n, k) => n + k.alerts, 0) ?? 0;
  const kindName = (k: string) => t(`compliance.alertKinds.${k}`, { defaultValue: t('compliance.alerts') });
  return (
    <section aria-label={t('compliance.grouped')} className="alert-groups">
      <h2>{t('compliance.grouped')}</h2>
      <form
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setCustomer(typed.trim());
          setOffset(0);
        }}
      >
        <label>
          {t('compliance.colKind')}{' '}
          <select
            value={kind}
            aria-label={t('compliance.colKind')}
            onChange={(e) => (setKind(e.target.value), setOffset(0))}
          >
            <option value="">{t('compliance.allKinds', { n: all })}</option>
            {v?.kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {t('compliance.kindCount', { kind: kindName(k.kind), n: k.alerts })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compliance.customerFilter')}{' '}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('compliance.customerFilter')} />
        </label>
        <button type="submit">{t('compliance.filter')}</button>
        {(kind || customer) && (
          <button type="button" onClick={() => (setKind(''), setTyped(''), setCustomer(''), setOffset(0))}>
            {t('compliance.clearFilter')}
          </button>
        )}
      </form>
      <Refusal action={read} />
      {v && v.kinds.length > 0 && (
        <ul className="alert-kinds" aria-label={t('compliance.byKind')}>
          {v.kinds.map((k) => (
            <li key={k.kind}>
              <button
                type="button"
                aria-pressed={kind === k.kind}
                onClick={() => (setKind(kind === k.kind ? '' : k.kind), setOffset(0))}
              >
                {t('compliance.kindLine', { kind: kindName(k.kind), alerts: k.alerts, groups: k.groups })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {v && (
        <p className="muted" data-testid="alert-summary">
          {t('compliance.summary', { alerts: v.alerts, groups: v.groups.total })}
        </p>
      )}
      {v && v.groups.total > 0 && (
        <table className="table compact" aria-label={t('compliance.grouped')}>
          <thead>
            <tr>
              <th>{t('compliance.colKind')}</th>
              <th>{t('compliance.colCustomer')}</th>
              <th className="num">{t('compliance.colAlerts')}</th>
              <th className="num">{t('compliance.colTrades')}</th>
              <th>{t('compliance.colDates')}</th>
              <th>{t('compliance.colTradeNos')}</th>
            </tr>
          </thead>
          <tbody>
            {v.groups.items.map((g) => (
              <tr key={`${g.kind}/${g.customerId ?? ''}`} data-testid="alert-group">
                <td>{kindName(g.kind)}</td>
                <td>{g.phoneMasked ?? t(g.kind === 'overdue' ? 'compliance.notCustomer' : 'compliance.noCustomer')}</td>
                <td className="num">{g.alerts}</td>
                <td className="num">{g.trades}</td>
                <td>{g.firstDate === g.lastDate ? g.firstDate : `${g.firstDate} – ${g.lastDate}`}</td>
                <td className="mono small">
                  {g.tradeNos.slice(0, 2).join(' ')}
                  {g.trades > 2 ? ` ${t('compliance.moreTrades', { n: g.trades })}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager quietWhenEmpty what={t('compliance.grouped')} unit="groups" page={v?.groups} onOffset={setOffset} />
    </section>
  );
}

export function ComplianceScreen() {
  const { t } = useTranslation();
  // The clock is read once, on opening (not on every render): it only seeds the dates below.
  const [now] = useState(() => new Date().toISOString().slice(0, 10));
  const today = useDay().day?.businessDate ?? now;
  // The range follows the open (or last) business day until the owner picks dates: the day may arrive after the
  // first render, and past midnight it is not the calendar's date.
  const [chosen, setChosen] = useState<{ from?: string; to?: string }>({});
  const from = chosen.from ?? today;
  const to = chosen.to ?? today;
  const [offsets, setOffsets] = useState<Offsets>({});
  const shown = useCall(
    'compliance.report',
    { from, to, offsets, limit: LIST_PAGE },
    { refreshOn: ['trades.changed', 'journal.appended'], keep: true },
  );
  const pageOf = (section: keyof Offsets, total: number) =>
    report ? { total, offset: report.offsets[section], limit: report.limit } : undefined;
  const turn = (section: keyof Offsets) => (offset: number) => setOffsets({ ...offsets, [section]: offset });
  const report = shown.data ?? null;
  const exporter = useAction();
  const exportAs = (format: 'csv' | 'xlsx') => void exporter.run('compliance.export', { from, to, format }, download);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('compliance.title')}</h1>
        <form className="search-bar" onSubmit={(e) => (e.preventDefault(), shown.refresh())}>
          <label>
            {t('compliance.from')}{' '}
            <input
              type="date"
              value={from}
              onChange={(e) => (setChosen({ ...chosen, from: e.target.value }), setOffsets({}))}
            />
          </label>
          <label>
            {t('compliance.to')}{' '}
            <input
              type="date"
              value={to}
              onChange={(e) => (setChosen({ ...chosen, to: e.target.value }), setOffsets({}))}
            />
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
                    <td className="mono trade-no">{x.tradeNo}</td>
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
            <Pager
              quietWhenEmpty
              what={t('compliance.threshold')}
              unit="trades"
              page={pageOf('threshold', report.totals.thresholdTrades)}
              onOffset={turn('threshold')}
            />
            <AlertGroups from={from} to={to} />
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
            <Pager
              quietWhenEmpty
              what={t('compliance.hits')}
              unit="rows"
              page={pageOf('hits', report.totals.hits)}
              onOffset={turn('hits')}
            />
            <h2>{t('compliance.overrides')}</h2>
            <ul>
              {report.overrides.map((o) => (
                <li key={o.seq}>
                  {formatTime(o.at)} · {String(o.detail.reason)} · {String(o.detail.ownerName)}
                </li>
              ))}
            </ul>
            {report.overrides.length === 0 && <p className="muted">{t('compliance.none')}</p>}
            <Pager
              quietWhenEmpty
              what={t('compliance.overrides')}
              unit="rows"
              page={pageOf('overrides', report.totals.overrides)}
              onOffset={turn('overrides')}
            />
            <h2>{t('compliance.refusals')}</h2>
            <ul>
              {report.refusals.map((o) => (
                <li key={o.seq}>
                  {formatTime(o.at)} · {errorText({ code: o.detail.code as 'FORBIDDEN', details: {}, message: '' })} ·{' '}
                  {o.staffName}
                </li>
              ))}
            </ul>
            <Pager
              quietWhenEmpty
              what={t('compliance.refusals')}
              unit="rows"
              page={pageOf('refusals', report.totals.refusals)}
              onOffset={turn('refusals')}
            />
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
        v.problems.length
          ? [
              t('compliance.importRefused'),
              ...v.problems.map((p) => t(`compliance.importProblem.${p.reason}`, { row: p.row })),
            ].join(' ')
          : t('compliance.imported', { n: v.imported }),
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
