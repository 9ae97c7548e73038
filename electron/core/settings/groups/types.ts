// What a group of owner settings is to the backend: how it reads and writes its values, and the rules across its
// fields beyond the bounds of shared/domain/settings.ts (which `OwnerSettings` checks for every group alike).
import { AppError } from '../../../../shared/contract';
import {
  SETTING_BOUNDS,
  type RangeBounds,
  type SettingBounds,
  type SettingGroup,
  type SettingRefusal,
  type SettingValues,
} from '../../../../shared/domain/settings';
import type { Form } from '../../../../shared/domain/codes';
import type { JsonValue } from '../../journal/service';
import type { Settings } from '../service';

/** What the group's rules may ask about the shop beyond its own values. */
export interface SettingsEnv {
  /** A business day is open now (the time zone changes only while none is). */
  dayOpen(): boolean;
  /** The catalogue's brands and their forms (pricing overrides and promotions name them). */
  catalogue(): { brand: string; forms: readonly Form[] }[];
}

/** One journal entry of `settings.changed`: `{ group, key, old, new }`; a list item adds `item` and `change`. */
export interface SettingChange {
  [k: string]: JsonValue;
  group: string;
  key: string;
  old: JsonValue;
  new: JsonValue;
}

export interface GroupDef<G extends SettingGroup> {
  read(s: Settings): SettingValues[G];
  defaults(s: Settings): SettingValues[G];
  write(s: Settings, next: SettingValues[G]): void;
  /** Rules beyond each key's bounds and the `maxKey` rule (which every group gets); throws `refuse(…)`. */
  check?(next: SettingValues[G], old: SettingValues[G], env: SettingsEnv): void;
  /** The journal entries for a change; by default one per changed key. */
  changes?(old: SettingValues[G], next: SettingValues[G]): SettingChange[];
}

/**
 * The one refusal of a setting (SETTING_REFUSED): the field as `group.key`, why, and the allowed range in the
 * setting's unit, so the screens say "单笔登记身份金额：¥100 – ¥5,000" next to it. Never the refused value.
 */
export function refuse(
  group: SettingGroup,
  key: string,
  why: SettingRefusal,
  extra: Record<string, string | number | null> = {},
): never {
  const b: SettingBounds | undefined = (SETTING_BOUNDS[group] as Record<string, SettingBounds>)[key];
  const range: Record<string, string | number> =
    b?.kind === 'range'
      ? { unit: b.unit, min: b.min, max: b.max }
      : b?.kind === 'list'
        ? { unit: b.item.unit, min: b.item.min, max: b.item.max, maxItems: b.maxItems }
        : {};
  throw new AppError('SETTING_REFUSED', `setting ${group}.${key} refused: ${why}`, {
    field: `${group}.${key}`,
    group,
    key,
    why,
    ...range,
    ...extra,
  });
}

/** The bounds with another setting's value filled in where the bound is that setting. */
export function resolved(b: SettingBounds, values: Record<string, unknown>): SettingBounds {
  if (b.kind !== 'range' || !b.maxKey) return b;
  const other = values[b.maxKey];
  return typeof other === 'number' ? { ...b, max: Math.min(b.max, other) } : b;
}

export function checkRange(group: SettingGroup, key: string, value: number, b: RangeBounds): void {
  if (!Number.isInteger(value)) refuse(group, key, 'range');
  if (value < b.min) refuse(group, key, 'range');
  if (value > b.max) refuse(group, key, b.stricter ? 'stricter' : 'range');
}
