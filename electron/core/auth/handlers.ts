import { AppError } from '../../../shared/contract';
import { isWeakPin } from '../../../shared/domain/pin';
import type { Ctx, HandlerMap } from '../context';
import type { Settings } from '../settings/service';
import type { Staff } from '../staff/service';
import type { Sessions } from './sessions';
import type { Setup } from '../system/setup';

export function authHandlers(deps: {
  staff: Staff;
  sessions: Sessions;
  settings: Settings;
  setup: Setup;
}): HandlerMap<
  | 'auth.staffList'
  | 'auth.login'
  | 'auth.unlock'
  | 'auth.lock'
  | 'auth.logout'
  | 'auth.changePin'
  | 'auth.recoverOwnerPin'
> {
  const { staff, sessions, settings } = deps;
  const current = (ctx: Ctx) => sessions.find(ctx.binding.get(), settings.idleLockMs());
  return {
    'auth.staffList': () => staff.activeList(),
    'auth.login': (ctx, input) => {
      const r = staff.verifyPin(input.staffId, input.pin, 'login');
      const failedApprovals = staff.failedApprovalsSinceLastLogin(r.id);
      const previous = ctx.binding.get();
      if (previous) sessions.close(previous);
      const s = sessions.open({ id: r.id, name: r.name, role: r.role });
      ctx.binding.set(s.id);
      ctx.actor = { id: r.id, name: r.name, role: r.role };
      ctx.record('auth.login', r.id, {});
      // A PIN set before weak ones were refused is only known as it is typed: the window asks for a new one.
      return { ...sessions.view(s, settings.idleLockMs()), failedApprovals, weakPin: isWeakPin(input.pin) };
    },
    'auth.unlock': (ctx, input) => {
      const s = current(ctx);
      if (!s) throw new AppError('UNAUTHENTICATED', 'no session to unlock in this window');
      staff.verifyPin(s.staffId, input.pin, 'unlock');
      s.locked = false;
      sessions.touch(s);
      return sessions.view(s, settings.idleLockMs());
    },
    'auth.lock': (ctx) => {
      const s = current(ctx);
      if (!s) throw new AppError('UNAUTHENTICATED', 'not logged in');
      s.locked = true;
      return sessions.view(s, settings.idleLockMs());
    },
    'auth.logout': (ctx) => {
      const id = ctx.binding.get();
      if (id) sessions.close(id);
      ctx.binding.set(null);
      ctx.record('auth.logout', ctx.actor?.id ?? null, {});
      return { loggedOut: true as const };
    },
    'auth.changePin': (ctx, input) => {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'not logged in');
      staff.verifyPin(ctx.actor.id, input.currentPin, 'changePin');
      staff.setPin(ctx.actor.id, input.newPin);
      // Whoever watched the old PIN being typed may be in another window: only this one stays.
      sessions.closeStaff(ctx.actor.id, ctx.binding.get());
      ctx.record('auth.pinChanged', ctx.actor.id, {});
      return { changed: true as const };
    },
    // Nobody is logged in: the recovery is journaled without a staff member, naming the owner, and every session
    // the owner had ends (whoever knew the old PIN may hold one).
    'auth.recoverOwnerPin': async (ctx, input) => {
      const r = await deps.setup.recoverOwnerPin(input.staffId, input.passphrase, input.newPin, (owner, rewrapped) => {
        if (rewrapped) ctx.record('keys.rewrapped', null, { kdf: rewrapped });
        ctx.record('auth.pinRecovered', owner.id, { ownerId: owner.id, ownerName: owner.name });
      });
      sessions.closeStaff(r.id);
      return { changed: true as const };
    },
  };
}
