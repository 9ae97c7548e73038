// The loopback HTTP transport (browser mode, e2e tests, scripts): POST /rpc/<name>, GET /rpc, GET /events.
// Bound to 127.0.0.1, token-protected, one Result envelope per call, never a stack trace.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { calls, HTTP_SESSION_HEADER, type EventMessage } from '../../shared/contract';
import type { Backend } from '../core/backend';
import { displayBinding, type Binding } from '../core/context';
import { isCallName, type Dispatch } from './dispatch';
import { CSP } from './csp';

export const MAX_BODY = 1024 * 1024;

export interface HttpOptions {
  backend: Backend;
  dispatch: Dispatch;
  token: string;
  /** The built renderer (index.html and assets); omitted when only the API is served. */
  staticDir?: string;
  /** Wired only when the host runs with CARDDESK_TEST=1. */
  testControls?: { advanceClock(ms: number): void };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  res.end(text);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The contract as JSON: name, minimum role, approval, mutation and the input as JSON Schema. */
export function describeContract() {
  return Object.entries(calls).map(([name, spec]) => ({
    name,
    role: spec.role,
    approval: spec.approval,
    mutates: spec.mutates,
    summary: spec.summary,
    input: z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' }),
  }));
}

type BodyResult = { ok: true; text: string } | { ok: false; status: 413 | 400 };

function readBody(req: http.IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY) {
      resolve({ ok: false, status: 413 });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > MAX_BODY) {
        done = true;
        resolve({ ok: false, status: 413 });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400 });
      done = true;
    });
  });
}

/** Who a request comes from: a window of the app (the host's token) or a customer's screen (its display token). */
type Caller = { kind: 'host' } | { kind: 'display'; token: string } | null;

export function createHttpServer(opts: HttpOptions): http.Server {
  const { backend, dispatch, token } = opts;
  /** Each event stream, and whether it is a customer's screen's (which hears only its own event). */
  const streams = new Map<http.ServerResponse, 'host' | 'display'>();
  const unsubscribe = backend.on((e: EventMessage) => {
    const line = `event: ${e.name}\ndata: ${JSON.stringify(e.payload)}\n\n`;
    for (const [s, kind] of streams) if (kind === 'host' || e.name === 'display.changed') s.write(line);
  });

  const caller = (req: http.IncomingMessage, url: URL): Caller => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('token') ?? '');
    if (given.length === 0) return null;
    if (sameToken(given, token)) return { kind: 'host' };
    return backend.services.displays.known(given) ? { kind: 'display', token: given } : null;
  };
  const authorised = (req: http.IncomingMessage, url: URL): boolean => caller(req, url)?.kind === 'host';

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Pages from other origins may not drive the counter (DNS rebinding, cross-site requests).
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return send(res, 403, { error: 'forbidden_host' });
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) return send(res, 403, { error: 'forbidden_origin' });

    if (url.pathname === '/rpc' || url.pathname.startsWith('/rpc/')) {
      const who = caller(req, url);
      if (!who) return send(res, 401, { error: 'unauthorised' });
      if (url.pathname === '/rpc') {
        if (who.kind !== 'host') return send(res, 401, { error: 'unauthorised' });
        if (req.method !== 'GET') return send(res, 405, { error: 'method_not_allowed' });
        return send(res, 200, { calls: describeContract() });
      }
      const name = decodeURIComponent(url.pathname.slice(5));
      if (!isCallName(name)) return send(res, 404, { error: 'unknown_call' });
      if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' });
      const body = await readBody(req);
      if (!body.ok) return send(res, body.status, { error: body.status === 413 ? 'body_too_large' : 'bad_request' });
      let input: unknown = {};
      if (body.text.trim() !== '') {
        try {
          input = JSON.parse(body.text);
        } catch {
          return send(res, 200, {
            ok: false,
            error: {
              code: 'VALIDATION',
              details: { field: '(body)', issue: 'invalid_json' },
              message: 'the body is not JSON',
            },
          });
        }
      }
      // A customer's screen carries no staff session: dispatch lets its token make the display call only.
      if (who.kind === 'display') return send(res, 200, await dispatch(displayBinding(who.token), name, input));
      const header = req.headers[HTTP_SESSION_HEADER];
      let session: string | null = typeof header === 'string' && header !== '' ? header : null;
      let changed = false;
      const binding: Binding = {
        get: () => session,
        set: (id) => {
          session = id;
          changed = true;
        },
      };
      const result = await dispatch(binding, name, input);
      return send(res, 200, result, changed ? { [HTTP_SESSION_HEADER]: session ?? '' } : {});
    }

    if (url.pathname === '/events') {
      const who = caller(req, url);
      if (!who) return send(res, 401, { error: 'unauthorised' });
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive', ...SECURITY_HEADERS });
      res.write(': carddesk\n\n');
      streams.set(res, who.kind);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/test/')) {
      if (!opts.testControls) return send(res, 404, { error: 'not_found' });
      if (!authorised(req, url)) return send(res, 401, { error: 'unauthorised' });
      if (url.pathname === '/test/clock' && req.method === 'POST') {
        const body = await readBody(req);
        const ms = body.ok ? Number((JSON.parse(body.text || '{}') as { advanceMs?: unknown }).advanceMs) : NaN;
        if (!Number.isSafeInteger(ms) || ms < 0)
          return send(res, 400, { error: 'advanceMs must be a whole number of milliseconds' });
        opts.testControls.advanceClock(ms);
        return send(res, 200, { ok: true });
      }
      return send(res, 404, { error: 'not_found' });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method_not_allowed' });
    return serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    if (!opts.staticDir) return send(res, 404, { error: 'not_found' });
    const root = path.resolve(opts.staticDir);
    // `/display` is the customer's screen (ux.md), a page of its own.
    const rel =
      pathname === '/'
        ? 'index.html'
        : pathname === '/display'
          ? 'display.html'
          : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return send(res, 404, { error: 'not_found' });
    fs.readFile(file, (err, data) => {
      if (err) return send(res, 404, { error: 'not_found' });
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        ...SECURITY_HEADERS,
      });
      res.end(data);
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal' });
      else res.end();
    });
  });
  server.on('close', () => {
    unsubscribe();
    for (const s of streams.keys()) s.end();
  });
  return server;
}
