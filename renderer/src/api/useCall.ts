// A screen asks for data by name and gets it kept fresh: `useCall('days.current', {}, { refreshOn: ['day.changed'] })`.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CallInput, CallName, CallOutput, EventMessage, EventName } from '../../../shared/contract';
import { createCallCache, keyOf, type CallState } from './cache';
import { api } from './client';

/** The window's one cache of reads, over the window's one event subscription. */
export const calls = createCallCache(api);

export interface CallOptions {
  /** The events after which the answer may have changed. */
  refreshOn?: readonly EventName[];
  /** Not asked (yet): no call, no data. */
  skip?: boolean;
  /** Also asked again every so many milliseconds (a state that changes without an event, like being online). */
  every?: number;
  /** Shows the previous input's answer until the new input's arrives (a search, a report over dates). */
  keep?: boolean;
}

export interface UseCall<T> extends CallState<T> {
  refresh: () => void;
}

const SKIPPED: CallState<never> = Object.freeze({ data: undefined, error: null, loading: false });
const noWatch = () => () => undefined;

export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: CallOptions = {},
): UseCall<CallOutput<N>> {
  const key = options.skip ? null : keyOf(name, input);
  const events = (options.refreshOn ?? []).join(' ');
  const subscribe = useMemo(
    () =>
      key === null
        ? noWatch
        : (notify: () => void) => calls.watch(key, events ? (events.split(' ') as EventName[]) : [], notify),
    [key, events],
  );
  const state = useSyncExternalStore(subscribe, () => (key === null ? SKIPPED : calls.read(key)));
  const refresh = useCallback(() => void (key !== null && calls.refresh(key)), [key]);
  const every = options.every;
  useEffect(() => {
    if (!every || key === null) return;
    const timer = window.setInterval(refresh, every);
    return () => window.clearInterval(timer);
  }, [every, key, refresh]);
  // The last answer seen, kept beside the current key's for `keep` (React's "state from the previous render").
  const [last, setLast] = useState<unknown>(undefined);
  if (options.keep && state.data !== undefined && state.data !== last) setLast(state.data);
  const data = state.data ?? (options.keep ? last : undefined);
  // The key names the call, so the answer under it is that call's output.
  return useMemo(() => ({ ...state, data: data as CallOutput<N> | undefined, refresh }), [state, data, refresh]);
}

/** Runs `fn` on the named events, through the same subscription as the reads (for what is not a read). */
export function useEvent(names: readonly EventName[], fn: (e: EventMessage) => void): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const list = names.join(' ');
  useEffect(() => calls.onEvent((e) => void (list.split(' ').includes(e.name) && latest.current(e))), [list]);
}
