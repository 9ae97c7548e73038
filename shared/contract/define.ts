// How a call is declared: its input schema, output type, minimum role and whether a clerk may make it
// with an owner's approval. Everything else (dispatch, IPC, HTTP, the renderer client) is typed from this.
import { z } from 'zod';
import { OwnerApproval } from './schemas';

/** 'display': the customer's screen, with its own token paired to a counter's session (docs/customer-screen.md). */
export type MinRole = 'public' | 'clerk' | 'owner' | 'display';

/** A phantom carrying the output type; outputs are produced by our own code, inputs come from outside. */
export interface Out<T> {
  readonly __out?: T;
}
export const out = <T>(): Out<T> => ({});

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: Out<O>;
  role: MinRole;
  /** A clerk may make this owner call with `ownerApproval { ownerId, pin, reason }` (spec §6). */
  approval: boolean;
  /** Writes to the database: runs in one synchronous transaction. */
  mutates: boolean;
  summary: string;
}

type Shape = z.core.$ZodLooseShape;

export function call<S extends Shape, O>(spec: {
  input: S;
  output: Out<O>;
  role: MinRole;
  mutates: boolean;
  summary: string;
}): CallSpec<z.ZodObject<S, z.core.$strict>, O> {
  return { ...spec, input: z.strictObject(spec.input), approval: false };
}

/**
 * A call that may carry `ownerApproval`. With role 'owner', a clerk makes it only with the approval; with role
 * 'clerk', the handler asks for the owner (`ctx.requireOwner`) only when the case needs it (above the ceiling,
 * after payment …), and then the approval must be in the same call.
 */
export function approvableCall<S extends Shape, O>(spec: {
  input: S;
  output: Out<O>;
  mutates: boolean;
  summary: string;
  role?: 'clerk' | 'owner';
}) {
  const input = z.strictObject({ ...spec.input, ownerApproval: OwnerApproval.optional() });
  const full: CallSpec<typeof input, O> = { ...spec, input, role: spec.role ?? 'owner', approval: true };
  return full;
}
