// The Electron shell without an Electron binary: window options, CSP, navigation rule, IPC sender check
// and the preload's surface. ipcMain, webContents and contextBridge are stand-ins here (named as such):
// the Electron binary cannot be downloaded on our machines.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { IPC_INVOKE } from '../../shared/contract';
import { CSP, CSP_META } from '../../electron/transport/csp';
import { createDispatch } from '../../electron/transport/dispatch';
import { registerIpc } from '../../electron/transport/ipc';
import { hardenSession, isAppUrl, windowOpen, windowOptions } from '../../electron/window';
import { EXTERNAL_LINKS } from '../../shared/domain/links';
import { makeBackend } from '../support/backend';
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

  it('ships the same CSP in the built index.html', () => {
    const html = fs.readFileSync(path.join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    expect(meta).toBe(CSP_META);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
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
