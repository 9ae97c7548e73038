// `npm run hq -- [command] [options]`: head office for a chain of shops (head-office.md, README "Head office").
//   serve (the default)        --port 8787 --host 127.0.0.1 [--behind-proxy]
//   shop add CODE --name N [--city C] [--group G]   prints the shop's secret, once
//   shop rotate CODE [--grace-hours 72]             prints the new secret, once; the old one verifies until then
//   shop disable CODE | shop enable CODE | shop list
//   shop set-group CODE GROUP [--city C]            a shop's group (a flat label) and city
//   create-owner --name N      the first console account; the password is read from standard input
//   chain-key set | chain-key generate              set once: typed on standard input, or made and printed once
//   quotes FILE.json           the quotes feed every shop pulls
//   pricing FILE.json [--group G]                   brands, calendar demand and promotions for all shops or a group
//   watch card|id --reason R   a lost or stolen number, read from standard input, stored as its chain hash only
//   watch remove card|id [NUMBER]                   a recovered number (standard input when not given): a tombstone
//   watch proposals | watch accept ID               cards recorded invalid at a shop, added to the list in one step
//   customer-matching on|off [--day-threshold-fen N]  customers matched across shops (off by default)
//   alerts [--kind duplicate_card|customer_across_shops]
// Everywhere: --database-url URL (or DATABASE_URL) for PostgreSQL 15+, else PGlite in --data-dir (./hq-data);
// the server key from CARDDESK_HQ_KEY or --key-file (<data-dir>/server.key, made on first start).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { AlertsError } from './alerts';
import { ChainKeyError } from './chain';
import { DatabaseTooNewError, migrate } from './db/migrate';
import { FolderLockedError } from './db/folder-lock';
import { describeWhere, openDatabase } from './db/open';
import { openPg } from './db/pg';
import type { Db } from './db/types';
import { openHeadOffice, type HeadOffice } from './head-office';
import { ServerKey, ServerKeyError } from './keys';
import { readMeta } from './meta';
import { PeopleError } from './people';
import { PricingError } from './pricing';
import type { Fault } from './server';
import { ShopError } from './shops';

const args = process.argv.slice(2);
const flags = new Map<string, string | true>();
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i] ?? '';
  if (a.startsWith('--')) {
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(a, next);
      i++;
    } else flags.set(a, true);
  } else words.push(a);
}
const flag = (name: string): string | null => {
  const v = flags.get(name);
  return typeof v === 'string' ? v : null;
};
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const log = (line: string) => out(`${new Date().toISOString()} ${line}`);
const testing = process.env.CARDDESK_TEST === '1';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Connections of the counter's lane, beside the main pool's ten. */
const COUNTER_POOL = 4;

class UsageError extends Error {
  override name = 'UsageError';
}

/** A line from standard input; on a terminal the prompt is shown and what is typed is not. */
async function secretLine(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY;
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  if (tty) process.stderr.write(prompt);
  const rl = readline.createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  try {
    for await (const line of rl) return line.trim();
    return '';
  } finally {
    rl.close();
    if (tty) process.stderr.write('\n');
  }
}

async function open(): Promise<{ db: Db; hq: HeadOffice; counterDb: Db | null }> {
  const where = {
    databaseUrl: flag('--database-url') ?? process.env.DATABASE_URL ?? null,
    dataDir: path.resolve(flag('--data-dir') ?? 'hq-data'),
  };
  const db = await openDatabase(where, testing ? log : undefined);
  const serving = words[0] === undefined || words[0] === 'serve';
  // The counter's lane has its own few connections to PostgreSQL (docs/head-office.md "The check").
  const counterDb =
    serving && where.databaseUrl ? openPg(where.databaseUrl, COUNTER_POOL, { asyncCommit: true }) : null;
  try {
    await migrate(db);
    const fresh = (await readMeta(db, 'server_key_check')) === null;
    const key = ServerKey.load({
      env: process.env.CARDDESK_HQ_KEY,
      file: path.resolve(flag('--key-file') ?? path.join(where.dataDir, 'server.key')),
      create: fresh,
    });
    const offset = testing ? Number(flag('--clock-offset') ?? 0) : 0;
    const hq = await openHeadOffice({
      db,
      key,
      now: () => Math.floor(Date.now() / 1000) + offset,
      log,
      faults: testing,
      counterDb: counterDb ?? undefined,
    });
    if (serving) log(`head office on ${describeWhere(where)}`);
    return { db, hq, counterDb };
  } catch (e) {
    await counterDb?.close();
    await db.close();
    throw e;
  }
}

async function serve(hq: HeadOffice, db: Db, counterDb: Db | null): Promise<void> {
  const host = flag('--host') ?? '127.0.0.1';
  // Plain HTTP carries shop answers and, later, console sessions: only on this machine, or behind a TLS proxy.
  if (!LOOPBACK.has(host) && !flags.has('--behind-proxy'))
    throw new UsageError(
      `--host ${host} serves plain HTTP beyond this machine: put head office behind a TLS reverse proxy and add --behind-proxy`,
    );
  if (testing) hq.queueFaults(...((flag('--faults') ?? '').split(',').filter(Boolean) as Fault[]));
  const port = await hq.listen(Number(flag('--port') ?? 8787), host);
  out(`HQ_URL=http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await hq.close();
  await counterDb?.close();
  await db.close();
}

async function command(hq: HeadOffice): Promise<void> {
  const [cmd, sub, arg] = words;
  if (cmd === 'shop' && sub === 'add' && arg) {
    const r = await hq.shops.register({
      shopId: arg,
      name: flag('--name') ?? arg,
      city: flag('--city') ?? '',
      group: flag('--group') ?? '',
    });
    out(`shop ${r.shopId} registered. Its secret, shown this once (type it into the shop's 总部同步 settings):`);
    return out(`SHOP_SECRET=${r.secret}`);
  }
  if (cmd === 'shop' && sub === 'rotate' && arg) {
    const hours = Number(flag('--grace-hours') ?? 72);
    const r = await hq.shops.rotate(arg, Math.round(hours * 3600));
    out(`shop ${arg}: new secret, shown this once; the old one is accepted for ${hours} more hours:`);
    return out(`SHOP_SECRET=${r.secret}`);
  }
  if (cmd === 'shop' && (sub === 'disable' || sub === 'enable') && arg) {
    await hq.shops.setEnabled(arg, sub === 'enable');
    return out(`shop ${arg} ${sub}d`);
  }
  if (cmd === 'shop' && sub === 'set-group' && arg) {
    const group = words[3];
    if (group === undefined) throw new UsageError('shop set-group CODE GROUP [--city C]');
    await hq.shops.setGroup(arg, group, flag('--city') ?? undefined);
    return out(`shop ${arg}: group ${group}`);
  }
  if (cmd === 'shop' && sub === 'list') {
    const chain = await hq.chain.fingerprint();
    for (const s of await hq.shops.list()) {
      const mismatch = chain && s.chain_fingerprint && s.chain_fingerprint !== chain ? ' CHAIN KEY MISMATCH' : '';
      const seen = s.last_contact_at ? new Date(s.last_contact_at * 1000).toISOString() : 'never';
      out(
        `${s.shop_id}\t${s.name}\t${s.city}\t${s.group_name}\t${s.enabled ? 'enabled' : 'disabled'}\tversion ${s.app_version ?? '-'}\tchain ${s.chain_fingerprint ?? '-'}${mismatch}\tlast contact ${seen}`,
      );
    }
    return;
  }
  if (cmd === 'create-owner') {
    const name = flag('--name');
    if (!name) throw new UsageError('create-owner --name NAME (the password is read from standard input)');
    await hq.people.createOwner(name, await secretLine('password: '));
    return out(`owner ${name} created`);
  }
  if (cmd === 'chain-key' && sub === 'set') {
    await hq.chain.set(await secretLine('chain key: '));
    return out(`chain key set (fingerprint ${await hq.chain.fingerprint()})`);
  }
  if (cmd === 'chain-key' && sub === 'generate') {
    const k = await hq.chain.set();
    out('chain key generated, shown this once (type it into every shop):');
    return out(`CHAIN_KEY=${k}`);
  }
  if (cmd === 'quotes' && sub) {
    const quotes = JSON.parse(fs.readFileSync(sub, 'utf8')) as unknown;
    if (!Array.isArray(quotes)) throw new UsageError('the quotes file holds a JSON array of quotes');
    return out(`quotes feed set (etag ${await hq.feeds.setQuotes(quotes)})`);
  }
  if (cmd === 'pricing' && sub) {
    const group = flag('--group') ?? '';
    const etag = await hq.pricing.set(JSON.parse(fs.readFileSync(sub, 'utf8')) as unknown, group);
    return out(`pricing set for ${group ? `group ${group}` : 'all shops'} (etag ${etag})`);
  }
  if (cmd === 'watch' && sub === 'remove' && (arg === 'card' || arg === 'id')) {
    const removed = await hq.feeds.unwatchNumber(arg, words[3] ?? (await secretLine('number: ')));
    return out(removed ? 'removed from the watch list' : 'not on the watch list; nothing changed');
  }
  if (cmd === 'watch' && sub === 'proposals') {
    for (const p of await hq.alerts.proposals())
      out(
        `${p.id}	card ${p.hash.slice(0, 12)}…	${p.shop_id}	${p.trade_no} #${p.position}	invalid on ${p.business_date}`,
      );
    return;
  }
  if (cmd === 'watch' && sub === 'accept' && arg) {
    if (!/^\d{1,15}$/.test(arg)) throw new UsageError('watch accept ID (the number `watch proposals` shows)');
    const p = await hq.alerts.accept(Number(arg));
    return out(`proposal ${p.id} accepted: the card is on the chain watch list`);
  }
  if (cmd === 'customer-matching' && (sub === 'on' || sub === 'off')) {
    const threshold = flag('--day-threshold-fen');
    if (threshold !== null) await hq.settings.setIdentityDayFen(Number(threshold));
    await hq.settings.setCustomerMatching(sub === 'on');
    return out(`customer matching across shops ${sub} (day threshold ${await hq.settings.identityDayFen()} fen)`);
  }
  if (cmd === 'alerts') {
    const kind = flag('--kind');
    if (kind !== null && kind !== 'duplicate_card' && kind !== 'customer_across_shops')
      throw new UsageError('alerts [--kind duplicate_card|customer_across_shops]');
    for (const a of await hq.alerts.list(kind ? { kind } : {}))
      out(
        `${a.id}	${new Date(a.raised_at * 1000).toISOString()}	${a.kind}	${a.subject.slice(0, 12)}…	${JSON.stringify(a.detail)}`,
      );
    return;
  }
  if (cmd === 'watch' && (sub === 'card' || sub === 'id')) {
    const reason = flag('--reason');
    if (!reason) throw new UsageError('watch card|id --reason R (the number is read from standard input)');
    await hq.feeds.watchNumber(sub, await secretLine('number: '), reason);
    return out(`added to the watch list`);
  }
  throw new UsageError(`unknown command: ${words.join(' ')} (see the head of hq/main.ts or the README)`);
}

async function main(): Promise<void> {
  const { db, hq, counterDb } = await open();
  if (words[0] === undefined || words[0] === 'serve') return serve(hq, db, counterDb);
  try {
    await command(hq);
  } finally {
    await hq.close();
    await db.close();
  }
}

// Bundled as CommonJS (no top-level await): the promise is ended here, with the words for what went wrong.
main().catch((e: unknown) => {
  const known = [
    UsageError,
    ServerKeyError,
    ShopError,
    PeopleError,
    ChainKeyError,
    AlertsError,
    PricingError,
    DatabaseTooNewError,
    FolderLockedError,
  ].some((k) => e instanceof k);
  // Values travel as parameters, never in statements, so a driver's message carries none of them.
  const text = e instanceof Error ? (known ? e.message : `${e.name}: ${e.message}`) : 'failed';
  process.stderr.write(`hq: ${text}\n`);
  process.exitCode = 1;
});
