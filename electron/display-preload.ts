// The customer's screen's preload: exposes exactly window.carddeskDisplay = { view, on } — one read and one event,
// no call names, no token (the main process keeps it), never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_DISPLAY_EVENT, IPC_DISPLAY_VIEW } from '../shared/contract/channels-and-events';

contextBridge.exposeInMainWorld('carddeskDisplay', {
  view: (): Promise<unknown> => ipcRenderer.invoke(IPC_DISPLAY_VIEW),
  on: (listener: () => void): (() => void) => {
    const wrapped = () => listener();
    ipcRenderer.on(IPC_DISPLAY_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_DISPLAY_EVENT, wrapped);
    };
  },
});
