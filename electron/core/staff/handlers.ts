import type { HandlerMap } from '../context';
import type { Sessions } from '../auth/sessions';
import type { Staff } from './service';

export function staffHandlers(
  staff: Staff,
  sessions: Sessions,
): HandlerMap<
  'staff.list' | 'staff.add' | 'staff.update' | 'staff.resetPin' | 'staff.revealPhone' | 'staff.clearLockout'
> {
  return {
    'staff.list': () => staff.list(),
    'staff.add': (ctx, input) => {
      const r = staff.add(input);
      ctx.record('staff.added', r.id, { name: r.name, role: r.role });
      ctx.emit('staff.changed', {});
      return staff.view(r);
    },
    'staff.update': (ctx, input) => {
      const { staffId, ...patch } = input;
      const before = staff.row(staffId);
      const r = staff.update(staffId, patch);
      ctx.record('staff.updated', staffId, {
        name: r.name,
        role: r.role,
        active: r.active === 1,
        phoneChanged: patch.phone !== undefined,
      });
      // Last in the call, once nothing more of it can be refused.
      if (r.role !== before.role || r.active !== before.active) sessions.closeStaff(staffId);
      else if (r.name !== before.name) sessions.renameStaff(staffId, r.name);
      ctx.emit('staff.changed', {});
      return staff.view(r);
    },
    'staff.resetPin': (ctx, input) => {
      const r = staff.setPin(input.staffId, input.newPin);
      // Whoever knew the old PIN may be sitting in one of those sessions.
      sessions.closeStaff(input.staffId);
      ctx.record('staff.pinReset', input.staffId, {});
      ctx.emit('staff.changed', {});
      return staff.view(r);
    },
    'staff.revealPhone': (ctx, input) => {
      const phone = staff.revealPhone(input.staffId);
      ctx.record('staff.phoneRevealed', input.staffId, {});
      return { phone };
    },
    'staff.clearLockout': (ctx, input) => {
      const r = staff.clearLockout(input.staffId);
      ctx.record('staff.lockoutCleared', input.staffId, {});
      ctx.emit('staff.changed', {});
      return staff.view(r);
    },
  };
}
