// Shared field schemas: one definition of a PIN, a shop code, a name, money, a rate, a date and the product's
// codes, so every call validates them alike.
import { z } from 'zod';
import { BRAND_CODE, FORMS, FUNDS_SOURCES, ID_TYPES, LANGUAGES, PAYMENT_METHODS } from '../domain/codes';

export const Id = z.uuid();
export const Pin = z.string().regex(/^\d{6}$/, 'six digits');
export const ShopCode = z.string().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits');
/**
 * One line of text: no control character (U+0000–U+001F, U+007F). A name, a reason or a note never carries a line
 * break, a tab or a NUL into a receipt, the journal or an export, where it would start a row or hide a formula.
 */
// oxlint-disable-next-line no-control-regex -- refusing control characters is this pattern's whole purpose
export const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/;
export const PersonName = z.string().trim().min(1).max(40).regex(ONE_LINE);
export const ShortText = z.string().trim().max(120).regex(ONE_LINE);
export const Phone = z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'digits, spaces or dashes');
export const Reason = z.string().trim().min(2).max(200).regex(ONE_LINE);
export const Passphrase = z.string().min(16).max(200);
export const LanguageInput = z.enum(LANGUAGES);

/** An amount of money in fen, more than nothing (spec §1: integer fen, never a float). */
export const Fen = z
  .int()
  .min(1)
  .max(10 ** 11);
/** An amount of money in fen that may be nothing. */
export const FenOrZero = z
  .int()
  .min(0)
  .max(10 ** 11);
/** A rate in basis points (10000 = 100%). */
export const Bp = z.int().min(0).max(10000);
/** A calendar date, `YYYY-MM-DD` (a business date). */
export const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;
export const Form = z.enum(FORMS);
export type Form = z.infer<typeof Form>;
export const Brand = z.string().regex(BRAND_CODE);
export const IdType = z.enum(ID_TYPES);
export const FundsSourceInput = z.enum(FUNDS_SOURCES);
export const RoleInput = z.enum(['clerk', 'owner']);

export const OwnerApproval = z.strictObject({
  ownerId: Id,
  pin: Pin,
  reason: Reason,
});
export type OwnerApproval = z.infer<typeof OwnerApproval>;
