// Exposes exactly window.carddesk = { invoke, on } — never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventMessage } from '../shared/contract/channels-and-events';

contextBridge.exposeInMainWorld('carddesk', {
  invoke: (name: unknown, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, String(name), input),
  on: (listener: (e: EventMessage) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, msg: EventMessage) => listener(msg);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
});
