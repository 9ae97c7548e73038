// The renderer's data layer without a DOM: the cache of reads that useCall wraps, driven by a fake client whose
// answers the test releases in any order, and the owner-approval rules that useAction follows.
import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, ErrorBody, EventMessage, Result } from '../../shared/contract';
import { ownerNeed, withApproval } from '../../renderer/src/api/approval';
import { createCallCache, keyOf, WAITING, type CallClient } from '../../renderer/src/api/cache';

interface Asked {
  name: CallName;
  input: unknown;
  answer(r: Result<unknown>): Promise<void>;
}

/** A backend that answers only when told, and counts who listens to its events. */
function fakeClient() {
  const asked: Asked[] = [];
  const listeners = new Set<(e: EventMessage) => void>();
  let subscriptions = 0;
  const client: CallClient = {
    call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
      return new Promise((resolve) => {
        asked.push({
          name,
          input,
          answer: async (r) => {
            resolve(r as Result<CallOutput<N>>);
            await Promise.resolve();
            await Promise.resolve();
          },
        });
      });
    },
    on(listener) {
      subscriptions++;
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const emit = (name: EventMessage['name']) => {
    for (const l of Array.from(listeners)) l({ name, payload: {} });
  };
  return { client, asked, emit, listeners, subscriptions: () => subscriptions };
}

const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
const refused = (code: ErrorBody['code'], details: ErrorBody['details'] = {}): Result<unknown> => ({
  ok: false,
  error: { code, details, message: code },
});

describe('the cache of reads behind useCall', () => {
  it('asks once for a day that two parts of the screen show, and gives both the same answer', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    const key = keyOf('days.current', {});
    let seen = 0;
    cache.watch(key, ['day.changed'], () => seen++);
    cache.watch(key, ['day.changed'], () => seen++);
    expect(f.asked).toHaveLength(1);
    expect(cache.read(key)).toBe(WAITING);
    await f.asked[0]!.answer(ok({ businessDate: '2026-11-25' }));
    expect(cache.read(key)).toEqual({ data: { businessDate: '2026-11-25' }, error: null, loading: false });
    expect(seen).toBe(2);
  });

  it('asks again on the events named for the read and not on others, through one subscription', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    cache.watch(keyOf('days.current', {}), ['day.changed'], () => undefined);
    cache.watch(keyOf('staff.list', {}), ['staff.changed'], () => undefined);
    cache.onEvent(() => undefined);
    expect(f.subscriptions()).toBe(1);
    expect(f.listeners.size).toBe(1);
    f.emit('quotes.changed');
    expect(f.asked.map((a) => a.name)).toEqual(['days.current', 'staff.list']);
    f.emit('day.changed');
    expect(f.asked.map((a) => a.name)).toEqual(['days.current', 'staff.list', 'days.current']);
  });

  it('drops an answer that a newer request overtook, so a slow first answer never shows over a later one', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    const key = keyOf('trades.list', { limit: 100 });
    cache.watch(key, ['trades.changed'], () => undefined);
    f.emit('trades.changed');
    expect(f.asked).toHaveLength(2);
    await f.asked[1]!.answer(ok(['newer']));
    await f.asked[0]!.answer(ok(['older']));
    expect(cache.read(key).data).toEqual(['newer']);
  });

  it('keeps each input under its own key, so the answer for the previous search never shows for the new one', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    const before = keyOf('trades.list', { query: '0001' });
    const after = keyOf('trades.list', { query: '0002' });
    const stop = cache.watch(before, [], () => undefined);
    cache.watch(after, [], () => undefined);
    stop();
    await f.asked[0]!.answer(ok(['trade 0001']));
    expect(cache.read(after)).toBe(WAITING);
    expect(f.asked[1]!.input).toEqual({ query: '0002' });
    await f.asked[1]!.answer(ok(['trade 0002']));
    expect(cache.read(after).data).toEqual(['trade 0002']);
  });

  it('forgets a read when the last screen showing it goes away: no answer lands, no event asks again, the stream closes', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    const key = keyOf('printing.jobs', { tradeId: 't1' });
    let seen = 0;
    const stop = cache.watch(key, ['printing.changed'], () => seen++);
    expect(cache.stats()).toEqual({ entries: 1, listening: true });
    stop();
    expect(cache.stats()).toEqual({ entries: 0, listening: false });
    await f.asked[0]!.answer(ok([]));
    f.emit('printing.changed');
    expect(seen).toBe(0);
    expect(f.asked).toHaveLength(1);
    expect(cache.read(key)).toBe(WAITING);
  });

  it('keeps the last good answer beside a refusal, and refreshes every watched read of a call on request', async () => {
    const f = fakeClient();
    const cache = createCallCache(f.client);
    const key = keyOf('backups.list', {});
    cache.watch(key, [], () => undefined);
    await f.asked[0]!.answer(ok({ files: 2 }));
    cache.refreshCall('backups.list');
    expect(cache.read(key).loading).toBe(true);
    await f.asked[1]!.answer(refused('UNAVAILABLE', { reason: 'network' }));
    expect(cache.read(key)).toMatchObject({ data: { files: 2 }, error: { code: 'UNAVAILABLE' }, loading: false });
  });
});

describe('the owner’s approval asked by the form that made the call', () => {
  it('asks for the owner only when the refusal says an approval in the same call would do', () => {
    expect(ownerNeed({ code: 'FORBIDDEN', details: { need: 'aboveCeiling', approval: true }, message: '' })).toBe(
      'aboveCeiling',
    );
    expect(ownerNeed({ code: 'FORBIDDEN', details: { need: 'owner' }, message: '' })).toBeNull();
    expect(ownerNeed({ code: 'PIN_WRONG', details: { need: 'x', approval: true }, message: '' })).toBeNull();
  });

  it('repeats the same write with the approval added and nothing else changed', () => {
    const approval = { ownerId: 'o1', pin: '246810', reason: '老客户，店主同意' };
    expect(withApproval<'trades.accept'>({ tradeId: 't1', groupKey: 'g1', rateBp: 9350 }, approval)).toEqual({
      tradeId: 't1',
      groupKey: 'g1',
      rateBp: 9350,
      ownerApproval: approval,
    });
  });
});
