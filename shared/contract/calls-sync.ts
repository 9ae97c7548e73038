// Head office (sync-protocol.md): the status everyone sees, the owner's settings, per-day states and "sync now".
import { z } from 'zod';
import { call, out } from './define';
import type { SyncDayView, SyncSettingsView, SyncStatusView } from './views';

const Secret = z.string().min(16).max(200);

export const syncCalls = {
  'sync.status': call({
    input: {},
    output: out<SyncStatusView>(),
    role: 'clerk',
    mutates: false,
    summary: 'Pending days, last success, offline or paused: the top bar’s sync dot.',
  }),
  'sync.settings': call({
    input: {},
    output: out<SyncSettingsView>(),
    role: 'owner',
    mutates: false,
    summary: 'The head-office address and whether the secrets are set (never the secrets).',
  }),
  'sync.updateSettings': call({
    input: {
      hqBaseUrl: z.string().trim().min(1).max(300).nullable(),
      enabled: z.boolean(),
      shopSecret: Secret.optional(),
      chainKey: Secret.optional(),
      /** Customer matching across shops (off by default); unchanged when left out. */
      customerMatching: z.boolean().optional(),
    },
    output: out<SyncSettingsView>(),
    role: 'owner',
    mutates: true,
    summary: 'Head office: address (https; plain http only to this PC), shop secret, chain key (set once), on or off.',
  }),
  'sync.days': call({
    input: {},
    output: out<SyncDayView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Each sealed day’s sending state, attempts, last error and next attempt.',
  }),
  'sync.now': call({
    input: {},
    output: out<SyncStatusView>(),
    role: 'owner',
    mutates: false,
    summary: '“Sync now”: send what is waiting and pull quotes and the watch list.',
  }),
};
