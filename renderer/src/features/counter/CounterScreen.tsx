// The counter (ux.md): cards on the left with the entry row last, the money on the right, keys F1–F8.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roundCashDown } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Dialog, ErrorLine } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';
import { savedTradeId, useCounter } from '../../store/counter';
import { OpenDay, SealedToday } from '../day/DayForms';
import { localName } from '../catalog/useBrands';
import { useDay } from '../day/useDay';
import { EntryRow, type EntryHandle, type EntryValues } from './EntryRow';
import { Explanation } from './Explanation';
import { rate, yuan } from './format';
import { GroupPanel, type GroupHandle } from './GroupPanel';
import { PayDialog } from './PayDialog';
import { CustomerDialog } from './CustomerDialog';
import { CustomerRecord } from './CustomerRecord';
import { ReceiptPanel } from './ReceiptPanel';
import { useSettingWords } from '../settings/useShopSettings';
import { CustomerScreenButton } from '../display/CustomerScreenButton';

const KEYS = [
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'Shift+F6',
  'F7',
  'F8',
  'F9',
  'F10',
  'Esc',
  'Ctrl+L',
  'Ctrl+F',
] as const;

/** A reload brings back the open trade the window had in hand. */
function useRestoreTrade() {
  const [id] = useState(savedTradeId);
  const saved = useCall('trades.get', { tradeId: id ?? '' }, { skip: id === null });
  const { data, error } = saved;
  useEffect(() => {
    const { trade, setTrade } = useCounter.getState();
    if (trade && trade.id !== id) return;
    if (data) setTrade(data.status === 'voided' ? null : data);
    else if (error) setTrade(null);
  }, [id, data, error]);
}

export function CounterScreen() {
  const { t, i18n } = useTranslation();
  const go = useApp((s) => s.go);
  const trade = useCounter((s) => s.trade);
  const setTrade = useCounter((s) => s.setTrade);
  const { day } = useDay();
  const words = useSettingWords();
  const settings = words.settings;
  // The trade in hand is one form: its refusals show under the cards, its approvals above it.
  const act = useAction();
  const [paying, setPaying] = useState(false);
  const [help, setHelp] = useState(false);
  const [customer, setCustomer] = useState(false);
  const entry = useRef<EntryHandle>(null);
  const groupRefs = useRef(new Map<string, GroupHandle>());
  useRestoreTrade();

  const open = trade && trade.status !== 'paid' && trade.status !== 'voided' ? trade : null;
  const paid = trade?.status === 'paid' ? trade : null;
  const openGroups = open?.groups.filter((g) => g.agreedBp === null) ?? [];
  const firstOpen = openGroups[0];

  const newTrade = () =>
    void act.run('trades.create', {}, (v) => (setTrade(v), setTimeout(() => entry.current?.focus(), 0)));
  const offer = () => open && void act.run('trades.offer', { tradeId: open.id }, (v) => setTrade(v));
  const addLine = async (v: EntryValues) => {
    const tradeId = open?.id ?? (await act.run('trades.create', {}))?.id;
    if (!tradeId) return false;
    const added = await act.run(
      'trades.addLine',
      {
        tradeId,
        brand: v.brand,
        form: v.form,
        number: v.number,
        secret: v.secret || undefined,
        faceValueFen: v.faceValueFen,
        verifiedHow: v.verifiedHow,
      },
      (tv) => setTrade(tv),
    );
    return added !== null;
  };

  // Registered as the render commits (a layout effect), so a key pressed right after a dialog closes meets the
  // handler that knows it closed, not the one still waiting for a passive effect.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key =
        e.ctrlKey && e.key.toLowerCase() === 'f' ? 'Ctrl+F' : e.shiftKey && e.key === 'F6' ? 'Shift+F6' : e.key;
      const handlers: Record<string, () => void> = {
        F1: () => setHelp(true),
        F2: newTrade,
        F3: () => entry.current?.focus(),
        F4: offer,
        F5: () => firstOpen && groupRefs.current.get(firstOpen.key)?.focusAsk(),
        F6: () => firstOpen && groupRefs.current.get(firstOpen.key)?.acceptCurrent(),
        'Shift+F6': () => firstOpen && groupRefs.current.get(firstOpen.key)?.acceptAsk(),
        F7: () => open && setCustomer(true),
        F8: () => open?.status === 'agreed' && setPaying(true),
        F10: () => entry.current?.nextBrand(),
        Escape: () => entry.current?.escape(),
        'Ctrl+F': () => go('trades'),
      };
      const h = handlers[key];
      if (!h || ((paying || customer) && key !== 'Escape') || act.approval) return;
      e.preventDefault();
      h();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // After the seal, until its cut-off: the day is sealed and trading resumes on the next date (no dead end).
  if (!day || day.status !== 'open') return day?.sealedToday ? <SealedToday day={day} /> : <OpenDay />;

  const shown = open ?? paid;
  const due = shown ? (shown.status === 'paid' ? shown.payoutFen : shown.offerPayoutFen) : 0;
  const cash = shown ? roundCashDown(due, settings?.cashRounding ?? 'jiao') : null;
  return (
    <div className="counter">
      <div className="counter-left">
        <div className="counter-head">
          <span>{shown ? t('counter.cards', { n: shown.lines.length }) : ''}</span>
          <span className="muted">
            {t('counter.valueTotal')} <strong className="num">{yuan(shown?.valueFen ?? 0)}</strong>
          </span>
          <span className="keys">
            <button type="button" onClick={newTrade}>
              <kbd>F2</kbd> {t('counter.newTrade')}
            </button>
            <button type="button" onClick={offer} disabled={!open}>
              <kbd>F4</kbd> {t('counter.offer')}
            </button>
            <button type="button" onClick={() => setHelp(true)}>
              <kbd>F1</kbd> {t('counter.help')}
            </button>
            <CustomerScreenButton />
          </span>
        </div>
        {open && (
          <div className="customer-bar">
            {open.customer ? (
              <span>
                {t('customer.bar', { phone: open.customer.phoneMasked, total: yuan(open.compliance.dayTotalFen) })}
                {open.customer.idMasked ? ` · ${open.customer.name ?? ''} ${open.customer.idMasked}` : ''}
                <CustomerRecord customerId={open.customer.id} />
              </span>
            ) : (
              <span className="muted">{t('customer.none')}</span>
            )}
            <button type="button" onClick={() => setCustomer(true)}>
              <kbd>F7</kbd> {t('customer.title')}
            </button>
          </div>
        )}
        <table className="table lines">
          <thead>
            <tr>
              <th>{t('counter.line')}</th>
              <th>{t('counter.brand')}</th>
              <th>{t('counter.form')}</th>
              <th>{t('counter.number')}</th>
              <th className="num">{t('counter.value')}</th>
              <th className="num">{t('counter.rate')}</th>
              <th>{t('counter.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {shown?.lines.map((l) => {
              const g = shown.groups.find((x) => x.key === l.groupKey);
              return (
                <tr key={l.id}>
                  <td>{l.position}</td>
                  <td>{localName(l, i18n.language)}</td>
                  <td>{t(`counter.forms.${l.form}`)}</td>
                  <td className="mono">****{l.last4}</td>
                  <td className="num">{yuan(l.valueFen).slice(1)}</td>
                  <td className="num">
                    {g ? rate(g.agreedBp ?? g.currentBp) : <span className="muted">{t('counter.unpriced')}</span>}
                  </td>
                  <td>{t(`counter.verifiedHow.${l.verifiedHow}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {!paid && <EntryRow ref={entry} onAdd={addLine} disabled={false} />}
        {!shown && <p className="muted empty">{t('counter.emptyTrade')}</p>}
        <ErrorLine text={act.error && !paying && !customer ? errorText(act.error) : null} />
        <Explanation group={open?.groups[0] ?? paid?.groups[0]} />
      </div>
      <aside className="counter-right">
        {open?.groups.map((g) => (
          <GroupPanel
            key={g.key}
            trade={open}
            group={g}
            action={act}
            ref={(h) => void (h ? groupRefs.current.set(g.key, h) : groupRefs.current.delete(g.key))}
          />
        ))}
        {open && open.compliance.identityRequired && (!open.customer?.idMasked || !open.fundsSource) && (
          <p className="warn banner" role="status">
            {t(open.customer?.idMasked ? 'customer.needFunds' : 'customer.needIdentity', {
              why: words.because(open.compliance.identityBecause),
            })}
          </p>
        )}
        {open && !open.compliance.cashAllowed && <p className="warn banner">{words.bankOnly()}</p>}
        {open && open.groups.length > 0 && cash && (
          <div className="pay-bar">
            <div className="to-pay">
              <span>{t('counter.toPay', { total: yuan(due) })}</span>
              <span className="muted">
                {' '}
                → {t('counter.cashOut', { cash: yuan(cash.cashFen), rounding: yuan(cash.roundingFen) })}
              </span>
            </div>
            <button
              type="button"
              className="primary big-btn"
              disabled={open.status !== 'agreed'}
              onClick={() => setPaying(true)}
            >
              <kbd>F8</kbd> {t('counter.pay')}
            </button>
          </div>
        )}
        {paid && cash && (
          <div className="paid card" role="status">
            <h2>✓ {t('counter.paidTitle', { tradeNo: paid.tradeNo })}</h2>
            <p className="hand-over">
              {t('counter.handOver', { cash: yuan(paid.payments.find((p) => p.method === 'cash')?.amountFen ?? 0) })}
            </p>
            {paid.roundingFen > 0 && (
              <p className="muted">
                {t('payment.rounding')} {yuan(paid.roundingFen)}
              </p>
            )}
            <p className="muted">{t('counter.nextTrade')}</p>
            <ReceiptPanel tradeId={paid.id} />
          </div>
        )}
      </aside>
      {paying && open && (
        <PayDialog
          trade={open}
          cashAllowed={open.compliance.cashAllowed}
          rounding={settings?.cashRounding ?? 'jiao'}
          onClose={() => (setPaying(false), act.clear())}
          onPaid={(v) => (setPaying(false), setTrade(v))}
        />
      )}
      {customer && open && <CustomerDialog trade={open} onClose={() => (setCustomer(false), act.clear())} />}
      {help && (
        <Dialog title={t('help.title')} onClose={() => setHelp(false)}>
          <table className="table compact">
            <tbody>
              {KEYS.map((k) => (
                <tr key={k}>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                  <td>{t(`help.keys.${k}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
      <ApprovalFor action={act} />
    </div>
  );
}
