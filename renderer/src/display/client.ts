// The customer's screen reaches the backend through its own narrow door: in the desktop app the display preload's
// window.carddeskDisplay = { view, on }; in a browser the display token from the page's address (`#display=…`),
// on the HTTP host, which lets it make the one display call and hear the one display event.
import type { CallInput, CallName, CallOutput, CustomerScreenView, Result } from '../../../shared/contract';
import { createCallCache, keyOf, type CallClient } from '../api/cache';
import { unavailable } from '../api/transport';

export interface DisplayApi {
  view(): Promise<unknown>;
  on(listener: () => void): () => void;
}

declare global {
  interface Window {
    carddeskDisplay?: DisplayApi;
  }
}

const TOKEN_KEY = 'carddesk.display';

/** The token from the address once (then out of the address bar and history), kept for a reload of this window. */
export function readDisplayToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('display');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const NOT_PAIRED: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHENTICATED', details: { reason: 'display' }, message: 'not paired' },
};

export function httpDisplay(token: string): DisplayApi {
  return {
    async view() {
      if (!token) return NOT_PAIRED;
      try {
        const res = await fetch('/rpc/display.view', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        if (res.status === 401) return NOT_PAIRED;
        if (!res.ok) return unavailable(`http ${res.status}`);
        return (await res.json()) as unknown;
      } catch {
        return unavailable('network');
      }
    },
    on(listener) {
      if (!token) return () => undefined;
      const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('display.changed', () => listener());
      return () => source.close();
    },
  };
}

const api: DisplayApi = window.carddeskDisplay ?? httpDisplay(readDisplayToken());

/** The data layer's cache over that door: the one read, fetched again on the one event. */
const client: CallClient = {
  call: <N extends CallName>(name: N, _input: CallInput<N>) =>
    (name === 'display.view' ? api.view() : Promise.resolve(NOT_PAIRED)) as Promise<Result<CallOutput<N>>>,
  on: (listener) => api.on(() => listener({ name: 'display.changed', payload: {} })),
};
export const displayCache = createCallCache(client);
export const VIEW_KEY = keyOf('display.view', {});
export type { CustomerScreenView };
