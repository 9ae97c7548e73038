// First run, key recovery and the status that tells the window which screen to show.
import type { Ctx, HandlerMap } from '../context';
import type { Sessions } from '../auth/sessions';
import type { Keys } from '../keys/service';
import { makePassphrase } from '../keys/service';
import type { KeyStore, Random } from '../ports';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { Setup } from './setup';

export function systemHandlers(deps: {
  shop: Shop;
  setup: Setup;
  keys: Keys;
  keyStore: KeyStore;
  sessions: Sessions;
  settings: Settings;
  random: Random;
  testMode: boolean;
  schemaVersion: number;
}): HandlerMap<'system.status' | 'setup.suggestPassphrase' | 'setup.complete' | 'keys.unlock'> {
  const { shop, keys, sessions, settings } = deps;
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
    'setup.complete': async (ctx, input) => {
      const owner = await deps.setup.complete(input, (o) => {
        ctx.actor = { id: o.id, name: o.name, role: 'owner' };
        ctx.record('setup.completed', input.shop.code, { shopName: input.shop.name, ownerId: o.id, ownerName: o.name });
      });
      const s = sessions.open({ id: owner.id, name: owner.name, role: 'owner' });
      ctx.binding.set(s.id);
      ctx.emit('shop.changed', {});
      return sessions.view(s, settings.idleLockMs());
    },
    // Derived off the main thread, throttled, then the keys are adopted (and re-wrapped if older) in one transaction.
    'keys.unlock': async (ctx, input) => {
      await deps.setup.unlockKeys(input.passphrase, (rewrapped) => {
        ctx.record('keys.unlocked', null, { keyStore: deps.keyStore.kind });
        if (rewrapped) ctx.record('keys.rewrapped', null, { kdf: rewrapped });
      });
      return { keys: 'ready' as const };
    },
  };
}
