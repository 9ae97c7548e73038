// Secrets at rest and on the way out: after a scripted day with known card numbers, card secrets, an ID number and
// phone numbers — paid in cash with receipts printed, sealed with the Z-report printed, backed up, sent to head
// office — none of them appears in the SQLite file, its WAL, the backups, the logs, the printed bytes or the bodies
// head office stored. The scan reports how many bytes it read.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OWNER_PIN, type TestBackend } from '../support/backend';
import { counterShop, createTrade } from '../support/counter';
import { useHqDatabase } from '../support/hq';
import { CHAIN_KEY, configure, drain, startHq, type ShopsHq } from '../support/sync';
import { VirtualPrinter } from '../support/virtual-printer';

let t: TestBackend | undefined;
const hqDb = useHqDatabase('pglite');
let hq: ShopsHq | undefined;
const printer = new VirtualPrinter();
afterEach(async () => {
  await hq?.close();
  await printer.stop();
  t?.close();
});

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('secrets', () => {
  it('leaves no card number, card secret, ID or phone number in the database, WAL, backups, logs, printouts or head office', async () => {
    await printer.start();
    const s = await counterShop();
    t = s.t;
    const started = await startHq(hqDb().db, t);
    hq = started;
    await configure(t, s.owner, started.url, { chainKey: CHAIN_KEY });
    await t.must(s.owner, 'printing.updateSettings', {
      target: `tcp://127.0.0.1:${printer.port}`,
      cpl: 48,
      timeoutMs: 3000,
      shopCopy: true,
      drawerOnCash: true,
      language: 'zh-CN',
    });
    const cards = [
      { number: 'JDE5123456789012', secret: 'SECRETAAAA111122' },
      { number: 'JDE5987654321098', secret: 'SECRETBBBB333344' },
      { number: '6212345678901234567', secret: 'SECRETCCCC555566' },
    ];
    const phone = '13987654321';
    const idNumber = '11010519491231002X';
    const tr = await createTrade(t, s.clerk, phone);
    await t.must(s.clerk, 'customers.setIdentity', { tradeId: tr.id, name: '李四', idType: 'resident', idNumber });
    for (const c of cards) {
      await t.must(s.clerk, 'trades.addLine', {
        tradeId: tr.id,
        brand: 'jd',
        form: c.number.startsWith('JDE') ? 'e' : 'physical',
        number: c.number,
        secret: c.secret,
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
    }
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'secrets-scan-1',
      parts: [{ method: 'cash', amountFen: v.payoutFen - (v.payoutFen % 10) }],
    });
    // The owner looks at a secret (journaled) and reveals a batch for resale: reading is allowed, storing is not.
    await t.must(s.owner, 'trades.revealCard', { lineId: v.lines[0]!.id });
    const day = await t.must(s.owner, 'days.current', {});
    await t.must(s.clerk, 'days.close', {
      count: {
        '10000': Math.floor((day?.expectedCashFen ?? 0) / 10000),
        '10': ((day?.expectedCashFen ?? 0) % 10000) / 10,
      },
    });
    await t.backend.services.printing.drain();
    await printer.waitForJobs(3);
    await t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN }).catch(() => undefined);
    await t.must(s.owner, 'backups.run', {});
    await drain(t);
    expect(await hq.stored('SH01')).toHaveLength(1);
    // Read while the database is open, so its WAL is there to be read too.
    expect(fs.existsSync(path.join(t.dataDir, 'carddesk.sqlite-wal'))).toBe(true);

    const needles = [...cards.flatMap((c) => [c.number, c.secret]), phone, idNumber, idNumber.slice(0, 17)];
    const sources: { name: string; bytes: Buffer }[] = [
      ...files(t.dataDir).map((f) => ({ name: path.relative(t!.dataDir, f), bytes: fs.readFileSync(f) })),
      ...printer.jobs.map((j, i) => ({ name: `printed job ${i}`, bytes: j.bytes })),
      ...(await hqDb().db.all(z.object({ body: z.string() }), 'SELECT body FROM days')).map((r, i) => ({
        name: `head office body ${i}`,
        bytes: Buffer.from(r.body),
      })),
      { name: 'logs in memory', bytes: Buffer.from(t.logs.join('\n')) },
    ];
    expect(sources.some((x) => x.name.endsWith('carddesk.sqlite'))).toBe(true);
    expect(sources.some((x) => x.name.endsWith('carddesk.sqlite-wal'))).toBe(true);
    expect(sources.some((x) => x.name.startsWith('backups'))).toBe(true);
    let scanned = 0;
    for (const src of sources) {
      scanned += src.bytes.length;
      for (const n of needles) {
        for (const form of [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le'), Buffer.from(n.toLowerCase(), 'utf8')]) {
          expect(src.bytes.includes(form), `${n} in ${src.name}`).toBe(false);
        }
      }
    }
    process.stdout.write(
      `secrets scan: ${sources.length} sources, ${scanned} bytes, ${needles.length} values, 0 found\n`,
    );
  });
});
