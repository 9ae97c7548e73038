// `npx tsx bench/statements.ts`: the statements each counter call of a paid 3-card trade runs, counted by
// wrapping the statement cache (prepare) of the backend's connection. For reading, not a figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openShop } from './counter';
import { BENCH_PASSPHRASE, BENCH_PIN } from './generate';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carddesk-statements-'));
  const s = await openShop(dir);
  await s.must('setup.complete', {
    shop: { name: '基准店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  await s.must('quotes.renew', {});
  await s.must('days.open', { count: { '10000': 100_000 } });
  const db = s.backend.services.sql.db;
  const counts = new Map<string, number>();
  let current = '';
  const prepare = db.prepare.bind(db);
  // Every statement the Sql cache holds goes through prepare once; wrap what it returns to count each run.
  db.prepare = ((text: string) => {
    const st = prepare(text);
    for (const m of ['run', 'get', 'all', 'iterate'] as const) {
      const f = st[m].bind(st) as (...a: unknown[]) => unknown;
      (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        const k = `${current}\t${text.replace(/\s+/g, ' ').slice(0, 110)}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        return f(...a);
      };
    }
    return st;
  }) as typeof db.prepare;
  s.backend.services.sql.swap(db);
  const call = async (name: string, input: unknown) => ((current = name), s.must(name, input));
  const verbose = process.argv.includes('--verbose');
  for (let round = 0; round < 2; round++) {
    counts.clear();
    const t = (await call('trades.create', {})) as { id: string };
    await call('customers.attach', { tradeId: t.id, phone: `1390000000${round}` });
    for (let k = 0; k < 3; k++) {
      await call('trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number: `JDE${String(round * 10 + k + 1).padStart(13, '0')}`,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
    }
    const o = (await call('trades.offer', { tradeId: t.id })) as { groups: { key: string }[] };
    const a = (await call('trades.accept', { tradeId: t.id, groupKey: o.groups[0]?.key })) as { payoutFen: number };
    await call('trades.pay', {
      tradeId: t.id,
      requestId: `statements-${round}`,
      parts: [{ method: 'cash', amountFen: a.payoutFen - (a.payoutFen % 10) }],
    });
  }
  const per = new Map<string, number>();
  for (const [k, n] of counts) per.set(k.split('\t')[0] ?? '', (per.get(k.split('\t')[0] ?? '') ?? 0) + n);
  if (verbose)
    for (const [k, n] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
      process.stdout.write(`${String(n).padStart(3)} ${k}\n`);
  for (const [k, n] of per) process.stdout.write(`${k.padEnd(20)} ${n}\n`);
  process.stdout.write(`${'total'.padEnd(20)} ${[...per.values()].reduce((x, y) => x + y, 0)}\n`);
  s.backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
