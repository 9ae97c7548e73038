// Exactly once with several head-office processes (PostgreSQL only: PGlite is in-process): two processes on one
// database receive the same day at the same moment; it is stored once, one answers 201 and the other 200; two
// different bodies for one day: one is stored, the other answers 409; two shops report one card at the same moment,
// each to its own process: the cross-shop duplicate alert is raised once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openHeadOffice } from '../../hq/head-office';
import { ROOT, waitForLine } from '../support/host';
import { TEST_SERVER_KEY, useHqDatabase } from '../support/hq';
import { chainHash } from '../../shared/protocol/signing';
import { dayBody, signedRequest } from '../support/hq-requests';

const SECRET = 'two-process-secret-0123456789';
const database = useHqDatabase('pg');
const procs: ChildProcess[] = [];
const bases: string[] = [];

beforeAll(async () => {
  const { db, pg } = database();
  const hq = await openHeadOffice({ db, key: TEST_SERVER_KEY });
  await hq.shops.register({ shopId: 'SH09', name: '两个进程' }, SECRET);
  await hq.shops.register({ shopId: 'SH10', name: '另一家' }, SECRET);
  for (let i = 0; i < 2; i++) {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'hq', 'main.ts'), '--port', '0', '--database-url', pg?.url ?? ''],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CARDDESK_HQ_KEY: '5e'.repeat(32) } },
    );
    procs.push(proc);
    bases.push((await waitForLine(proc, /HQ_URL=(\S+)/, 60_000))[1] ?? '');
    proc.stdout?.resume();
  }
}, 120_000);
afterAll(() => {
  for (const p of procs) p.kill();
});

const now = () => Math.floor(Date.now() / 1000);
const put = (base: string, date: string, body: string) =>
  signedRequest(base, 'SH09', SECRET, now(), 'PUT', `/v1/shops/SH09/days/${date}`, body, {
    headers: { 'Idempotency-Key': `SH09:${date}:${(JSON.parse(body) as { ledgerHash: string }).ledgerHash}` },
  }).then((r) => r.status);
const Held = z.object({ n: z.number().int() });

describe('two head-office processes on one PostgreSQL database', () => {
  it('store a day sent to both at the same moment once: one 201, one 200, twenty times over', async () => {
    const [a = '', b = ''] = bases;
    for (let d = 1; d <= 20; d++) {
      const date = `2026-10-${String(d).padStart(2, '0')}`;
      const body = dayBody('SH09', date, {
        zNumber: d,
        trades: [
          {
            tradeNo: `SH09-202610${String(d).padStart(2, '0')}-0001`,
            paidAt: `${date}T03:00:00.000Z`,
            staff: '店员',
            status: 'paid',
            roundingFen: 0,
            payments: [{ method: 'bank', amountFen: 90_100 }],
            lines: [
              {
                brand: 'jd',
                form: 'e',
                last4: '1234',
                cardHash: null,
                valueFen: 100_000,
                rateBp: 9010,
                payoutFen: 90_100,
              },
            ],
          },
        ],
      });
      const answers = await Promise.all([put(a, date, body), put(b, date, body)]);
      expect(
        answers.sort((x, y) => x - y),
        date,
      ).toEqual([200, 201]);
    }
    const { db } = database();
    expect((await db.get(Held, "SELECT COUNT(*)::int AS n FROM days WHERE shop_id = 'SH09'"))?.n).toBe(20);
    expect((await db.get(Held, "SELECT COUNT(*)::int AS n FROM cards WHERE shop_id = 'SH09'"))?.n).toBe(20);
    // The summaries counted each day once.
    expect((await db.get(Held, "SELECT SUM(cards)::int AS n FROM day_figures WHERE shop_id = 'SH09'"))?.n).toBe(20);
    expect((await db.get(Held, "SELECT SUM(days)::int AS n FROM month_totals WHERE shop_id = 'SH09'"))?.n).toBe(20);
  });

  it('keeps the first of two different bodies for one day and answers the other 409', async () => {
    const [a = '', b = ''] = bases;
    for (let d = 1; d <= 10; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      const answers = await Promise.all([
        put(a, date, dayBody('SH09', date, { zNumber: 100 + d })),
        put(b, date, dayBody('SH09', date, { zNumber: 200 + d })),
      ]);
      expect(
        answers.sort((x, y) => x - y),
        date,
      ).toEqual([201, 409]);
    }
    const { db } = database();
    expect((await db.get(Held, "SELECT COUNT(*)::int AS n FROM days WHERE business_date LIKE '2026-11-%'"))?.n).toBe(
      10,
    );
  });

  it('raise the duplicate alert once when two shops report one card at the same moment to two processes', async () => {
    const [a = '', b = ''] = bases;
    const bought = (base: string, shop: string, n: number) => {
      const tradeNo = `${shop}-LIVE-${n}`;
      const body = JSON.stringify({
        tradeNo,
        paidAt: '2026-12-01T03:00:00.000Z',
        lines: [{ position: 1, cardHash: chainHash('k'.repeat(16), `62${n}`), brand: 'jd', form: 'e', valueFen: 1 }],
      });
      return signedRequest(base, shop, SECRET, now(), 'POST', `/v1/shops/${shop}/cards/bought`, body, {
        headers: { 'Idempotency-Key': `${shop}:${tradeNo}:bought` },
      }).then((r) => r.status);
    };
    for (let n = 0; n < 20; n++)
      expect(await Promise.all([bought(a, 'SH09', n), bought(b, 'SH10', n)]), String(n)).toEqual([201, 201]);
    const { db } = database();
    const per = await db.all(
      z.object({ subject: z.string(), n: z.number().int() }),
      "SELECT subject, COUNT(*)::int AS n FROM alerts WHERE kind = 'duplicate_card' GROUP BY subject",
    );
    expect(per).toHaveLength(20);
    expect(per.every((p) => p.n === 1)).toBe(true);
  });
});
