// Staff, their PINs and the PIN lockout (spec §6: 5 wrong PINs lock that person for 5 minutes; each further
// lockout in a row waits twice as long, up to a day, until a correct PIN ends the run).
import { AppError, type StaffRole, type StaffView } from '../../../shared/contract';
import { maskPhone } from '../../../shared/domain/mask';
import { isWeakPin } from '../../../shared/domain/pin';
import { Refusal } from '../context';
import { JournalRow, MaybeN, N, StaffRow } from '../db/rows';
import { JournalPayload, readJson } from '../db/stored';
import type { Sql } from '../db/sql';
import type { Journal } from '../journal/service';
import { checkPin, hashPin } from '../keys/crypto';
import type { Keys } from '../keys/service';
import type { Clock, Ids, Random } from '../ports';
import { growingWait } from '../auth/throttle';

const ActiveStaff = StaffRow.pick({ id: true, name: true, role: true });
const PinFailure = JournalRow.pick({ at: true, payload: true });

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export type { StaffRow } from '../db/rows';

/** A PIN being set must not be one a guesser tries first; `field` names where it was typed, for the words. */
export function requireStrongPin(pin: string, field: string): void {
  if (isWeakPin(pin))
    throw new AppError('PIN_WEAK', 'this PIN is too easy to guess: one digit repeated or a run of digits', { field });
}

/** A wrong owner PIN typed for an approval in someone else's session: the owner is told at their next login. */
export interface FailedApproval {
  at: string;
  call: string;
  byName: string | null;
}

const PIN_FAILURE_KINDS = ['auth.pinWrong', 'auth.lockedOut', 'auth.pinRefusedLocked'] as const;

const phoneAad = (id: string) => `staff.phone:${id}`;

export class Staff {
  constructor(
    private readonly sql: Sql,
    private readonly journal: Journal,
    private readonly keys: Keys,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly random: Random,
  ) {}

  row(id: string): StaffRow {
    const r = this.sql.get(StaffRow, 'SELECT * FROM staff WHERE id = ?', id);
    if (!r) throw new AppError('NOT_FOUND', 'no such staff member', { staffId: id });
    return r;
  }

  exists(id: string): boolean {
    return this.sql.exists('SELECT 1 FROM staff WHERE id = ?', id);
  }

  /** The staff member who may approve as owner: active and an owner; null otherwise. */
  activeOwner(id: string): StaffRow | null {
    const r = this.sql.get(StaffRow, 'SELECT * FROM staff WHERE id = ?', id);
    return r && r.role === 'owner' && r.active === 1 ? r : null;
  }

  view(r: StaffRow): StaffView {
    const locked = r.locked_until !== null && r.locked_until > this.clock.now();
    return {
      id: r.id,
      name: r.name,
      role: r.role,
      active: r.active === 1,
      phoneMasked: r.phone_masked,
      lockedUntil: locked && r.locked_until !== null ? new Date(r.locked_until).toISOString() : null,
      failedPins: locked || r.locked_until === null ? r.failed_pins : 0,
      createdAt: r.created_at,
    };
  }

  list(): StaffView[] {
    return this.sql.all(StaffRow, 'SELECT * FROM staff ORDER BY active DESC, role DESC, name').map((r) => this.view(r));
  }

  activeList(): { id: string; name: string; role: StaffRole }[] {
    return this.sql.all(ActiveStaff, 'SELECT id, name, role FROM staff WHERE active = 1 ORDER BY role DESC, name');
  }

  private pinHash(pin: string): string {
    return hashPin(pin, this.random.bytes(16));
  }

  private phoneColumns(id: string, phone: string | undefined): { enc: Buffer | null; masked: string } {
    if (!phone) return { enc: null, masked: '' };
    return { enc: this.keys.encrypt(phoneAad(id), phone), masked: maskPhone(phone) };
  }

  add(input: { name: string; role: StaffRole; pin: string; phone?: string }, pinField = 'pin'): StaffRow {
    requireStrongPin(input.pin, pinField);
    const id = this.ids.next();
    const phone = this.phoneColumns(id, input.phone);
    this.sql.run(
      `INSERT INTO staff (id, name, role, pin_hash, active, phone_enc, phone_masked, created_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
      id,
      input.name,
      input.role,
      this.pinHash(input.pin),
      phone.enc,
      phone.masked,
      new Date(this.clock.now()).toISOString(),
    );
    return this.row(id);
  }

  activeOwners(): number {
    return this.sql.get(N, "SELECT count(*) AS n FROM staff WHERE role = 'owner' AND active = 1")?.n ?? 0;
  }

  update(id: string, patch: { name?: string; role?: StaffRole; active?: boolean; phone?: string }): StaffRow {
    const r = this.row(id);
    const losesOwner = r.role === 'owner' && r.active === 1 && (patch.role === 'clerk' || patch.active === false);
    if (losesOwner && this.activeOwners() <= 1)
      throw new AppError('LAST_OWNER', 'the shop needs at least one active owner', { staffId: id });
    const phone =
      patch.phone === undefined ? { enc: r.phone_enc, masked: r.phone_masked } : this.phoneColumns(id, patch.phone);
    this.sql.run(
      'UPDATE staff SET name = ?, role = ?, active = ?, phone_enc = ?, phone_masked = ? WHERE id = ?',
      patch.name ?? r.name,
      patch.role ?? r.role,
      patch.active === undefined ? r.active : Number(patch.active),
      phone.enc,
      phone.masked,
      id,
    );
    return this.row(id);
  }

  setPin(id: string, pin: string): StaffRow {
    requireStrongPin(pin, 'newPin');
    this.row(id);
    this.sql.run(
      'UPDATE staff SET pin_hash = ?, failed_pins = 0, locked_until = NULL, pin_lockouts = 0 WHERE id = ?',
      this.pinHash(pin),
      id,
    );
    return this.row(id);
  }

  clearLockout(id: string): StaffRow {
    this.row(id);
    this.sql.run('UPDATE staff SET failed_pins = 0, locked_until = NULL, pin_lockouts = 0 WHERE id = ?', id);
    return this.row(id);
  }

  revealPhone(id: string): string {
    const r = this.row(id);
    return r.phone_enc ? this.keys.decrypt(phoneAad(id), r.phone_enc) : '';
  }

  /**
   * Checks a PIN against the lockout. A wrong PIN is a Refusal: its count and journal entry are kept even
   * though the call itself changes nothing. `purpose` says what the PIN was for (login, approval …); `by` is who
   * sent it when that is someone else (an approval typed in a clerk's session).
   */
  verifyPin(id: string, pin: string, purpose: string, by?: { id: string; name: string }): StaffRow {
    const r = this.sql.get(StaffRow, 'SELECT * FROM staff WHERE id = ?', id);
    if (!r || r.active !== 1) throw new AppError('NOT_FOUND', 'no such active staff member', { staffId: id });
    const now = this.clock.now();
    const sender: Record<string, string> = by ? { by: by.id, byName: by.name } : {};
    if (r.locked_until !== null && r.locked_until > now) {
      const until = new Date(r.locked_until).toISOString();
      throw new Refusal('PIN_LOCKED', 'too many wrong PINs; locked for now', { staffId: id, until }, () => {
        this.journal.append({ staff: id, kind: 'auth.pinRefusedLocked', ref: id, payload: { purpose, ...sender } });
      });
    }
    if (checkPin(pin, r.pin_hash)) {
      // The person is here: the count and the growth of the waits start again.
      if (r.failed_pins !== 0 || r.locked_until !== null || r.pin_lockouts !== 0) {
        this.sql.run('UPDATE staff SET failed_pins = 0, locked_until = NULL, pin_lockouts = 0 WHERE id = ?', id);
      }
      return r;
    }
    const expired = r.locked_until !== null && r.locked_until <= now;
    const failed = (expired ? 0 : r.failed_pins) + 1;
    const lockNow = failed >= MAX_WRONG_PINS;
    const until = lockNow ? now + growingWait(LOCKOUT_MS, r.pin_lockouts) : null;
    const lockouts = lockNow ? r.pin_lockouts + 1 : r.pin_lockouts;
    const details: Record<string, string | number> =
      until !== null
        ? { staffId: id, until: new Date(until).toISOString() }
        : { staffId: id, remaining: MAX_WRONG_PINS - failed };
    return this.refuse(lockNow ? 'PIN_LOCKED' : 'PIN_WRONG', details, () => {
      this.sql.run(
        'UPDATE staff SET failed_pins = ?, locked_until = ?, pin_lockouts = ? WHERE id = ?',
        lockNow ? 0 : failed,
        until,
        lockouts,
        id,
      );
      this.journal.append({
        staff: id,
        kind: lockNow ? 'auth.lockedOut' : 'auth.pinWrong',
        ref: id,
        payload: { purpose, failed, lockouts, ...sender },
      });
    });
  }

  private refuse(code: 'PIN_WRONG' | 'PIN_LOCKED', details: Record<string, string | number>, trace: () => void): never {
    throw new Refusal(
      code,
      code === 'PIN_LOCKED' ? 'too many wrong PINs; locked for now' : 'wrong PIN',
      details,
      trace,
    );
  }

  /**
   * Wrong PINs typed against this person for approvals since their last login (the journal keeps them with who
   * sent them). Read at login, before the login itself is journaled.
   */
  failedApprovalsSinceLastLogin(id: string): FailedApproval[] {
    const last =
      this.sql.get(MaybeN, "SELECT max(seq) AS n FROM journal WHERE ref = ? AND kind = 'auth.login'", id)?.n ?? 0;
    const rows = this.sql.all(
      PinFailure,
      `SELECT at, payload FROM journal WHERE ref = ? AND seq > ? AND kind IN (${PIN_FAILURE_KINDS.map(() => '?').join(', ')}) ORDER BY seq`,
      id,
      last,
      ...PIN_FAILURE_KINDS,
    );
    const out: FailedApproval[] = [];
    for (const row of rows) {
      const p = readJson(JournalPayload, row.payload);
      if (typeof p.purpose !== 'string' || !p.purpose.startsWith('approval:')) continue;
      out.push({
        at: row.at,
        call: p.purpose.slice('approval:'.length),
        byName: typeof p.byName === 'string' ? p.byName : null,
      });
    }
    return out;
  }
}
