// Staff sessions live in memory: a restart means logging in again. A session locks after the idle time.
import type { SessionView, StaffRole } from '../../../shared/contract';
import type { Clock, Random } from '../ports';

export interface Session {
  id: string;
  staffId: string;
  name: string;
  role: StaffRole;
  lastActivity: number;
  locked: boolean;
}

export class Sessions {
  private readonly map = new Map<string, Session>();
  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  open(staff: { id: string; name: string; role: StaffRole }): Session {
    const s: Session = {
      id: this.random.bytes(24).toString('hex'),
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      lastActivity: this.clock.now(),
      locked: false,
    };
    this.map.set(s.id, s);
    return s;
  }

  /** The session named by a binding, locked if it has been idle longer than `idleMs`. */
  find(id: string | null, idleMs: number): Session | null {
    if (!id) return null;
    const s = this.map.get(id);
    if (!s) return null;
    if (!s.locked && this.clock.now() - s.lastActivity > idleMs) s.locked = true;
    return s;
  }

  touch(s: Session): void {
    s.lastActivity = this.clock.now();
  }

  close(id: string): void {
    this.map.delete(id);
  }

  /** Someone renamed: their open sessions act under the new name (what rounds and the journal record). */
  renameStaff(staffId: string, name: string): void {
    for (const s of this.map.values()) if (s.staffId === staffId) s.name = name;
  }

  /**
   * When someone is deactivated, their role changes or their PIN is reset or recovered, their open sessions end;
   * `keep` spares the one window where they changed their own PIN.
   */
  closeStaff(staffId: string, keep?: string | null): void {
    for (const [id, s] of this.map) if (s.staffId === staffId && id !== keep) this.map.delete(id);
  }

  /**
   * The database was replaced (a backup restored): a session goes on only for someone the restored staff list has
   * active with the same role, under the name it has there; every other window logs in again.
   */
  follow(active: readonly { id: string; name: string; role: StaffRole }[]): void {
    const byId = new Map(active.map((a) => [a.id, a]));
    for (const [id, s] of this.map) {
      const a = byId.get(s.staffId);
      if (!a || a.role !== s.role) this.map.delete(id);
      else s.name = a.name;
    }
  }

  view(s: Session, idleLockMs: number): SessionView {
    return { staffId: s.staffId, name: s.name, role: s.role, locked: s.locked, idleLockMs };
  }
}
