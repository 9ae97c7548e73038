// The IPC transport: one invoke channel, messages accepted only from the app's own window and page.
// The staff session is bound to the window's webContents, so the renderer never holds a session token.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type Result } from '../../shared/contract';
import type { Backend } from '../core/backend';
import type { Binding } from '../core/context';
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
