// When a refusal asks for the owner on the spot, and the same call again carrying the owner's approval.
import type { CallInput, CallName, ErrorBody, OwnerApproval } from '../../../shared/contract';

/** What needs the owner (`details.need`), when the backend says an approval in the same call would do. */
export function ownerNeed(e: ErrorBody): string | null {
  return e.code === 'FORBIDDEN' && typeof e.details.need === 'string' && e.details.approval === true
    ? e.details.need
    : null;
}

/** The input again with the approval; only calls declared approvable are ever refused this way. */
export function withApproval<N extends CallName>(input: CallInput<N>, approval: OwnerApproval): CallInput<N> {
  return { ...(input as object), ownerApproval: approval } as CallInput<N>;
}
