// Browser mode: POST /rpc/<name> with the host token; the staff session travels in a header the host
// sets at login (docs/transports.md). Both live in sessionStorage, so a reload keeps the window's session.
import { EVENT_NAMES, type EventMessage, type Result } from '../../../shared/contract/events-and-result';
import { unavailable, type Transport } from './transport';

const TOKEN_KEY = 'carddesk.token';
const SESSION_KEY = 'carddesk.session';
const SESSION_HEADER = 'x-carddesk-session';

export function readToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function httpTransport(token: string): Transport {
  const listeners = new Set<(e: EventMessage) => void>();
  let source: EventSource | null = null;
  return {
    async invoke(name, input) {
      let res: Response;
      try {
        res = await fetch(`/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            [SESSION_HEADER]: sessionStorage.getItem(SESSION_KEY) ?? '',
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return unavailable('network');
      }
      const next = res.headers.get(SESSION_HEADER);
      if (next !== null) {
        if (next === '') sessionStorage.removeItem(SESSION_KEY);
        else sessionStorage.setItem(SESSION_KEY, next);
      }
      if (res.status === 401)
        return { ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'token' }, message: 'bad token' } };
      if (!res.ok) return unavailable(`http ${res.status}`);
      try {
        return (await res.json()) as Result<unknown>;
      } catch {
        return unavailable('bad response');
      }
    },
    // One event stream for the whole window, shared by every subscriber: a browser allows only six connections
    // to a host, and a stream per screen part would leave none for the calls.
    on(listener) {
      listeners.add(listener);
      if (!source) {
        const opened = new EventSource(`/events?token=${encodeURIComponent(token)}`);
        for (const name of EVENT_NAMES) {
          opened.addEventListener(name, (ev) => {
            const message = { name, payload: JSON.parse((ev as MessageEvent<string>).data) as unknown } as EventMessage;
            for (const l of Array.from(listeners)) l(message);
          });
        }
        source = opened;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
