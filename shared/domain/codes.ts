// The product's codes, declared once: how a customer is paid, a card's form, a brand's code, an identity
// document's type. The contract's schemas (shared/contract/schemas.ts) and the row schemas are built from these.

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const FORMS = ['e', 'physical'] as const;
export type Form = (typeof FORMS)[number];

/** A brand's code: lower-case letters, digits and underscores, starting with a letter ("jd", "tmall_super"). */
export const BRAND_CODE = /^[a-z][a-z0-9_]{0,19}$/;

export const ID_TYPES = ['resident', 'passport', 'hk_macau', 'taiwan'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** Where the cards came from (spec §5, 资金来源说明): asked whenever identity is required; "other" needs words. */
export const FUNDS_SOURCES = ['gift', 'benefit', 'purchase', 'other'] as const;
export type FundsSource = (typeof FUNDS_SOURCES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * What a watch-list file may write in its kind column, in the owner's words, Chinese or English (the shop's
 * import and head office's read it the same way); a first row naming the columns says one of WATCH_HEADER_WORDS.
 */
export const WATCH_KIND_WORDS: Readonly<Record<string, 'card' | 'id'>> = {
  card: 'card',
  卡: 'card',
  卡号: 'card',
  礼品卡: 'card',
  id: 'id',
  身份证: 'id',
  证件: 'id',
  证件号: 'id',
  身份证号: 'id',
};
export const WATCH_HEADER_WORDS: ReadonlySet<string> = new Set(['kind', '类型', '类别', '种类']);
