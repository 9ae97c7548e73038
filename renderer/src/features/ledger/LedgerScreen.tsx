// The owner's evening (ux.md): the days with their state and sync state, a day's Z-report exactly as printed,
// a red line when the drawer was off, exports, the trades of the day, charts and "verify ledger".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayListItem, ZSettingChange } from '../../../../shared/contract';
import { dayFigures } from '../../../../shared/domain/day-figures';
import { formatYuan } from '../../../../shared/domain/money';
import { changeWords, DAY_FIGURE_WORDS } from '../../../../shared/words';
import { formatTime, lang } from '../../i18n';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { download, svgDataUrl } from '../../components/files';
import { DayFiguresList } from '../../components/DayFigures';
import { Pager } from '../../components/Pager';
import { Refusal } from '../../components/Refusal';
import { Dot, Field } from '../../components/ui';
import { useApp } from '../../store/app';
import { rate, yuan } from '../counter/format';
import { BarChart } from './Charts';

function SyncDot(props: { day: DayListItem }) {
  const { t } = useTranslation();
  const s = props.day.sync;
  if (!s) return <span className="muted">{t('ledger.syncNone')}</span>;
  return <Dot tone={s === 'sent' ? 'ok' : s === 'pending' ? 'warn' : 'bad'}>{t(`ledger.syncStates.${s}`)}</Dot>;
}

/** The settings changes the Z-report counts per group on paper, here each in full. */
function SettingsChanges(props: { changes: ZSettingChange[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('settings.sections.changes')}>
      <h3>
        {t('settings.sections.changes')} ({props.changes.length})
      </h3>
      {props.changes.length === 0 ? (
        <p className="muted">{t('settings.noChanges')}</p>
      ) : (
        <ul className="settings-changes">
          {props.changes.map((c, i) => (
            <li key={i}>
              <span className="muted">{formatTime(c.at)}</span> {changeWords(c, lang())}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An axis label: whole yuan with separators, no symbol (the axis names its unit). */
const axisYuan = (fen: number) => formatYuan(fen, '').replace(/\.\d\d$/, '');

const TRADES_PAGE = 50;
const DAYS_PAGE = 20;

function DayPanel(props: { day: DayListItem }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [reason, setReason] = useState('');
  const date = props.day.businessDate;
  // An open day's X-report moves with every payment; a sealed day's Z-report never changes.
  const zRead = useCall('ledger.report', { businessDate: date }, { refreshOn: ['day.changed', 'trades.changed'] });
  const z = zRead.data ?? null;
  const [offset, setOffset] = useState(0);
  const tradePage = useCall(
    'trades.page',
    { from: date, to: date, numbered: true, offset, limit: TRADES_PAGE },
    { refreshOn: ['trades.changed'], keep: true },
  ).data;
  const trades = tradePage?.items ?? [];
  const approver = useAction();
  const files = useAction();
  const sealed = props.day.status === 'closed' && props.day.zNumber !== null;
  const exportAs = (format: 'csv' | 'xlsx' | 'pdf') =>
    void files.run('ledger.export', { businessDate: date, format }, download);
  const off = z && (z.report.cash.discrepancyFen ?? 0) !== 0;
  return (
    <section className="card day-panel" aria-label={t('ledger.report')}>
      <h2>
        {sealed ? `${t('ledger.report')} · Z ${String(props.day.zNumber).padStart(4, '0')}` : t('ledger.xReport')} ·{' '}
        {date}
      </h2>
      {off && (
        <p className="bad-line" role="alert" data-testid="drawer-off">
          {t('day.discrepancy')} {yuan(z.report.cash.discrepancyFen ?? 0)}
          {z.report.cash.reason ? ` · ${z.report.cash.reason}` : ''}
          {z.report.cash.pendingOwner ? ` · ${t('ledger.pendingOwner')}` : ''}
        </p>
      )}
      {props.day.pendingOwner && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void approver.run('days.approve', { businessDate: date, reason: reason.trim() }, () =>
              notify('ok', t('ledger.approved')),
            );
          }}
        >
          <Field label={t('ledger.approveReason')} value={reason} onChange={setReason} />
          <button type="submit" className="primary" disabled={reason.trim().length < 2}>
            {t('ledger.approve')}
          </button>
        </form>
      )}
      <Refusal action={zRead} />
      <Refusal action={approver} />
      {sealed && (
        <div className="actions left">
          <button
            type="button"
            onClick={() =>
              void files.run('ledger.print', { businessDate: date }, () => notify('ok', t('ledger.printed')))
            }
          >
            {t('ledger.print')}
          </button>
          <button type="button" onClick={() => exportAs('pdf')}>
            {t('ledger.pdf')}
          </button>
          <button type="button" onClick={() => exportAs('xlsx')}>
            {t('ledger.xlsx')}
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            {t('ledger.csv')}
          </button>
        </div>
      )}
      <Refusal action={files} />
      <div className="day-columns">
        {z && (
          <img
            className="receipt-preview z-preview"
            alt={t('ledger.report')}
            src={svgDataUrl(z.svg)}
            data-testid="z-preview"
          />
        )}
        <div>
          {z && (
            <section aria-label={t('ledger.figures')}>
              <h3>{t('ledger.figures')}</h3>
              <DayFiguresList figures={dayFigures(z.report)} />
            </section>
          )}
          {z?.report.settingsChanges && <SettingsChanges changes={z.report.settingsChanges} />}
          <h3>{t('ledger.drill')}</h3>
          <Pager what={t('ledger.drill')} unit="trades" page={tradePage} onOffset={setOffset} />
          <table className="table compact">
            <thead>
              <tr>
                <th className="trade-no">{t('trades.no')}</th>
                <th>{t('trades.staff')}</th>
                <th>{t('trades.status')}</th>
                <th className="num">{t('trades.cards')}</th>
                <th className="num">{t('trades.payout')}</th>
              </tr>
            </thead>
            <tbody>
              {trades.map((x) => (
                <tr key={x.id}>
                  <td className="trade-no">{x.tradeNo}</td>
                  <td>{x.staffName}</td>
                  <td>{t(`trades.statuses.${x.status}`)}</td>
                  <td className="num">{x.cards}</td>
                  <td className="num">{yuan(x.payoutFen)}</td>
                </tr>
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
  const [daysFrom, setDaysFrom] = useState(0);
  const dayPage =
    useCall(
      'ledger.days',
      { offset: daysFrom, limit: DAYS_PAGE },
      { refreshOn: ['day.changed', 'trades.changed', 'sync.changed'], keep: true },
    ).data ?? null;
  const days = dayPage?.items ?? null;
  const words = DAY_FIGURE_WORDS[lang()];
  const charts = useCall('ledger.charts', {}, { refreshOn: ['day.changed', 'trades.changed'] }).data ?? null;
  // The newest day until the owner picks another.
  const [chosen, setPicked] = useState<string | null>(null);
  const picked = chosen ?? days?.[0]?.businessDate ?? null;
  const [check, setCheck] = useState<{ ok: boolean; text: string } | null>(null);
  // The clock is read once, on opening (not on every render), for the month shown before any day exists.
  const [now] = useState(() => new Date().toISOString());
  const act = useAction();
  const verify = () =>
    void act.run('ledger.verify', {}, (v) => {
      const bad = v.days.find((d) => !d.ok);
      setCheck(
        v.ok
          ? { ok: true, text: t('ledger.verifyOk', { entries: v.journal.count, days: v.days.length }) }
          : {
              ok: false,
              text: t('ledger.verifyBad', {
                what: v.journal.firstBad
                  ? `#${v.journal.firstBad.seq} ${v.journal.firstBad.reason}`
                  : `${bad?.businessDate} ${bad?.problem}`,
              }),
            },
      );
    });
  const day = days?.find((d) => d.businessDate === picked) ?? null;
  const month = (day?.businessDate ?? days?.[0]?.businessDate ?? now).slice(0, 7);
  return (
    <div className="ledger">
      <div className="screen-head">
        <h1>{t('ledger.title')}</h1>
        <div className="actions left">
          <button type="button" onClick={verify}>
            {t('ledger.verify')}
          </button>
          <button
            type="button"
            onClick={() =>
              void act.run('ledger.exportDays', { from: `${month}-01`, to: `${month}-31`, format: 'xlsx' }, download)
            }
          >
            {t('ledger.exportDays')}
          </button>
        </div>
      </div>
      <Refusal action={act} />
      {check && (
        <p className={check.ok ? 'ok' : 'bad-line'} role="status" data-testid="verify-result">
          {check.text}
        </p>
      )}
      {charts && (
        <div className="charts">
          <BarChart
            title={`${t('ledger.last30')} · ${words.valueFen.label} / ${words.payoutFen.label} / ${words.averageRateBp.label}`}
            note={t('ledger.volumeNote')}
            keyLabel={t('ledger.date')}
            points={charts.days}
            series={[
              { label: words.valueFen.label, of: (p) => p.valueFen, tone: 'a' },
              { label: words.payoutFen.label, of: (p) => p.payoutFen, tone: 'b' },
            ]}
            format={yuan}
            axis={axisYuan}
            unit={t('ledger.yuanUnit')}
            line={{
              label: words.averageRateBp.label,
              of: (p) => p.averageRateBp,
              format: rate,
              unit: t('ledger.rateUnit'),
            }}
          />
          <BarChart
            title={`${t('ledger.last12')} · ${t('ledger.expectedMargin')} / ${t('ledger.realisedMargin')}`}
            note={t('ledger.marginNote')}
            keyLabel={t('ledger.monthKey')}
            points={charts.months}
            series={[
              { label: t('ledger.expectedMargin'), of: (p) => p.expectedMarginFen, tone: 'a' },
              { label: t('ledger.realisedMargin'), of: (p) => p.realisedMarginFen, tone: 'c' },
            ]}
            format={yuan}
            axis={axisYuan}
            unit={t('ledger.yuanUnit')}
          />
        </div>
      )}
      <div className="ledger-body">
        <section className="card days-list" aria-label={t('ledger.days')}>
          <h2>{t('ledger.days')}</h2>
          {days && days.length === 0 && <p className="muted">{t('ledger.empty')}</p>}
          <Pager what={t('ledger.days')} unit="days" page={dayPage ?? undefined} onOffset={setDaysFrom} />
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('ledger.date')}</th>
                <th>{t('ledger.z')}</th>
                <th className="num" title={words.trades.explain}>
                  {words.trades.label}
                </th>
                <th className="num" title={words.netPayoutFen.explain}>
                  {words.netPayoutFen.label}
                </th>
                <th className="num">{t('ledger.discrepancy')}</th>
                <th>{t('ledger.state')}</th>
                <th>{t('ledger.sync')}</th>
              </tr>
            </thead>
            <tbody>
              {days?.map((d) => (
                <tr
                  key={d.id}
                  className={d.businessDate === picked ? 'selected' : ''}
                  onClick={() => setPicked(d.businessDate)}
                  tabIndex={0}
                  onKeyDown={(e) => e.key === 'Enter' && setPicked(d.businessDate)}
                >
                  <td>{d.businessDate}</td>
                  <td>{d.zNumber === null ? '' : String(d.zNumber).padStart(4, '0')}</td>
                  <td className="num">{d.figures.trades}</td>
                  <td className="num">{yuan(d.figures.netPayoutFen)}</td>
                  <td className={`num ${(d.discrepancyFen ?? 0) !== 0 ? 'bad' : ''}`}>
                    {d.discrepancyFen === null ? '' : yuan(d.discrepancyFen)}
                  </td>
                  <td>
                    {d.status === 'open' ? (
                      <Dot tone="ok">{t('ledger.open')}</Dot>
                    ) : d.pendingOwner ? (
                      <Dot tone="warn">{t('ledger.pendingOwner')}</Dot>
                    ) : (
                      <Dot tone="idle">{t('ledger.sealed')}</Dot>
                    )}
                  </td>
                  <td>
                    <SyncDot day={d} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {day ? <DayPanel key={day.businessDate} day={day} /> : <p className="muted">{t('ledger.pick')}</p>}
      </div>
    </div>
  );
}
