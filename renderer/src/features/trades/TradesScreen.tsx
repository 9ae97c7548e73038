// Trades: search by trade number, last 4, full card number, staff and dates; detail with masked cards,
// rounds, quote snapshot, explanation and journal; void (after payment with the owner's approval).
import { Pager } from '../../components/Pager';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, TradeView } from '../../../../shared/contract';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Refusal } from '../../components/Refusal';
import { download } from '../../components/files';
import { Dialog, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { describeEntry } from '../../i18n/journal';
import { localName } from '../catalog/useBrands';
import { Explanation } from '../counter/Explanation';
import { useDay } from '../day/useDay';
import { useApp } from '../../store/app';
import { rate, yuan } from '../counter/format';

const PAGE = 50;

export function TradesScreen() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // What the list shows changes when the clerk presses Enter, not with every key typed.
  const [asked, setAsked] = useState<CallInput<'trades.page'>>({ limit: PAGE, offset: 0 });
  const found = useCall('trades.page', asked, { refreshOn: ['trades.changed'], keep: true });
  const list = found.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const search = () => {
    const next = {
      query: query.trim() || undefined,
      from: from || undefined,
      to: to || undefined,
      limit: PAGE,
      offset: 0,
    };
    if (JSON.stringify(next) === JSON.stringify(asked)) found.refresh();
    else setAsked(next);
  };
  return (
    <section className="page trades-page">
      <h1>{t('trades.title')}</h1>
      <form className="search-bar" onSubmit={(e) => (e.preventDefault(), search())}>
        <input
          aria-label={t('trades.search')}
          placeholder={t('trades.search')}
          value={query}
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
        />
        <label>
          {t('trades.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('trades.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('common.refresh')}
        </button>
      </form>
      <Pager
        what={t('trades.title')}
        unit="trades"
        page={found.data}
        onOffset={(offset) => setAsked({ ...asked, offset })}
      />
      <div className="split">
        <table className="table">
          <thead>
            <tr>
              <th className="trade-no">{t('trades.no')}</th>
              <th>{t('trades.date')}</th>
              <th>{t('trades.staff')}</th>
              <th>{t('trades.status')}</th>
              <th className="num">{t('trades.cards')}</th>
              <th className="num">{t('trades.payout')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr
                key={x.id}
                className={x.id === picked ? 'picked' : ''}
                onClick={() => setPicked(x.id)}
                tabIndex={0}
                onKeyDown={(e) => e.key === 'Enter' && setPicked(x.id)}
              >
                <td className="mono trade-no">{x.tradeNo ?? '—'}</td>
                <td>{x.businessDate}</td>
                <td>{x.staffName}</td>
                <td>{t(`trades.statuses.${x.status}`)}</td>
                <td className="num">{x.cards}</td>
                <td className="num">{yuan(x.payoutFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {picked && <TradeDetail id={picked} />}
      </div>
      {list.length === 0 && <p className="muted empty">{t('trades.empty')}</p>}
    </section>
  );
}

function TradeDetail(props: { id: string }) {
  const { t, i18n } = useTranslation();
  // A void announces trades.changed, which refreshes the detail, its journal and the list.
  const trade = useCall('trades.get', { tradeId: props.id }, { refreshOn: ['trades.changed'] }).data;
  const journal = useCall('trades.journal', { tradeId: props.id }, { refreshOn: ['trades.changed'] }).data ?? [];
  const voider = useAction();
  const reprint = useAction();
  // The evidence of a trade for a dispute or a police request (协查) is the owner's to export (journaled).
  const evidence = useAction();
  const owner = useApp((s) => s.status?.session?.role === 'owner');
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  if (!trade) return null;
  const doVoid = () => void voider.run('trades.void', { tradeId: trade.id, reason }, () => setVoiding(false));
  return (
    <article className="card detail" aria-label={t('trades.detail')}>
      <h2 className="mono">{trade.tradeNo ?? t(`trades.statuses.${trade.status}`)}</h2>
      <p>
        {t(`trades.statuses.${trade.status}`)} · {trade.staffName} · {formatTime(trade.paidAt ?? trade.createdAt)}
      </p>
      {trade.void && <p className="error">{t('trades.voided', { reason: trade.void.reason })}</p>}
      <table className="table compact">
        <tbody>
          {trade.lines.map((l) => (
            <tr key={l.id}>
              <td>{localName(l, i18n.language)}</td>
              <td className="mono">****{l.last4}</td>
              <td className="num">{yuan(l.valueFen)}</td>
              <td className="num">{l.rateBp === null ? '—' : rate(l.rateBp)}</td>
              <td className="num">{l.payoutFen === null ? '—' : yuan(l.payoutFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="num">
        {t('trades.payout')} {yuan(trade.payoutFen)}
        {trade.roundingFen > 0 ? ` · ${t('payment.rounding')} ${yuan(trade.roundingFen)}` : ''}
      </p>
      {trade.payments.length > 0 && (
        <p>
          {t('trades.payments')}:{' '}
          {trade.payments
            .map(
              (p) =>
                `${t(`payment.methods.${p.method}`)} ${yuan(p.amountFen)}${p.reference ? ` (${p.reference})` : ''}`,
            )
            .join(' + ')}
        </p>
      )}
      <h3>{t('trades.rounds')}</h3>
      <ol className="rounds">
        {trade.rounds.map((r, i) => (
          <li key={i}>
            {t(`trades.actor.${r.actor}`)} {t(`trades.kinds.${r.kind}`, { defaultValue: r.kind })}{' '}
            <span className="num">{rate(r.rateBp)}</span> · {r.staffName}
            {r.approvedBy ? ` · ${r.approvedBy} ✓` : ''}
          </li>
        ))}
      </ol>
      {trade.groups.map((g) => (
        <Explanation key={g.key} group={g} />
      ))}
      <h3>{t('trades.snapshot')}</h3>
      <p className="muted small">
        {trade.groups
          .flatMap((g) => g.quoteSnapshot)
          .map((q) => {
            const o = q as { source?: string; rate_bp?: number };
            return `${o.source ?? ''} ${rate(o.rate_bp ?? 0)}`;
          })
          .join(' · ')}
      </p>
      <h3>{t('trades.journal')}</h3>
      <ol className="rounds small">
        {journal.map((e) => (
          <li key={e.seq}>
            #{e.seq} {formatTime(e.at)} {e.staffName ?? ''} {describeEntry(e)}
          </li>
        ))}
      </ol>
      <div className="row-actions">
        {trade.status === 'paid' && (
          <button
            type="button"
            onClick={() => void reprint.run('printing.reprint', { tradeId: trade.id, copy: 'customer' })}
          >
            {t('printing.reprint')}
          </button>
        )}
        {trade.status !== 'voided' && (
          <button type="button" onClick={() => setVoiding(true)}>
            {t('trades.void')}
          </button>
        )}
        {owner && trade.tradeNo && (
          <button
            type="button"
            disabled={evidence.pending}
            onClick={() => void evidence.run('ledger.evidence', { tradeId: trade.id }, download)}
          >
            {t('trades.evidence')}
          </button>
        )}
      </div>
      <Refusal action={reprint} />
      <Refusal action={evidence} />
      {voiding && (
        <Dialog title={t('trades.void')} onClose={() => (setVoiding(false), voider.clear())}>
          <form onSubmit={(e) => (e.preventDefault(), doVoid())}>
            {trade.status === 'paid' && <VoidRefund trade={trade} />}
            <Field label={t('trades.voidReason')} value={reason} onChange={setReason} autoFocus />
            <Refusal action={voider} />
            <div className="actions">
              <button type="submit" className="primary" disabled={reason.trim().length < 2}>
                {t('trades.void')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
      <ApprovalFor action={voider} />
    </article>
  );
}

/**
 * Before a paid trade is voided: what the customer gives back and where each part goes (spec §4) — the cash into
 * today's drawer, a WeChat Pay, Alipay or bank part back to the shop's account by the way it was paid.
 */
function VoidRefund(props: { trade: TradeView }) {
  const { t } = useTranslation();
  const { day } = useDay();
  const open = day?.status === 'open' ? day : null;
  const paid = props.trade.payments;
  const total = paid.reduce((s, p) => s + p.amountFen, 0);
  return (
    <div className="refund warn" data-testid="void-refund">
      <p>
        <strong>{t('trades.refundTotal', { amount: yuan(total) })}</strong>
      </p>
      <ul className="plain">
        {paid.map((p, i) =>
          p.method === 'cash' ? (
            <li key={i}>
              {open
                ? t('trades.refundCash', { amount: yuan(p.amountFen), date: open.businessDate })
                : t('trades.refundCashNoDay', { amount: yuan(p.amountFen) })}
            </li>
          ) : (
            <li key={i}>
              {t('trades.refundOther', { method: t(`payment.methods.${p.method}`), amount: yuan(p.amountFen) })}
            </li>
          ),
        )}
      </ul>
      <p className="muted">{t('trades.voidPaidNote')}</p>
    </div>
  );
}
