// The window's read answers: one entry per call and input, shared by every part of the screen that asks for it,
// fetched again on the events that change it. Pure (no React, no window) so a unit test can drive it.
import type {
  CallInput,
  CallName,
  CallOutput,
  ErrorBody,
  EventMessage,
  EventName,
  Result,
} from '../../../shared/contract';

export interface CallClient {
  call: <N extends CallName>(name: N, input: CallInput<N>) => Promise<Result<CallOutput<N>>>;
  on: (listener: (e: EventMessage) => void) => () => void;
}

export interface CallState<T> {
  data: T | undefined;
  error: ErrorBody | null;
  /** An answer is on its way (the first one, or a refresh). */
  loading: boolean;
}

/** Before the first answer. One frozen object, so a snapshot reader sees no change until there is one. */
export const WAITING: CallState<never> = Object.freeze({ data: undefined, error: null, loading: true });

interface Watcher {
  notify: () => void;
  refreshOn: readonly EventName[];
}

interface Entry {
  name: CallName;
  input: unknown;
  state: CallState<unknown>;
  /** The latest request; an answer to an older one is dropped. */
  seq: number;
  watchers: Set<Watcher>;
}

/** The identity of a read: its name and input. JSON, because that is what travels (HTTP body, IPC clone of it). */
export const keyOf = (name: CallName, input: unknown): string => `${name} ${JSON.stringify(input ?? {})}`;

function parseKey(key: string): { name: CallName; input: unknown } {
  const space = key.indexOf(' ');
  return { name: key.slice(0, space) as CallName, input: JSON.parse(key.slice(space + 1)) as unknown };
}

export interface CallCache {
  /** The answer for a key as it stands now (WAITING until the first one arrives). */
  read: (key: string) => CallState<unknown>;
  /** Keeps a key alive and fresh while watched: the first watcher fetches, the last one leaving forgets it. */
  watch: (key: string, refreshOn: readonly EventName[], notify: () => void) => () => void;
  refresh: (key: string) => void;
  /** Fetches every watched read of a call again (after a write whose change no event announces). */
  refreshCall: (name: CallName) => void;
  /** Listens to the backend's events through the same single subscription the reads use. */
  onEvent: (listener: (e: EventMessage) => void) => () => void;
  /** How many reads are watched, and whether the event subscription is open (for tests). */
  stats: () => { entries: number; listening: boolean };
}

export function createCallCache(client: CallClient): CallCache {
  const entries = new Map<string, Entry>();
  const listeners = new Set<(e: EventMessage) => void>();
  let off: (() => void) | null = null;

  const set = (entry: Entry, state: CallState<unknown>) => {
    entry.state = state;
    for (const w of Array.from(entry.watchers)) w.notify();
  };

  const load = (key: string, entry: Entry) => {
    const seq = ++entry.seq;
    if (!entry.state.loading) set(entry, { ...entry.state, loading: true });
    void client.call(entry.name, entry.input as CallInput<CallName>).then((r) => {
      // Forgotten (no one watches any more) or overtaken by a newer request: the answer is stale.
      if (entries.get(key) !== entry || seq !== entry.seq) return;
      set(
        entry,
        r.ok
          ? { data: r.value, error: null, loading: false }
          : { data: entry.state.data, error: r.error, loading: false },
      );
    });
  };

  const onMessage = (e: EventMessage) => {
    for (const [key, entry] of Array.from(entries)) {
      if ([...entry.watchers].some((w) => w.refreshOn.includes(e.name))) load(key, entry);
    }
    for (const l of Array.from(listeners)) l(e);
  };

  // One subscription for the whole window, open only while something wants events.
  const listen = () => {
    const wanted =
      listeners.size > 0 || [...entries.values()].some((en) => [...en.watchers].some((w) => w.refreshOn.length > 0));
    if (wanted && !off) off = client.on(onMessage);
    else if (!wanted && off) {
      off();
      off = null;
    }
  };

  return {
    read: (key) => entries.get(key)?.state ?? WAITING,
    watch(key, refreshOn, notify) {
      let entry = entries.get(key);
      const watcher: Watcher = { notify, refreshOn };
      if (!entry) {
        entry = { ...parseKey(key), state: WAITING, seq: 0, watchers: new Set([watcher]) };
        entries.set(key, entry);
        load(key, entry);
      } else entry.watchers.add(watcher);
      listen();
      const mine = entry;
      return () => {
        mine.watchers.delete(watcher);
        if (mine.watchers.size === 0 && entries.get(key) === mine) entries.delete(key);
        listen();
      };
    },
    refresh(key) {
      const entry = entries.get(key);
      if (entry) load(key, entry);
    },
    refreshCall(name) {
      for (const [key, entry] of Array.from(entries)) if (entry.name === name) load(key, entry);
    },
    onEvent(listener) {
      listeners.add(listener);
      listen();
      return () => {
        listeners.delete(listener);
        listen();
      };
    },
    stats: () => ({ entries: entries.size, listening: off !== null }),
  };
}
