// Wrong recovery passphrases (PIN recovery, key unlock) count towards a lockout whose wait doubles with each
// lockout in a row, kept in SQLite so that restarting the app does not reset it. Anyone at the window (or holding
// the browser-mode token) can try, so every failure and lockout is journaled — never with the passphrase.
import { AppError } from '../../../shared/contract';
import { RecoveryThrottleRow } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Journal } from '../journal/service';
import type { Clock } from '../ports';

const Throttle = RecoveryThrottleRow.omit({ id: true });

export const RECOVERY_FREE_TRIES = 5;
export const RECOVERY_FIRST_WAIT_MS = 60_000;
export const LONGEST_WAIT_MS = 24 * 60 * 60_000;

/** The wait after the `lockouts`-th lockout in a row (0 for the first): doubling from `first`, at most a day. */
export function growingWait(first: number, lockouts: number): number {
  return Math.min(first * 2 ** Math.min(lockouts, 20), LONGEST_WAIT_MS);
}

export type RecoveryCall = 'keys.unlock' | 'auth.recoverOwnerPin';

interface ThrottleRow {
  failures: number;
  lockouts: number;
  locked_until: number | null;
}

export class RecoveryThrottle {
  // One attempt at a time: parallel guesses would otherwise all pass the check before the first failure counts.
  private queue: Promise<unknown> = Promise.resolve();
  constructor(
    private readonly sql: Sql,
    private readonly journal: Journal,
    private readonly clock: Clock,
  ) {}

  private row(): ThrottleRow {
    return (
      this.sql.get(Throttle, 'SELECT failures, lockouts, locked_until FROM recovery_throttle WHERE id = 1') ?? {
        failures: 0,
        lockouts: 0,
        locked_until: null,
      }
    );
  }

  private save(r: ThrottleRow): void {
    this.sql.run(
      'INSERT INTO recovery_throttle (id, failures, lockouts, locked_until) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until = excluded.locked_until',
      r.failures,
      r.lockouts,
      r.locked_until,
    );
  }

  /**
   * Runs one passphrase attempt unless recovery is locked. A WRONG_PASSPHRASE from `attempt` is counted (and
   * may lock) before the next attempt may start; success ends the count and the growth.
   */
  run<T>(call: RecoveryCall, attempt: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.guarded(call, attempt));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async guarded<T>(call: RecoveryCall, attempt: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const before = this.row();
    if (before.locked_until !== null && before.locked_until > now) {
      const until = new Date(before.locked_until).toISOString();
      this.sql.tx(() =>
        this.journal.append({ staff: null, kind: 'auth.recoveryRefusedLocked', ref: null, payload: { call, until } }),
      );
      throw new AppError('RECOVERY_LOCKED', 'too many wrong passphrases; recovery is locked for now', { until });
    }
    let value: T;
    try {
      value = await attempt();
    } catch (e) {
      if (e instanceof AppError && e.code === 'WRONG_PASSPHRASE') throw this.failed(call);
      throw e;
    }
    this.sql.tx(() => {
      const r = this.row();
      if (r.failures !== 0 || r.lockouts !== 0 || r.locked_until !== null)
        this.save({ failures: 0, lockouts: 0, locked_until: null });
    });
    return value;
  }

  private failed(call: RecoveryCall): AppError {
    return this.sql.tx(() => {
      const now = this.clock.now();
      const r = this.row();
      // After a lockout has run out the count starts again, but the next lockout waits twice as long.
      const expired = r.locked_until !== null && r.locked_until <= now;
      const failures = (expired ? 0 : r.failures) + 1;
      if (failures < RECOVERY_FREE_TRIES) {
        this.save({ failures, lockouts: r.lockouts, locked_until: expired ? null : r.locked_until });
        this.journal.append({ staff: null, kind: 'auth.recoveryFailed', ref: null, payload: { call, failures } });
        return new AppError('WRONG_PASSPHRASE', 'the recovery passphrase does not open the keys', {
          remaining: RECOVERY_FREE_TRIES - failures,
        });
      }
      const lockedUntil = now + growingWait(RECOVERY_FIRST_WAIT_MS, r.lockouts);
      const until = new Date(lockedUntil).toISOString();
      this.save({ failures: 0, lockouts: r.lockouts + 1, locked_until: lockedUntil });
      this.journal.append({
        staff: null,
        kind: 'auth.recoveryLockedOut',
        ref: null,
        payload: { call, failures, lockouts: r.lockouts + 1, until },
      });
      return new AppError('RECOVERY_LOCKED', 'too many wrong passphrases; recovery is locked for now', { until });
    });
  }
}
