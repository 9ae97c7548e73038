import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { name: 'CardDesk', full: 'CardDesk 收卡台' },
  common: {
    save: 'Save', cancel: 'Cancel', confirm: 'Confirm', back: 'Back', next: 'Next', close: 'Close',
    loading: 'Loading…', done: 'Done', yes: 'Yes', no: 'No', optional: 'optional', refresh: 'Refresh',
  },
  lang: { label: 'Language', zh: '中文', en: 'English', switchTo: '中文' },
  nav: { home: 'Home', staff: 'Staff', journal: 'Audit journal', settings: 'Settings' },
  top: {
    clerk: 'Clerk', owner: 'Owner', lock: 'Lock', logout: 'Log out', sessionOn: 'Logged in',
    keysOs: 'Keys protected by the OS', keysFile: 'Keys in this user’s folder (not OS-encrypted)',
  },
  roles: { clerk: 'Clerk', owner: 'Owner' },
  wizard: {
    title: 'Welcome to CardDesk', subtitle: 'First run: set up the shop in three steps',
    steps: { shop: 'Shop', owner: 'Owner account', passphrase: 'Recovery passphrase' },
    shopName: 'Shop name', shopCode: 'Shop code', shopCodeHint: '2–8 capital letters or digits; fixed once set (trade numbers, head office)',
    address: 'Address', phone: 'Phone', licenceNo: 'Business licence no.',
    ownerName: 'Owner’s name', pin: '6-digit PIN', pinAgain: 'PIN again', pinMismatch: 'The two PINs differ',
    passphraseIntro: 'This is the shop’s recovery passphrase. You need it on a new PC, to restore a backup, or if the owner forgets their PIN. It is shown only now: write it on paper and keep it safe.',
    passphraseCheck: 'To confirm you wrote it down, type its last group (4 characters)', passphraseWritten: 'I have written down the passphrase',
    lastGroupWrong: 'The last group does not match; check what you wrote',
    finish: 'Finish and log in', required: 'Required',
  },
  login: {
    title: 'Pick your name and enter your PIN', who: 'Who is working?', enterPin: 'Enter PIN', submit: 'Log in',
    forgot: 'Owner forgot the PIN?', lockedTitle: 'Locked', lockedBody: '{{name}}, enter your PIN to unlock', unlock: 'Unlock',
    switchUser: 'Someone else', noStaff: 'No staff yet',
  },
  recover: {
    title: 'Reset the owner’s PIN with the recovery passphrase', owner: 'Owner', passphrase: 'Recovery passphrase', newPin: 'New PIN',
    newPinAgain: 'New PIN again', submit: 'Reset PIN', done: 'PIN reset; log in with the new PIN',
  },
  keys: {
    title: 'Recovery passphrase needed', body: 'This PC (or this user account) does not hold the shop’s keys yet. Enter the recovery passphrase written down at set-up to read encrypted data.',
    passphrase: 'Recovery passphrase', submit: 'Unlock', done: 'Keys restored',
  },
  home: {
    welcome: 'Hello, {{name}}', shop: 'Shop', code: 'Shop code', role: 'Role',
    keysHint: 'Press Ctrl+L to lock at any time; the screen locks itself after {{minutes}} idle minutes.',
    lockoutTitle: 'A colleague locked out?', lockoutBody: 'Five wrong PINs lock a person for five minutes. The owner can lift it now with their PIN.',
    lockoutPick: 'Colleague', lockoutAction: 'Ask the owner to unlock', lockoutDone: '{{name}} is unlocked',
  },
  staff: {
    title: 'Staff', add: 'Add staff', name: 'Name', role: 'Role', phone: 'Mobile', pin: 'Starting PIN', state: 'State',
    active: 'Active', inactive: 'Inactive', locked: 'Locked until {{time}}', actions: 'Actions', deactivate: 'Deactivate', activate: 'Activate',
    resetPin: 'Reset PIN', newPin: 'New PIN', reveal: 'Show number', makeOwner: 'Make owner', makeClerk: 'Make clerk',
    added: '{{name}} added', pinReset: '{{name}}’s PIN was reset', empty: 'No other staff yet — press “Add staff”',
    unlock: 'Lift lockout',
  },
  settings: {
    title: 'Settings', language: 'Interface language', idleLock: 'Lock after idle minutes', shop: 'Shop details', changePin: 'Change my PIN',
    currentPin: 'Current PIN', newPin: 'New PIN', saved: 'Saved', pinChanged: 'PIN changed', keyStore: 'Where the keys are kept',
  },
  journal: {
    title: 'Audit journal', verify: 'Verify the chain', ok: 'Journal intact: {{count}} entries, head {{head}}',
    bad: 'Journal altered: entry {{seq}} fails its check', seq: 'Seq', at: 'Time', staff: 'Staff', kind: 'Event', ref: 'Subject', more: 'Older entries',
  },
  approval: {
    title: 'Owner approval needed', why: 'This needs the owner’s approval on the spot: {{action}}', owner: 'Owner', pin: 'Owner PIN', reason: 'Reason',
    reasonHint: 'Say why (at least 2 characters)', submit: 'Approve and do it',
    actions: { 'staff.clearLockout': 'lift a staff member’s PIN lockout' },
  },
  errors: {
    VALIDATION: 'Please check: {{field}}', UNAUTHENTICATED: 'Please log in', FORBIDDEN: 'Not allowed: an owner must do this',
    NOT_FOUND: 'Not found', CONFLICT: 'A conflicting record exists', SETUP_REQUIRED: 'Finish the shop set-up first',
    KEYS_LOCKED: 'Enter the recovery passphrase to read encrypted data', WRONG_PASSPHRASE: 'Wrong recovery passphrase',
    SESSION_LOCKED: 'Locked: enter your PIN', PIN_WRONG: 'Wrong PIN; {{remaining}} tries left',
    PIN_LOCKED: 'Too many wrong PINs; locked until {{until}}', LAST_OWNER: 'The shop needs at least one active owner',
    DUPLICATE_CARD: 'This card was already bought', WATCHLIST_HIT: 'This card or ID is on the watch list', STALE_QUOTES: 'Reference quotes are stale',
    NO_ELIGIBLE_QUOTE: 'No reference quote fits', DAY_NOT_OPEN: 'The day is not open yet', PRINTER_OFFLINE: 'Printer offline',
    STORAGE_READONLY: 'The database is read-only; nothing saved was lost', STORAGE_FULL: 'The disk is full; nothing saved was lost',
    UNAVAILABLE: 'The backend is not answering; try again', INTERNAL: 'Internal error; nothing was changed',
  },
  fields: {
    '(input)': 'input', '(body)': 'request', pin: 'PIN', newPin: 'new PIN', currentPin: 'current PIN', name: 'name', phone: 'mobile',
    passphrase: 'recovery passphrase', 'shop.name': 'shop name', 'shop.code': 'shop code', 'shop.phone': 'phone', 'shop.address': 'address',
    'shop.licenceNo': 'licence no.', 'owner.name': 'owner’s name', 'owner.pin': 'owner PIN', staffId: 'staff member',
    'ownerApproval.pin': 'owner PIN', 'ownerApproval.reason': 'reason', 'ownerApproval.ownerId': 'owner', idleLockMinutes: 'lock minutes',
    address: 'address', licenceNo: 'licence no.',
  },
};
