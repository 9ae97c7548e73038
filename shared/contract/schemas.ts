// Shared field schemas: one definition of a PIN, a shop code, a name, so every call validates them alike.
import { z } from 'zod';

export const Id = z.uuid();
export const Pin = z.string().regex(/^\d{6}$/, 'six digits');
export const ShopCode = z.string().regex(/^[A-Z0-9]{2,8}$/, '2–8 capital letters or digits');
export const PersonName = z.string().trim().min(1).max(40);
export const ShortText = z.string().trim().max(120);
export const Phone = z.string().regex(/^\+?[0-9][0-9 -]{5,19}$/, 'digits, spaces or dashes');
export const Reason = z.string().trim().min(2).max(200);
export const Passphrase = z.string().min(16).max(200);
export const LanguageInput = z.enum(['zh-CN', 'en']);
export const RoleInput = z.enum(['clerk', 'owner']);

export const OwnerApproval = z.strictObject({
  ownerId: Id,
  pin: Pin,
  reason: Reason,
});
export type OwnerApproval = z.infer<typeof OwnerApproval>;
