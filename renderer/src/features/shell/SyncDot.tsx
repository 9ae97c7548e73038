// The top bar's head-office dot for everyone: a word beside the colour, never colour alone (ux.md).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { Dot } from '../../components/ui';

export function useSyncStatus(): SyncStatusView | null {
  const [s, setS] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    const load = () => void api.call('sync.status', {}).then((r) => r.ok && setS(r.value));
    load();
    const timer = window.setInterval(load, 30_000);
    const off = api.on((e) => (e.name === 'sync.changed' || e.name === 'day.changed') && load());
    return () => (window.clearInterval(timer), off());
  }, []);
  return s;
}

export function SyncDot() {
  const { t } = useTranslation();
  const s = useSyncStatus();
  if (!s) return null;
  const n = s.pending;
  const [tone, text] = !s.configured ? (['idle', t('sync.none')] as const)
    : s.paused === 'bad_signature' ? (['bad', t('sync.badSecret')] as const)
    : s.paused === 'clock_skew' ? (['warn', t('sync.skew', { s: s.skewSeconds })] as const)
    : n > 0 && s.online === false ? (['warn', t('sync.offline', { n })] as const)
    : n > 0 ? (['warn', t('sync.pending', { n })] as const)
    : (['ok', t('sync.ok')] as const);
  return <Dot tone={tone}><span data-testid="sync-state">{text}</span></Dot>;
}
