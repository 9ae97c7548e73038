// The owner's settings as one service: every setting with its default and bounds, and a change of one group
// checked against settings.md (each key's bounds, a bound that is another setting, the group's own rules) before
// anything is written. Answers the journal entries of the change; the handler records them.
import type { SettingEntry, SettingsChange } from '../../../shared/contract';
import {
  SETTING_BOUNDS,
  SETTING_GROUPS,
  settingKeys,
  type SettingBounds,
  type SettingGroup,
  type SettingValues,
} from '../../../shared/domain/settings';
import type { JsonValue } from '../journal/service';
import { GROUPS } from './groups';
import { checkRange, refuse, resolved, type SettingChange, type SettingsEnv } from './groups/types';
import type { Settings } from './service';

type Loose = Record<string, unknown>;

export class OwnerSettings {
  constructor(
    private readonly settings: Settings,
    private readonly env: SettingsEnv,
  ) {}

  list(): SettingEntry[] {
    const out: SettingEntry[] = [];
    for (const group of SETTING_GROUPS) {
      const def = GROUPS[group];
      const values = def.read(this.settings) as unknown as Loose;
      const defaults = def.defaults(this.settings) as unknown as Loose;
      const bounds = SETTING_BOUNDS[group] as Record<string, SettingBounds>;
      for (const key of settingKeys(group)) {
        const b = bounds[key];
        if (!b) continue;
        out.push({
          group,
          key,
          value: values[key],
          default: defaults[key],
          bounds: resolved(b, values),
        } as SettingEntry);
      }
    }
    return out;
  }

  /** Checks the whole group after the change, then writes it; nothing is written when any rule refuses. */
  update(change: SettingsChange): SettingChange[] {
    return this.apply(change.group, change.values);
  }

  /** The group's values after a change, checked as saving them would check them; nothing is written. */
  proposed<G extends SettingGroup>(group: G, given: Loose): SettingValues[G] {
    const def = GROUPS[group];
    const old = def.read(this.settings);
    const next = { ...old, ...given } as SettingValues[G];
    const nextL = next as unknown as Loose;
    const bounds = SETTING_BOUNDS[group] as Record<string, SettingBounds>;
    for (const key of settingKeys(group)) {
      if (!(key in given)) continue;
      const b = bounds[key];
      const v = nextL[key];
      if (b?.kind === 'range' && typeof v === 'number') checkRange(group, key, v, b);
      if (b?.kind === 'choice' && !b.options.includes(String(v))) refuse(group, key, 'choice');
    }
    // A bound that is another setting: the changed side is refused, naming the other and its value.
    for (const key of settingKeys(group)) {
      const b = bounds[key];
      if (b?.kind !== 'range' || !b.maxKey) continue;
      const v = nextL[key];
      const other = nextL[b.maxKey];
      if (typeof v !== 'number' || typeof other !== 'number' || v <= other) continue;
      if (key in given) refuse(group, key, 'aboveKey', { otherKey: b.maxKey, max: other });
      refuse(group, b.maxKey, 'belowKey', { otherKey: key, min: v });
    }
    def.check?.(next, old, this.env);
    return next;
  }

  private apply<G extends SettingGroup>(group: G, given: Loose): SettingChange[] {
    const def = GROUPS[group];
    const old = def.read(this.settings);
    const next = this.proposed(group, given);
    const changes = def.changes
      ? def.changes(old, next)
      : perKey(group, old as unknown as Loose, next as unknown as Loose);
    if (changes.length > 0) def.write(this.settings, next);
    return changes;
  }
}

function perKey(group: SettingGroup, old: Loose, next: Loose): SettingChange[] {
  const out: SettingChange[] = [];
  for (const key of settingKeys(group))
    if (JSON.stringify(old[key]) !== JSON.stringify(next[key]))
      out.push({ group, key, old: old[key] as JsonValue, new: next[key] as JsonValue });
  return out;
}
