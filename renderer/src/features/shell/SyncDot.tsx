// The top bar's head-office dot for everyone: a word beside the colour, never colour alone (ux.md).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../../shared/contract';
import { useCall } from '../../api/useCall';
import { Dot } from '../../components/ui';

/** Asked again every 30 s as well: being online changes without an event. */
export function useSyncStatus(): SyncStatusView | null {
  return useCall('sync.status', {}, { refreshOn: ['sync.changed', 'day.changed'], every: 30_000 }).data ?? null;
}

/** A day's or the worker's last error in words (the worker keeps a short code: `network`, `http 500`, `conflict: …`). */
export function syncErrorText(t: TFunction, error: string): string {
  const http = /^http (\d+)$/.exec(error);
  if (http) return t('sync.errors.http', { status: http[1] });
  const kind = error.split(':')[0] ?? '';
  const known = ['network', 'timeout', 'bad_signature', 'clock_skew', 'answer_unsigned', 'conflict', 'rejected'];
  return known.includes(kind) ? t(`sync.errors.${kind}`) : error;
}

export function SyncDot() {
  const { t } = useTranslation();
  const s = useSyncStatus();
  if (!s) return null;
  const n = s.pending;
  const [tone, text] = !s.configured
    ? (['idle', t('sync.none')] as const)
    : s.paused === 'bad_signature'
      ? (['bad', t('sync.badSecret')] as const)
      : s.paused === 'clock_skew'
        ? (['warn', t('sync.skew', { s: s.skewSeconds })] as const)
        : s.lastError === 'answer_unsigned'
          ? (['bad', t('sync.answerUnsigned')] as const)
          : n > 0 && s.online === false
            ? (['warn', t('sync.offline', { n })] as const)
            : n > 0
              ? (['warn', t('sync.pending', { n })] as const)
              : (['ok', t('sync.ok')] as const);
  return (
    <Dot tone={tone}>
      <span data-testid="sync-state">{text}</span>
    </Dot>
  );
}
