// The BrowserWindow's options and navigation rules (the Electron security checklist), kept pure so a
// unit test pins them without an Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
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
      devTools: process.env.CARDDESK_DEVTOOLS === '1',
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

/** `window.open` never opens a window: an https link goes to the system browser, anything else goes nowhere. */
export function windowOpen(url: string): { action: 'deny'; external: string | null } {
  let external: string | null = null;
  try {
    if (new URL(url).protocol === 'https:') external = url;
  } catch {
    external = null;
  }
  return { action: 'deny', external };
}
