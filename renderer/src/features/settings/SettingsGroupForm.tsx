// One group of the owner's settings as a form (ux.md): each setting named in words with what it may be and its
// shipped value beside it, typed in its unit (yuan, minutes, hours, HH:MM), a refusal shown next to the setting it
// names. Only the settings that changed are sent; the backend checks every bound and rule again.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ErrorBody, SettingEntry } from '../../../../shared/contract';
import { parseYuan, yuanInput } from '../../../../shared/domain/money';
import { clockText, parseClock, type SettingGroup } from '../../../../shared/domain/settings';
import { boundsWords, SETTING_CHOICE_WORDS, settingName, settingValue } from '../../../../shared/words/settings';
import { useAction } from '../../api/useAction';
import { Refusal } from '../../components/Refusal';
import { errorText, lang } from '../../i18n';
import { useApp } from '../../store/app';

/** What the owner types, from the stored value. */
function toText(e: SettingEntry): string {
  const v = e.value;
  if (typeof v === 'string') return v;
  // A list setting (pricing's tiers, calendar, promotions) has a screen of its own, not a field here.
  if (typeof v !== 'number') return '';
  if (e.bounds.kind === 'range' && e.bounds.unit === 'fen') return yuanInput(v);
  if (e.bounds.kind === 'range' && e.bounds.unit === 'clock') return clockText(v);
  return String(v);
}

/** The stored value from what the owner typed, or null when it is not of the setting's kind. */
function fromText(e: SettingEntry, text: string): string | number | null {
  const b = e.bounds;
  if (b.kind === 'choice' || b.kind === 'zone') return text.trim();
  if (b.kind !== 'range') return null;
  if (b.unit === 'fen') return parseYuan(text);
  if (b.unit === 'clock') return parseClock(text);
  const t = text.normalize('NFKC').trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

/** The refusal's setting, when it names one: SETTING_REFUSED `key`, or a schema refusal at `values.<key>`. */
function refusedKey(e: ErrorBody | null): string | null {
  if (!e) return null;
  if (e.code === 'SETTING_REFUSED' && typeof e.details.key === 'string') return e.details.key;
  const f = e.details.field;
  return typeof f === 'string' && f.startsWith('values.') ? f.slice('values.'.length) : null;
}

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function SettingField(props: { entry: SettingEntry; text: string; error: string | null; onChange(v: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { entry: e } = props;
  const l = lang();
  const unit = e.bounds.kind === 'range' ? t(`settings.units.${e.bounds.unit}`, { defaultValue: '' }) : '';
  const hint = `${t('settings.allowed', { bounds: boundsWords(e.key, e.bounds, l) })} · ${t('settings.shipped', {
    value: settingValue(e.group, e.key, e.default, l),
  })}`;
  return (
    <div className="field setting" data-setting={`${e.group}.${e.key}`}>
      <label htmlFor={id}>{settingName(e.key, l)}</label>
      <div className="setting-input">
        {e.bounds.kind === 'choice' ? (
          <select id={id} value={props.text} onChange={(x) => props.onChange(x.target.value)}>
            {e.bounds.options.map((o) => (
              <option key={o} value={o}>
                {SETTING_CHOICE_WORDS[l][e.key]?.[o] ?? o}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            value={props.text}
            inputMode={e.bounds.kind === 'range' && e.bounds.unit !== 'clock' ? 'decimal' : 'text'}
            list={e.bounds.kind === 'zone' ? `${id}-zones` : undefined}
            autoComplete="off"
            aria-invalid={props.error ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(x) => props.onChange(x.target.value)}
          />
        )}
        {unit && <span className="unit">{unit}</span>}
        {e.bounds.kind === 'zone' && (
          <datalist id={`${id}-zones`}>
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        )}
      </div>
      {props.error ? (
        <div className="error" role="alert">
          {props.error}
        </div>
      ) : (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

export function SettingsGroupForm(props: {
  group: SettingGroup;
  keys: string[];
  title: string;
  entries: SettingEntry[];
}) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const entries = props.keys
    .map((k) => props.entries.find((e) => e.group === props.group && e.key === k))
    .filter((e): e is SettingEntry => e !== undefined);
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(entries.map((e) => [e.key, toText(e)])),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAction();
  const refused = refusedKey(save.error);

  const submit = () => {
    const values: Record<string, string | number> = {};
    const bad: Record<string, string> = {};
    for (const e of entries) {
      const text = draft[e.key] ?? '';
      if (text === toText(e)) continue;
      const v = fromText(e, text);
      if (v === null || v === '') bad[e.key] = t(`settings.bad.${e.bounds.kind === 'range' ? e.bounds.unit : 'text'}`);
      else if (v !== e.value) values[e.key] = v;
    }
    setLocal(bad);
    save.clear();
    if (Object.keys(bad).length > 0) return;
    if (Object.keys(values).length === 0) {
      notify('ok', t('settings.unchanged'));
      return;
    }
    // The keys are this group's, read from settings.list; the backend checks the group, each key and each bound.
    const change: CallInput<'settings.update'> = { group: props.group, values };
    void save.run('settings.update', change, () => notify('ok', t('settings.saved')));
  };

  return (
    <form
      className="card settings-group"
      aria-label={props.title}
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <h2>{props.title}</h2>
      {entries.map((e) => (
        <SettingField
          key={e.key}
          entry={e}
          text={draft[e.key] ?? ''}
          error={local[e.key] || (refused === e.key && save.error ? errorText(save.error) : null)}
          onChange={(v) => {
            setDraft({ ...draft, [e.key]: v });
            if (local[e.key]) setLocal({ ...local, [e.key]: '' });
            if (refused === e.key) save.clear();
          }}
        />
      ))}
      {refused === null && <Refusal action={save} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.pending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
