// The counter (ux.md): cards on the left with the entry row last, the money on the right, keys F1–F10. No dead ends:
// ↑/↓ choose a card row (its group's panel takes focus), Enter corrects it, Delete takes it out, Ctrl+K records a
// fresh balance check, Ctrl+M asks the owner's exit rate for cards no quote prices; F5/F6 act on the focused group.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallInput, TradeLineView, TradeView } from '../../../../shared/contract';
import { useTranslation } from 'react-i18next';
import { roundCashDown } from '../../../../shared/domain/money';
import { useAction } from '../../api/useAction';
import { api } from '../../api/client';
import { useCall, useEvent } from '../../api/useCall';
import { ApprovalFor } from '../../components/ApprovalDialog';
import { Dialog, ErrorLine } from '../../components/ui';
import { errorText } from '../../i18n';
import { useApp } from '../../store/app';
import { savedTradeId, useCounter } from '../../store/counter';
import { OpenDay, SealedToday } from '../day/DayForms';
import { useDay } from '../day/useDay';
import { CardRows, checkState, useShopNow } from './CardRows';
import { EditCardDialog, RemoveCardDialog, VerifyDialog } from './CardDialogs';
import { ManualExitDialog, WatchOverrideDialog } from './OwnerDialogs';
import { EntryRow, type EntryHandle, type EntryValues } from './EntryRow';
import { Explanation } from './Explanation';
import { yuan } from './format';
import { GroupPanel, groupCards, type GroupHandle } from './GroupPanel';
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
  '↑/↓',
  'Enter',
  'Delete',
  'Ctrl+K',
  'Ctrl+M',
  'Esc',
  'Ctrl+L',
  'Ctrl+F',
] as const;

type Why = 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE';

/** Cards no quote priced, by brand and form: each waits for fresh quotes or the owner's exit rate. */
interface Waiting {
  key: string;
  why: Why;
  lines: TradeLineView[];
}

function waitingGroups(trade: TradeView | null, refused: Why | null): Waiting[] {
  const out = new Map<string, Waiting>();
  for (const l of trade?.lines ?? []) {
    const why = l.groupKey === null ? (l.unpriced ?? refused) : null;
    if (!why) continue;
    const key = `waiting:${l.brand}/${l.form}/${why}`;
    const w = out.get(key) ?? { key, why, lines: [] };
    w.lines.push(l);
    out.set(key, w);
  }
  return [...out.values()];
}

type CardDialog = { kind: 'edit' | 'remove'; line: TradeLineView } | { kind: 'verify'; line: TradeLineView | null };

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
  const [chosen, setChosen] = useState<string | null>(null);
  // Each choice of a row focuses it once it is drawn, in the same commit (a dialog opened by the next key keeps its
  // own focus).
  const [focusTick, setFocusTick] = useState(0);
  useLayoutEffect(() => {
    if (chosen === null || document.querySelector('.dialog')) return;
    rows.current?.querySelector<HTMLElement>(`tr[data-line="${chosen}"]`)?.focus();
  }, [chosen, focusTick]);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [cardDialog, setCardDialog] = useState<CardDialog | null>(null);
  const [manual, setManual] = useState<Waiting | null>(null);
  const [override, setOverride] = useState<CallInput<'trades.addLine'> | null>(null);
  // The last card asked for: a watch-list hit asks the owner to let exactly it through.
  const [lastAdd, setLastAdd] = useState<CallInput<'trades.addLine'> | null>(null);
  const entry = useRef<EntryHandle>(null);
  const groupRefs = useRef(new Map<string, GroupHandle>());
  const rows = useRef<HTMLTableElement>(null);
  useRestoreTrade();
  const now = useShopNow();

  const open = trade && trade.status !== 'paid' && trade.status !== 'voided' ? trade : null;
  const paid = trade?.status === 'paid' ? trade : null;
  // Head office's card check answers after the card was added: the trade in hand is read again to show its marks.
  useEvent(['trades.changed'], (e) => {
    const id = open?.id;
    if (!id || !('tradeId' in e.payload) || e.payload.tradeId !== id) return;
    void api.call('trades.get', { tradeId: id }).then((r) => {
      const now = useCounter.getState().trade;
      if (r.ok && now?.id === id && now.status === r.value.status) setTrade(r.value);
    });
  });
  const refusedAll =
    act.error?.code === 'STALE_QUOTES' || act.error?.code === 'NO_ELIGIBLE_QUOTE' ? act.error.code : null;
  const waiting = waitingGroups(open, refusedAll);
  const chosenLine = open?.lines.find((l) => l.id === chosen) ?? null;
  // The focused panel: the chosen card's, else the one the clerk last touched, else the first not yet agreed.
  const panelOf = (l: TradeLineView) => l.groupKey ?? waiting.find((w) => w.lines.includes(l))?.key ?? null;
  // A panel keeps focus while there is something to do on it: an agreed group hands it on.
  const keys = [
    ...(open?.groups.filter((g) => g.agreedBp === null).map((g) => g.key) ?? []),
    ...waiting.map((w) => w.key),
  ];
  const focused =
    (chosenLine && panelOf(chosenLine)) ??
    (focusKey && keys.includes(focusKey) ? focusKey : null) ??
    open?.groups.find((g) => g.agreedBp === null)?.key ??
    waiting[0]?.key ??
    null;
  const focusedGroup = open?.groups.find((g) => g.key === focused);
  const focusedWaiting = waiting.find((w) => w.key === focused) ?? waiting[0] ?? null;
  const windowMinutes = settings?.verifyWindowMinutes ?? 10;
  const late = (open?.lines ?? []).filter((l) => checkState(l, now, windowMinutes).state === 'late');

  /** Chooses a card row (null: back to the entry row); its group's panel takes focus. */
  const choose = (lineId: string | null) => {
    setChosen(lineId);
    setFocusTick((n) => n + 1);
    act.clear();
    if (lineId === null) entry.current?.focus();
  };
  const moveRow = (step: -1 | 1) => {
    const lines = open?.lines ?? [];
    if (lines.length === 0) return;
    const at = lines.findIndex((l) => l.id === chosen);
    if (at === -1) return step === -1 ? choose(lines[lines.length - 1]?.id ?? null) : undefined;
    const next = at + step;
    choose(next >= lines.length ? null : (lines[Math.max(0, next)]?.id ?? null));
  };
  /** A card dialog closed: back to the chosen row (if it is still in the trade) or the entry row. */
  const closeDialog = (lines: readonly TradeLineView[] = open?.lines ?? []) => {
    setCardDialog(null);
    setManual(null);
    act.clear();
    choose(chosen && lines.some((l) => l.id === chosen) ? chosen : null);
  };
  const done = (v: TradeView) => {
    setTrade(v);
    closeDialog(v.lines);
  };

  const newTrade = () =>
    void act.run(
      'trades.create',
      {},
      (v) => (setTrade(v), setChosen(null), setTimeout(() => entry.current?.focus(), 0)),
    );
  const offer = () => open && void act.run('trades.offer', { tradeId: open.id }, (v) => setTrade(v));
  const addLine = async (v: EntryValues) => {
    const tradeId = open?.id ?? (await act.run('trades.create', {}))?.id;
    if (!tradeId) return false;
    const input: CallInput<'trades.addLine'> = {
      tradeId,
      brand: v.brand,
      form: v.form,
      number: v.number,
      secret: v.secret || undefined,
      faceValueFen: v.faceValueFen,
      verifiedHow: v.verifiedHow,
    };
    setLastAdd(input);
    const added = await act.run('trades.addLine', input, (tv) => setTrade(tv));
    return added !== null;
  };

  // Registered as the render commits (a layout effect), so a key pressed right after a dialog closes meets the
  // handler that knows it closed, not the one still waiting for a passive effect.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey && !e.altKey ? e.key.toLowerCase() : null;
      const key =
        ctrl === 'f' || ctrl === 'k' || ctrl === 'm'
          ? `Ctrl+${ctrl.toUpperCase()}`
          : e.shiftKey && e.key === 'F6'
            ? 'Shift+F6'
            : e.key;
      const onRow = e.target instanceof HTMLElement && e.target.matches('tr[data-line]');
      const group = focusedGroup ? groupRefs.current.get(focusedGroup.key) : undefined;
      const handlers: Record<string, (() => void) | undefined> = {
        F1: () => setHelp(true),
        F2: newTrade,
        F3: () => choose(null),
        F4: offer,
        F5: () => group?.focusAsk(),
        F6: () => group?.acceptCurrent(),
        'Shift+F6': () => group?.acceptAsk(),
        F7: () => open && setCustomer(true),
        F8: () => open?.status === 'agreed' && setPaying(true),
        F10: () => entry.current?.nextBrand(),
        Escape: () => (onRow ? choose(null) : entry.current?.escape()),
        'Ctrl+F': () => go('trades'),
        'Ctrl+K': () => open && open.lines.length > 0 && setCardDialog({ kind: 'verify', line: chosenLine }),
        'Ctrl+M': () => focusedWaiting && setManual(focusedWaiting),
        // On a chosen card row: move, correct, take out.
        ArrowUp: onRow ? () => moveRow(-1) : undefined,
        ArrowDown: onRow ? () => moveRow(1) : undefined,
        Enter: onRow && chosenLine ? () => setCardDialog({ kind: 'edit', line: chosenLine }) : undefined,
        Delete: onRow && chosenLine ? () => setCardDialog({ kind: 'remove', line: chosenLine }) : undefined,
      };
      const h = handlers[key];
      // A dialog handles its own keys (Esc closes it): the counter's, and any other open over it (F1's, the top
      // bar's cash, handover, close and rollover, a weak PIN's).
      const dialog =
        paying ||
        customer ||
        cardDialog !== null ||
        manual !== null ||
        override !== null ||
        document.querySelector('.dialog') !== null;
      if (!h || dialog || act.approval) return;
      e.preventDefault();
      h();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // After the seal, until its cut-off: the day is sealed and trading resumes on the next date (no dead end).
  if (!day || day.status !== 'open') return day?.sealedToday ? <SealedToday day={day} /> : <OpenDay />;
  const watchHit = act.error?.code === 'WATCHLIST_HIT' && act.error.details.kind === 'card' && lastAdd;

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
        <table className="table lines" ref={rows}>
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
          {shown && (
            <CardRows
              trade={shown}
              chosen={open ? chosen : null}
              windowMinutes={windowMinutes}
              live={open !== null}
              onChoose={(id) => open && choose(id)}
            />
          )}
        </table>
        {open && open.lines.length > 0 && (
          <p className="row-keys muted small">
            {chosenLine ? t('counter.rowKeys', { n: chosenLine.position }) : t('counter.rowKeysIdle')}
          </p>
        )}
        {!paid && (
          <EntryRow
            ref={entry}
            onAdd={addLine}
            disabled={false}
            onEdit={() => act.error && act.clear()}
            onUp={() => moveRow(-1)}
          />
        )}
        {!shown && <p className="muted empty">{t('counter.emptyTrade')}</p>}
        <ErrorLine text={act.error && !paying && !customer ? errorText(act.error) : null} />
        {watchHit && (
          <button type="button" className="warn-btn" autoFocus onClick={() => setOverride(lastAdd)}>
            {t('counter.watch.ask')}
          </button>
        )}
        <Explanation group={focusedGroup ?? paid?.groups[0]} />
      </div>
      <aside className="counter-right">
        {open?.groups.map((g) => (
          <GroupPanel
            key={g.key}
            trade={open}
            group={g}
            action={act}
            focused={g.key === focused}
            onFocus={() => setFocusKey(g.key)}
            ref={(h) => void (h ? groupRefs.current.set(g.key, h) : groupRefs.current.delete(g.key))}
          />
        ))}
        {open &&
          waiting.map((w) => {
            const first = w.lines[0];
            const name = first ? (i18n.language === 'en' ? first.nameEn : first.nameZh) : '';
            const title = t('counter.waitingGroup', { name, n: w.lines.length });
            return (
              <section
                key={w.key}
                className={`group group-waiting ${w.key === focused ? 'group-focused' : ''}`}
                aria-label={`${title} ${groupCards(w.lines)}`}
                aria-current={w.key === focused || undefined}
                onClick={() => setFocusKey(w.key)}
              >
                <h3>
                  {title} <span className="group-cards">{groupCards(w.lines)}</span>
                </h3>
                <p className="warn">{t(`counter.why.${w.why}`)}</p>
                <button type="button" className="warn-btn" onClick={() => setManual(w)}>
                  <kbd>Ctrl+M</kbd> {t('counter.manual.ask')}
                </button>
              </section>
            );
          })}
        {open && open.compliance.identityRequired && (!open.customer?.idMasked || !open.fundsSource) && (
          <p className="warn banner" role="status">
            {t(open.customer?.idMasked ? 'customer.needFunds' : 'customer.needIdentity', {
              why: words.because(open.compliance.identityBecause),
            })}
          </p>
        )}
        {open && !open.compliance.cashAllowed && <p className="warn banner">{words.bankOnly()}</p>}
        {open && late.length > 0 && (
          <p className="warn banner" data-testid="late-checks">
            {t('counter.lateChecks', { cards: late.map((l) => `#${l.position}`).join(' '), minutes: windowMinutes })}
          </p>
        )}
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
      {cardDialog && open && cardDialog.kind === 'edit' && (
        <EditCardDialog trade={open} line={cardDialog.line} onClose={() => closeDialog()} onDone={done} />
      )}
      {cardDialog && open && cardDialog.kind === 'remove' && (
        <RemoveCardDialog trade={open} line={cardDialog.line} onClose={() => closeDialog()} onDone={done} />
      )}
      {cardDialog && open && cardDialog.kind === 'verify' && (
        <VerifyDialog trade={open} line={cardDialog.line} onClose={() => closeDialog()} onDone={done} />
      )}
      {manual && open && (
        <ManualExitDialog
          trade={open}
          lines={manual.lines}
          why={manual.why}
          onClose={() => closeDialog()}
          onDone={done}
        />
      )}
      {override && (
        <WatchOverrideDialog
          input={override}
          onClose={() => setOverride(null)}
          onDone={(v) => {
            setOverride(null);
            setTrade(v);
            act.clear();
            entry.current?.clear();
          }}
        />
      )}
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
