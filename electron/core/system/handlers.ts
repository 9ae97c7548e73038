// First run, key recovery and the status that tells the window which screen to show.
import { AppError } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import type { Sessions } from '../auth/sessions';
import type { Keys } from '../keys/service';
import { makePassphrase, normalisePassphrase } from '../keys/service';
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
    'setup.complete': (ctx, input) => {
      if (shop.get()) throw new AppError('CONFLICT', 'the shop is already set up');
      if (normalisePassphrase(input.passphrase).length < 16) {
        throw new AppError('VALIDATION', 'the passphrase is too short', { field: 'passphrase' });
      }
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
      keys.create(installId, input.passphrase);
      const s = sessions.open({ id: owner.id, name: owner.name, role: 'owner' });
      ctx.binding.set(s.id);
      ctx.emit('shop.changed', {});
      return sessions.view(s, settings.idleLockMs());
    },
    'keys.unlock': (ctx, input) => {
      const installId = shop.installId();
      if (!installId) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
      if (keys.state === 'ready') return { keys: 'ready' as const };
      keys.unlock(installId, input.passphrase);
      ctx.record('keys.unlocked', null, { keyStore: deps.keyStore.kind });
      return { keys: 'ready' as const };
    },
  };
}
