// Upgrades: the checked-in database written by the first released schema (test/fixtures/first-release, made by
// make-first-release.ts) migrates to the current schema with every figure intact, and the shop trades on.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../electron/adapters/file-keystore';
import { schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { TABLES } from '../../electron/core/db/rows';
import {
  DrawerCount,
  JournalPayload,
  LineEventPayload,
  QuoteSnapshot,
  readJson,
  StoredExplanation,
  StoredSyncBody,
  StoredZReport,
  TradeComplianceJson,
} from '../../electron/core/db/stored';
import { DEMO_CLERKS, DEMO_OWNER, FIRST_RELEASE_PASSPHRASE } from '../../bench/shop';
import { makeBackend, tempDir, TestBinding, type TestBackend } from '../support/backend';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'first-release');
let t: TestBackend | undefined;
afterEach(() => t?.close());

describe('upgrading a shop', () => {
  it('migrates the first released schema to the current one with every figure intact', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
      schemaVersion: number;
      zReports: {
        business_date: string;
        z_number: number;
        body: string;
        journal_head: string;
        grand_total_fen: number;
      }[];
      outbox: { business_date: string; ledger_hash: string }[];
      trades: { n: number; payout: number; value: number };
      lines: { n: number };
      journal: { seq: number; head: string };
    };
    expect(expected.schemaVersion).toBeLessThan(MIGRATIONS.at(-1)!.version);
    const dataDir = tempDir('carddesk-upgrade-');
    fs.copyFileSync(path.join(FIXTURE, 'carddesk.sqlite'), path.join(dataDir, 'carddesk.sqlite'));
    // Another PC: the keys come back with the recovery passphrase.
    t = makeBackend({ dataDir, keys: new MemoryKeyStore() });
    const { sql } = t.backend.services;
    expect(schemaVersion(sql.db)).toBe(MIGRATIONS.at(-1)!.version);
    const b = new TestBinding();
    await t.must(b, 'keys.unlock', { passphrase: FIRST_RELEASE_PASSPHRASE });
    const owner = sql.get<{ id: string }>("SELECT id FROM staff WHERE role = 'owner'")!;
    await t.must(b, 'auth.login', { staffId: owner.id, pin: DEMO_OWNER.pin });

    expect(
      sql.all(
        'SELECT business_date, z_number, body, journal_head, grand_total_fen FROM z_reports ORDER BY business_date',
      ),
    ).toEqual(expected.zReports);
    expect(sql.all('SELECT business_date, ledger_hash FROM sync_outbox ORDER BY business_date')).toEqual(
      expected.outbox,
    );
    expect(
      sql.get(
        "SELECT COUNT(*) AS n, SUM(payout_fen) AS payout, SUM(value_fen) AS value FROM trades WHERE status = 'paid'",
      ),
    ).toEqual(expected.trades);
    expect(sql.get('SELECT COUNT(*) AS n FROM trade_lines WHERE removed = 0')).toEqual(expected.lines);
    const verify = await t.must(b, 'ledger.verify', {});
    expect(verify.ok).toBe(true);
    // The journal kept every entry: the one that was the head is still there with its hash (unlocking and logging in
    // on this PC added entries after it).
    expect(sql.get('SELECT hash FROM journal WHERE seq = ?', expected.journal.seq)).toEqual({
      hash: expected.journal.head,
    });
    for (const z of expected.zReports) {
      const shown = await t.must(b, 'ledger.report', { businessDate: z.business_date });
      expect(shown.report).toEqual(JSON.parse(z.body));
    }
    // The shop goes on: a card number bought before the upgrade is still refused, and the next day seals as Z n+1.
    const clerkRow = sql.get<{ id: string }>('SELECT id FROM staff WHERE name = ?', DEMO_CLERKS[0]!.name)!;
    const clerk = new TestBinding();
    await t.must(clerk, 'auth.login', { staffId: clerkRow.id, pin: DEMO_CLERKS[0]!.pin });
    await t.must(b, 'quotes.renew', {});
    await t.must(clerk, 'days.open', { count: { '10000': 100 } });
    const closed = await t.must(b, 'days.close', { count: { '10000': 100 } });
    expect(closed.report.zNumber).toBe(expected.zReports.at(-1)!.z_number + 1);
    expect(closed.report.grandTotalFen).toBe(expected.zReports.at(-1)!.grand_total_fen);
  });

  it('reads every row and every stored JSON of the first release through the schemas of today', async () => {
    const dataDir = tempDir('carddesk-upgrade-');
    fs.copyFileSync(path.join(FIXTURE, 'carddesk.sqlite'), path.join(dataDir, 'carddesk.sqlite'));
    t = makeBackend({ dataDir, keys: new MemoryKeyStore() });
    const { sql } = t.backend.services;
    for (const [table, schema] of Object.entries(TABLES)) {
      expect(sql.all(schema, `SELECT * FROM ${table}`).length, table).toBe(sql.all(`SELECT 1 FROM ${table}`).length);
    }
    const texts = (q: string) => sql.all<{ v: string }>(q).map((r) => r.v);
    const zs = texts('SELECT body AS v FROM z_reports').map((b) => readJson(StoredZReport, b));
    expect(zs.length).toBeGreaterThan(0);
    expect(zs.map((z) => z.zNumber)).toEqual(zs.map((_, i) => i + 1));
    const bodies = texts('SELECT body AS v FROM sync_outbox').map((b) => readJson(StoredSyncBody, b));
    expect(bodies.map((b) => b.zNumber)).toEqual(zs.map((z) => z.zNumber));
    expect(
      texts('SELECT payload AS v FROM line_events').map((p) => readJson(LineEventPayload, p)).length,
    ).toBeGreaterThan(0);
    expect(texts('SELECT payload AS v FROM journal').map((p) => readJson(JournalPayload, p)).length).toBeGreaterThan(
      100,
    );
    expect(
      texts('SELECT compliance AS v FROM trades WHERE compliance IS NOT NULL').map((c) =>
        readJson(TradeComplianceJson, c),
      ).length,
    ).toBeGreaterThan(0);
    expect(
      texts('SELECT explanation AS v FROM trade_groups').map((e) => readJson(StoredExplanation, e)).length,
    ).toBeGreaterThan(0);
    expect(
      texts('SELECT quote_snapshot AS v FROM trade_groups').map((q) => readJson(QuoteSnapshot, q)).length,
    ).toBeGreaterThan(0);
    expect(
      texts('SELECT float_count AS v FROM days UNION ALL SELECT count FROM shifts').map((c) => readJson(DrawerCount, c))
        .length,
    ).toBeGreaterThan(0);
    // Settings and the key wrap are read by their services, each with its own schema.
    const b = new TestBinding();
    await t.must(b, 'keys.unlock', { passphrase: FIRST_RELEASE_PASSPHRASE });
    expect(t.backend.services.settings.get('backupEveryTrades')).toBe(20);
  });
});
