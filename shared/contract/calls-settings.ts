// The owner's settings (product/settings.md): read every setting with its default and bounds, change one group.
// The schema states only each value's type; the bounds and the rules across fields are the backend's
// (electron/core/settings/groups), which refuses with SETTING_REFUSED naming the field and the allowed range.
import { z } from 'zod';
import type { CallSpec } from './define';
import { call, out } from './define';
import { PricingValuesInput } from './calls-pricing';
import type { SettingBounds, SettingGroup, SettingValues } from '../domain/settings';
import type { SettingsView } from './views';

/** One setting as settings.list answers it: its value now, the shipped default and what it may be. */
export type SettingEntry = {
  [G in SettingGroup]: {
    [K in keyof SettingValues[G] & string]: {
      group: G;
      key: K;
      value: SettingValues[G][K];
      default: SettingValues[G][K];
      bounds: SettingBounds;
    };
  }[keyof SettingValues[G] & string];
}[SettingGroup];

const Whole = z.int();

export const ComplianceChange = z.strictObject({
  group: z.literal('compliance'),
  values: z
    .strictObject({
      phoneFromFen: Whole,
      identityTradeFen: Whole,
      identityDayFen: Whole,
      noCashDayFen: Whole,
      maxCardsPerDay: Whole,
      unsoldHoursE: Whole,
      unsoldHoursPhysical: Whole,
    })
    .partial(),
});

export const DayChange = z.strictObject({
  group: z.literal('day'),
  values: z
    .strictObject({
      cashRounding: z.enum(['none', 'jiao', 'yuan']),
      verifyWindowMinutes: Whole,
      discrepancyThresholdFen: Whole,
      cutoffMinutes: Whole,
      timeZone: z.string().max(64),
      quoteStaleDays: Whole,
      backupEveryTrades: Whole,
      idleLockMinutes: Whole,
    })
    .partial(),
});

export const PricingChange = z.strictObject({
  group: z.literal('pricing'),
  values: PricingValuesInput.partial(),
});

/** One group's change: the keys given are changed, the others stay. */
export const SettingsChange = z.discriminatedUnion('group', [ComplianceChange, DayChange, PricingChange]);
export type SettingsChange = z.infer<typeof SettingsChange>;

const updateSpec: CallSpec<typeof SettingsChange, SettingEntry[]> = {
  input: SettingsChange,
  output: out<SettingEntry[]>(),
  role: 'owner',
  approval: false,
  mutates: true,
  summary:
    'Change some settings of one group; each bound and rule across fields is checked, each changed key journaled.',
};

export const settingsCalls = {
  'settings.get': call({
    input: {},
    output: out<SettingsView>(),
    role: 'clerk',
    mutates: false,
    summary: 'The settings the counter and the shell use.',
  }),
  'settings.list': call({
    input: {},
    output: out<SettingEntry[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Every setting of every group: its value, the shipped default and its bounds.',
  }),
  'settings.update': updateSpec,
};
