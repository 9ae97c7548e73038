// The owner's settings in words: each setting's name, a value in its unit ("¥5,000", "20 分钟", "04:00"), its
// bounds ("¥100 – ¥5,000，只能调严") and why a change was refused. The screens, the journal and the Z-report all
// read these, so a setting is named the same everywhere and never by its key.
import { formatYuan } from '../domain/money';
import { clockText, SETTING_BOUNDS, type SettingBounds, type SettingGroup, type SettingUnit } from '../domain/settings';
import type { Lang } from './lang';

type Table = Record<string, string>;

/** Group names. Beyond the owner's groups: brands (catalog.upserted) and the other settings screens. */
export const SETTING_GROUP_WORDS: Record<Lang, Table> = {
  'zh-CN': {
    compliance: '合规',
    day: '营业日与钱箱',
    pricing: '定价',
    brands: '品牌',
    other: '其他设置',
  },
  en: {
    compliance: 'Compliance',
    day: 'The day and the drawer',
    pricing: 'Pricing',
    brands: 'Brands',
    other: 'Other settings',
  },
};

/** Setting names by key (keys are unique across groups). */
export const SETTING_WORDS: Record<Lang, Table> = {
  'zh-CN': {
    phoneFromFen: '单笔登记手机号金额',
    identityTradeFen: '单笔登记身份金额',
    identityDayFen: '当日累计登记身份金额',
    noCashDayFen: '当日累计只能银行转账金额',
    maxCardsPerDay: '同一顾客一天卖卡提醒张数',
    unsoldHoursE: '电子卡未出售提醒时间',
    unsoldHoursPhysical: '实体卡未出售提醒时间',
    cashRounding: '现金抹零',
    verifyWindowMinutes: '余额核验有效时间',
    discrepancyThresholdFen: '需要原因和店主的钱箱差额',
    cutoffMinutes: '营业日截止时间',
    timeZone: '时区',
    quoteStaleDays: '参考报价有效期',
    backupEveryTrades: '自动备份间隔',
    idleLockMinutes: '无操作自动锁屏时间',
    targetMarginBp: '目标利润',
    minMarginBp: '最低利润（店员上限）',
    openingDiscountBp: '开价低于目标',
    stepBp: '谈价步长',
    maxRounds: '最多谈价轮数',
    capitalCostBpPerDay: '每天资金成本',
    physicalFallbackBp: '无实体卡报价时比电子卡低',
    tiers: '面额档',
    calendar: '节假日调整',
    promotions: '促销',
    overrides: '品牌单独策略',
  },
  en: {
    phoneFromFen: 'Phone number from a trade payout of',
    identityTradeFen: 'Identity from a trade payout of',
    identityDayFen: 'Identity from a customer’s day total of',
    noCashDayFen: 'Bank transfer only from a day total of',
    maxCardsPerDay: 'Alert: cards from one customer in a day above',
    unsoldHoursE: 'Alert: e-card unsold after',
    unsoldHoursPhysical: 'Alert: physical card unsold after',
    cashRounding: 'Cash rounding',
    verifyWindowMinutes: 'Balance check valid for',
    discrepancyThresholdFen: 'Drawer discrepancy needing a reason and the owner',
    cutoffMinutes: 'Business-day cut-off',
    timeZone: 'Time zone',
    quoteStaleDays: 'A quote is stale after',
    backupEveryTrades: 'Back up every',
    idleLockMinutes: 'Idle lock',
    targetMarginBp: 'Target margin',
    minMarginBp: 'Minimum margin (the clerk’s ceiling)',
    openingDiscountBp: 'Opening below the target by',
    stepBp: 'Negotiation step',
    maxRounds: 'Most rounds before the offer is final',
    capitalCostBpPerDay: 'Capital cost per settlement day',
    physicalFallbackBp: 'Physical card without a physical quote: e-card exit minus',
    tiers: 'Value tiers',
    calendar: 'Calendar demand',
    promotions: 'Promotions',
    overrides: 'Policy per brand and form',
  },
};

/** The options of a choice setting. */
export const SETTING_CHOICE_WORDS: Record<Lang, Record<string, Table>> = {
  'zh-CN': { cashRounding: { none: '不抹零', jiao: '抹到角（0.1 元）', yuan: '抹到元' } },
  en: { cashRounding: { none: 'no rounding', jiao: 'to the jiao (0.1 yuan)', yuan: 'to the yuan' } },
};

const UNITS: Record<Lang, Record<Exclude<SettingUnit, 'fen' | 'bp' | 'clock'>, (n: number) => string>> = {
  'zh-CN': {
    minutes: (n) => `${n} 分钟`,
    hours: (n) => `${n} 小时`,
    cards: (n) => `${n} 张`,
    trades: (n) => `${n} 笔付款`,
    businessDays: (n) => `${n} 个营业日`,
    rounds: (n) => `${n} 轮`,
  },
  en: {
    minutes: (n) => `${n} min`,
    hours: (n) => `${n} h`,
    cards: (n) => `${n} card${n === 1 ? '' : 's'}`,
    trades: (n) => `${n} paid trade${n === 1 ? '' : 's'}`,
    businessDays: (n) => `${n} business day${n === 1 ? '' : 's'}`,
    rounds: (n) => `${n} round${n === 1 ? '' : 's'}`,
  },
};

/** `¥5,000` for whole yuan, `¥0.50` otherwise: bounds and thresholds read as people say them. */
export function yuanShort(fen: number): string {
  const full = formatYuan(fen);
  return full.endsWith('.00') ? full.slice(0, -3) : full;
}

/** `+0.30%`, `−1.00%`, `3.00%` from basis points (signed when `signed`). */
export function percent(bp: number, signed = false): string {
  const abs = Math.abs(bp);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
  return bp < 0 ? `−${text}` : signed ? `+${text}` : text;
}

/** A range in a setting's unit: "¥100 – ¥5,000", "00:00 – 12:00", "1 – 60 分钟". */
export function unitRange(unit: SettingUnit, min: number, max: number, lang: Lang): string {
  if (unit === 'fen' || unit === 'bp' || unit === 'clock')
    return `${unitValue(unit, min, lang)} – ${unitValue(unit, max, lang)}`;
  return `${min} – ${UNITS[lang][unit](max)}`;
}

/** A number in a setting's unit, in words. */
export function unitValue(unit: SettingUnit, n: number, lang: Lang): string {
  if (unit === 'fen') return yuanShort(n);
  if (unit === 'bp') return percent(n);
  if (unit === 'clock') return clockText(n);
  return UNITS[lang][unit](n);
}

const boundsOf = (group: string, key: string): SettingBounds | undefined =>
  (SETTING_BOUNDS as Record<string, Record<string, SettingBounds> | undefined>)[group]?.[key];

export function settingName(key: string, lang: Lang): string {
  return SETTING_WORDS[lang][key] ?? SETTING_WORDS[lang][key.split('.').pop() ?? ''] ?? '';
}

export function groupName(group: string, lang: Lang): string {
  return SETTING_GROUP_WORDS[lang][group] ?? SETTING_GROUP_WORDS[lang].other ?? '';
}

/** A setting's value in words ("¥3,000", "20 分钟", "抹到元", "Asia/Shanghai"); a list reads as its count. */
export function settingValue(group: string, key: string, value: unknown, lang: Lang): string {
  const b = boundsOf(group, key);
  if (value === null || value === undefined) return lang === 'zh-CN' ? '无' : 'none';
  if (Array.isArray(value)) return lang === 'zh-CN' ? `${value.length} 项` : `${value.length} items`;
  if (b?.kind === 'range' && typeof value === 'number') return unitValue(b.unit, value, lang);
  if (b?.kind === 'choice' && typeof value === 'string') return SETTING_CHOICE_WORDS[lang][key]?.[value] ?? value;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (typeof value === 'boolean') return lang === 'zh-CN' ? (value ? '开' : '关') : value ? 'on' : 'off';
  return lang === 'zh-CN' ? '已修改' : 'changed';
}

/** One item of a pricing list and its parts: "第 2 档的加价", "第 1 个促销的结束时间". */
const LIST_ITEMS: Record<Lang, Record<string, (i: number) => string>> = {
  'zh-CN': {
    tiers: (i) => `第 ${i + 1} 档面额`,
    calendar: (i) => `第 ${i + 1} 个节假日`,
    promotions: (i) => `第 ${i + 1} 个促销`,
    overrides: (i) => `第 ${i + 1} 条品牌单独策略`,
  },
  en: {
    tiers: (i) => `Value tier ${i + 1}`,
    calendar: (i) => `Calendar entry ${i + 1}`,
    promotions: (i) => `Promotion ${i + 1}`,
    overrides: (i) => `Brand policy ${i + 1}`,
  },
};
const LIST_PARTS: Record<Lang, Table> = {
  'zh-CN': {
    minValueFen: '起始面额',
    bp: '调整',
    name: '名称',
    from: '开始',
    to: '结束',
    active: '开关',
    brand: '品牌',
    form: '形式',
  },
  en: {
    minValueFen: 'from value',
    bp: 'adjustment',
    name: 'name',
    from: 'start',
    to: 'end',
    active: 'switch',
    brand: 'brand',
    form: 'form',
  },
};

/** A pricing list's item (from 0), or one part of it, in words; '' when the list or part has none. */
export function listItemName(key: string, item: number, part: string | undefined, lang: Lang): string {
  const name = LIST_ITEMS[lang][key];
  if (!name) return '';
  if (!part) return name(item);
  const p = LIST_PARTS[lang][part] ?? SETTING_WORDS[lang][part];
  if (!p) return '';
  return lang === 'zh-CN' ? `${name(item)}的${p}` : `${name(item)}, ${p}`;
}

const W = {
  'zh-CN': {
    stricter: '只能调严，不能高于出厂设置',
    atMost: (other: string) => `不超过${other}`,
    zone: 'IANA 时区名，如 Asia/Shanghai；只能在没有营业日开着时修改',
    zoneBad: 'IANA 时区名，如 Asia/Shanghai',
    dayOpen: '营业日开着时不能改时区，请先结账',
    below: (other: string, v: string) => `不能低于${other}（${v}）`,
    step: (other: string) => `要是${other}的整数倍`,
    items: (n: number) => `最多 ${n} 项`,
    each: '每项',
    sep: '，',
    refusedAny: '设置超出允许的范围',
    rising: (v: string) => `要高于上一档，至少 ${v}`,
    order: '结束要晚于开始',
    duplicate: '每个品牌和形式只能有一条单独策略',
    brand: '品牌目录里要有这个品牌',
    form: '这个品牌要有这种形式',
    stepOf: (v: string) => `要是谈价步长（${v}）的整数倍`,
  },
  en: {
    stricter: 'stricter only: not above the shipped default',
    atMost: (other: string) => `not above “${other}”`,
    zone: 'an IANA zone such as Asia/Shanghai; changed only while no day is open',
    zoneBad: 'an IANA zone such as Asia/Shanghai',
    dayOpen: 'close the open day before changing the time zone',
    below: (other: string, v: string) => `not below “${other}” (${v})`,
    step: (other: string) => `a multiple of “${other}”`,
    items: (n: number) => `at most ${n} items`,
    each: 'each',
    sep: '; ',
    refusedAny: 'a setting outside its allowed range',
    rising: (v: string) => `above the tier before: at least ${v}`,
    order: 'the end after the start',
    duplicate: 'one policy per brand and form',
    brand: 'a brand in the catalogue',
    form: 'a form this brand has',
    stepOf: (v: string) => `a multiple of the negotiation step (${v})`,
  },
} as const;

/** What a setting may be, in words: "¥100 – ¥5,000，只能调严，不能高于出厂设置". */
export function boundsWords(key: string, b: SettingBounds, lang: Lang): string {
  const w = W[lang];
  switch (b.kind) {
    case 'range': {
      const parts = [unitRange(b.unit, b.min, b.max, lang)];
      if (b.stricter) parts.push(w.stricter);
      if (b.maxKey) parts.push(w.atMost(settingName(b.maxKey, lang)));
      if (b.stepKey) parts.push(w.step(settingName(b.stepKey, lang)));
      return parts.join(w.sep);
    }
    case 'choice':
      return b.options.map((o) => SETTING_CHOICE_WORDS[lang][key]?.[o] ?? o).join(' / ');
    case 'zone':
      return w.zone;
    case 'list':
      return [w.items(b.maxItems), `${w.each} ${unitRange(b.item.unit, b.item.min, b.item.max, lang)}`].join(w.sep);
  }
}

type Details = Record<string, unknown>;

/** A SETTING_REFUSED refusal in words: the setting's name and what it may be ("单笔登记身份金额：¥100 – ¥5,000 …"). */
export function settingRefusalWords(d: Details, lang: Lang): { setting: string; allowed: string } {
  const w = W[lang];
  const group = typeof d.group === 'string' ? d.group : '';
  const key = typeof d.key === 'string' ? d.key : '';
  if (typeof d.item === 'number') return listRefusalWords(d, key, d.item, lang);
  const setting = settingName(key, lang);
  const table = boundsOf(group, key);
  if (!setting || !table) return { setting: '', allowed: w.refusedAny };
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  const other = typeof d.otherKey === 'string' ? settingName(d.otherKey, lang) : '';
  const unit: SettingUnit = table.kind === 'range' ? table.unit : table.kind === 'list' ? table.item.unit : 'fen';
  switch (d.why) {
    case 'dayOpen':
      return { setting, allowed: w.dayOpen };
    case 'zone':
      return { setting, allowed: w.zoneBad };
    case 'belowKey':
      return { setting, allowed: w.below(other, unitValue(unit, num(d.min, 0), lang)) };
    case 'aboveKey':
      if (table.kind === 'range')
        return {
          setting,
          allowed: `${unitRange(unit, table.min, num(d.max, table.max), lang)}${w.sep}${w.atMost(other)}`,
        };
      break;
    case 'items':
      if (table.kind === 'list') return { setting, allowed: w.items(table.maxItems) };
      break;
    default:
      break;
  }
  if (table.kind === 'range')
    return {
      setting,
      allowed: boundsWords(key, { ...table, min: num(d.min, table.min), max: num(d.max, table.max) }, lang),
    };
  return { setting, allowed: boundsWords(key, table, lang) };
}

/** A refused item of a pricing list: the item and part, and what it allows from the refusal's own range. */
function listRefusalWords(d: Details, key: string, item: number, lang: Lang): { setting: string; allowed: string } {
  const w = W[lang];
  const part = typeof d.part === 'string' && d.part !== '' ? d.part : undefined;
  const setting = listItemName(key, item, part, lang);
  const unit = d.unit === 'fen' || d.unit === 'bp' || d.unit === 'rounds' ? d.unit : undefined;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const min = num(d.min);
  const max = num(d.max);
  const allowed =
    d.why === 'rising' && unit && min !== undefined
      ? w.rising(unitValue(unit, min, lang))
      : d.why === 'order'
        ? w.order
        : d.why === 'duplicate'
          ? w.duplicate
          : d.why === 'brand'
            ? w.brand
            : d.why === 'form'
              ? w.form
              : d.why === 'step' && min !== undefined
                ? w.stepOf(unitValue('bp', min, lang))
                : unit && min !== undefined && max !== undefined
                  ? `${unitValue(unit, min, lang)} – ${unitValue(unit, max, lang)}`
                  : w.refusedAny;
  return { setting: setting || w.refusedAny, allowed };
}

const CHANGE = {
  'zh-CN': { added: '新增', changed: '修改', removed: '删除', secret: '已修改' },
  en: { added: 'added', changed: 'changed', removed: 'removed', secret: 'changed' },
} as const;

/**
 * A `settings.changed` entry's facts: "单笔登记身份金额：¥5,000 → ¥3,000"; a list item names the item and whether
 * it was added, changed or removed; a secret reads "changed" and never carries a value.
 */
export function settingChangeFacts(p: Details, lang: Lang): string[] {
  const group = typeof p.group === 'string' ? p.group : '';
  const key = typeof p.key === 'string' ? p.key : '';
  const name = settingName(key, lang) || groupName(group, lang);
  const sep = lang === 'zh-CN' ? '：' : ': ';
  if (p.secret === true) return [`${name}${sep}${CHANGE[lang].secret}`];
  const move = `${settingValue(group, key, p.old, lang)} → ${settingValue(group, key, p.new, lang)}`;
  if (typeof p.item === 'string') {
    const change = CHANGE[lang][p.change === 'added' || p.change === 'removed' ? p.change : 'changed'];
    return [`${name}${sep}${p.item}`, change];
  }
  return [`${name}${sep}${move}`];
}

/** The group a settings-like journal entry belongs to, for the Z-report's count per group on paper. */
export function changeGroup(kind: string, payload: unknown): string {
  const p = typeof payload === 'object' && payload !== null ? (payload as Details) : {};
  if (kind === 'settings.changed' && typeof p.group === 'string') return p.group;
  if (kind === 'catalog.upserted') return 'brands';
  return 'other';
}

export type { SettingGroup };
