// Head office (hq/) over real HTTP, on PGlite and on a real PostgreSQL: the protocol's codes (201, a replay 200,
// another body 409, 401 for bad signatures and skew, 413, 422), v2 nonces accepted once and answers signed with
// the shop's secret, headers refused before any body is read, requests bounded, shops disabled and secrets
// rotated with a grace period, the server key checked, migrations refused from a newer head office, and random
// requests that never crash it.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../hq/db/migrate';
import { MIGRATIONS } from '../../hq/db/migrations';
import { openHeadOffice } from '../../hq/head-office';
import { ServerKey, ServerKeyError } from '../../hq/keys';
import { passwordMatches, PeopleError } from '../../hq/people';
import { MAX_BODY_BYTES } from '../../hq/server';
import { HQ_VERSION } from '../../hq/version';
import { z } from 'zod';
import { answerSignature, chainFingerprint, HEADERS, signedHeaders } from '../../shared/protocol/signing';
import { DRIVERS, testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { dayBody, rawRequest, signedRequest } from '../support/hq-requests';

const SECRET = 'hq-test-secret-0123456789';
const Text = z.object({ value: z.string() });

describe.each(DRIVERS)('head office on %s', (driver) => {
  const database = useHqDatabase(driver);
  let clock = 1_795_000_000;
  let started: TestHq;
  let base = '';
  beforeAll(async () => {
    started = await testHeadOffice(database().db, () => clock, { maxActive: 4, maxQueued: 1 });
    await started.hq.shops.register({ shopId: 'SH09', name: '测试店' }, SECRET);
    base = started.url;
  });
  afterAll(() => started.close());
  const signed = (
    method: string,
    p: string,
    body: string,
    o: { secret?: string; at?: number; v1?: boolean; nonce?: string } = {},
  ) => signedRequest(base, 'SH09', o.secret ?? SECRET, o.at ?? clock, method, p, body, o);

  it('stores a signed day (201), answers a replay 200, another body for that day 409, and refuses bad signatures, skew, oversize and malformed JSON', async () => {
    const p = '/v1/shops/SH09/days/2026-11-25';
    const body = dayBody('SH09', '2026-11-25');
    expect((await signed('PUT', p, body)).status).toBe(201);
    expect((await signed('PUT', p, body)).status).toBe(200);
    // A shop that has not moved to v2 is still heard.
    expect((await signed('PUT', p, body, { v1: true })).status).toBe(200);
    const other = dayBody('SH09', '2026-11-25', { zNumber: 2 });
    const conflict = await signed('PUT', p, other);
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body)).toMatchObject({ error: 'conflict' });
    // A signature made for one body does not verify another.
    const headers = signedHeaders('SH09', SECRET, clock * 1000, 'PUT', p, body, 'c'.repeat(32));
    expect(JSON.parse((await rawRequest(base, 'PUT', p, other, headers)).body)).toEqual({ error: 'bad_signature' });
    expect((await signed('PUT', p, body, { secret: 'wrong-secret-0123456789' })).status).toBe(401);
    const skewed = await signed('PUT', p, body, { at: clock - 301 });
    expect(JSON.parse(skewed.body)).toEqual({ error: 'clock_skew', serverTime: clock });
    expect((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', '{not json')).status).toBe(422);
    expect(
      JSON.parse((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', dayBody('SH09', '2026-11-27'))).body),
    ).toMatchObject({ error: 'invalid', reason: 'businessDate' });
    const tampered = JSON.parse(dayBody('SH09', '2026-11-26')) as Record<string, unknown>;
    tampered.zNumber = 5;
    expect(
      JSON.parse((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', JSON.stringify(tampered))).body),
    ).toMatchObject({ reason: 'ledgerHash' });
    const twice = dayBody('SH09', '2026-11-26', {
      trades: [1, 2].map(() => ({ tradeNo: 'SH09-20261126-0001', status: 'paid', lines: [] })),
    });
    expect(JSON.parse((await signed('PUT', '/v1/shops/SH09/days/2026-11-26', twice)).body)).toMatchObject({
      reason: 'trades',
    });
    expect(
      (await rawRequest(base, 'PUT', '/v1/shops/SH09/days/2026-11-26', Buffer.alloc(MAX_BODY_BYTES + 1, 32), {}))
        .status,
    ).toBe(413);
    // A chain gap is stored with its warning.
    const gap = await signed(
      'PUT',
      '/v1/shops/SH09/days/2026-11-28',
      dayBody('SH09', '2026-11-28', { prevDayJournalHead: 'b'.repeat(64) }),
    );
    expect(JSON.parse(gap.body)).toEqual({ stored: true, warnings: ['chain_gap'] });
    const state = JSON.parse((await signed('GET', '/v1/shops/SH09/state', '')).body) as Record<string, unknown>;
    expect(state).toMatchObject({ lastBusinessDate: '2026-11-28', lastZNumber: 1 });
  });

  it('accepts a v2 nonce once, signs every answer to a verified v2 request with the shop secret, and names its version and chain key', async () => {
    await started.hq.chain.set('chain-key-of-the-owner-0123456789');
    const r = await signed('GET', '/v1/shops/SH09/state', '');
    expect(r.status).toBe(200);
    expect(r.headers['x-carddesk-signature']).toBe(`v2=${answerSignature(SECRET, r.nonce ?? '', 200, r.body)}`);
    expect(r.headers['x-carddesk-version']).toBe(HQ_VERSION);
    expect(r.headers['x-carddesk-chain']).toBe(chainFingerprint('chain-key-of-the-owner-0123456789'));
    const again = await signed('GET', '/v1/shops/SH09/state', '', { nonce: r.nonce ?? '' });
    expect([again.status, JSON.parse(again.body)]).toEqual([401, { error: 'replayed' }]);
    expect(again.headers['x-carddesk-signature']).toBe(`v2=${answerSignature(SECRET, r.nonce ?? '', 401, again.body)}`);
    // The skew answer is signed too (the shop trusts head office's clock only then); a 304 has its empty body signed.
    const skewed = await signed('GET', '/v1/shops/SH09/quotes', '', { at: clock + 400 });
    expect(skewed.headers['x-carddesk-signature']).toBe(
      `v2=${answerSignature(SECRET, skewed.nonce ?? '', 401, skewed.body)}`,
    );
    const etag = await started.hq.feeds.setQuotes([]);
    const same = await signedRequest(base, 'SH09', SECRET, clock, 'GET', '/v1/shops/SH09/quotes', '', {
      headers: { 'If-None-Match': etag },
    });
    expect(same.status).toBe(304);
    expect(same.headers['x-carddesk-signature']).toBe(`v2=${answerSignature(SECRET, same.nonce ?? '', 304, '')}`);
    // What the shop said about itself is kept per shop.
    await signedRequest(base, 'SH09', SECRET, clock, 'GET', '/v1/shops/SH09/state', '', {
      headers: { [HEADERS.version]: '0.1.0/13', [HEADERS.chain]: 'abcdef0123456789' },
    });
    expect(await started.hq.shops.get('SH09')).toMatchObject({
      app_version: '0.1.0/13',
      chain_fingerprint: 'abcdef0123456789',
    });
    // Nonces stay in the database through the skew window (twice over), then leave it.
    const { db } = database();
    const Nonce = z.object({ nonce: z.string() });
    expect((await db.all(Nonce, 'SELECT nonce FROM nonces')).map((n) => n.nonce)).toContain(r.nonce);
    clock += 2 * 300 + 61;
    const later = await signed('GET', '/v1/shops/SH09/state', '');
    expect((await db.all(Nonce, 'SELECT nonce FROM nonces')).map((n) => n.nonce)).toEqual([later.nonce]);
  });

  it('refuses on headers alone before reading a body: a wrong shop or signature form, a declared length too large, a skewed clock', async () => {
    // A body that never ends: the answer must come from the headers.
    const early = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const req = http.request(`${base}/v1/shops/SH09/days/2026-12-01`, { method: 'PUT', headers }, (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          req.destroy();
        });
        req.on('error', () => undefined);
        req.write('x'.repeat(1024));
      });
    const good = signedHeaders(
      'SH09',
      SECRET,
      clock * 1000,
      'PUT',
      '/v1/shops/SH09/days/2026-12-01',
      '',
      'd'.repeat(32),
    );
    expect(await early({ ...good, [HEADERS.shop]: 'SH10' })).toBe(401);
    expect(await early({ ...good, [HEADERS.signature]: 'v3=abc' })).toBe(401);
    expect(await early({ ...good, [HEADERS.nonce]: 'short' })).toBe(401);
    expect(await early({ ...good, 'Content-Length': String(MAX_BODY_BYTES + 1) })).toBe(413);
    expect(
      await early(
        signedHeaders(
          'SH09',
          SECRET,
          (clock - 3600) * 1000,
          'PUT',
          '/v1/shops/SH09/days/2026-12-01',
          '',
          'e'.repeat(32),
        ),
      ),
    ).toBe(401);
    expect(await early({ ...good, [HEADERS.shop]: 'ZZ99' })).toBe(401);
  });

  it('handles a bounded number of requests at once and answers 503 with Retry-After beyond what may wait', async () => {
    // Four requests whose bodies never finish hold the four places; one more waits; the next is turned away.
    const p = '/v1/shops/SH09/days/2026-12-02';
    const slow: http.ClientRequest[] = [];
    for (let i = 0; i < 5; i++) {
      const req = http.request(`${base}${p}`, {
        method: 'PUT',
        headers: {
          ...signedHeaders('SH09', SECRET, clock * 1000, 'PUT', p, '', `${i}`.repeat(32)),
          'Content-Length': '10',
        },
      });
      req.on('error', () => undefined);
      req.write('x');
      slow.push(req);
    }
    await new Promise((r) => setTimeout(r, 300));
    const busy = await rawRequest(base, 'GET', '/v1/shops/SH09/state', '', {});
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    for (const r of slow) r.destroy();
    await expect.poll(async () => (await signed('GET', '/v1/shops/SH09/state', '')).status).toBe(200);
    // The ping is never turned away.
    expect((await rawRequest(base, 'GET', '/v1/ping', '', {})).status).toBe(200);
  });

  it('answers a disabled shop 401, takes a rotated secret at once and the old one only through its grace period', async () => {
    const { shops } = started.hq;
    await shops.register({ shopId: 'SH20', name: '轮换店' }, 'old-secret-of-sh20-0123');
    const ask = (secret: string) =>
      signedRequest(base, 'SH20', secret, clock, 'GET', '/v1/shops/SH20/state', '').then((r) => r.status);
    expect(await ask('old-secret-of-sh20-0123')).toBe(200);
    const { secret } = await shops.rotate('SH20', 3600);
    expect(secret).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
    expect(await ask(secret)).toBe(200);
    expect(await ask('old-secret-of-sh20-0123')).toBe(200);
    clock += 3601;
    expect(await ask('old-secret-of-sh20-0123')).toBe(401);
    expect(await ask(secret)).toBe(200);
    await shops.setEnabled('SH20', false);
    expect(await ask(secret)).toBe(401);
    await shops.setEnabled('SH20', true);
    expect(await ask(secret)).toBe(200);
    // Stored sealed with the server key: neither secret is in the database in clear.
    const stored = await database().db.all(
      z.object({ secret_enc: z.string() }),
      "SELECT secret_enc FROM shop_secrets WHERE shop_id = 'SH20'",
    );
    expect(stored).toHaveLength(2);
    for (const s of stored) expect(s.secret_enc).not.toContain(secret.slice(0, 8));
  });

  it('refuses another server key, a database from a newer head office, and rolls back a migration that fails', async () => {
    const { db } = database();
    await expect(openHeadOffice({ db, key: ServerKey.fromHex('11'.repeat(32)) })).rejects.toBeInstanceOf(
      ServerKeyError,
    );
    const known = MIGRATIONS.length;
    expect(await schemaVersion(db)).toBe(known);
    await db.run("UPDATE hq_meta SET value = $1 WHERE key = 'schema_version'", [String(known + 1)]);
    await expect(migrate(db)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await db.run("UPDATE hq_meta SET value = $1 WHERE key = 'schema_version'", [String(known)]);
    const failing = [
      ...MIGRATIONS,
      { version: known + 1, name: 'half', sql: 'CREATE TABLE half_done (x int); SELECT 1 / 0;' },
    ];
    await expect(migrate(db, failing)).rejects.toThrow(/division by zero/);
    expect(await schemaVersion(db)).toBe(known);
    expect(await db.get(Text, "SELECT COALESCE(to_regclass('half_done')::text, 'absent') AS value")).toEqual({
      value: 'absent',
    });
  });

  it('makes the first owner account once, with a scrypt hash of the password', async () => {
    const { people } = started.hq;
    await people.createOwner('王总', 'a-long-owner-password');
    await expect(people.createOwner('李总', 'another-long-password')).rejects.toBeInstanceOf(PeopleError);
    const row = await database().db.get(z.object({ password_hash: z.string() }), 'SELECT password_hash FROM people');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain('a-long-owner-password');
    expect(await passwordMatches('a-long-owner-password', row?.password_hash ?? '')).toBe(true);
    expect(await passwordMatches('a-long-owner-passwore', row?.password_hash ?? '')).toBe(false);
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
        '/v1/shops/SH09/cards/check',
        '/v1/shops/SH09/cards/bought',
        '/v1/shops/SH09/cards/voided',
        '/v1/shops/SH09/pricing',
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
        fc.oneof(fc.string(), fc.json(), fc.constant(dayBody('SH09', '2026-11-30'))),
        fc.boolean(),
        fc.boolean(),
        async (method, p, body, sign, hostileHeaders) => {
          const safePath = p.startsWith('/') ? p : `/${p}`;
          const r = sign
            ? await signed(method, safePath, body)
            : await rawRequest(
                base,
                method,
                safePath,
                body,
                hostileHeaders
                  ? {
                      [HEADERS.shop]: 'SH09',
                      [HEADERS.timestamp]: 'NaN',
                      [HEADERS.signature]: 'v1=zz',
                      [HEADERS.nonce]: "'; DROP TABLE days;--",
                    }
                  : {},
              );
          expect(codes.has(r.status), `${method} ${safePath} → ${r.status}`).toBe(true);
        },
      ),
      { numRuns: 200, seed: 20261126 },
    );
    expect((await rawRequest(base, 'GET', '/v1/ping', '', {})).status).toBe(200);
  });
});
