// The loopback HTTP transport: tokens, unknown names, oversize bodies, bad JSON, the contract, sessions, events.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, HTTP_SESSION_HEADER } from '../../shared/contract';
import { createDispatch } from '../../electron/transport/dispatch';
import { createHttpServer, MAX_BODY } from '../../electron/transport/http';
import { makeBackend, OWNER_PIN, setUpShop, type TestBackend } from '../support/backend';

const TOKEN = 'test-token-0123456789abcdef';
let t: TestBackend;
let server: http.Server;
let base: string;
let ownerId: string;

beforeAll(async () => {
  t = makeBackend();
  ownerId = (await setUpShop(t)).ownerId;
  server = createHttpServer({ backend: t.backend, dispatch: createDispatch(t.backend), token: TOKEN });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  t.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(base + path, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
  });

describe('the HTTP transport', () => {
  it('answers 401 without the token or with a wrong one', async () => {
    expect((await fetch(`${base}/rpc/system.status`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await post('/rpc/system.status', '{}', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await fetch(`${base}/rpc`)).status).toBe(401);
    expect((await fetch(`${base}/events`)).status).toBe(401);
  });

  it('answers 404 for an unknown call name', async () => {
    const res = await post('/rpc/staff.dropEverything', '{}');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown_call' });
  });

  it('answers 413 for a body over 1 MiB, and still serves the next call', async () => {
    const big = 'a'.repeat(MAX_BODY + 1);
    expect((await post('/rpc/system.status', big)).status).toBe(413);
    expect((await post('/rpc/system.status', '{}')).status).toBe(200);
  });

  it('answers malformed JSON with a VALIDATION Result, never a stack trace', async () => {
    const res = await post('/rpc/auth.login', '{"staffId": ');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(text).not.toMatch(/\bat \S+ \(/);
  });

  it('refuses requests naming another host (DNS rebinding) or coming from another origin', async () => {
    const viaOtherHost = await new Promise<number>((resolve) => {
      const req = http.request(
        `${base}/rpc/system.status`,
        { method: 'POST', headers: { host: 'evil.example:80', authorization: `Bearer ${TOKEN}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(viaOtherHost).toBe(403);
    expect((await post('/rpc/system.status', '{}', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('describes the contract at GET /rpc: every call with its role, approval and input schema', async () => {
    const res = await fetch(`${base}/rpc`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as {
      calls: { name: string; role: string; approval: boolean; input: { type: string; properties?: object } }[];
    };
    expect(body.calls.map((c) => c.name).sort()).toEqual(Object.keys(calls).sort());
    const clear = body.calls.find((c) => c.name === 'staff.clearLockout');
    expect(clear).toMatchObject({ role: 'owner', approval: true, input: { type: 'object' } });
    expect(Object.keys(clear?.input.properties ?? {})).toContain('ownerApproval');
  });

  it('carries the staff session in a header set at login and cleared at log out', async () => {
    const login = await post('/rpc/auth.login', JSON.stringify({ staffId: ownerId, pin: OWNER_PIN }));
    const session = login.headers.get(HTTP_SESSION_HEADER) ?? '';
    expect(session).toMatch(/^[0-9a-f]{48}$/);
    expect(await (await post('/rpc/staff.list', '{}')).json()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await (await post('/rpc/staff.list', '{}', { [HTTP_SESSION_HEADER]: session })).json()).toMatchObject({
      ok: true,
    });
    const out = await post('/rpc/auth.logout', '{}', { [HTTP_SESSION_HEADER]: session });
    expect(out.headers.get(HTTP_SESSION_HEADER)).toBe('');
    expect(await (await post('/rpc/staff.list', '{}', { [HTTP_SESSION_HEADER]: session })).json()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('pushes events over server-sent events after a commit', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events?token=${TOKEN}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    await post('/rpc/prefs.setLanguage', JSON.stringify({ language: 'en' }));
    let text = '';
    while (!text.includes('prefs.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: prefs.changed\ndata: {"language":"en"}');
    controller.abort();
  });

  it('has no test controls unless the host runs in test mode', async () => {
    expect((await post('/test/clock', JSON.stringify({ advanceMs: 1000 }))).status).toBe(404);
  });
});
