// Resale and after-sale (spec §8): batches late on their due date first, cards in stock oldest first (the unsold
// alert's order), a page at a time, a batch for a platform at a rate with its settlement days, each batch with
// its cards and their after-sale actions, invalid and own-use cards, and the losses with what was recovered.
import { Pager } from '../../components/Pager';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResaleBatchView, StockCardView } from '../../../../shared/contract';
import { parseRate } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Refusal } from '../../components/Refusal';
import { Dot, Field } from '../../components/ui';
import { formatTime } from '../../i18n';
import { useApp } from '../../store/app';
import { cardName, useCatalog } from '../catalog/useBrands';
import { yuan } from '../counter/format';
import { useSettingWords } from '../settings/useShopSettings';
import { BatchCard, stateTone } from './BatchCard';
import { InvalidDialog } from './CardDialogs';
import { LossesPanel } from './Losses';
import { OverdueList } from './Overdue';
import { refreshResale } from './refresh';

const STOCK_PAGE = 100;
const BATCH_PAGE = 20;

export function ResaleScreen() {
  const { t, i18n } = useTranslation();
  // Every brand: a card bought before its brand was switched off keeps its name.
  const brands = useCatalog() ?? [];
  const words = useSettingWords();
  const notify = useApp((s) => s.notify);
  // A payment adds stock; the resale writes announce nothing of their own, so this screen refreshes after them.
  const [stockFrom, setStockFrom] = useState(0);
  const [batchFrom, setBatchFrom] = useState(0);
  const stockRead = useCall(
    'resale.stockPage',
    { states: ['in_stock', 'invalid', 'own_use'], offset: stockFrom, limit: STOCK_PAGE },
    { refreshOn: ['trades.changed'], keep: true },
  );
  const batchesRead = useCall('resale.batchPage', { offset: batchFrom, limit: BATCH_PAGE }, { keep: true });
  const stock = stockRead.data?.items ?? [];
  const batches: ResaleBatchView[] = batchesRead.data?.items ?? [];
  const load = refreshResale;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [platform, setPlatform] = useState('');
  const [rateText, setRateText] = useState('');
  const [daysText, setDaysText] = useState('');
  const [rejecting, setRejecting] = useState<StockCardView | null>(null);
  const [reason, setReason] = useState('');
  const act = useAction();
  const bp = parseRate(rateText);
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const days = /^\d{1,2}$/.test(daysText.trim()) ? Number(daysText.trim()) : undefined;
  const ownUse = (lineId: string) => void act.run('resale.ownUse', { lineId, reason: reason.trim() }, load);
  return (
    <div className="resale">
      <h1>{t('resale.title')}</h1>
      <p className="muted">{words.unsoldWarn()}</p>
      <OverdueList />
      <section className="card">
        <h2>
          {t('resale.stock')}{' '}
          <span className="muted small" data-testid="stock-counts">
            {t('resale.stockCounts', { inStock: stockRead.data?.inStock ?? 0 })}
            {(stockRead.data?.total ?? 0) > (stockRead.data?.inStock ?? 0) &&
              t('resale.stockOthers', { n: (stockRead.data?.total ?? 0) - (stockRead.data?.inStock ?? 0) })}
          </span>
        </h2>
        <Pager what={t('resale.stock')} unit="cards" page={stockRead.data} onOffset={setStockFrom} />
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(
              'resale.createBatch',
              { platform: platform.trim(), rateBp: bp ?? 0, lineIds: [...chosen], settlementDays: days },
              (v) => {
                notify('ok', `${v.platform} · ${v.cards}`);
                setChosen(new Set());
                load();
              },
            );
          }}
        >
          <Field label={t('resale.platform')} value={platform} onChange={setPlatform} />
          <Field label={t('resale.rate')} value={rateText} onChange={setRateText} inputMode="numeric" />
          <Field label={t('resale.settlementDays')} value={daysText} onChange={setDaysText} inputMode="numeric" />
          <button type="submit" className="primary" disabled={chosen.size === 0 || bp === null || !platform.trim()}>
            {t('resale.create', { n: chosen.size })}
          </button>
        </form>
        <Field label={t('resale.reason')} value={reason} onChange={setReason} />
        <Refusal action={act} />
        {stock.length === 0 ? (
          <p className="muted">{t('resale.empty')}</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th />
                <th className="trade-no">{t('trades.no')}</th>
                <th>{t('resale.paidAt')}</th>
                <th>{t('resale.card')}</th>
                <th className="num">{t('trades.value')}</th>
                <th className="num">{t('resale.cost')}</th>
                <th>{t('resale.state')}</th>
                <th>{t('resale.customer')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stock.map((c) => (
                <tr key={c.lineId}>
                  <td>
                    {c.state === 'in_stock' && (
                      <input
                        type="checkbox"
                        aria-label={`${c.tradeNo} ****${c.last4}`}
                        checked={chosen.has(c.lineId)}
                        onChange={() => toggle(c.lineId)}
                      />
                    )}
                  </td>
                  <td className="trade-no">{c.tradeNo}</td>
                  <td>{formatTime(c.paidAt)}</td>
                  <td>
                    {cardName(brands, c.brand, c.form, i18n.language)} ****{c.last4}
                  </td>
                  <td className="num">{yuan(c.valueFen)}</td>
                  <td className="num">{yuan(c.payoutFen)}</td>
                  <td>
                    <Dot tone={stateTone(c.state)}>{t(`resale.states.${c.state}`)}</Dot>
                  </td>
                  <td>{c.state === 'invalid' ? (c.customerPhoneMasked ?? '') : ''}</td>
                  <td>
                    {c.state === 'in_stock' && (
                      <>
                        <button type="button" onClick={() => setRejecting(c)}>
                          {t('resale.invalid')}
                        </button>
                        <button type="button" disabled={reason.trim().length < 2} onClick={() => ownUse(c.lineId)}>
                          {t('resale.ownUse')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>{t('resale.batches')}</h2>
        <Pager what={t('resale.batches')} unit="batches" page={batchesRead.data} onOffset={setBatchFrom} />
        {batches.length === 0 ? (
          <p className="muted">{t('resale.noBatches')}</p>
        ) : (
          <ul className="batches">
            {batches.map((b) => (
              <BatchCard key={b.id} batch={b} />
            ))}
          </ul>
        )}
      </section>
      <LossesPanel />
      {rejecting && <InvalidDialog card={rejecting} onClose={() => setRejecting(null)} />}
    </div>
  );
}
