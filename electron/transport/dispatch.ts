// The one entry for every call, whatever the transport: validate → authorise → handler → Result.
import { AppError, calls, type CallName, type ErrorBody, type EventMessage, type Result } from '../../shared/contract';
import type { Backend } from '../core/backend';
import { acting, type Acting, type Actor, type Approval } from '../core/actor';
import { Refusal, type Binding, type Ctx } from '../core/context';
import { safeParseChecked } from '../core/schema-check';
import type { JsonValue } from '../core/journal/service';
import type { z } from 'zod';
import { ruleDetails } from '../../shared/words/fields';
import { fieldAt } from '../../shared/words/rules';

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * The refused fields by path, and for the first one the rule it broke as the schema states it (kind, bounds,
 * pattern name), so the renderer can say what is expected. Never the refused value: it may be a PIN or a secret.
 */
function validationError(
  issues: readonly { path: PropertyKey[]; code: string; message: string }[],
  schema: z.ZodType,
): AppError {
  const fields = [...new Set(issues.map((i) => i.path.map(String).join('.') || '(input)'))].slice(0, 10);
  const first = issues[0];
  return new AppError('VALIDATION', `invalid input: ${fields.join(', ')}`, {
    field: fields[0] ?? '(input)',
    fields,
    issue: first ? first.code : 'invalid',
    ...(first ? ruleDetails(fieldAt(schema, first.path).rule) : {}),
  });
}

const SQLITE_CODES: Record<string, AppError['code']> = {
  SQLITE_READONLY: 'STORAGE_READONLY',
  SQLITE_READONLY_DBMOVED: 'STORAGE_READONLY',
  SQLITE_FULL: 'STORAGE_FULL',
  SQLITE_IOERR: 'STORAGE_FULL',
};

function toBody(e: unknown, log: (line: string) => void, name: string): ErrorBody {
  if (e instanceof AppError) return e.toBody();
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const mapped = Object.entries(SQLITE_CODES).find(([prefix]) => code.startsWith(prefix))?.[1];
  if (mapped) {
    log(`${name}: storage fault ${code}`);
    return { code: mapped, details: {}, message: `storage fault (${code})` };
  }
  // The detail goes to the log by name only: error messages may quote input, and input may be secret.
  log(`${name}: internal error ${e instanceof Error ? e.name : typeof e}`);
  return { code: 'INTERNAL', details: {}, message: 'internal error' };
}

export function createDispatch(backend: Backend) {
  const { services, handlers, log } = backend;
  const { sql, journal, sessions, settings, staff, shop } = services;

  function inTx<T>(fn: () => T): T {
    try {
      return sql.tx(fn);
    } catch (e) {
      // What was read inside the rolled-back transaction may not have been committed.
      settings.invalidate();
      shop.invalidate();
      throw e;
    }
  }

  return async function dispatch(binding: Binding, name: string, raw: unknown): Promise<Result<unknown>> {
    if (!isCallName(name))
      return { ok: false, error: { code: 'NOT_FOUND', details: { call: name.slice(0, 64) }, message: 'no such call' } };
    const spec = calls[name];
    // The customer's screen: its token makes the display call and nothing else; a staff window never makes that one.
    if ((binding.display !== undefined) !== (spec.role === 'display'))
      return {
        ok: false,
        error: { code: 'FORBIDDEN', details: { call: name, reason: 'display' }, message: 'not a call for this window' },
      };
    if (services.gate.restoring)
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', details: { reason: 'restoring' }, message: 'a backup is being restored' },
      };
    const events: EventMessage[] = [];
    /** The seq of the last entry this call recorded (entries are numbered in order): what journal.appended carries. */
    let wroteSeq: number | null = null;
    let offered: { ownerId: string; pin: string; reason: string } | undefined;
    let acts: Acting | null = null;
    const requireOwner = (what: string, facts: Record<string, number> = {}): void => {
      const actor = ctx.actor;
      if (!actor) throw new AppError('UNAUTHENTICATED', 'log in first');
      if (actor.role === 'owner' || ctx.approval) return;
      if (!offered) {
        throw new Refusal(
          'FORBIDDEN',
          'this needs the owner',
          { call: name, need: what, approval: spec.approval, ...facts },
          () => {
            journal.append({
              staff: actor.id,
              kind: 'auth.denied',
              ref: null,
              payload: { call: name, need: what, actorName: actor.name, ...facts },
            });
          },
        );
      }
      ctx.approval = checkApproval(offered, name, actor);
    };
    const ctx: Ctx = {
      actor: null,
      approval: null,
      binding,
      emit: (n, payload) => events.push({ name: n, payload }),
      record: (kind, ref, payload = {}) => {
        const full: { [k: string]: JsonValue } = { ...payload };
        if (ctx.approval)
          full.approval = {
            ownerId: ctx.approval.ownerId,
            ownerName: ctx.approval.ownerName,
            reason: ctx.approval.reason,
          };
        if (ctx.actor) full.actorName = ctx.actor.name;
        wroteSeq = journal.append({ staff: ctx.actor?.id ?? null, kind, ref, payload: full }).seq;
      },
      recordNow: (kind, ref, payload) => sql.tx(() => ctx.record(kind, ref, payload)),
      act: () => {
        const actor = ctx.actor;
        if (!actor) throw new AppError('UNAUTHENTICATED', 'log in first');
        // One capability per call and actor (a login inside the call changes who acts).
        if (acts?.staffId !== actor.id) {
          acts = acting(actor, {
            requireOwner,
            approval: () => ctx.approval,
            approvalOffered: () => offered !== undefined,
            record: (kind, ref, payload) => ctx.record(kind, ref, payload),
          });
        }
        return acts;
      },
    };
    try {
      const parsed = safeParseChecked(spec.input, raw ?? {});
      if (!parsed.success) throw validationError(parsed.error.issues, spec.input);
      const { ownerApproval, ...input } = parsed.data as Record<string, unknown> & {
        ownerApproval?: { ownerId: string; pin: string; reason: string };
      };

      if (spec.role !== 'public' && spec.role !== 'display') {
        if (!shop.get()) throw new AppError('SETUP_REQUIRED', 'the shop has not been set up');
        const session = sessions.find(binding.get(), settings.idleLockMs());
        if (!session) throw new AppError('UNAUTHENTICATED', 'log in first');
        if (session.locked) throw new AppError('SESSION_LOCKED', 'this window is locked', { staffId: session.staffId });
        sessions.touch(session);
        const actor: Actor = { id: session.staffId, name: session.name, role: session.role };
        ctx.actor = actor;
        if (spec.approval && actor.role !== 'owner') offered = ownerApproval;
        if (spec.role === 'owner' && actor.role !== 'owner') {
          if (!spec.approval || !ownerApproval) {
            throw new Refusal('FORBIDDEN', 'an owner must do this', { call: name, approval: spec.approval }, () => {
              journal.append({
                staff: actor.id,
                kind: 'auth.denied',
                ref: null,
                payload: { call: name, actorName: actor.name },
              });
            });
          }
          ctx.approval = checkApproval(ownerApproval, name, actor);
        }
      }

      const prepare = backend.prepare[name] as ((i: unknown) => Promise<void>) | undefined;
      if (prepare) await prepare(input);
      const handler = handlers[name] as (c: Ctx, i: unknown) => unknown;
      let value: unknown;
      if (spec.mutates) {
        value = inTx(() => {
          const v = handler(ctx, input);
          if (v instanceof Promise) throw new Error(`${name} is a mutating call and must be synchronous`);
          return v;
        });
      } else {
        value = await handler(ctx, input);
      }
      if (wroteSeq !== null) events.push({ name: 'journal.appended', payload: { seq: wroteSeq } });
      if (services.displays.wakes(spec.mutates, input, events)) events.push({ name: 'display.changed', payload: {} });
      for (const ev of events) backend.emit(ev);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof Refusal) {
        try {
          inTx(e.trace);
        } catch (traceError) {
          return { ok: false, error: toBody(traceError, log, name) };
        }
      }
      return { ok: false, error: toBody(e, log, name) };
    }
  };

  /** Spec §6: the owner's PIN is checked (wrong PINs count towards that owner's lockout) in the call itself. */
  function checkApproval(a: { ownerId: string; pin: string; reason: string }, name: string, actor: Actor): Approval {
    if (!staff.activeOwner(a.ownerId)) {
      throw new Refusal(
        'FORBIDDEN',
        'the approver is not an active owner',
        { call: name, field: 'ownerApproval.ownerId' },
        () => {
          journal.append({
            staff: actor.id,
            kind: 'auth.denied',
            ref: null,
            payload: { call: name, actorName: actor.name, reason: 'approver not an owner' },
          });
        },
      );
    }
    const r = staff.verifyPin(a.ownerId, a.pin, `approval:${name}`, { id: actor.id, name: actor.name });
    return { ownerId: r.id, ownerName: r.name, reason: a.reason };
  }
}

export type Dispatch = ReturnType<typeof createDispatch>;
