import type { HandlerMap } from '../context';
import type { Settings } from './service';

export function settingsHandlers(
  settings: Settings,
): HandlerMap<'settings.get' | 'settings.update' | 'prefs.setLanguage'> {
  return {
    'settings.get': () => settings.view(),
    'settings.update': (ctx, input) => {
      settings.set('idleLockMinutes', input.idleLockMinutes);
      ctx.record('settings.updated', null, { idleLockMinutes: input.idleLockMinutes });
      ctx.emit('settings.changed', {});
      return settings.view();
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
