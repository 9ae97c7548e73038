import type { HandlerMap } from '../context';
import type { ChainCards } from './cards';
import type { Sync } from './service';

export function syncHandlers(
  sync: Sync,
  live: Pick<ChainCards, 'run' | 'kick'>,
): HandlerMap<'sync.status' | 'sync.settings' | 'sync.updateSettings' | 'sync.days' | 'sync.now'> {
  return {
    'sync.status': () => sync.status(),
    'sync.settings': () => sync.settingsView(),
    'sync.updateSettings': (ctx, i) => {
      const v = sync.update(i);
      // Never the secrets themselves: only that they were given.
      ctx.record('sync.settingsChanged', null, {
        hqBaseUrl: v.hqBaseUrl ?? '',
        enabled: v.enabled,
        shopSecretGiven: i.shopSecret !== undefined,
        chainKeySet: v.chainKeySet,
        customerMatching: v.customerMatching,
      });
      ctx.emit('sync.changed', {});
      sync.kick();
      live.kick();
      return v;
    },
    'sync.days': () => sync.days(),
    'sync.now': async () => {
      // The live reports waiting go too, at once, beside the sealed days (never behind them).
      await Promise.all([sync.run(true), live.run(true)]);
      return sync.status();
    },
  };
}
