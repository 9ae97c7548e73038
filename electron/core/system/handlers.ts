// First run, key recovery and the status that tells the window which screen to show.
import { AppError } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import type { Sessions } from '../auth/sessions';
import type { Keys } from '../keys/service';
import { makePassphrase } from '../keys/service';
import { judgePassphrase } from '../../../shared/domain/passphrase-strength';
import type { RecoveryThrottle } from '../auth/throttle';
import type { Clock, Ids, KeyStore, Random } from '../ports';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { Staff } from '../staff/service';
import type { Catalog } from '../catalog/service';
import type { Quotes } from '../quotes/service';

export function systemHandlers(deps: {
  shop: Shop;
  staff: Staff;
  keys: Keys;
  keyStore: KeyStore;
  sessions: Sessions;
  settings: Settings;
  catalog: Catalog;
  quotes: Quotes;
  clock: Clock;
  ids: Ids;
  random: Random;
  testMode: boolean;
  schemaVersion: number;
  throttle: RecoveryThrottle;
  /** A transaction for the writes after an asynchronous key derivation (dispatch runs those calls outside one). */
  tx<T>(fn: () => T): T;
}): HandlerMap<'system.status' | 'setup.suggestPassphrase' | 'setup.complete' | 'keys.unlock'> {
  const { shop, staff, keys, sessions, settings } = deps;
  const sessionView = (ctx: Ctx) => {
    const s = sessions.find(ctx.binding.get(), settings.idleLockMs());
    if (!s) return null;
    if (!s.locked) sessions.touch(s);
    return sessions.view(s, settings.idleLockMs());
  };
  return {
    'system.status': (ctx) => {
      const s = shop.get();
      return {
        setup: s ? 'done' : 'needed',
        keys: keys.state,
        keyStore: { kind: deps.keyStore.kind, osEncrypted: deps.keyStore.osEncrypted },
        shop: s,
        language: settings.get('language'),
        session: s ? sessionView(ctx) : null,
        testMode: deps.testMode,
        schemaVersion: deps.schemaVersion,
      };
    },
    'setup.suggestPassphrase': () => ({ passphrase: makePassphrase(deps.random) }),
    // The keys are wrapped off the main thread first; everything else is then written in one transaction.
    'setup.complete': async (ctx, input) => {
      if (shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
      const verdict = judgePassphrase(input.passphrase);
      if (!verdict.strong) {
        throw new AppError('PASSPHRASE_WEAK', 'the passphrase is too easy to guess: use the generated one', { field: 'passphrase', bits: verdict.bits, need: verdict.need });
      }
      const prepared = await keys.prepare(input.passphrase);
      const owner = deps.tx(() => {
        // Another window may have finished the set-up while the keys were being wrapped.
        if (shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
        const at = new Date(deps.clock.now()).toISOString();
        const installId = deps.ids.next();
        shop.setInstallId(installId);
        shop.create({ ...input.shop }, at);
        const owner = staff.add({ name: input.owner.name, role: 'owner', pin: input.owner.pin });
        ctx.actor = { id: owner.id, name: owner.name, role: 'owner' };
        deps.catalog.seedShipped();
        deps.quotes.seedShipped();
        ctx.record('setup.completed', input.shop.code, { shopName: input.shop.name, ownerId: owner.id, ownerName: owner.name });
        // Last, so that nothing after it can fail and leave keys in memory without their wrapped copy.
        keys.create(installId, prepared);
        return owner;
      });
      const s = sessions.open({ id: owner.id, name: owner.name, role: 'owner' });
      ctx.binding.set(s.id);
      ctx.emit('shop.changed', {});
      return sessions.view(s, settings.idleLockMs());
    },
    // Derived off the main thread, throttled, then the keys are adopted (and re-wrapped if older) in one transaction.
    'keys.unlock': async (ctx, input) => {
      const installId = shop.installId();
      if (!installId) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
      if (keys.state === 'ready') return { keys: 'ready' as const };
      const opened = await deps.throttle.run('keys.unlock', () => keys.open(input.passphrase));
      deps.tx(() => {
        const { rewrapped } = keys.unlock(installId, opened);
        ctx.record('keys.unlocked', null, { keyStore: deps.keyStore.kind });
        if (rewrapped) ctx.record('keys.rewrapped', null, { kdf: rewrapped });
      });
      return { keys: 'ready' as const };
    },
  };
}
