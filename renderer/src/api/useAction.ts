// A form's writes: the form owns whether one is under way, the refusal to show, and the owner's approval when
// the backend asks for it on the spot (the approval dialog then repeats the same call with the PIN).
import { useCallback, useMemo, useState } from 'react';
import type { CallInput, CallName, CallOutput, ErrorBody, OwnerApproval, Result } from '../../../shared/contract';
import { ownerNeed, withApproval } from './approval';
import { api } from './client';

export interface PendingApproval {
  /** What needs the owner (a key of the `need` words). */
  need: string;
  /** The refusal's details: the figures the need's words quote (the balance-check window in force). */
  facts?: Record<string, unknown>;
  approve: (a: OwnerApproval) => Promise<Result<unknown>>;
}

export interface Action {
  pending: boolean;
  error: ErrorBody | null;
  approval: PendingApproval | null;
  /** Answers the value, or null after a refusal (shown as `error`) or while the owner is asked. */
  run: <N extends CallName>(
    name: N,
    input: CallInput<N>,
    onDone?: (v: CallOutput<N>) => void,
  ) => Promise<CallOutput<N> | null>;
  /** Forgets the refusal and any approval asked for (the form was closed or edited). */
  clear: () => void;
  /** Shows a refusal that did not come from this form's own call (a step before it). */
  fail: (e: ErrorBody) => void;
}

export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [approval, setApproval] = useState<PendingApproval | null>(null);
  const run = useCallback(
    async <N extends CallName>(name: N, input: CallInput<N>, onDone?: (v: CallOutput<N>) => void) => {
      setPending(true);
      const r = await api.call(name, input);
      setPending(false);
      if (r.ok) {
        setError(null);
        onDone?.(r.value);
        return r.value;
      }
      const need = ownerNeed(r.error);
      if (need === null) {
        setError(r.error);
        return null;
      }
      setError(null);
      setApproval({
        need,
        facts: r.error.details,
        approve: async (a) => {
          const again = await api.call(name, withApproval(input, a));
          if (again.ok) {
            setApproval(null);
            onDone?.(again.value);
          }
          return again;
        },
      });
      return null;
    },
    [],
  );
  const clear = useCallback(() => (setError(null), setApproval(null)), []);
  return useMemo(
    () => ({ pending, error, approval, run, clear, fail: setError }),
    [pending, error, approval, run, clear],
  );
}

/** A write that needs the owner from the start: the approval dialog sends it with the approval and shows its refusal. */
export function sendApproved<N extends CallName>(name: N, input: CallInput<N>): PendingApproval['approve'] {
  return (a) => api.call(name, withApproval(input, a));
}
