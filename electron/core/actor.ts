// Who acts in a call, as every service sees it: the staff member, the owner's approval checked in the same call,
// and an owner's override of a refusal with its reason. Dispatch builds one per call; services never see the Ctx.
import type { StaffRole } from '../../shared/contract';

export interface Actor {
  id: string;
  name: string;
  role: StaffRole;
}

export interface Approval {
  ownerId: string;
  ownerName: string;
  reason: string;
}

export interface Acting {
  readonly staffId: string;
  readonly name: string;
  readonly isOwner: boolean;
  /**
   * This case needs the owner: passes for an owner, or for a clerk whose call carries a valid owner approval
   * (PIN checked, wrong PINs counted); otherwise a FORBIDDEN refusal whose attempt is journaled.
   */
  requireOwner(what: string, facts?: NeedFacts): void;
  /** True when a clerk's call carries an owner approval (not yet checked: requireOwner checks it). */
  approvalOffered(): boolean;
  /** The owner's approval checked in this call, if any. */
  approval(): Approval | null;
  /** The approving owner's id, if any: what a row's `approved_by` records. */
  approvedBy(): string | null;
  /**
   * An override (a watch-list hit let through) needs the owner and a reason: the owner's own, or the approval's.
   * It is journaled as `compliance.override` under `ref`; null when no override was asked for.
   */
  override(what: string, reason: string | undefined, ref: string | null): string | null;
}

/** What the call around an actor provides: the owner check and the journal. */
/** Figures the words of a need quote (the balance-check window in force: `{ minutes }`). */
export type NeedFacts = Record<string, number>;

export interface CallScope {
  requireOwner(what: string, facts?: NeedFacts): void;
  approval(): Approval | null;
  approvalOffered(): boolean;
  record(
    kind: 'compliance.override',
    ref: string | null,
    payload: { what: string; reason: string; ownerName: string },
  ): void;
}

export function acting(actor: Actor, call: CallScope): Acting {
  return {
    staffId: actor.id,
    name: actor.name,
    isOwner: actor.role === 'owner',
    requireOwner: (what, facts) => call.requireOwner(what, facts),
    approvalOffered: () => call.approvalOffered(),
    approval: () => call.approval(),
    approvedBy: () => call.approval()?.ownerId ?? null,
    override: (what, reason, ref) => {
      if (!reason && !call.approvalOffered()) return null;
      call.requireOwner(what);
      const why = reason ?? call.approval()?.reason ?? null;
      if (why)
        call.record('compliance.override', ref, {
          what,
          reason: why,
          ownerName: call.approval()?.ownerName ?? actor.name,
        });
      return why;
    },
  };
}
