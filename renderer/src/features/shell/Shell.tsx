// The logged-in frame: top bar with shop, person and lock; navigation showing only screens that exist
// for this role; the idle lock (spec §6) enforced here and, as a backstop, by the backend.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, StatusView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/useAction';
import { useCall } from '../../api/useCall';
import { Dot } from '../../components/ui';
import { useApp, type Screen } from '../../store/app';
import { HomeScreen } from '../home/HomeScreen';
import { CounterScreen } from '../counter/CounterScreen';
import { CashDialog, CloseDay, HandoverDialog, Rollover } from '../day/DayForms';
import { LedgerScreen } from '../ledger/LedgerScreen';
import { ResaleScreen } from '../resale/ResaleScreen';
import { QuotesScreen } from '../quotes/QuotesScreen';
import { BrandsScreen } from '../catalog/BrandsScreen';
import { PricingScreen } from '../pricing/PricingScreen';
import { ComplianceScreen } from '../compliance/ComplianceScreen';
import { TradesScreen } from '../trades/TradesScreen';
import { useDay } from '../day/useDay';
import { JournalScreen } from '../journal/JournalScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncDot } from './SyncDot';
import { FailedApprovalsNotice, useLoginNotice } from '../auth/FailedApprovalsNotice';
import { WeakPinDialog } from '../auth/WeakPinDialog';

const TOUCH_EVERY_MS = 60_000;

function useIdleLock(session: SessionView, lock: () => void) {
  const [mountedAt] = useState(Date.now);
  const lastInput = useRef(mountedAt);
  const lastTouch = useRef(mountedAt);
  useEffect(() => {
    const onInput = () => {
      lastInput.current = Date.now();
      if (lastInput.current - lastTouch.current > TOUCH_EVERY_MS) {
        lastTouch.current = lastInput.current;
        // A touch that keeps the session alive; its answer is not read (the status is the store's).
        void api.call('system.status', {});
      }
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current > session.idleLockMs) lock();
    }, 5_000);
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
      window.clearInterval(timer);
    };
  }, [session.idleLockMs, lock]);
}

export function Shell(props: { status: StatusView; session: SessionView }) {
  const { t } = useTranslation();
  const screen = useApp((s) => s.screen);
  const go = useApp((s) => s.go);
  const refresh = useApp((s) => s.refresh);
  const { day } = useDay();
  const [dialog, setDialog] = useState<'close' | 'cash' | 'handover' | 'rollover' | null>(null);
  const printer = useCall('printing.status', {}, { refreshOn: ['printing.changed', 'trades.changed'] }).data;
  const { session, status } = props;
  // Locking and leaving end in the login screen whatever the answer, as the backend's status then says.
  const { run } = useAction();
  const lock = () => void run('auth.lock', {}).then(() => refresh());
  const logout = () => {
    useLoginNotice.getState().set([]);
    useLoginNotice.getState().setWeakPin(false);
    void run('auth.logout', {}).then(() => refresh());
  };
  useIdleLock(session, lock);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && (e.key === 'l' || e.key === 'L')) {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const screens: { id: Screen; owner: boolean }[] = [
    { id: 'counter', owner: false },
    { id: 'trades', owner: false },
    { id: 'quotes', owner: true },
    { id: 'brands', owner: true },
    { id: 'pricing', owner: true },
    { id: 'compliance', owner: true },
    { id: 'ledger', owner: true },
    { id: 'resale', owner: true },
    { id: 'home', owner: false },
    { id: 'staff', owner: true },
    { id: 'journal', owner: true },
    { id: 'settings', owner: false },
  ];
  const visible = screens.filter((s) => !s.owner || session.role === 'owner');
  const current = visible.some((s) => s.id === screen) ? screen : 'counter';
  const dayOpen = day?.status === 'open';
  // The open day runs past midnight until the cut-off (spec §1); from then it is rolled over, nothing else.
  const trading = dayOpen && !day.pastCutoff;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          {t('app.name')} · <span className="shop-name">{status.shop?.name}</span>
        </div>
        <div className="top-status">
          <Dot tone={dayOpen ? (day?.pastCutoff ? 'warn' : 'ok') : 'idle'}>
            <span data-testid="day-state">
              {dayOpen
                ? day.pastMidnight && !day.pastCutoff
                  ? t('day.openedUntil', { date: day.businessDate, cutoff: day.cutoff })
                  : t('day.opened', { date: day.businessDate })
                : day?.sealedToday
                  ? t('day.sealedToday', { z: String(day.zNumber ?? '').padStart(4, '0') })
                  : day
                    ? t('day.closed', { date: day.businessDate })
                    : t('day.none')}
            </span>
          </Dot>
          {trading && (
            <>
              <button type="button" onClick={() => setDialog('cash')}>
                {t('drawer.cash')}
              </button>
              <button type="button" onClick={() => setDialog('handover')}>
                {t('drawer.handover')}
              </button>
              <button type="button" onClick={() => setDialog('close')}>
                {t('day.close')}
              </button>
            </>
          )}
          <SyncDot />
          {printer && (
            <Dot tone={!printer.configured ? 'idle' : printer.pending > 0 ? 'warn' : 'ok'}>
              <span data-testid="printer-state">
                {!printer.configured
                  ? t('printing.none')
                  : printer.pending > 0
                    ? t('printing.waiting', { n: printer.pending })
                    : t('printing.ready')}
              </span>
            </Dot>
          )}
          <Dot tone="ok">
            {t(`roles.${session.role}`)} {session.name}
          </Dot>
          <LanguageSwitch />
          <button type="button" onClick={lock} title="Ctrl+L">
            {t('top.lock')} <kbd>Ctrl+L</kbd>
          </button>
          <button type="button" onClick={logout}>
            {t('top.logout')}
          </button>
        </div>
      </header>
      <nav className="nav" aria-label="main">
        {visible.map((s) => (
          <button
            key={s.id}
            type="button"
            className={s.id === current ? 'active' : ''}
            aria-current={s.id === current ? 'page' : undefined}
            onClick={() => go(s.id)}
          >
            {t(`nav.${s.id}`)}
          </button>
        ))}
      </nav>
      <main className="content">
        <FailedApprovalsNotice />
        {printer?.configured && printer.pending > 0 && printer.lastError && (
          <p className="warn banner" role="status">
            {t('printing.banner', { n: printer.pending, error: printer.lastError })}
          </p>
        )}
        {day?.leftOpen && (
          <p className="warn banner" role="status" data-testid="left-open">
            {/* Past the owner's cut-off (spec §1, a setting): the day takes no more payments and is rolled over. */}
            <span data-testid="past-cutoff">
              {t('drawer.leftOpen', { date: day.businessDate, cutoff: day.cutoff })}
            </span>{' '}
            <button type="button" className="primary" onClick={() => setDialog('rollover')}>
              {t('drawer.rollover', { date: day.businessDate })}
            </button>
          </p>
        )}
        {current === 'counter' && <CounterScreen />}
        {current === 'trades' && <TradesScreen />}
        {current === 'quotes' && <QuotesScreen />}
        {current === 'brands' && <BrandsScreen />}
        {current === 'pricing' && <PricingScreen />}
        {current === 'compliance' && <ComplianceScreen />}
        {current === 'ledger' && <LedgerScreen />}
        {current === 'resale' && <ResaleScreen />}
        {current === 'home' && <HomeScreen status={status} session={session} />}
        {current === 'staff' && <StaffScreen />}
        {current === 'journal' && <JournalScreen />}
        {current === 'settings' && <SettingsScreen status={status} session={session} />}
      </main>
      {dialog === 'close' && <CloseDay onClose={() => setDialog(null)} />}
      {dialog === 'cash' && day && <CashDialog day={day} onClose={() => setDialog(null)} />}
      {dialog === 'handover' && <HandoverDialog onClose={() => setDialog(null)} onDone={logout} />}
      {dialog === 'rollover' && day && <Rollover day={day} onClose={() => setDialog(null)} />}
      <WeakPinDialog onLogout={logout} />
    </div>
  );
}
