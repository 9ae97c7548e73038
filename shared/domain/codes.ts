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
