// Words for the small closed sets both the screens and the paper name: payment methods, card forms, what needs
// the owner, why a quote does not apply.
import type { Lang } from './lang';

export type Method = 'cash' | 'wechat' | 'alipay' | 'bank';

export const METHOD_WORDS: Record<Lang, Record<Method, string>> = {
  'zh-CN': { cash: '现金', wechat: '微信支付', alipay: '支付宝', bank: '银行转账' },
  en: { cash: 'Cash', wechat: 'WeChat Pay', alipay: 'Alipay', bank: 'Bank transfer' },
};

/** A sealed day's trade as the export names it (a day's body holds paid and voided trades only). */
export const SEALED_STATUS_WORDS: Record<Lang, Record<'paid' | 'voided', string>> = {
  'zh-CN': { paid: '已付款', voided: '已作废' },
  en: { paid: 'Paid', voided: 'Voided' },
};

export const FORM_WORDS: Record<Lang, Record<'e' | 'physical', string>> = {
  'zh-CN': { e: '电子', physical: '实体' },
  en: { e: 'e', physical: 'physical' },
};

/**
 * What a case needs the owner for (`ctx.requireOwner(what)`, a compliance override), and `day.close`, the
 * approval a discrepant close carries on the Z-report.
 */
export const NEED_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'rate above the ceiling': '成交价超过权限上限',
    'void after payment': '付款后作废',
    'unverified card': '卡片超过余额核验有效时间未核验',
    'manual exit rate': '手工录入出货价',
    'close with discrepancy': '钱箱差额超过上限',
    recount: '第三次清点钱箱（只允许重点一次）',
    'cash out': '取出现金',
    'watch-list override': '挂失名单放行',
    'chain duplicate override': '放行连锁内另一家店收过的卡',
    'customer identity change': '更换已登记的顾客身份证件',
  },
  en: {
    'rate above the ceiling': 'a rate above the ceiling',
    'void after payment': 'a void after payment',
    'unverified card': 'a card unchecked for longer than the balance-check window',
    'manual exit rate': 'a manual exit rate',
    'close with discrepancy': 'a drawer discrepancy above the limit',
    recount: 'counting the drawer a third time (one recount is allowed)',
    'cash out': 'taking cash out',
    'watch-list override': 'letting a watch-list hit through',
    'chain duplicate override': 'letting through a card another shop of the chain bought',
    'customer identity change': 'replacing a customer’s recorded identity',
  },
};

/** Needs whose words quote a setting in force, from the figures the refusal or entry carries. */
const NEED_FIGURES: Record<Lang, Record<string, (f: Record<string, unknown>) => string | null>> = {
  'zh-CN': {
    'unverified card': (f) => (typeof f.minutes === 'number' ? `卡片超过 ${f.minutes} 分钟未核验余额` : null),
  },
  en: {
    'unverified card': (f) => (typeof f.minutes === 'number' ? `a card unchecked for over ${f.minutes} minutes` : null),
  },
};

/** What a case needs the owner for, in words, with the setting in force when the refusal or entry carries it. */
export function needWords(need: unknown, lang: Lang, facts: Record<string, unknown> = {}): string {
  if (typeof need !== 'string') return '';
  return NEED_FIGURES[lang][need]?.(facts) ?? NEED_WORDS[lang][need] ?? '';
}

/** What a call asked the owner to approve, by the call's name (a wrong approval PIN names it to the owner). */
export const APPROVAL_CALL_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'customers.setIdentity': '登记顾客身份',
    'days.cash': '存取现金',
    'days.close': '结账',
    'days.count': '结账清点',
    'staff.clearLockout': '解除 PIN 锁定',
    'trades.accept': '成交',
    'trades.addLine': '添加卡片',
    'trades.offer': '报价',
    'trades.pay': '付款',
    'trades.void': '作废单据',
  },
  en: {
    'customers.setIdentity': 'recording a customer’s identity',
    'days.cash': 'cash in or out',
    'days.close': 'closing the day',
    'days.count': 'counting the drawer for the close',
    'staff.clearLockout': 'lifting a PIN lockout',
    'trades.accept': 'agreeing a rate',
    'trades.addLine': 'adding a card',
    'trades.offer': 'making an offer',
    'trades.pay': 'paying',
    'trades.void': 'voiding a trade',
  },
};

/** Why a reference quote did not apply to a card (shared/domain/pricing.ts `Ineligible`). */
export const INELIGIBLE_WORDS: Record<Lang, Record<'stale' | 'form' | 'brand' | 'band' | 'minimum', string>> = {
  'zh-CN': {
    stale: '报价已过期',
    form: '形式不符',
    brand: '品牌不符',
    band: '面值不在区间内',
    minimum: '低于平台最低金额',
  },
  en: {
    stale: 'quote expired',
    form: 'other form',
    brand: 'other brand',
    band: 'value outside the band',
    minimum: 'below the platform’s minimum',
  },
};

export const ADJUSTMENT_WORDS: Record<Lang, Record<'tier' | 'calendar' | 'promotion', string>> = {
  'zh-CN': { tier: '大额加价', calendar: '旺季调整', promotion: '促销' },
  en: { tier: 'value tier', calendar: 'season', promotion: 'promotion' },
};

export const ID_TYPE_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    resident: '居民身份证',
    passport: '护照',
    hk_macau: '港澳居民来往内地通行证',
    taiwan: '台湾居民来往大陆通行证',
  },
  en: {
    resident: 'resident ID card',
    passport: 'passport',
    hk_macau: 'Home Return Permit',
    taiwan: 'Taiwan Compatriot Permit',
  },
};

/** Where the cards came from (spec §5, 资金来源说明): the choices the clerk reads out, printed on the shop copy. */
export const FUNDS_WORDS: Record<Lang, Record<'gift' | 'benefit' | 'purchase' | 'other', string>> = {
  'zh-CN': { gift: '亲友赠送', benefit: '单位福利', purchase: '本人购买', other: '其他' },
  en: { gift: 'a gift received', benefit: 'a company benefit', purchase: 'bought by the customer', other: 'other' },
};

/** A source of funds with the customer's own words for "other": `其他（朋友抵债）`. */
export function fundsText(lang: Lang, source: string | null, note: string | null): string {
  if (source === null) return '';
  const word = wordOf(FUNDS_WORDS[lang], source, source);
  return note ? (lang === 'en' ? `${word} (${note})` : `${word}（${note}）`) : word;
}

export const VERIFIED_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': { official: '官方渠道已查', customer_screen: '看顾客屏幕', none: '未核验' },
  en: { official: 'checked officially', customer_screen: 'seen on the customer’s screen', none: 'not checked' },
};

export const ROLE_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': { clerk: '店员', owner: '店主' },
  en: { clerk: 'clerk', owner: 'owner' },
};

/** The answer to a customer's ask (trade.asked). */
export const OUTCOME_WORDS: Record<Lang, Record<string, string>> = {
  'zh-CN': { agreed: '同意', proposal: '建议', final: '最终报价' },
  en: { agreed: 'agreed', proposal: 'proposal', final: 'final offer' },
};

/** A word from one of these tables, or the fallback when a stored entry carries something newer. */
export const wordOf = (table: Record<string, string>, key: unknown, fallback = ''): string =>
  typeof key === 'string' ? (table[key] ?? fallback) : fallback;
