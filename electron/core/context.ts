// What a handler gets from dispatch: who is acting, an owner's approval if one was given, the window's
// session binding, and ways to journal and to emit events after commit.
import type {
  CallName,
  CallOutput,
  ErrorCode,
  ErrorDetails,
  EventName,
  Events,
  ParsedInput,
} from '../../shared/contract';
import { AppError } from '../../shared/contract';
import type { Acting, Actor, Approval } from './actor';
import type { JsonValue } from './journal/service';
import type { JournalKind } from '../../shared/contract/journal-kinds';

export type { Acting, Actor, Approval } from './actor';

/** How a transport names the session of the window a call came from (IPC: the webContents; HTTP: a header). */
export interface Binding {
  get(): string | null;
  set(sessionId: string | null): void;
  /** A customer's screen's token (docs/customer-screen.md): such a window makes the one display call, nothing else. */
  readonly display?: string;
}

/** The binding of a customer's screen: no staff session, only its display token. */
export function displayBinding(token: string): Binding {
  return { get: () => null, set: () => undefined, display: token };
}

export interface Ctx {
  actor: Actor | null;
  approval: Approval | null;
  binding: Binding;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  /** Appends a journal entry by the actor, naming the approving owner when there is one. */
  record(kind: JournalKind, ref: string | null, payload?: { [k: string]: JsonValue }): void;
  /** The same, in a transaction of its own: for the calls that are not one transaction (exports, the drawer). */
  recordNow(kind: Parameters<Ctx['record']>[0], ref: string | null, payload?: { [k: string]: JsonValue }): void;
  /** Who acts, for the services: built once per call; UNAUTHENTICATED when nobody is logged in. */
  act(): Acting;
}

/**
 * A refusal that leaves a trace: dispatch rolls back the call's transaction, then runs `trace` in its own
 * transaction (a wrong PIN's counter, the journal entry of a refused attempt) and answers the error.
 */
export class Refusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails,
    readonly trace: () => void,
  ) {
    super(code, message, details);
  }
}

/** The parsed input without the approval; distributes over a union input (settings.update's groups). */
type HandlerInput<N extends CallName> =
  ParsedInput<N> extends infer T ? (T extends unknown ? Omit<T, 'ownerApproval'> : never) : never;
export type Handler<N extends CallName> = (ctx: Ctx, input: HandlerInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;
export type HandlerMap<K extends CallName = CallName> = { [N in K]: Handler<N> };
/**
 * What a mutating call may wait for before its transaction, once the caller is known (its handler is synchronous):
 * the card check of head office before a payment (sync/cards.ts). It writes in transactions of its own.
 */
export type PrepareMap = { [N in CallName]?: (input: HandlerInput<N>) => Promise<void> };
