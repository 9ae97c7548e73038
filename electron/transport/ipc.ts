// The IPC transport: one invoke channel, messages accepted only from the app's own window and page.
// The staff session is bound to the window's webContents, so the renderer never holds a session token.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  DISPLAY_CALL,
  IPC_DISPLAY_EVENT,
  IPC_DISPLAY_VIEW,
  IPC_EVENT,
  IPC_INVOKE,
  type Result,
} from '../../shared/contract';
import type { Backend } from '../core/backend';
import { displayBinding, type Binding } from '../core/context';
import type { Dispatch } from './dispatch';

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: Backend;
  dispatch: Dispatch;
  /** True for the app's own window and page: anything else is dropped before dispatch. */
  isTrustedSender(sender: WebContents, frameUrl: string | undefined): boolean;
  windows(): WebContents[];
}

const REJECTED: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', details: { reason: 'untrusted_sender' }, message: 'untrusted sender' },
};

export function registerIpc(deps: IpcDeps): () => void {
  const bound = new Map<number, string | null>();
  deps.ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!deps.isTrustedSender(event.sender, event.senderFrame?.url)) return REJECTED;
    if (typeof name !== 'string')
      return { ok: false, error: { code: 'NOT_FOUND', details: {}, message: 'no such call' } };
    const id = event.sender.id;
    if (!bound.has(id)) event.sender.once('destroyed', () => bound.delete(id));
    const binding: Binding = { get: () => bound.get(id) ?? null, set: (s) => void bound.set(id, s) };
    return deps.dispatch(binding, name, input);
  });
  const off = deps.backend.on((e) => {
    for (const wc of deps.windows()) if (!wc.isDestroyed()) wc.send(IPC_EVENT, e);
  });
  return () => {
    off();
    deps.ipcMain.removeHandler(IPC_INVOKE);
  };
}

export interface DisplayIpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: Backend;
  dispatch: Dispatch;
  /** The display token of the customer's screen window whose own page sent this, else null (then it is dropped). */
  tokenFor(sender: Pick<WebContents, 'id'>, frameUrl: string | undefined): string | null;
  /** The customer's screen windows: the only ones that hear `display.changed`, and nothing else. */
  displays(): Pick<WebContents, 'isDestroyed' | 'send'>[];
}

/**
 * The customer's screen: one channel that makes the one display call with the token the main process keeps for
 * that window (the page never holds it, and can name no other call), and its one event.
 */
export function registerDisplayIpc(deps: DisplayIpcDeps): () => void {
  deps.ipcMain.handle(IPC_DISPLAY_VIEW, async (event: IpcMainInvokeEvent) => {
    const token = deps.tokenFor(event.sender, event.senderFrame?.url);
    if (token === null) return REJECTED;
    return deps.dispatch(displayBinding(token), DISPLAY_CALL, {});
  });
  const off = deps.backend.on((e) => {
    if (e.name !== 'display.changed') return;
    for (const wc of deps.displays()) if (!wc.isDestroyed()) wc.send(IPC_DISPLAY_EVENT, e);
  });
  return () => {
    off();
    deps.ipcMain.removeHandler(IPC_DISPLAY_VIEW);
  };
}
