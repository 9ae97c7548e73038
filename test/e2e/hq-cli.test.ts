// Head office's commands as an owner runs them (`npm run hq -- …`): a shop's secret shown once and stored sealed
// with the server key from the environment or a key file, rotated and disabled; the first owner account once; the
// chain key set once; a wrong server key refused; plain HTTP beyond loopback refused unless behind a proxy. Run on the
// built bundle (dist/hq/hq.cjs), as `npm run hq` runs it, on PostgreSQL (the bundle on PGlite: test/e2e/sync.test.ts;
// the key file and the PGlite folder's lock: test/unit/hq-keys.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openPg } from '../../hq/db/pg';
import { tempDir } from '../support/backend';
import { ROOT, waitForLine } from '../support/host';
import { useHqDatabase } from '../support/hq';

const database = useHqDatabase('pg');
const KEY = 'ab'.repeat(32);
const HQ_JS = path.join(ROOT, 'dist', 'hq', 'hq.cjs');
if (!fs.existsSync(HQ_JS)) throw new Error('dist/hq/hq.cjs is missing: run `npm run build` first');
let dbCount = 0;

function hq(args: string[], o: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(process.execPath, [HQ_JS, ...args], {
    cwd: ROOT,
    input: o.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, CARDDESK_HQ_KEY: KEY, CARDDESK_TEST: '', ...o.env },
    timeout: 60_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** A fresh database on the file's PostgreSQL server, and the `--database-url` for it. */
function freshDatabase(): { url: string; args: string[] } {
  const url = database().pg?.createDatabase(`cli_${++dbCount}`) ?? '';
  return { url, args: ['--database-url', url] };
}

const Row = z.record(z.string(), z.unknown());
async function everything(url: string): Promise<string> {
  const db = openPg(url, 1);
  try {
    const tables = ['shops', 'shop_secrets', 'people', 'hq_meta'];
    const rows = await Promise.all(tables.map((t) => db.all(Row, `SELECT * FROM ${t}`)));
    return JSON.stringify(rows);
  } finally {
    await db.close();
  }
}

describe('head office’s commands', () => {
  it('registers a shop and shows its secret once, rotates and disables it, and keeps no secret in clear', async () => {
    const { url, args } = freshDatabase();
    const added = hq(['shop', 'add', 'SH01', '--name', '京东回收店', '--city', '上海', '--group', '华东', ...args]);
    expect(added.status, added.err).toBe(0);
    const secret = /SHOP_SECRET=(\S+)/.exec(added.out)?.[1] ?? '';
    expect(secret).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
    const rotated = hq(['shop', 'rotate', 'SH01', '--grace-hours', '2', ...args]);
    const second = /SHOP_SECRET=(\S+)/.exec(rotated.out)?.[1] ?? '';
    expect(second).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
    expect(second).not.toBe(secret);
    expect(hq(['shop', 'disable', 'SH01', ...args]).out).toContain('SH01 disabled');
    const list = hq(['shop', 'list', ...args]);
    expect(list.out).toMatch(/SH01\t京东回收店\t上海\t华东\tdisabled/);
    expect(hq(['shop', 'add', 'SH01', ...args])).toMatchObject({
      status: 1,
      err: expect.stringContaining('already') as unknown,
    });
    const stored = await everything(url);
    for (const s of [secret, second]) {
      expect(list.out).not.toContain(s);
      for (const part of s.split('-')) expect(stored).not.toContain(part);
    }
  });

  it('makes the first owner from a password on standard input, once', async () => {
    const { url, args } = freshDatabase();
    const password = 'the-owner-password-2026';
    expect(hq(['create-owner', '--name', '王总', ...args], { input: `${password}\n` })).toMatchObject({ status: 0 });
    const again = hq(['create-owner', '--name', '李总', ...args], { input: 'another-long-password\n' });
    expect(again).toMatchObject({ status: 1, err: expect.stringContaining('first one only') as unknown });
    expect(hq(['create-owner', '--name', '短', ...freshDatabase().args], { input: 'short\n' }).err).toContain('12');
    const stored = await everything(url);
    expect(stored).toContain('scrypt$');
    expect(stored).not.toContain(password);
  });

  it('sets the chain key once (generated and shown once, or typed), sealed like the shop secrets', async () => {
    const { url, args } = freshDatabase();
    const made = hq(['chain-key', 'generate', ...args]);
    const key = /CHAIN_KEY=(\S+)/.exec(made.out)?.[1] ?? '';
    expect(key.length).toBeGreaterThanOrEqual(16);
    expect(hq(['chain-key', 'set', ...args], { input: 'typed-chain-key-0123456789\n' })).toMatchObject({
      status: 1,
      err: expect.stringContaining('never changed') as unknown,
    });
    expect(await everything(url)).not.toContain(key);
    const typed = freshDatabase();
    expect(hq(['chain-key', 'set', ...typed.args], { input: 'typed-chain-key-0123456789\n' }).out).toMatch(
      /fingerprint [0-9a-f]{16}/,
    );
    expect(await everything(typed.url)).not.toContain('typed-chain-key-0123456789');
  });

  it('refuses a server key other than the database’s, or none at all, and changes nothing', () => {
    const { args } = freshDatabase();
    expect(hq(['shop', 'add', 'SH01', ...args]).status).toBe(0);
    const other = hq(['shop', 'list', ...args], { env: { CARDDESK_HQ_KEY: 'cd'.repeat(32) } });
    expect(other).toMatchObject({ status: 1, err: expect.stringContaining('not the one this database') as unknown });
    const dir = tempDir('carddesk-hq-nokey-');
    const none = hq(['shop', 'list', '--data-dir', dir, ...args], { env: { CARDDESK_HQ_KEY: '' } });
    expect(none).toMatchObject({ status: 1, err: expect.stringContaining('no server key') as unknown });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(hq(['shop', 'list', ...args], { env: { CARDDESK_HQ_KEY: 'not-hex' } }).err).toContain('64 hex');
  });

  it('serves plain HTTP beyond this machine only when told it is behind a TLS proxy', async () => {
    const { args } = freshDatabase();
    const refused = hq(['--host', '0.0.0.0', '--port', '0', ...args]);
    expect(refused).toMatchObject({ status: 1, err: expect.stringContaining('--behind-proxy') as unknown });
    const proc = spawn(process.execPath, [HQ_JS, '--host', '0.0.0.0', '--port', '0', '--behind-proxy', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CARDDESK_HQ_KEY: KEY },
    });
    const m = await waitForLine(proc, /HQ_URL=http:\/\/0\.0\.0\.0:(\d+)/, 60_000);
    expect((await fetch(`http://127.0.0.1:${m[1]}/v1/ping`)).status).toBe(200);
    await new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM')));
  });

  it('sets a shop’s group, pricing per group, watch-list removals, proposals and customer matching', async () => {
    const { url, args } = freshDatabase();
    expect(hq(['chain-key', 'set', ...args], { input: 'typed-chain-key-0123456789\n' }).status).toBe(0);
    expect(hq(['shop', 'add', 'SH01', '--name', '东门店', '--city', '深圳', '--group', '华南', ...args]).status).toBe(
      0,
    );
    expect(hq(['shop', 'set-group', 'SH01', '华东', '--city', '上海', ...args]).out).toContain('group 华东');
    expect(hq(['shop', 'list', ...args]).out).toMatch(/SH01\t东门店\t上海\t华东\tenabled/);
    expect(hq(['shop', 'set-group', 'ZZ99', '华东', ...args]).err).toContain('no shop ZZ99');

    const dir = tempDir('carddesk-hq-pricing-');
    const file = path.join(dir, 'pricing.json');
    const promo = {
      name: '周末',
      from: '2026-12-05T00:00:00+08:00',
      to: '2026-12-07T00:00:00+08:00',
      bp: 30,
      brand: null,
      form: null,
    };
    fs.writeFileSync(file, JSON.stringify({ promotions: [promo] }));
    expect(hq(['pricing', file, '--group', '华东', ...args]).out).toMatch(
      /pricing set for group 华东 \(etag "[0-9a-f]{16}"\)/,
    );
    fs.writeFileSync(file, JSON.stringify({ promotions: [{ ...promo, bp: 5000 }] }));
    expect(hq(['pricing', file, ...args])).toMatchObject({
      status: 1,
      err: expect.stringContaining('promotions.0.bp: range (-500–500 bp)') as unknown,
    });

    expect(hq(['watch', 'card', '--reason', '挂失', ...args], { input: '6200 0000 0000 0001\n' }).status).toBe(0);
    expect(hq(['watch', 'remove', 'card', ...args], { input: '6200000000000001\n' }).out).toContain('removed');
    expect(hq(['watch', 'remove', 'card', '6200000000000001', ...args]).out).toContain('not on the watch list');
    expect(hq(['watch', 'proposals', ...args])).toMatchObject({ status: 0, out: '' });
    expect(hq(['watch', 'accept', '7', ...args]).err).toContain('no open proposal 7');

    expect(hq(['customer-matching', 'on', '--day-threshold-fen', '800000', ...args]).out).toContain(
      'customer matching across shops on (day threshold 800000 fen)',
    );
    expect(hq(['customer-matching', 'off', '--day-threshold-fen', '2000000', ...args]).err).toContain(
      '10000 to 1000000',
    );
    expect(hq(['alerts', ...args])).toMatchObject({ status: 0, out: '' });
    const stored = await everything(url);
    expect(stored).toContain('"customer_matching","value":"on"');
    const db = openPg(url, 1);
    try {
      const watch = await db.all(Row, 'SELECT * FROM watch ORDER BY seq');
      expect(watch.map((w) => w.removed)).toEqual([false, true]);
      expect(JSON.stringify(watch)).not.toContain('6200000000000001');
    } finally {
      await db.close();
    }
  });
});
