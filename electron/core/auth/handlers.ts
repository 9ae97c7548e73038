import { AppError } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import type { Keys } from '../keys/service';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { Staff } from '../staff/service';
import type { Sessions } from './sessions';
import type { RecoveryThrottle } from './throttle';

export function authHandlers(deps: {
  staff: Staff;
  sessions: Sessions;
  settings: Settings;
  keys: Keys;
  shop: Shop;
  throttle: RecoveryThrottle;
  /** A transaction for the writes after an asynchronous passphrase check (dispatch runs those calls outside one). */
  tx<T>(fn: () => T): T;
}): HandlerMap<'auth.staffList' | 'auth.login' | 'auth.unlock' | 'auth.lock' | 'auth.logout' | 'auth.changePin' | 'auth.recoverOwnerPin'> {
  const { staff, sessions, settings, keys, shop } = deps;
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
      return { ...sessions.view(s, settings.idleLockMs()), failedApprovals };
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
    // The passphrase is derived off the main thread first; the writes then run in one transaction. Nobody is
    // logged in: the recovery is journaled without a staff member, naming the owner.
    'auth.recoverOwnerPin': async (ctx, input) => {
      const r = staff.row(input.staffId);
      if (r.role !== 'owner' || r.active !== 1) throw new AppError('FORBIDDEN', 'only an active owner recovers a PIN with the passphrase', { staffId: r.id });
      const installId = shop.installId();
      if (!installId) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
      const opened = await deps.throttle.run('auth.recoverOwnerPin', () => keys.open(input.passphrase));
      deps.tx(() => {
        const kdf = keys.rewrap(opened);
        if (kdf) ctx.record('keys.rewrapped', null, { kdf });
        staff.setPin(r.id, input.newPin);
        ctx.record('auth.pinRecovered', r.id, { ownerId: r.id, ownerName: r.name });
      });
      sessions.closeStaff(r.id);
      return { changed: true as const };
    },
  };
}
