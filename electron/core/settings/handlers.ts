import type { HandlerMap } from '../context';
import type { OwnerSettings } from './owner';
import type { Settings } from './service';

export function settingsHandlers(
  settings: Settings,
  owner: OwnerSettings,
): HandlerMap<'settings.get' | 'settings.list' | 'settings.update' | 'prefs.setLanguage'> {
  return {
    'settings.get': () => settings.view(),
    'settings.list': () => owner.list(),
    'settings.update': (ctx, input) => {
      const changes = owner.update(input);
      for (const c of changes) ctx.record('settings.changed', null, c);
      if (changes.length > 0) ctx.emit('settings.changed', {});
      return owner.list();
    },
    'prefs.setLanguage': (ctx, input) => {
      if (settings.get('language') !== input.language) {
        settings.set('language', input.language);
        ctx.record('prefs.language', null, { language: input.language });
        ctx.emit('prefs.changed', { language: input.language });
      }
      return { language: input.language };
    },
  };
}
