// The Electron main process: a thin shell around the same backend the browser mode uses.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, screen, session, shell } from 'electron';
import { FileKeyStore, type Sealer } from './adapters/file-keystore';
import { cryptoRandom, systemClock, timerScheduler, uuidIds } from './adapters/system-ports';
import { fileLogger } from './adapters/log';
import { createBackend } from './core/backend';
import { rawPrinter } from './adapters/raw-printer';
import { fetchHq } from './adapters/hq-fetch';
import { networkWatch } from './adapters/network-watch';
import { createDispatch } from './transport/dispatch';
import { FONT_FILE, resourceFile, sourceResourcesDir } from './resources';
import { registerDisplayIpc, registerIpc } from './transport/ipc';
import { CustomerScreen, displayTokenIn } from './display-window';
import { CSP } from './transport/csp';
import { hardenSession, isAppUrl, windowOpen, windowOptions } from './window';

// Signal's rule: on Linux the basic_text backend is not encryption.
function keyStore(userData: string, dataDir: string): FileKeyStore {
  const keyDir = path.join(userData, 'keys');
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (safeStorage.isEncryptionAvailable() && backend !== 'basic_text') {
    const sealer: Sealer = { seal: (s) => safeStorage.encryptString(s), open: (b) => safeStorage.decryptString(b) };
    return new FileKeyStore(keyDir, dataDir, sealer, true);
  }
  return new FileKeyStore(keyDir, dataDir);
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const dataDir = process.env.CARDDESK_DATA_DIR ?? path.join(userData, 'data');
  const log = fileLogger(path.join(dataDir, 'logs'));
  const backend = createBackend({
    dataDir,
    clock: systemClock,
    ids: uuidIds,
    random: cryptoRandom,
    scheduler: timerScheduler,
    keys: keyStore(userData, dataDir),
    printer: rawPrinter,
    hq: fetchHq,
    network: networkWatch(),
    log,
    nativeBinding: process.env.CARDDESK_NATIVE_BINDING,
    fontFile: resourceFile(app.isPackaged ? process.resourcesPath : sourceResourcesDir(__dirname), FONT_FILE),
  });
  const dispatch = createDispatch(backend);
  const indexHtml = path.join(__dirname, 'renderer', 'index.html');
  const appUrl = pathToFileURL(indexHtml).toString();

  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  hardenSession(session.defaultSession);

  // The customer's screen (docs/customer-screen.md): its own page and preload, on the second display.
  const displayHtml = path.join(__dirname, 'renderer', 'display.html');
  const displayUrl = pathToFileURL(displayHtml).toString();
  const customerScreen = new CustomerScreen({
    create: (options) => new BrowserWindow(options),
    displays: () => screen.getAllDisplays(),
    primaryId: () => screen.getPrimaryDisplay().id,
    preloadPath: path.join(__dirname, 'display-preload.cjs'),
    pageFile: displayHtml,
    pageUrl: displayUrl,
    packaged: app.isPackaged,
  });

  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs'), app.isPackaged));
  win.webContents.setWindowOpenHandler(({ url }) => {
    const token = displayTokenIn(url, displayUrl);
    if (token !== null) {
      customerScreen.open(token);
      return { action: 'deny' };
    }
    const decision = windowOpen(url);
    if (decision.external) void shell.openExternal(decision.external);
    return { action: decision.action };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url, appUrl)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  registerIpc({
    ipcMain,
    backend,
    dispatch,
    isTrustedSender: (sender, frameUrl) =>
      sender.id === win.webContents.id && frameUrl !== undefined && isAppUrl(frameUrl, appUrl),
    // The counter's window only: the customer's screen hears its own event and nothing else.
    windows: () => (win.isDestroyed() ? [] : [win.webContents]),
  });
  registerDisplayIpc({
    ipcMain,
    backend,
    dispatch,
    tokenFor: (sender, frameUrl) => customerScreen.tokenFor(sender, frameUrl),
    displays: () => customerScreen.contents(),
  });
  win.on('closed', () => customerScreen.close());
  win.once('ready-to-show', () => win.show());
  await win.loadFile(indexHtml);
  app.on('window-all-closed', () => {
    backend.close();
    app.quit();
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
});

start().catch((e: unknown) => {
  process.stderr.write(`CardDesk failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  app.exit(1);
});
