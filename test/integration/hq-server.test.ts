// The reference head office under hostile input, over real HTTP: bad signatures, replays with another body,
// oversize and malformed bodies get the page's codes, random requests never crash it, and it still answers.
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jcs } from '../../electron/core/journal/service';
import { sha256Hex, signedHeaders } from '../../electron/core/sync/signing';
import { createHqServer, MAX_BODY_BYTES, type HqServer } from '../../electron/hq/server';
import { tempDir } from '../support/backend';

const SECRET = 'hq-test-secret-0123456789';
let hq: HqServer;
let base = '';
let clock = 1_795_000_000;
beforeAll(async () => {
  hq = createHqServer({ dbFile: path.join(tempDir('carddesk-hqf-'), 'hq.sqlite'), now: () => clock });
  hq.addShop('SH09', SECRET);
  base = `http://127.0.0.1:${await hq.listen(0)}`;
});
afterAll(() => hq.close());

function dayBody(date: string, extra: Record<string, unknown> = {}) {
  const body = {
    schema: 1,
    shopId: 'SH09',
    businessDate: date,
    zNumber: 1,
    openedAt: `${date}T01:00:00.000Z`,
    closedAt: `${date}T12:00:00.000Z`,
    summary: { grandTotalFen: 100 },
    trades: [],
    corrections: [],
    cash: [],
    alerts: [],
    journalHead: 'a'.repeat(64),
    prevDayJournalHead: null,
    ...extra,
  };
  return jcs({ ...body, ledgerHash: sha256Hex(jcs(body)) });
}

/** A raw request (node:http, so any header or body can be sent). */
function send(
  method: string,
  p: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}
const signed = (method: string, p: string, body: string, secret = SECRET, at = clock) =>
  send(method, p, body, signedHeaders('SH09', secret, at * 1000, method, p, body));

describe('the reference head office', () => {
  it('stores a signed day (201), answers a replay 200, another body for that day 409, and refuses bad signatures, skew, oversize and malformed JSON', async () => {
    const p = '/v1/shops/SH09/days/2026-11-25';
    const body = dayBody('2026-11-25');
    expect((await signed('PUT', p, body)).status).toBe(201);
    expect((await signed('PUT', p, body)).status).toBe(200);
    const other = dayBody('2026-11-25', { zNumber: 2 });
    const conflict = await signed('PUT', p, other);
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body)).toMatchObject({ error: 'conflict' });
    // A replayed signature with another body does not verify.
    const headers = signedHeaders('SH09', SECRET, clock * 1000, 'PUT', p, body);
    expect(JSON.parse((await send('PUT', p, other, headers)).body)).toEqual({ error: 'bad_signature' });
    expect((await signed('PUT', p, body, 'wrong-secret-0123456789')).status).toBe(401);
    const skewed = await signed('PUT', p, body, SECRET, clock - 301);
    expect(JSON.parse(skewed.body)).toEqual({ error: 'clock_skew', serverTime: clock });
    expect((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', '{not json')).status).toBe(422);
    expect(
      JSON.parse((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', dayBody('2026-11-27'))).body),
    ).toMatchObject({ error: 'invalid', reason: 'businessDate' });
    const tampered = JSON.parse(dayBody('2026-11-26')) as Record<string, unknown>;
    tampered.zNumber = 5;
    expect(
      JSON.parse((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', JSON.stringify(tampered))).body),
    ).toMatchObject({ reason: 'ledgerHash' });
    expect((await send('PUT', '/v1/shops/SH09/days/2026-11-26', Buffer.alloc(MAX_BODY_BYTES + 1, 32), {})).status).toBe(
      413,
    );
    // A chain gap is stored with its warning.
    const gap = await signed(
      'PUT',
      '/v1/shops/SH09/days/2026-11-28',
      dayBody('2026-11-28', { prevDayJournalHead: 'b'.repeat(64) }),
    );
    expect(JSON.parse(gap.body)).toEqual({ stored: true, warnings: ['chain_gap'] });
    const state = JSON.parse((await signed('GET', '/v1/shops/SH09/state', '')).body) as {
      lastBusinessDate: string;
      lastZNumber: number;
    };
    expect(state).toMatchObject({ lastBusinessDate: '2026-11-28', lastZNumber: 1 });
  });

  it('answers every random request with a status of the page and never crashes', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        '/v1/ping',
        '/v1/shops/SH09/state',
        '/v1/shops/SH09/quotes',
        '/v1/shops/SH09/watchlist?since=x',
        '/v1/shops/SH09/days/2026-11-30',
        '/v1/shops/SH09/days/../../etc',
        '/v1/shops/%00/days/1',
        '/',
      ),
      fc.webPath(),
    );
    const codes = new Set([200, 201, 304, 401, 404, 405, 409, 413, 422, 0]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
        paths,
        fc.oneof(fc.string(), fc.json(), fc.constant(dayBody('2026-11-30'))),
        fc.boolean(),
        fc.boolean(),
        async (method, p, body, sign, hostileHeaders) => {
          const safePath = p.startsWith('/') ? p : `/${p}`;
          const headers = sign
            ? signedHeaders('SH09', SECRET, clock * 1000, method, safePath, body)
            : hostileHeaders
              ? { 'X-CardDesk-Shop': 'SH09', 'X-CardDesk-Timestamp': 'NaN', 'X-CardDesk-Signature': 'v1=zz' }
              : {};
          const r = await send(method, safePath, body, headers);
          expect(codes.has(r.status), `${method} ${safePath} → ${r.status}`).toBe(true);
        },
      ),
      { numRuns: 300, seed: 20261126 },
    );
    expect((await send('GET', '/v1/ping', '', {})).status).toBe(200);
  });
});
