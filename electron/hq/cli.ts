// `npm run hq`: the reference head office on loopback, to try sync by hand.
//   npm run hq -- --port 8787 --db hq.sqlite --shop SH01:a-long-shop-secret [--shop …] [--quotes feed.json] [--faults 500,drop-after] [--clock-offset 0]
// Prints HQ_URL=http://127.0.0.1:<port>. In the shop: 设置 → 总部同步 → that address and the same shop secret.
import fs from 'node:fs';
import path from 'node:path';
import { createHqServer, type Fault } from './server';

const args = process.argv.slice(2);
const all = (name: string) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1] as string] : []));
const one = (name: string, fallback: string) => all(name)[0] ?? fallback;

// --clock-offset SECONDS: head office's clock set on purpose (to try a shop PC whose clock is moved).
const offset = Number(one('--clock-offset', '0'));
const hq = createHqServer({
  dbFile: path.resolve(one('--db', 'hq.sqlite')),
  now: () => Math.floor(Date.now() / 1000) + offset,
  log: (l) => process.stdout.write(`${new Date().toISOString()} ${l}\n`),
});
for (const s of all('--shop')) {
  const [id, ...rest] = s.split(':');
  const secret = rest.join(':');
  if (!id || secret.length < 16) throw new Error('--shop takes SHOPCODE:secret (the secret at least 16 characters)');
  hq.addShop(id, secret);
}
const quotes = all('--quotes')[0];
if (quotes) hq.setQuotes(JSON.parse(fs.readFileSync(quotes, 'utf8')) as unknown[]);
const faults = one('--faults', '').split(',').filter(Boolean) as Fault[];
hq.queueFaults(...faults);
const port = await hq.listen(Number(one('--port', '8787')));
process.stdout.write(`HQ_URL=http://127.0.0.1:${port}\n`);
const stop = () => void hq.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
