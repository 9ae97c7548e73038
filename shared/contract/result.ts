// The Result envelope every call answers with, and the stable error codes the renderer turns into words.

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SETUP_REQUIRED',
  'KEYS_LOCKED',
  'WRONG_PASSPHRASE',
  'PASSPHRASE_WEAK',
  'RECOVERY_LOCKED',
  'SESSION_LOCKED',
  'PIN_WRONG',
  'PIN_LOCKED',
  'PIN_WEAK',
  'LAST_OWNER',
  'DUPLICATE_CARD',
  'WATCHLIST_HIT',
  'CHAIN_DUPLICATE',
  'PHONE_REQUIRED',
  'IDENTITY_REQUIRED',
  'FUNDS_SOURCE_REQUIRED',
  'CASH_NOT_ALLOWED',
  'BANK_TRANSFER_ONLY',
  'CUSTOMER_BLOCKED',
  'STALE_QUOTES',
  'NO_ELIGIBLE_QUOTE',
  'DAY_NOT_OPEN',
  'DAY_PAST_CUTOFF',
  'DAY_SEALED',
  'DRAWER_SHORT',
  'PRINTER_OFFLINE',
  'STORAGE_READONLY',
  'STORAGE_FULL',
  'UNAVAILABLE',
  'BACKUP_FAILED',
  'NOT_A_BACKUP',
  'PATTERN_REFUSED',
  'SETTING_REFUSED',
  'CARD_STATE',
  'BATCH_SETTLED',
  'RECOVERY_TOO_MUCH',
  'NO_CUSTOMER_ID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Details name the field, the earlier record or the limit; never a secret. */
export type ErrorDetails = Record<string, string | number | boolean | null | string[]>;

export interface ErrorBody {
  code: ErrorCode;
  details: ErrorDetails;
  /** A plain English line for logs; the renderer shows words from i18n instead. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Thrown inside the backend; dispatch turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return { code: this.code, details: this.details, message: this.message };
  }
}
