// The customer's screen in the desktop app (ux.md): a second window on the second display, loading its own page
// with its own narrow preload. The counter opens it with window.open('display.html#display=<token>'); the main
// process keeps the token for that window (the page never sees it) and answers the window's one read with it.
// Electron's BrowserWindow and screen are handed in, so a unit test drives this with stand-ins.
import type { BrowserWindowConstructorOptions, Rectangle, WebContents } from 'electron';
import { isAppUrl, windowOptions } from './window';

/** The display window's options: the main window's security settings, its own preload, full screen on `bounds`. */
export function displayWindowOptions(
  preloadPath: string,
  packaged: boolean,
  bounds: Rectangle | null,
): BrowserWindowConstructorOptions {
  const base = windowOptions(preloadPath, packaged);
  return {
    ...base,
    title: '收卡台 · 顾客屏',
    minWidth: 800,
    minHeight: 450,
    ...(bounds
      ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, fullscreen: true }
      : { width: 1280, height: 720 }),
  };
}

/** The display facing the customer: the first one that is not the counter's (primary) display; null with one. */
export function customerDisplay(displays: { id: number; bounds: Rectangle }[], primaryId: number): Rectangle | null {
  return displays.find((d) => d.id !== primaryId)?.bounds ?? null;
}

const TOKEN = /^[0-9a-f]{48}$/;

/** The display token in a `window.open` of the customer's screen page (`display.html#display=<token>`), else null. */
export function displayTokenIn(url: string, displayPageUrl: string): string | null {
  if (!isAppUrl(url, displayPageUrl)) return null;
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('display') ?? '';
  return TOKEN.test(token) ? token : null;
}

/** What this needs of a BrowserWindow (Electron's, or a test's stand-in). */
export interface DisplayWindow {
  readonly webContents: Pick<WebContents, 'id' | 'isDestroyed' | 'send' | 'setWindowOpenHandler' | 'on'>;
  isDestroyed(): boolean;
  showInactive(): void;
  close(): void;
  once(event: 'ready-to-show', fn: () => void): unknown;
  on(event: 'closed', fn: () => void): unknown;
  loadFile(file: string): Promise<void>;
}

export interface CustomerScreenDeps {
  create(options: BrowserWindowConstructorOptions): DisplayWindow;
  displays(): { id: number; bounds: Rectangle }[];
  primaryId(): number;
  preloadPath: string;
  pageFile: string;
  pageUrl: string;
  packaged: boolean;
}

/** At most one customer's screen window, with the token it reads with. */
export class CustomerScreen {
  private win: DisplayWindow | null = null;
  private token: string | null = null;
  constructor(private readonly deps: CustomerScreenDeps) {}

  /** Opens the window for a new token (a new pairing replaces the old window and its token). */
  open(token: string): void {
    this.close();
    const d = this.deps;
    const win = d.create(displayWindowOptions(d.preloadPath, d.packaged, customerDisplay(d.displays(), d.primaryId())));
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url, d.pageUrl)) e.preventDefault();
    });
    // Shown without taking the focus: the clerk's keyboard stays on the counter.
    win.once('ready-to-show', () => win.showInactive());
    win.on('closed', () => {
      if (this.win === win) {
        this.win = null;
        this.token = null;
      }
    });
    this.win = win;
    this.token = token;
    void win.loadFile(d.pageFile);
  }

  close(): void {
    const win = this.win;
    this.win = null;
    this.token = null;
    if (win && !win.isDestroyed()) win.close();
  }

  /** The token for a message from the customer's screen window's own page; null for anything else. */
  tokenFor(sender: Pick<WebContents, 'id'>, frameUrl: string | undefined): string | null {
    if (!this.win || this.win.isDestroyed() || sender.id !== this.win.webContents.id) return null;
    return frameUrl !== undefined && isAppUrl(frameUrl, this.deps.pageUrl) ? this.token : null;
  }

  /** The window's contents, for its one event. */
  contents(): Pick<WebContents, 'id' | 'isDestroyed' | 'send'>[] {
    return this.win && !this.win.isDestroyed() ? [this.win.webContents] : [];
  }
}
