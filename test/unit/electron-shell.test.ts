// The Electron shell without an Electron binary: window options, CSP, navigation rule, IPC sender check
// and the preload's surface. ipcMain, webContents and contextBridge are stand-ins here (named as such):
// the Electron binary cannot be downloaded on our machines.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { BrowserWindowConstructorOptions } from 'electron';
import { IPC_DISPLAY_EVENT, IPC_DISPLAY_VIEW, IPC_INVOKE } from '../../shared/contract';
import { CSP, CSP_META } from '../../electron/transport/csp';
import { createDispatch } from '../../electron/transport/dispatch';
import { registerDisplayIpc, registerIpc } from '../../electron/transport/ipc';
import { CustomerScreen, customerDisplay, displayTokenIn, displayWindowOptions } from '../../electron/display-window';
import { hardenSession, isAppUrl, windowOpen, windowOptions } from '../../electron/window';
import { EXTERNAL_LINKS } from '../../shared/domain/links';
import { makeBackend, OWNER_PIN, setUpShop, TestBinding } from '../support/backend';
import { ROOT } from '../support/host';

describe('the window', () => {
  it('is isolated, sandboxed and without Node, webviews or insecure content', () => {
    expect(windowOptions('/app/preload.cjs', true).webPreferences).toEqual({
      preload: '/app/preload.cjs',
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
      devTools: false,
    });
  });

  it('has a strict CSP: only its own scripts, no inline script or style, no objects, no framing', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('ships the same CSP in the built index.html and in the customer’s screen page', () => {
    for (const page of ['index.html', 'display.html']) {
      const html = fs.readFileSync(path.join(ROOT, 'dist', 'renderer', page), 'utf8');
      const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
      expect(meta, page).toBe(CSP_META);
      expect(html).not.toMatch(/<script>(?!<\/script>)/);
    }
  });

  it('lets only the app page load; other pages and schemes are refused', () => {
    const app = 'file:///opt/CardDesk/resources/app.asar/dist/renderer/index.html';
    expect(isAppUrl(app, app)).toBe(true);
    expect(isAppUrl(`${app}#/staff`, app)).toBe(true);
    expect(isAppUrl('https://evil.example/', app)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', app)).toBe(false);
    expect(isAppUrl('not a url', app)).toBe(false);
  });

  it('has DevTools only in development: a packaged build has none, whatever the environment says', () => {
    const before = process.env.CARDDESK_DEVTOOLS;
    process.env.CARDDESK_DEVTOOLS = '1';
    try {
      expect(windowOptions('/app/preload.cjs', true).webPreferences?.devTools).toBe(false);
      expect(windowOptions('/app/preload.cjs', false).webPreferences?.devTools).toBe(true);
    } finally {
      if (before === undefined) delete process.env.CARDDESK_DEVTOOLS;
      else process.env.CARDDESK_DEVTOOLS = before;
    }
  });

  it('never opens a window: only the links on the list shown to the owner go to the system browser', () => {
    expect(EXTERNAL_LINKS).toEqual(['https://carddesk.invalid/help/']);
    const help = 'https://carddesk.invalid/help/printers#tm-t82';
    expect(windowOpen(help)).toEqual({ action: 'deny', external: help });
    for (const u of [
      'https://jd.com/help',
      'https://evil.example/',
      'https://carddesk.invalid.evil.example/help/',
      'https://user:pw@carddesk.invalid/help/',
      'https://carddesk.invalid/helpdesk',
      'https://carddesk.invalid/',
      'http://carddesk.invalid/help/',
      'http://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'carddesk://x',
      'not a url',
    ])
      expect(windowOpen(u), u).toEqual({ action: 'deny', external: null });
  });

  it('denies every permission check, permission request and device the page could ask for', () => {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    const sessionStandIn = {
      setPermissionCheckHandler: (h: unknown) => void (handlers.check = h as (...a: unknown[]) => unknown),
      setPermissionRequestHandler: (h: unknown) => void (handlers.request = h as (...a: unknown[]) => unknown),
      setDevicePermissionHandler: (h: unknown) => void (handlers.device = h as (...a: unknown[]) => unknown),
    };
    hardenSession(sessionStandIn);
    expect(Object.keys(handlers).sort()).toEqual(['check', 'device', 'request']);
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'geolocation',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'openExternal',
    ]) {
      expect(handlers.check?.(null, permission, 'file:///app/index.html', {}), permission).toBe(false);
      const answers: boolean[] = [];
      handlers.request?.(null, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
    }
    expect(handlers.device?.({ deviceType: 'usb', origin: 'file://' })).toBe(false);
  });
});

describe('the package', () => {
  it('flips the fuses: no run-as-Node, no NODE_OPTIONS or --inspect, only the app.asar, checked, cookies encrypted', async () => {
    // Read and checked as electron-builder reads it (its schema refuses a misspelt fuse), then mapped onto the
    // fuse wire of @electron/fuses the way electron-builder does right before signing.
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });
});

describe('the IPC transport', () => {
  type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
  function standIn() {
    const handlers = new Map<string, Handler>();
    const ipcMain = {
      handle: (ch: string, fn: Handler) => void handlers.set(ch, fn),
      removeHandler: (ch: string) => void handlers.delete(ch),
    };
    const sender = (id: number) => ({ id, once: () => {}, isDestroyed: () => false, send: () => {} });
    return { handlers, ipcMain, sender };
  }

  it('drops calls from any sender but the app window, before dispatch', async () => {
    const t = makeBackend();
    const s = standIn();
    const APP = 'file:///app/dist/renderer/index.html';
    registerIpc({
      ipcMain: s.ipcMain as never,
      backend: t.backend,
      dispatch: createDispatch(t.backend),
      isTrustedSender: (sender, url) => sender.id === 1 && url !== undefined && isAppUrl(url, APP),
      windows: () => [],
    });
    const invoke = s.handlers.get(IPC_INVOKE)!;
    const fromApp = await invoke({ sender: s.sender(1), senderFrame: { url: APP } }, 'system.status', {});
    expect(fromApp).toMatchObject({ ok: true, value: { setup: 'needed' } });
    const fromOtherWindow = await invoke({ sender: s.sender(2), senderFrame: { url: APP } }, 'system.status', {});
    expect(fromOtherWindow).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'untrusted_sender' } },
    });
    const fromOtherPage = await invoke(
      { sender: s.sender(1), senderFrame: { url: 'https://evil.example/' } },
      'system.status',
      {},
    );
    expect(fromOtherPage).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noFrame = await invoke({ sender: s.sender(1), senderFrame: null }, 'system.status', {});
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    t.close();
  });
});

describe('the preload', () => {
  it('exposes exactly window.carddesk = { invoke, on } and nothing of ipcRenderer', () => {
    const code = fs.readFileSync(path.join(ROOT, 'dist', 'preload.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const electronStandIn = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => (invoked.push(a), Promise.resolve(null)),
        on: () => {},
        removeListener: () => {},
      },
    };
    const required: string[] = [];
    const sandbox = {
      require: (m: string) => {
        required.push(m);
        if (m === 'electron') return electronStandIn;
        throw new Error(`the sandboxed preload may not require ${m}`);
      },
      module: { exports: {} },
      exports: {},
    };
    vm.runInNewContext(code, sandbox);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['carddesk']);
    const api = exposed.carddesk as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    void (api.invoke as (n: unknown, i: unknown) => Promise<unknown>)({ toString: () => 'staff.list' }, {});
    expect(invoked[0]).toEqual(['carddesk:invoke', 'staff.list', {}]);
  });
});

describe('the core', () => {
  it('imports nothing from electron anywhere below electron/core', () => {
    const dir = path.join(ROOT, 'electron', 'core');
    const files = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = fs.readFileSync(path.join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/);
    }
  });
});

// The customer's screen in the desktop app (docs/customer-screen.md). BrowserWindow, screen, ipcMain and
// contextBridge are stand-ins here, the one mock this needs: the Electron binary cannot run on our machines.
describe('the customer’s screen window', () => {
  const PAGE = 'file:///opt/CardDesk/resources/app.asar/dist/renderer/display.html';
  const APP = 'file:///opt/CardDesk/resources/app.asar/dist/renderer/index.html';
  const TOKEN = 'ab'.repeat(24);
  const SECOND = { x: 1920, y: 0, width: 1920, height: 1080 };

  /** A BrowserWindow stand-in that records what the shell does with it. */
  function windowStandIn(id: number, options: BrowserWindowConstructorOptions) {
    const handlers: Record<string, ((...a: unknown[]) => void)[]> = {};
    const sent: unknown[][] = [];
    let destroyed = false;
    let shown = 0;
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const loaded: string[] = [];
    const w = {
      options,
      loaded,
      sent,
      shown: () => shown,
      openHandler: (url: string) => openHandler?.({ url }),
      fire: (event: string, ...a: unknown[]) => handlers[event]?.forEach((h) => h(...a)),
      webContents: {
        id,
        isDestroyed: () => destroyed,
        send: (...a: unknown[]) => void sent.push(a),
        setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => void (openHandler = h),
        on: (event: string, h: (...a: unknown[]) => void) => void (handlers[`wc:${event}`] ??= []).push(h),
      },
      isDestroyed: () => destroyed,
      showInactive: () => void shown++,
      close: () => {
        destroyed = true;
        w.fire('closed');
      },
      once: (event: string, h: () => void) => void (handlers[event] ??= []).push(h),
      on: (event: string, h: () => void) => void (handlers[event] ??= []).push(h),
      loadFile: (f: string) => (loaded.push(f), Promise.resolve()),
    };
    return w;
  }

  function screenWith(displays: { id: number; bounds: typeof SECOND }[]) {
    const made: ReturnType<typeof windowStandIn>[] = [];
    const screen = new CustomerScreen({
      create: (options) => {
        const w = windowStandIn(100 + made.length, options);
        made.push(w);
        return w as never;
      },
      displays: () => displays,
      primaryId: () => 1,
      preloadPath: '/app/display-preload.cjs',
      pageFile: '/app/renderer/display.html',
      pageUrl: PAGE,
      packaged: true,
    });
    return { screen, made };
  }

  it('opens full screen on the display facing the customer, with the main window’s safety and its own preload', () => {
    const { screen, made } = screenWith([
      { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } },
      { id: 2, bounds: SECOND },
    ]);
    screen.open(TOKEN);
    const w = made[0]!;
    expect(w.options).toMatchObject({ ...SECOND, fullscreen: true, show: false, title: '收卡台 · 顾客屏' });
    expect(w.options.webPreferences).toEqual(windowOptions('/app/display-preload.cjs', true).webPreferences);
    expect(w.loaded).toEqual(['/app/renderer/display.html']);
    // Shown without taking the keyboard from the counter.
    w.fire('ready-to-show');
    expect(w.shown()).toBe(1);
    expect(w.openHandler('https://evil.example/')).toEqual({ action: 'deny' });
    let prevented = 0;
    w.fire('wc:will-navigate', { preventDefault: () => prevented++ }, 'https://evil.example/');
    w.fire('wc:will-navigate', { preventDefault: () => prevented++ }, APP);
    w.fire('wc:will-navigate', { preventDefault: () => prevented++ }, PAGE);
    expect(prevented).toBe(2);
  });

  it('opens as an ordinary window when the PC has one display', () => {
    expect(customerDisplay([{ id: 1, bounds: SECOND }], 1)).toBeNull();
    expect(
      customerDisplay(
        [
          { id: 3, bounds: SECOND },
          { id: 1, bounds: SECOND },
        ],
        1,
      ),
    ).toEqual(SECOND);
    const options = displayWindowOptions('/app/display-preload.cjs', true, null);
    expect(options).toMatchObject({ width: 1280, height: 720 });
    expect(options.fullscreen).toBeUndefined();
  });

  it('takes the token only from a window.open of its own page, and keeps it in the main process', () => {
    expect(displayTokenIn(`${PAGE}#display=${TOKEN}`, PAGE)).toBe(TOKEN);
    for (const url of [
      `${APP}#display=${TOKEN}`,
      `https://evil.example/display.html#display=${TOKEN}`,
      `${PAGE}#display=${TOKEN.slice(2)}`,
      `${PAGE}#display=${TOKEN.toUpperCase()}`,
      `${PAGE}?display=${TOKEN}`,
      PAGE,
      'not a url',
    ])
      expect(displayTokenIn(url, PAGE), url).toBeNull();
  });

  it('answers the token only to its own window’s page; a new pairing replaces the window; a closed one forgets it', () => {
    const { screen, made } = screenWith([{ id: 1, bounds: SECOND }]);
    screen.open(TOKEN);
    const first = made[0]!;
    expect(screen.tokenFor({ id: first.webContents.id }, PAGE)).toBe(TOKEN);
    expect(screen.tokenFor({ id: first.webContents.id }, APP)).toBeNull();
    expect(screen.tokenFor({ id: first.webContents.id }, undefined)).toBeNull();
    expect(screen.tokenFor({ id: 1 }, PAGE)).toBeNull();
    const next = 'cd'.repeat(24);
    screen.open(next);
    expect(first.isDestroyed()).toBe(true);
    expect(screen.tokenFor({ id: first.webContents.id }, PAGE)).toBeNull();
    expect(screen.tokenFor({ id: made[1]!.webContents.id }, PAGE)).toBe(next);
    made[1]!.close();
    expect(screen.tokenFor({ id: made[1]!.webContents.id }, PAGE)).toBeNull();
    expect(screen.contents()).toEqual([]);
  });

  it('makes the one display call with the kept token, drops other senders, and sends the window only its event', async () => {
    const t = makeBackend();
    await setUpShop(t);
    const clerk = new TestBinding();
    await t.must(clerk, 'auth.login', { staffId: (await t.must(clerk, 'auth.staffList', {}))[0]!.id, pin: OWNER_PIN });
    const { token } = await t.must(clerk, 'display.pair', {});
    const { screen, made } = screenWith([{ id: 1, bounds: SECOND }]);
    screen.open(token);
    const display = made[0]!;
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void handlers.set(ch, fn),
      removeHandler: (ch: string) => void handlers.delete(ch),
    };
    const dispatch = createDispatch(t.backend);
    const mainSent: unknown[][] = [];
    const mainWindow = { id: 1, once: () => {}, isDestroyed: () => false, send: (...a: unknown[]) => mainSent.push(a) };
    registerIpc({
      ipcMain: ipcMain as never,
      backend: t.backend,
      dispatch,
      isTrustedSender: (sender, url) => sender.id === 1 && url !== undefined && isAppUrl(url, APP),
      windows: () => [mainWindow as never],
    });
    registerDisplayIpc({
      ipcMain: ipcMain as never,
      backend: t.backend,
      dispatch,
      tokenFor: (sender, url) => screen.tokenFor(sender, url),
      displays: () => screen.contents(),
    });
    const view = handlers.get(IPC_DISPLAY_VIEW)!;
    // Whatever the page passes, the channel makes the display call and no other.
    const read = await view({ sender: display.webContents, senderFrame: { url: PAGE } }, 'staff.list', {});
    expect(read).toMatchObject({ ok: true, value: { shopName: '京东回收店', state: 'idle' } });
    expect(await view({ sender: { id: 1 }, senderFrame: { url: APP } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'untrusted_sender' } },
    });
    expect(await view({ sender: display.webContents, senderFrame: null })).toMatchObject({ ok: false });
    // The counter's channel refuses the customer's screen window outright.
    const invoke = handlers.get(IPC_INVOKE)!;
    expect(
      await invoke({ sender: display.webContents, senderFrame: { url: PAGE } }, 'system.status', {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { reason: 'untrusted_sender' } },
    });
    // A write the counter makes reaches the counter's window in full and the customer's screen as its one event.
    await t.must(clerk, 'display.show', { tradeId: null });
    await t.must(clerk, 'prefs.setLanguage', { language: 'en' });
    await t.must(clerk, 'display.pair', {});
    expect(display.sent.map((m) => m[0])).toEqual([IPC_DISPLAY_EVENT]);
    expect(display.sent[0]![1]).toEqual({ name: 'display.changed', payload: {} });
    expect(mainSent.map((m) => (m[1] as { name: string }).name)).toEqual(
      expect.arrayContaining(['prefs.changed', 'journal.appended', 'display.changed']),
    );
    t.close();
  });
});

describe('the customer’s screen preload', () => {
  it('exposes exactly window.carddeskDisplay = { view, on }: one read, one event, no call name and no token', () => {
    const code = fs.readFileSync(path.join(ROOT, 'dist', 'display-preload.cjs'), 'utf8');
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listened: string[] = [];
    const electronStandIn = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => (invoked.push(a), Promise.resolve(null)),
        on: (ch: string) => void listened.push(ch),
        removeListener: () => {},
      },
    };
    const required: string[] = [];
    vm.runInNewContext(code, {
      require: (m: string) => {
        required.push(m);
        if (m === 'electron') return electronStandIn;
        throw new Error(`the sandboxed preload may not require ${m}`);
      },
      module: { exports: {} },
      exports: {},
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['carddeskDisplay']);
    const api = exposed.carddeskDisplay as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(['on', 'view']);
    void api.view!('staff.list', { pin: '000000' });
    expect(invoked).toEqual([[IPC_DISPLAY_VIEW]]);
    api.on!(() => undefined);
    expect(listened).toEqual([IPC_DISPLAY_EVENT]);
  });
});
