// The typed client: every name, input and output comes from shared/contract.
import type { CallInput, CallName, CallOutput, EventMessage, Result } from '../../../shared/contract';
import type { Transport } from './transport';
import { ipcTransport, type PreloadApi } from './transport-ipc';
import { httpTransport, readToken } from './transport-http';

export interface Api {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on(listener: (e: EventMessage) => void): () => void;
}

export function createApi(t: Transport): Api {
  return {
    call: (name, input) => t.invoke(name, input) as never,
    on: (listener) => t.on(listener),
  };
}

declare global {
  interface Window {
    carddesk?: PreloadApi;
  }
}

/** Electron's preload exposes window.carddesk; in a browser the page talks HTTP to the host that served it. */
export const api: Api = createApi(window.carddesk ? ipcTransport(window.carddesk) : httpTransport(readToken()));
