// The one map of every call: name → input schema, output type, minimum role, approval, mutation.
import { z } from 'zod';
import { approvableCall, call, out } from './define';
import {
  Id,
  ONE_LINE,
  LanguageInput,
  Passphrase,
  PersonName,
  Phone,
  Pin,
  RoleInput,
  ShopCode,
  ShortText,
} from './schemas';
import type {
  JournalEntryView,
  Page,
  Language,
  JournalVerifyView,
  LoginView,
  SessionView,
  ShopView,
  StaffListItem,
  StaffView,
  StatusView,
} from './views';

const ShopInput = {
  name: z.string().trim().min(1).max(40).regex(ONE_LINE),
  address: ShortText,
  phone: z.union([Phone, z.literal('')]),
  licenceNo: z.string().trim().max(40).regex(ONE_LINE),
};

import { counterCalls } from './calls-counter';
import { complianceCalls } from './calls-compliance';
import { printingCalls } from './calls-printing';
import { dayCalls } from './calls-day';
import { syncCalls } from './calls-sync';
import { settingsCalls } from './calls-settings';
import { pricingCalls } from './calls-pricing';
import { displayCalls } from './calls-display';
import { afterSaleCalls } from './calls-aftersale';

export const calls = {
  ...counterCalls,
  ...complianceCalls,
  ...printingCalls,
  ...dayCalls,
  ...syncCalls,
  ...settingsCalls,
  ...pricingCalls,
  ...displayCalls,
  ...afterSaleCalls,
  'system.status': call({
    input: {},
    output: out<StatusView>(),
    role: 'public',
    mutates: false,
    summary: 'What the window should show: first run, keys, shop, session, language.',
  }),
  'setup.suggestPassphrase': call({
    input: {},
    output: out<{ passphrase: string }>(),
    role: 'public',
    mutates: false,
    summary: 'A fresh random recovery passphrase for the first-run wizard to show once.',
  }),
  'setup.complete': call({
    input: {
      shop: z.strictObject({ ...ShopInput, code: ShopCode }),
      owner: z.strictObject({ name: PersonName, pin: Pin }),
      passphrase: Passphrase,
    },
    output: out<SessionView>(),
    role: 'public',
    // Not one transaction: the keys are wrapped off the main thread first, then the handler writes in one.
    mutates: false,
    summary: 'First run: create the shop, its keys and the first owner, and log the owner in.',
  }),
  'keys.unlock': call({
    input: { passphrase: Passphrase },
    output: out<{ keys: 'ready' }>(),
    role: 'public',
    // Not one transaction: the passphrase is derived off the main thread first, then the handler writes in one.
    mutates: false,
    summary:
      'On a new PC or user account: unwrap the keys with the recovery passphrase (wrong ones lock recovery for a while).',
  }),
  'prefs.setLanguage': call({
    input: { language: LanguageInput },
    output: out<{ language: Language }>(),
    role: 'public',
    mutates: true,
    summary: 'Switch the interface language; remembered for the next start.',
  }),
  'auth.staffList': call({
    input: {},
    output: out<StaffListItem[]>(),
    role: 'public',
    mutates: false,
    summary: 'Active staff to pick from on the lock screen.',
  }),
  'auth.login': call({
    input: { staffId: Id, pin: Pin },
    output: out<LoginView>(),
    role: 'public',
    mutates: true,
    summary:
      'Log in with a PIN; five wrong PINs lock that person (5 minutes, doubling with each lockout in a row, up to a day).',
  }),
  'auth.unlock': call({
    input: { pin: Pin },
    output: out<SessionView>(),
    role: 'public',
    mutates: true,
    summary: 'Unlock this window’s idle-locked session with the same person’s PIN.',
  }),
  'auth.lock': call({
    input: {},
    output: out<SessionView>(),
    role: 'clerk',
    mutates: false,
    summary: 'Lock this window now (Ctrl+L).',
  }),
  'auth.logout': call({
    input: {},
    output: out<{ loggedOut: true }>(),
    role: 'clerk',
    mutates: true,
    summary: 'End this window’s session.',
  }),
  'auth.changePin': call({
    input: { currentPin: Pin, newPin: Pin },
    output: out<{ changed: true }>(),
    role: 'clerk',
    mutates: true,
    summary: 'Change one’s own PIN.',
  }),
  'auth.recoverOwnerPin': call({
    input: { staffId: Id, passphrase: Passphrase, newPin: Pin },
    output: out<{ changed: true }>(),
    role: 'public',
    // Not one transaction: the passphrase is derived off the main thread first, then the handler writes in one.
    mutates: false,
    summary: 'An owner who forgot their PIN sets a new one with the recovery passphrase; their other sessions end.',
  }),
  'shop.get': call({
    input: {},
    output: out<ShopView>(),
    role: 'clerk',
    mutates: false,
    summary: 'The shop’s details as printed on receipts.',
  }),
  'shop.update': call({
    input: ShopInput,
    output: out<ShopView>(),
    role: 'owner',
    mutates: true,
    summary: 'Change the shop’s name, address, phone or licence number (the code never changes).',
  }),
  'staff.list': call({
    input: {},
    output: out<StaffView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Everyone who works here, with role, state and masked phone.',
  }),
  'staff.add': call({
    input: { name: PersonName, role: RoleInput, pin: Pin, phone: z.union([Phone, z.literal('')]).optional() },
    output: out<StaffView>(),
    role: 'owner',
    mutates: true,
    summary: 'Add a clerk or an owner with a starting PIN.',
  }),
  'staff.update': call({
    input: {
      staffId: Id,
      name: PersonName.optional(),
      role: RoleInput.optional(),
      active: z.boolean().optional(),
      phone: z.union([Phone, z.literal('')]).optional(),
    },
    output: out<StaffView>(),
    role: 'owner',
    mutates: true,
    summary: 'Rename, change role, deactivate or reactivate someone; the last owner stays.',
  }),
  'staff.resetPin': call({
    input: { staffId: Id, newPin: Pin },
    output: out<StaffView>(),
    role: 'owner',
    mutates: true,
    summary: 'Give someone a new PIN (and lift their lockout).',
  }),
  'staff.revealPhone': call({
    input: { staffId: Id },
    output: out<{ phone: string }>(),
    role: 'owner',
    mutates: true,
    summary: 'Show a staff member’s full phone number (journaled).',
  }),
  'staff.clearLockout': approvableCall({
    input: { staffId: Id },
    output: out<StaffView>(),
    mutates: true,
    summary: 'Lift a PIN lockout early; a clerk needs the owner’s PIN and a reason on the spot.',
  }),
  'journal.list': call({
    input: { beforeSeq: z.int().min(1).optional(), limit: z.int().min(1).max(5000).default(100) },
    output: out<JournalEntryView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'The newest journal entries, newest first.',
  }),
  'journal.page': call({
    input: { offset: z.int().min(0).max(100_000_000).default(0), limit: z.int().min(1).max(500).default(100) },
    output: out<Page<JournalEntryView>>(),
    role: 'owner',
    mutates: false,
    summary: 'The journal a page at a time, newest first, with how many entries there are in all.',
  }),
  'journal.verify': call({
    input: {},
    output: out<JournalVerifyView>(),
    role: 'owner',
    mutates: false,
    summary: 'Recompute the journal’s hash chain and name the first bad entry.',
  }),
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** The input after parsing (defaults applied), as handlers see it. */
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Calls[N]['output'] extends { readonly __out?: infer O } ? O : never;
