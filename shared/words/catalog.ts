// A change to the brand catalogue in words (journal kind `catalog.upserted`, one entry per brand or form): the
// audit log, a trade's journal and the Z-report's list of changes since the previous seal read these.
import type { CatalogChange } from '../contract/catalog-change';
import { formatYuan } from '../domain/money';
import { fieldName } from './fields';
import type { Lang } from './lang';
import { wordOf } from './terms';

const WORDS = {
  'zh-CN': {
    added: { brand: '新增品牌', form: '新增卡种' },
    changed: { brand: '修改品牌', form: '修改卡种' },
    off: { brand: '品牌停收', form: '卡种停收' },
    on: { brand: '品牌恢复收卡', form: '卡种恢复收卡' },
    yes: '是',
    no: '否',
    onWord: '收',
    offWord: '停收',
    empty: '（空）',
    forms: { e: '电子卡', physical: '实体卡' } as Record<string, string>,
    sep: '：',
    arrow: ' → ',
  },
  en: {
    added: { brand: 'Brand added', form: 'Card type added' },
    changed: { brand: 'Brand changed', form: 'Card type changed' },
    off: { brand: 'Brand switched off', form: 'Card type switched off' },
    on: { brand: 'Brand switched on again', form: 'Card type switched on again' },
    yes: 'yes',
    no: 'no',
    onWord: 'bought',
    offWord: 'switched off',
    empty: '(empty)',
    forms: { e: 'e-card', physical: 'physical card' } as Record<string, string>,
    sep: ': ',
    arrow: ' → ',
  },
} as const;

type Payload = Record<string, unknown>;
const isValues = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** One field's value in words: money in yuan, yes/no, switched on/off, text as typed. */
function valueWords(field: string, v: unknown, lang: Lang): string {
  const w = WORDS[lang];
  if (field === 'maxValueFen' && typeof v === 'number') return formatYuan(v);
  if (field === 'active') return v === true ? w.onWord : w.offWord;
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (typeof v === 'string') return v === '' ? w.empty : v;
  return typeof v === 'number' ? String(v) : '';
}

/** Whether a journal payload is a catalogue change of this version (earlier entries listed only the forms). */
export function isCatalogChange(p: unknown): p is CatalogChange {
  const x = p as Payload | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    (x.item === 'brand' || x.item === 'form') &&
    typeof x.change === 'string' &&
    Array.isArray(x.fields) &&
    isValues(x.new)
  );
}

/**
 * A catalogue change's facts in words, in reading order: what happened to which brand or card type, then each
 * field changed with its value before and after ("卡号规则：^[0-9]{16}$ → ^[0-9]{19}$"). An item added lists
 * no values: its name says what arrived.
 */
export function catalogChangeFacts(c: CatalogChange, lang: Lang): string[] {
  const w = WORDS[lang];
  const what = (w[c.change] as Record<string, string> | undefined)?.[c.item] ?? w.changed[c.item];
  const name = lang === 'en' ? c.nameEn : c.nameZh;
  const out = [what, c.form ? `${name} (${wordOf(w.forms, c.form)})` : name];
  if (c.change === 'added' || !c.old) return out;
  for (const f of c.fields) {
    if (f === 'active') continue; // said by the change itself
    const label = fieldName(f, lang) ?? f;
    out.push(`${label}${w.sep}${valueWords(f, c.old[f], lang)}${w.arrow}${valueWords(f, c.new[f], lang)}`);
  }
  return out;
}
