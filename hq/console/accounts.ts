// Console people and sessions (head-office.md "People"; docs/console.md): the owner and regional managers, passwords
// as scrypt hashes (hq/people.ts), a lockout with growing waits per typed name, and sessions made at login only —
// the cookie carries a random id, the database its SHA-256, so an id presented before login never becomes valid.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sha256Hex } from '../../shared/protocol/signing';
import type { Db, Queryable } from '../db/types';
import { hashPassword, passwordMatches } from '../people';
import { journal, type Who } from './journal';

const int = z.number().int();
const PersonRow = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'manager']),
  password_hash: z.string(),
  created_at: int,
});
const GroupRow = z.object({ person_id: z.string(), group_name: z.string() });
const FailureRow = z.object({ failures: int, locked_until: int });
const Failures = z.object({ failures: int });
const SessionRow = z.object({ person_id: z.string(), created_at: int, seen_at: int });

export interface Person {
  id: string;
  name: string;
  role: 'owner' | 'manager';
  /** The groups a manager sees; an owner sees every shop (empty here). */
  groups: string[];
}

/** Failures allowed before the first wait; each failure after doubles the wait, up to an hour. */
export const FREE_FAILURES = 4;
export const FIRST_WAIT_S = 30;
export const LONGEST_WAIT_S = 3600;
/** A session ends after 2 hours without a request, and 12 hours after login whatever happens. */
export const IDLE_S = 2 * 3600;
export const LONGEST_S = 12 * 3600;

export class ConsoleError extends Error {
  override name = 'ConsoleError';
  constructor(
    readonly code: string,
    readonly status: number,
    readonly field?: string,
    readonly retryAfter?: number,
    /** The row of a list or file it concerns (1 = the first). */
    readonly row?: number,
  ) {
    super(code);
  }
}

const nameKey = (name: string) => name.trim().normalize('NFKC').toLowerCase();
const GROUP = /^[^\s,][^,]{0,39}$/u;

/** The wait after `failures` failures in a row, in seconds (0 while still free). */
export function waitAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** Math.min(20, failures - FREE_FAILURES - 1));
}

export class Accounts {
  /** A hash to check against when the name is unknown, so an unknown name costs what a known one does. */
  private decoy: Promise<string> | null = null;
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  private async groupsOf(q: Queryable, ids: string[]): Promise<Map<string, string[]>> {
    const rows = ids.length
      ? await q.all(
          GroupRow,
          'SELECT person_id, group_name FROM person_groups WHERE person_id = ANY($1::text[]) ORDER BY group_name',
          [ids],
        )
      : [];
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r.person_id, [...(m.get(r.person_id) ?? []), r.group_name]);
    return m;
  }

  /**
   * Checks a name and password; on success a new session (its id for the cookie). A locked name is refused before
   * its password is checked; every failure, for a known name or not, counts towards its lockout.
   */
  async login(name: string, password: string): Promise<{ sessionId: string; person: Person }> {
    const key = nameKey(name);
    if (!key || key.length > 60 || password.length === 0 || password.length > 200)
      throw new ConsoleError('bad_login', 401);
    const now = this.now();
    const f = await this.db.get(FailureRow, 'SELECT failures, locked_until FROM login_failures WHERE name_key = $1', [
      key,
    ]);
    if (f && f.locked_until > now) throw new ConsoleError('locked', 429, undefined, f.locked_until - now);
    const people = await this.db.all(PersonRow, 'SELECT * FROM people');
    const p = people.find((x) => nameKey(x.name) === key);
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await passwordMatches(password, p?.password_hash ?? (await this.decoy));
    if (!p || !ok) {
      // Counted in the database (two failures at once both count), then the wait set from that count.
      const counted = await this.db.get(
        Failures,
        `INSERT INTO login_failures (name_key, failures, locked_until) VALUES ($1, 1, 0)
         ON CONFLICT (name_key) DO UPDATE SET failures = login_failures.failures + 1 RETURNING failures`,
        [key],
      );
      const wait = waitAfter(counted?.failures ?? 1);
      await this.db.run('UPDATE login_failures SET locked_until = GREATEST(locked_until, $2) WHERE name_key = $1', [
        key,
        now + wait,
      ]);
      if (wait > 0) throw new ConsoleError('locked', 429, undefined, wait);
      throw new ConsoleError('bad_login', 401);
    }
    const sessionId = randomBytes(32).toString('base64url');
    const person: Person = { id: p.id, name: p.name, role: p.role, groups: [] };
    await this.db.tx(async (q) => {
      await q.run('DELETE FROM login_failures WHERE name_key = $1', [key]);
      person.groups = (await this.groupsOf(q, [p.id])).get(p.id) ?? [];
      await q.run('INSERT INTO console_sessions (id_hash, person_id, created_at, seen_at) VALUES ($1, $2, $3, $3)', [
        sha256Hex(sessionId),
        p.id,
        now,
      ]);
      await q.run('DELETE FROM console_sessions WHERE seen_at < $1 OR created_at < $2', [
        now - IDLE_S,
        now - LONGEST_S,
      ]);
      await journal(q, now, { id: p.id, name: p.name }, 'login', p.name);
    });
    return { sessionId, person };
  }

  /** The person of a session id, or null (unknown, idle too long, too old). A live session's time is noted. */
  async session(sessionId: string | null): Promise<Person | null> {
    if (!sessionId || sessionId.length > 100) return null;
    const now = this.now();
    const idHash = sha256Hex(sessionId);
    const s = await this.db.get(
      SessionRow,
      'SELECT person_id, created_at, seen_at FROM console_sessions WHERE id_hash = $1',
      [idHash],
    );
    if (!s || s.seen_at < now - IDLE_S || s.created_at < now - LONGEST_S) return null;
    if (s.seen_at < now - 60)
      await this.db.run('UPDATE console_sessions SET seen_at = $2 WHERE id_hash = $1', [idHash, now]);
    const p = await this.db.get(PersonRow, 'SELECT * FROM people WHERE id = $1', [s.person_id]);
    if (!p) return null;
    return { id: p.id, name: p.name, role: p.role, groups: (await this.groupsOf(this.db, [p.id])).get(p.id) ?? [] };
  }

  /** Ends a session without a journal entry (the one a browser held when it signed in again). */
  async drop(sessionId: string): Promise<void> {
    await this.db.run('DELETE FROM console_sessions WHERE id_hash = $1', [sha256Hex(sessionId)]);
  }

  async logout(sessionId: string, who: Who): Promise<void> {
    await this.db.tx(async (q) => {
      await q.run('DELETE FROM console_sessions WHERE id_hash = $1', [sha256Hex(sessionId)]);
      await journal(q, this.now(), who, 'logout', who.name);
    });
  }

  async list(): Promise<Person[]> {
    const people = await this.db.all(PersonRow, 'SELECT * FROM people ORDER BY role DESC, name');
    const groups = await this.groupsOf(
      this.db,
      people.map((p) => p.id),
    );
    return people.map((p) => ({ id: p.id, name: p.name, role: p.role, groups: groups.get(p.id) ?? [] }));
  }

  /** A regional manager, read-only, seeing the shops of `groups`; journaled as `who`'s change. */
  async addManager(who: Who, name: string, password: string, groups: string[]): Promise<Person> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 60) throw new ConsoleError('invalid', 422, 'name');
    if (password.length < 12 || password.length > 200) throw new ConsoleError('password_short', 422, 'password');
    const gs = [...new Set(groups.map((g) => g.trim()).filter(Boolean))];
    if (gs.length === 0 || gs.length > 50 || !gs.every((g) => GROUP.test(g)))
      throw new ConsoleError('invalid', 422, 'groups');
    const hash = await hashPassword(password);
    const id = randomUUID();
    await this.db.tx(async (q) => {
      await q.exec('LOCK TABLE people IN EXCLUSIVE MODE');
      const all = await q.all(PersonRow, 'SELECT * FROM people');
      if (all.some((p) => nameKey(p.name) === nameKey(trimmed))) throw new ConsoleError('name_taken', 409, 'name');
      await q.run("INSERT INTO people (id, name, role, password_hash, created_at) VALUES ($1, $2, 'manager', $3, $4)", [
        id,
        trimmed,
        hash,
        this.now(),
      ]);
      await q.run('INSERT INTO person_groups (person_id, group_name) SELECT $1, unnest($2::text[])', [id, gs]);
      await journal(q, this.now(), who, 'person.add', trimmed, { role: 'manager', groups: gs.join(',') });
    });
    return { id, name: trimmed, role: 'manager', groups: gs };
  }

  /** A manager removed: their sessions end at once; journaled as `who`'s change. The owner is never removed. */
  async removeManager(who: Who, id: string): Promise<void> {
    await this.db.tx(async (q) => {
      const p = await q.get(PersonRow, 'SELECT * FROM people WHERE id = $1 FOR UPDATE', [id]);
      if (!p) throw new ConsoleError('not_found', 404);
      if (p.role !== 'manager') throw new ConsoleError('owner_kept', 409);
      await q.run('DELETE FROM console_sessions WHERE person_id = $1', [id]);
      await q.run('DELETE FROM person_groups WHERE person_id = $1', [id]);
      await q.run('DELETE FROM people WHERE id = $1', [id]);
      await journal(q, this.now(), who, 'person.remove', p.name);
    });
  }

  /** A manager's groups replaced (what they see changes at their next request); journaled. */
  async setGroups(who: Who, id: string, groups: string[]): Promise<Person> {
    const gs = [...new Set(groups.map((g) => g.trim()).filter(Boolean))].sort();
    if (gs.length === 0 || gs.length > 50 || !gs.every((g) => GROUP.test(g)))
      throw new ConsoleError('invalid', 422, 'groups');
    return this.db.tx(async (q) => {
      const p = await q.get(PersonRow, 'SELECT * FROM people WHERE id = $1 FOR UPDATE', [id]);
      if (!p) throw new ConsoleError('not_found', 404);
      if (p.role !== 'manager') throw new ConsoleError('owner_kept', 409);
      await q.run('DELETE FROM person_groups WHERE person_id = $1', [id]);
      await q.run('INSERT INTO person_groups (person_id, group_name) SELECT $1, unnest($2::text[])', [id, gs]);
      await journal(q, this.now(), who, 'person.groups', p.name, { groups: gs.join(',') });
      return { id: p.id, name: p.name, role: p.role, groups: gs };
    });
  }

  /**
   * A person's own password changed: the old one must match; every session of that person ends (this one too —
   * the browser signs in again). Journaled, without either password.
   */
  async changePassword(who: Who, oldPassword: string, newPassword: string): Promise<void> {
    if (!who.id) throw new ConsoleError('not_signed_in', 401);
    if (newPassword.length < 12 || newPassword.length > 200)
      throw new ConsoleError('password_short', 422, 'newPassword');
    const p = await this.db.get(PersonRow, 'SELECT * FROM people WHERE id = $1', [who.id]);
    if (!p) throw new ConsoleError('not_signed_in', 401);
    if (oldPassword.length === 0 || oldPassword.length > 200 || !(await passwordMatches(oldPassword, p.password_hash)))
      throw new ConsoleError('old_password', 422, 'oldPassword');
    const hash = await hashPassword(newPassword);
    await this.db.tx(async (q) => {
      await q.run('UPDATE people SET password_hash = $2 WHERE id = $1', [p.id, hash]);
      await q.run('DELETE FROM console_sessions WHERE person_id = $1', [p.id]);
      await journal(q, this.now(), who, 'person.password', p.name);
    });
  }
}
