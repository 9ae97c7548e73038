// The Electron shell without an Electron binary: window options, CSP, navigation rule, IPC sender check
// and the preload's surface. ipcMain, webContents and contextBridge are stand-ins here (named as such):
// the Electron binary cannot be downloaded on our machines.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../shared/contract';
import { CSP, CSP_META } from '../../electron/transport/csp';
import { createDispatch } from '../../electron/transport/dispatch';
import { registerIpc } from '../../electron/transport/ipc';
import { isAppUrl, windowOpen, windowOptions } from '../../electron/window';
import { makeBackend } from '../support/backend';
import { ROOT } from '../support/host';

describe('the window', () => {
  it('is isolated, sandboxed and without Node, webviews or insecure content', () => {
    expect(windowOptions('/app/preload.cjs').webPreferences).toEqual({
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

  it('never opens a window: https links go to the system browser, other schemes nowhere', () => {
    expect(windowOpen('https://jd.com/help')).toEqual({ action: 'deny', external: 'https://jd.com/help' });
    for (const u of ['http://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'carddesk://x', 'not a url']) expect(windowOpen(u)).toEqual({ action: 'deny', external: null });
  });
});

describe('the IPC transport', () => {
  type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
  function standIn() {
    const handlers = new Map<string, Handler>();
    const ipcMain = { handle: (ch: string, fn: Handler) => void handlers.set(ch, fn), removeHandler: (ch: string) => void handlers.delete(ch) };
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
    expect(fromOtherWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'untrusted_sender' } } });
    const fromOtherPage = await invoke({ sender: s.sender(1), senderFrame: { url: 'https://evil.example/' } }, 'system.status', {});
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
      ipcRenderer: { invoke: (...a: unknown[]) => (invoked.push(a), Promise.resolve(null)), on: () => {}, removeListener: () => {} },
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
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = fs.readFileSync(path.join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/);
    }
  });
});
