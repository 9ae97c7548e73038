// What calls answer with. Plain data: ids, integers, ISO times; never a secret.
import type { MinRole } from './define';

export type StaffRole = Exclude<MinRole, 'public'>;
export type Language = 'zh-CN' | 'en';

export interface SessionView {
  staffId: string;
  name: string;
  role: StaffRole;
  locked: boolean;
  /** Milliseconds of inactivity before the session locks. */
  idleLockMs: number;
}

export interface ShopView {
  name: string;
  code: string;
  address: string;
  phone: string;
  licenceNo: string;
}

export interface StatusView {
  setup: 'needed' | 'done';
  keys: 'ready' | 'locked' | 'none';
  keyStore: { kind: string; osEncrypted: boolean };
  shop: ShopView | null;
  language: Language;
  session: SessionView | null;
  testMode: boolean;
  schemaVersion: number;
}

export interface StaffListItem {
  id: string;
  name: string;
  role: StaffRole;
}

export interface StaffView extends StaffListItem {
  active: boolean;
  /** `138****5678`, or '' when none was given. */
  phoneMasked: string;
  lockedUntil: string | null;
  failedPins: number;
  createdAt: string;
}

export interface SettingsView {
  idleLockMinutes: number;
  language: Language;
}

export interface JournalEntryView {
  seq: number;
  at: string;
  staff: string | null;
  staffName: string | null;
  kind: string;
  ref: string | null;
  payload: unknown;
  hash: string;
}

export interface JournalVerifyView {
  ok: boolean;
  count: number;
  head: string;
  firstBad: { seq: number; reason: 'hash' | 'prevHash' | 'seq' } | null;
}
