import type { EventMessage, Result } from '../../../shared/contract';
import { unavailable, type Transport } from './transport';

export interface PreloadApi {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(listener: (e: EventMessage) => void): () => void;
}

export function ipcTransport(api: PreloadApi): Transport {
  return {
    async invoke(name, input) {
      try {
        return (await api.invoke(name, input)) as Result<unknown>;
      } catch {
        return unavailable('ipc');
      }
    },
    on: (listener) => api.on(listener),
  };
}
