// Every kind of journal entry the backend appends: one declared list, so the compiler holds each append to it
// and every kind has words in each language (shared/words/journal.ts).

export const JOURNAL_KINDS = [
  'setup.completed', 'keys.unlocked', 'prefs.language', 'settings.updated', 'shop.updated',
  'auth.login', 'auth.logout', 'auth.pinChanged', 'auth.pinRecovered', 'auth.pinWrong', 'auth.lockedOut', 'auth.pinRefusedLocked', 'auth.denied',
  'auth.recoveryFailed', 'auth.recoveryLockedOut', 'auth.recoveryRefusedLocked', 'keys.rewrapped',
  'staff.added', 'staff.updated', 'staff.pinReset', 'staff.phoneRevealed', 'staff.lockoutCleared',
  'catalog.upserted', 'quote.added', 'quote.updated', 'quote.expired', 'quote.removed', 'quotes.stillValid', 'quotes.imported',
  'trade.created', 'trade.lineAdded', 'trade.lineRemoved', 'trade.lineVerified', 'trade.offered', 'trade.asked', 'trade.agreed',
  'trade.paid', 'trade.voided', 'trade.cardRevealed',
  'customer.attached', 'customer.identified', 'customer.identityChanged', 'customer.blocked', 'customer.unblocked', 'customer.revealed',
  'watchlist.added', 'watchlist.imported', 'watchlist.removed', 'compliance.override', 'compliance.refused', 'compliance.exported',
  'day.opened', 'day.cashIn', 'day.cashOut', 'day.handover', 'day.sealed', 'day.discrepancyApproved', 'day.zPrinted',
  'ledger.exported', 'drawer.opened', 'print.reprint', 'print.test', 'printer.settings',
  'resale.batchCreated', 'resale.secretsRevealed', 'resale.settled', 'resale.cardSettled', 'resale.invalid', 'resale.ownUse',
  'backups.targetSet', 'backup.restored',
  'sync.settingsChanged', 'sync.pending', 'sync.sent', 'sync.conflict', 'sync.rejected',
] as const;

export type JournalKind = (typeof JOURNAL_KINDS)[number];
