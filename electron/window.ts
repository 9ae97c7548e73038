// The BrowserWindow's options and navigation rules (the Electron security checklist), kept pure so a
// unit test pins them without an Electron binary.
import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { isAllowedExternal } from '../shared/domain/links';

/** `packaged` is app.isPackaged: DevTools exist only in development, whatever the environment says. */
export function windowOptions(preloadPath: string, packaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: '收卡台 CardDesk',
    backgroundColor: '#f4f5f2',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !packaged,
    },
  };
}

/** Only the app's own page may load in the window; everything else is refused. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(appUrl);
    return u.protocol === app.protocol && u.host === app.host && u.pathname === app.pathname;
  } catch {
    return false;
  }
}

/**
 * `window.open` never opens a window: a link on the allow-list (shared/domain/links.ts, shown in settings) goes to
 * the system browser, anything else goes nowhere.
 */
export function windowOpen(url: string): { action: 'deny'; external: string | null } {
  return { action: 'deny', external: isAllowedExternal(url) ? url : null };
}

/**
 * The page asks for nothing: camera, microphone, notifications, clipboard, geolocation, USB/HID/serial devices —
 * every permission check and request is denied (receipts go through the main process, never the page).
 */
export function hardenSession(
  s: Pick<Session, 'setPermissionCheckHandler' | 'setPermissionRequestHandler' | 'setDevicePermissionHandler'>,
): void {
  s.setPermissionCheckHandler(() => false);
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setDevicePermissionHandler(() => false);
}
