import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { applyPragmas, openDatabase } from '../../electron/core/db/open';
import { tempDir } from '../support/backend';

function fresh(): Database.Database {
  const db = new Database(path.join(tempDir(), 'm.sqlite'));
  applyPragmas(db);
  return db;
}

const tables = (db: Database.Database) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

/**
 * One case per migration: migrate to N−1, seed what a shop would have then, migrate to N, assert.
 * A new migration adds its case here; the last test fails when one is missing.
 */
const CASES: Record<number, { seed(db: Database.Database): void; check(db: Database.Database): void }> = {
  1: {
    seed: () => {},
    check: (db) => {
      const t = tables(db);
      expect(t.map((x) => x.name)).toEqual(['journal', 'key_wrap', 'meta', 'settings', 'shop', 'staff']);
      for (const x of t) expect(x.sql).toMatch(/\) STRICT$/);
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
      }[];
      expect(triggers.map((x) => x.name)).toEqual(['journal_no_delete', 'journal_no_update']);
      expect(() =>
        db
          .prepare("INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('a', 'n', 'boss', 'h', 'now')")
          .run(),
      ).toThrow(/CHECK/);
    },
  },
  2: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO shop (id, code, name, address, phone, licence_no, created_at) VALUES (1, 'SH01', '店', '', '', '', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('o1', '王老板', 'owner', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO journal (seq, at, staff, kind, ref, payload, prev_hash, hash) VALUES (1, 'now', 'o1', 'setup.completed', 'SH01', '{}', ?, ?)",
      ).run('0'.repeat(64), 'a'.repeat(64));
    },
    check: (db) => {
      const names = tables(db).map((x) => x.name);
      for (const n of [
        'brands',
        'brand_forms',
        'quotes',
        'days',
        'counters',
        'trades',
        'trade_groups',
        'trade_lines',
        'rounds',
        'payments',
        'trade_voids',
        'line_events',
      ]) {
        expect(names).toContain(n);
      }
      for (const x of tables(db)) expect(x.sql).toMatch(/\) STRICT$/);
      expect(db.prepare("SELECT name, role FROM staff WHERE id = 'o1'").get()).toEqual({
        name: '王老板',
        role: 'owner',
      });
      expect(db.prepare('SELECT kind, hash FROM journal WHERE seq = 1').get()).toEqual({
        kind: 'setup.completed',
        hash: 'a'.repeat(64),
      });
      const indexes = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
      ).map((x) => x.name);
      expect(indexes).toEqual(
        expect.arrayContaining(['journal_ref', 'trade_lines_number', 'trades_business_date', 'one_open_day']),
      );
      const trig = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]
      ).map((x) => x.name);
      expect(trig).toEqual(expect.arrayContaining(['line_events_no_update', 'line_events_no_delete']));
    },
  },
  3: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, cards, value_fen, offer_fen) VALUES ('t1', 'paid', 'c1', 'now', '2026-11-01', 'SH01-20261101-0001', 91300, 1, 100000, 91300)",
      ).run();
    },
    check: (db) => {
      expect(
        db.prepare("SELECT trade_no, payout_fen, customer_id, compliance FROM trades WHERE id = 't1'").get(),
      ).toEqual({ trade_no: 'SH01-20261101-0001', payout_fen: 91300, customer_id: null, compliance: null });
      for (const x of tables(db).filter((t) => ['customers', 'watchlist'].includes(t.name)))
        expect(x.sql).toMatch(/\) STRICT$/);
      const cols = (db.prepare('PRAGMA table_info(trade_lines)').all() as { name: string }[]).map((c) => c.name);
      expect(cols).toEqual(expect.arrayContaining(['watch_override', 'consecutive_with']));
    },
  },
  4: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen) VALUES ('t1', 'paid', 'c1', 'now', '2026-11-01', 'SH01-20261101-0001', 91300)",
      ).run();
    },
    check: (db) => {
      expect(db.prepare("SELECT trade_no FROM trades WHERE id = 't1'").get()).toEqual({
        trade_no: 'SH01-20261101-0001',
      });
      expect(tables(db).find((t) => t.name === 'print_jobs')?.sql).toMatch(/\) STRICT$/);
      db.prepare(
        "INSERT INTO print_jobs (id, kind, trade_id, copy, status, next_attempt_at, created_at) VALUES ('j', 'receipt', 't1', 'customer', 'pending', 0, 'now')",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO print_jobs (id, kind, status, next_attempt_at, created_at) VALUES ('k', 'fax', 'pending', 0, 'now')",
          )
          .run(),
      ).toThrow(/CHECK/);
    },
  },
  5: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count, closed_at, counted_fen, expected_fen, discrepancy_fen) VALUES ('d1', '2026-11-01', 'closed', 'now', 'c1', 100000, '{}', 'later', 100000, 100000, 0)",
      ).run();
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, paid_day) VALUES ('t1', 'paid', 'c1', 'now', '2026-11-01', 'SH01-20261101-0001', 91300, 'd1')",
      ).run();
      db.prepare(
        "INSERT INTO print_jobs (id, kind, trade_id, copy, status, next_attempt_at, created_at) VALUES ('j', 'receipt', 't1', 'customer', 'printed', 0, 'now')",
      ).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT id, kind, status FROM print_jobs').all()).toEqual([
        { id: 'j', kind: 'receipt', status: 'printed' },
      ]);
      db.prepare(
        "INSERT INTO print_jobs (id, kind, day_id, status, next_attempt_at, created_at) VALUES ('z', 'zreport', 'd1', 'pending', 0, 'now')",
      ).run();
      for (const n of [
        'cash_movements',
        'shifts',
        'day_approvals',
        'z_reports',
        'sync_outbox',
        'resale_batches',
        'resale_batch_lines',
      ]) {
        expect(tables(db).find((t) => t.name === n)?.sql).toMatch(/\) STRICT$/);
      }
      // A day closed before the seal existed is treated as sealed from now on.
      expect(() => db.prepare("UPDATE trades SET payout_fen = 1 WHERE id = 't1'").run()).toThrow(/sealed day/);
      expect(() => db.prepare("UPDATE days SET counted_fen = 1 WHERE id = 'd1'").run()).toThrow(/sealed day/);
      expect(() => db.prepare("DELETE FROM trades WHERE id = 't1'").run()).toThrow(/sealed day/);
    },
  },
  6: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES ('d1', '2026-11-01', 'closed', 'now', 'c1', 0, '{}')",
      ).run();
      db.prepare(
        "INSERT INTO sync_outbox (day_id, business_date, z_number, body, ledger_hash) VALUES ('d1', '2026-11-01', 1, '{}', 'h')",
      ).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT business_date, status FROM sync_outbox').all()).toEqual([
        { business_date: '2026-11-01', status: 'pending' },
      ]);
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY business_date LIMIT 1")
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('sync_outbox_due');
    },
  },
  7: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, failed_pins, locked_until, created_at) VALUES ('o1', '王老板', 'owner', 'scrypt$h', 3, 1700000000000, '2026-11-01T00:00:00Z')",
      ).run();
    },
    check: (db) => {
      // A shop that upgrades keeps its current count and lock; the growth starts from none.
      expect(db.prepare("SELECT failed_pins, locked_until, pin_lockouts FROM staff WHERE id = 'o1'").get()).toEqual({
        failed_pins: 3,
        locked_until: 1700000000000,
        pin_lockouts: 0,
      });
      expect(db.prepare('SELECT failures, lockouts, locked_until FROM recovery_throttle').all()).toEqual([
        { failures: 0, lockouts: 0, locked_until: null },
      ]);
      expect(tables(db).find((t) => t.name === 'recovery_throttle')?.sql).toMatch(/\) STRICT$/);
      expect(() => db.prepare('INSERT INTO recovery_throttle (id) VALUES (2)').run()).toThrow(/CHECK/);
    },
  },
  8: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      const customer =
        db.prepare(`INSERT INTO customers (id, phone_hash, phone_enc, phone_masked, name, id_type, id_enc, id_hash, id_masked, created_at)
        VALUES (?, ?, ?, '139****0001', ?, ?, ?, ?, ?, '2026-11-01T00:00:00Z')`);
      customer.run(
        'k1',
        'ph1',
        Buffer.from('phone'),
        '李四',
        'resident',
        Buffer.from('sealed-id'),
        'ih1',
        '110***********1233',
      );
      customer.run('k2', 'ph2', Buffer.from('phone'), null, null, null, null, null);
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count, closed_at, counted_fen, expected_fen, discrepancy_fen) VALUES ('d1', '2026-11-01', 'closed', 'now', 'c1', 0, '{}', 'later', 0, 0, 0)",
      ).run();
      const trade =
        db.prepare(`INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, paid_at, paid_day, customer_id)
        VALUES (?, ?, 'c1', 'now', '2026-11-01', ?, 547800, ?, ?, ?)`);
      trade.run('t1', 'paid', 'SH01-20261101-0001', '2026-11-01T03:00:00Z', 'd1', 'k1');
      trade.run('t2', 'paid', 'SH01-20261101-0002', '2026-11-01T04:00:00Z', 'd1', 'k2');
      trade.run('t3', 'draft', null, null, null, 'k1');
    },
    check: (db) => {
      for (const n of ['customer_identities', 'trade_identities'])
        expect(tables(db).find((t) => t.name === n)?.sql).toMatch(/\) STRICT$/);
      // What the shop held becomes version 1; a paid trade of a customer with an ID keeps that ID (sealed day or not).
      expect(
        db
          .prepare('SELECT customer_id, version, name, id_type, id_enc, id_hash, id_masked FROM customer_identities')
          .all(),
      ).toEqual([
        {
          customer_id: 'k1',
          version: 1,
          name: '李四',
          id_type: 'resident',
          id_enc: Buffer.from('sealed-id'),
          id_hash: 'ih1',
          id_masked: '110***********1233',
        },
      ]);
      expect(
        db.prepare('SELECT trade_id, customer_id, version, id_enc, id_masked, fixed_at FROM trade_identities').all(),
      ).toEqual([
        {
          trade_id: 't1',
          customer_id: 'k1',
          version: 1,
          id_enc: Buffer.from('sealed-id'),
          id_masked: '110***********1233',
          fixed_at: '2026-11-01T03:00:00Z',
        },
      ]);
      expect(() => db.prepare("UPDATE customer_identities SET name = 'x'").run()).toThrow(/never changes/);
      expect(() => db.prepare('DELETE FROM trade_identities').run()).toThrow(/never changes/);
    },
  },
  9: {
    seed: (db) => {
      db.prepare("INSERT INTO brands (code, name_zh, name_en, active) VALUES ('jd', '京东', 'JD.com', 1)").run();
      const form = db.prepare(`INSERT INTO brand_forms (brand, form, name_zh, name_en, number_pattern, number_hint,
        secret_pattern, secret_hint, secret_required, max_value_fen) VALUES ('jd', ?, ?, ?, '^[0-9]{16}$', '', '^.+$', '', 1, 1000000)`);
      form.run('e', '京东E卡', 'JD E-card');
      form.run('physical', '京东实体卡', 'JD gift card');
    },
    check: (db) => {
      // Every form a shop had stays on; a form can now be switched off on its own.
      expect(db.prepare('SELECT form, name_zh, active FROM brand_forms ORDER BY form').all()).toEqual([
        { form: 'e', name_zh: '京东E卡', active: 1 },
        { form: 'physical', name_zh: '京东实体卡', active: 1 },
      ]);
      db.prepare("UPDATE brand_forms SET active = 0 WHERE form = 'physical'").run();
      expect(() => db.prepare('UPDATE brand_forms SET active = 2').run()).toThrow(/CHECK/);
    },
  },
  10: {
    seed: (db) => {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run('cutoffHour', '5');
      put.run(
        'compliance',
        JSON.stringify({
          phoneFromFen: 0,
          identityTradeFen: 300_000,
          identityDayFen: 1_000_000,
          noCashDayFen: 5_000_000,
          maxCardsPerDay: 10,
          unsoldHoursE: 3,
          unsoldHoursPhysical: 72,
        }),
      );
      put.run('backupEveryTrades', '20');
    },
    check: (db) => {
      const rows = Object.fromEntries(
        (db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]).map(
          (r) => [r.key, JSON.parse(r.value) as unknown],
        ),
      );
      // The cut-off's whole hour becomes minutes after midnight; the alerts were whole hours and stay so.
      expect(rows.cutoffHour).toBeUndefined();
      expect(rows.cutoffMinutes).toBe(300);
      expect(rows.compliance).toMatchObject({ identityTradeFen: 300_000, unsoldHoursE: 3, unsoldHoursPhysical: 72 });
      expect(rows.backupEveryTrades).toBe(20);
    },
  },
  11: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count, closed_at, counted_fen, expected_fen, discrepancy_fen) VALUES ('d1', '2026-11-01', 'closed', 'now', 'c1', 0, '{}', 'later', 0, 0, 0)",
      ).run();
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, paid_at, paid_day) VALUES ('t1', 'paid', 'c1', 'now', '2026-11-01', 'SH01-20261101-0001', 91300, 'now', 'd1')",
      ).run();
      db.prepare(
        `INSERT INTO trade_groups (trade_id, group_key, brand, form, band_min_fen, band_max_fen, tier_bp, best_exit_bp, adj_bp,
           hard_cap_bp, ceiling_bp, target_bp, opening_bp, step_bp, current_bp, rounds, agreed_bp, explanation, quote_snapshot)
         VALUES ('t1', 'g1', 'jd', 'e', 100000, 500000, 20, 9396, 20, 9390, 9290, 9110, 9010, 10, 9130, 2, 9130, '{}', '[]')`,
      ).run();
    },
    check: (db) => {
      // A group of a sealed day gains the limit it was offered under (the only one there was) without an update.
      expect(db.prepare('SELECT max_rounds, agreed_bp, rounds FROM trade_groups').get()).toEqual({
        max_rounds: 6,
        agreed_bp: 9130,
        rounds: 2,
      });
      expect(() => db.prepare("UPDATE trade_groups SET max_rounds = 7 WHERE trade_id = 't1'").run()).toThrow(/sealed/);
    },
  },
  12: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES ('d1', '2026-11-01', 'open', 'now', 'c1', 0, '{}')",
      ).run();
      const trade = db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date) VALUES (?, ?, 'c1', ?, '2026-11-01')",
      );
      trade.run('t1', 'paid', '2026-11-01T03:00:00Z');
      trade.run('t2', 'agreed', '2026-11-01T04:00:00Z');
      trade.run('t3', 'draft', '2026-11-01T05:00:00Z');
    },
    check: (db) => {
      expect(tables(db).find((t) => t.name === 'day_counts')?.sql).toMatch(/\) STRICT$/);
      db.prepare(
        "INSERT INTO day_counts (id, day_id, seq, at, staff_id, count, counted_fen, expected_fen, discrepancy_fen) VALUES ('k1', 'd1', 1, 'now', 'c1', '{}', 0, 100, -100)",
      ).run();
      expect(() => db.prepare('UPDATE day_counts SET counted_fen = 100').run()).toThrow(/never changes/);
      expect(() => db.prepare('DELETE FROM day_counts').run()).toThrow(/never changes/);
      // The unpaid trades are read through their own index, not by reading every trade.
      const unpaid = "SELECT id FROM trades WHERE status IN ('draft', 'quoted', 'agreed') ORDER BY created_at";
      expect(db.prepare(unpaid).all()).toEqual([{ id: 't2' }, { id: 't3' }]);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${unpaid}`).all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('trades_unpaid');
    },
  },
  13: {
    // Case 8's shop: a customer with an ID, a paid trade with its identity copy, and an open draft.
    seed: (db) => {
      CASES[8]!.seed(db);
      db.prepare(
        `INSERT INTO trade_identities (trade_id, customer_id, version, name, id_type, id_enc, id_masked, fixed_at)
         VALUES ('t1', 'k1', 1, '李四', 'resident', ?, '110***********1233', '2026-11-01T03:00:00Z')`,
      ).run(Buffer.from('sealed-id'));
    },
    check: (db) => {
      // Trades and identity copies from before carry no source of funds; nothing else about them changes.
      expect(db.prepare('SELECT id, funds_source, funds_note FROM trades ORDER BY id').all()).toEqual([
        { id: 't1', funds_source: null, funds_note: null },
        { id: 't2', funds_source: null, funds_note: null },
        { id: 't3', funds_source: null, funds_note: null },
      ]);
      expect(
        db.prepare('SELECT trade_id, version, id_masked, funds_source, funds_note FROM trade_identities').all(),
      ).toEqual([
        { trade_id: 't1', version: 1, id_masked: '110***********1233', funds_source: null, funds_note: null },
      ]);
      // A draft takes one of the four sources; anything else is refused by the table itself.
      db.prepare("UPDATE trades SET funds_source = 'gift' WHERE id = 't3'").run();
      expect(() => db.prepare("UPDATE trades SET funds_source = 'lottery' WHERE id = 't3'").run()).toThrow(/CHECK/);
      for (const t of tables(db).filter((x) => x.name === 'trades' || x.name === 'trade_identities'))
        expect(t.sql).toMatch(/\) STRICT$/);
      // The identity copy stays sealed with its new columns.
      expect(() => db.prepare("UPDATE trade_identities SET funds_source = 'gift'").run()).toThrow(/never changes/);
    },
  },
  14: {
    seed: (db) => {
      db.prepare(
        "INSERT INTO staff (id, name, role, pin_hash, created_at) VALUES ('c1', '张三', 'clerk', 'scrypt$h', '2026-11-01T00:00:00Z')",
      ).run();
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date) VALUES ('t1', 'draft', 'c1', 'now', '2026-11-01')",
      ).run();
      db.prepare(
        `INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, verified_how)
         VALUES ('l1', 't1', 1, 'jd', 'e', 3000, 3000, x'00', 'h1', '0030', 'official')`,
      ).run();
    },
    check: (db) => {
      // A line written before says nothing about its price; an offer that cannot price a card names why.
      expect(db.prepare('SELECT unpriced, value_fen FROM trade_lines').get()).toEqual({
        unpriced: null,
        value_fen: 3000,
      });
      db.prepare("UPDATE trade_lines SET unpriced = 'NO_ELIGIBLE_QUOTE' WHERE id = 'l1'").run();
      expect(() => db.prepare("UPDATE trade_lines SET unpriced = 'CHEAP' WHERE id = 'l1'").run()).toThrow(/CHECK/);
    },
  },
  15: {
    // Case 8's shop with two resale batches sent on 2026-11-01: one to a platform a quote names (2 days), one to a
    // platform nobody quotes; and a card of the first found invalid.
    seed: (db) => {
      CASES[8]!.seed(db);
      db.prepare(
        `INSERT INTO quotes (id, origin, source, brand, form, min_value_fen, max_value_fen, rate_bp, fee_bp, fee_fixed_fen, min_amount_fen, settlement_days, observed_at, expires_at)
         VALUES ('q1', 'shipped', '平台A', 'jd', 'e', 0, NULL, 9400, 0, 0, 10000, 2, 'now', 'later')`,
      ).run();
      db.prepare(
        `INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, verified_how, rate_bp, payout_fen)
         VALUES ('l1', 't1', 1, 'jd', 'e', 50000, 50000, ?, 'nh1', '1234', 'official', 9000, 45000)`,
      ).run(Buffer.from('n'));
      const batch = db.prepare(
        `INSERT INTO resale_batches (id, platform, rate_bp, expected_fen, created_at, day_id, staff_id) VALUES (?, ?, 9400, 47000, '2026-11-01T10:00:00Z', 'd1', 'c1')`,
      );
      batch.run('b1', '平台A');
      batch.run('b2', '本地商户');
      db.prepare("INSERT INTO resale_batch_lines (batch_id, line_id) VALUES ('b1', 'l1')").run();
      db.prepare(
        `INSERT INTO line_events (id, line_id, kind, at, day_id, staff_id, payload) VALUES ('e1', 'l1', 'invalid', '2026-11-01T11:00:00Z', 'd1', 'c1', '{"reason":"已被使用","amountFen":0}')`,
      ).run();
    },
    check: (db) => {
      // Each batch is due its platform's settlement days after the business day it was sent; unknown: that day.
      expect(db.prepare('SELECT id, settlement_days, due_date FROM resale_batches ORDER BY id').all()).toEqual([
        { id: 'b1', settlement_days: 2, due_date: '2026-11-03' },
        { id: 'b2', settlement_days: 0, due_date: '2026-11-01' },
      ]);
      // A recovery names the loss it recovers, is a positive amount by a known method, and never changes.
      const add = db.prepare(
        `INSERT INTO loss_recoveries (id, event_id, day_id, at, staff_id, method, amount_fen) VALUES (?, 'e1', 'd1', 'now', 'c1', ?, ?)`,
      );
      add.run('r1', 'cash', 10000);
      expect(() => add.run('r2', 'cash', 0)).toThrow(/CHECK/);
      expect(() => add.run('r3', 'gold', 100)).toThrow(/CHECK/);
      expect(() => db.prepare('UPDATE loss_recoveries SET amount_fen = 1').run()).toThrow(/never changes/);
      expect(() => db.prepare('DELETE FROM loss_recoveries').run()).toThrow(/never changes/);
      expect(tables(db).find((t) => t.name === 'loss_recoveries')?.sql).toMatch(/\) STRICT$/);
    },
  },
  16: {
    // Case 15's shop: a paid trade with one card, and a sealed day's body sent before the upgrade.
    seed: (db) => {
      CASES[15]!.seed(db);
      db.prepare(
        `INSERT INTO sync_outbox (day_id, business_date, z_number, body, ledger_hash) VALUES ('d1', '2026-11-01', 1, '{"schema":1}', 'lh1')`,
      ).run();
    },
    check: (db) => {
      // A card added before has no chain hash and no check: nothing applies to it; the sealed body is as it was.
      expect(db.prepare('SELECT chain_hash, hq_check, hq_seen FROM trade_lines').get()).toEqual({
        chain_hash: null,
        hq_check: null,
        hq_seen: null,
      });
      expect(db.prepare('SELECT body FROM sync_outbox').get()).toEqual({ body: '{"schema":1}' });
      // A card of a trade not yet paid takes a check's answer, one of four.
      const line = db.prepare(
        `INSERT INTO trade_lines (id, trade_id, position, brand, form, face_value_fen, value_fen, number_enc, number_hash, last4, verified_how, chain_hash, hq_check)
         VALUES (?, 't3', ?, 'jd', 'e', 10000, 10000, x'00', ?, '0001', 'official', 'ch', ?)`,
      );
      line.run('l3', 1, 'nh3', 'hit');
      expect(() => line.run('l4', 2, 'nh4', 'maybe')).toThrow(/CHECK/);
      // One live report per trade and kind, pending until sent.
      const add = db.prepare(
        "INSERT INTO live_reports (kind, trade_id, trade_no, body, created_at) VALUES (?, 't1', 'SH01-20261101-0001', '{}', 'now')",
      );
      add.run('bought');
      expect(() => add.run('bought')).toThrow(/UNIQUE/);
      expect(() => add.run('sold')).toThrow(/CHECK/);
      expect(db.prepare('SELECT status, attempts, next_attempt_at FROM live_reports').get()).toEqual({
        status: 'pending',
        attempts: 0,
        next_attempt_at: 0,
      });
      expect(tables(db).find((t) => t.name === 'live_reports')?.sql).toMatch(/\) STRICT$/);
    },
  },
  17: {
    // Case 16's shop, its two trades paid on the sealed day d1 in cash and by bank, and a day d2 open with one trade
    // paid in cash.
    seed: (db) => {
      CASES[16]!.seed(db);
      db.prepare(
        "INSERT INTO days (id, business_date, status, opened_at, opened_by, float_fen, float_count) VALUES ('d2', '2026-11-02', 'open', 'now', 'c1', 0, '{}')",
      ).run();
      db.prepare(
        `INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, paid_at, paid_day)
         VALUES ('t4', 'paid', 'c1', 'now', '2026-11-02', 'SH01-20261102-0001', 1000, 'now', 'd2')`,
      ).run();
      const pay = db.prepare(
        'INSERT INTO payments (id, trade_id, method, amount_fen, reference) VALUES (?, ?, ?, ?, ?)',
      );
      pay.run('p1', 't1', 'cash', 540000, '');
      pay.run('p2', 't1', 'bank', 7800, 'BK1');
      pay.run('p3', 't2', 'cash', 547800, '');
      pay.run('p4', 't4', 'cash', 1000, '');
    },
    check: (db) => {
      const paid = (day: string) =>
        (db.prepare('SELECT value FROM counters WHERE name = ?').get(`cash-paid:${day}`) as { value: number }).value;
      // Days paid before: each day's cash parts, summed once (the sealed day's too, its row untouched).
      expect(paid('d1')).toBe(1_087_800);
      expect(paid('d2')).toBe(1000);
      // A payment's parts are written first, then the trade takes its paid day: its cash counts then, once.
      db.prepare(
        "INSERT INTO trades (id, status, staff_id, created_at, business_date) VALUES ('t5', 'agreed', 'c1', 'now', '2026-11-02')",
      ).run();
      const pay = db.prepare(
        'INSERT INTO payments (id, trade_id, method, amount_fen, reference) VALUES (?, ?, ?, ?, ?)',
      );
      pay.run('p5', 't5', 'cash', 500, '');
      pay.run('p6', 't5', 'wechat', 100, 'WX1');
      expect(paid('d2')).toBe(1000);
      db.prepare(
        "UPDATE trades SET status = 'paid', paid_day = 'd2', trade_no = 'SH01-20261102-0002' WHERE id = 't5'",
      ).run();
      expect(paid('d2')).toBe(1500);
      // A trade written as paid before its parts (the bench's bulk days): each cash part counts as it is written.
      db.prepare(
        `INSERT INTO trades (id, status, staff_id, created_at, business_date, trade_no, payout_fen, paid_at, paid_day)
         VALUES ('t6', 'paid', 'c1', 'now', '2026-11-02', 'SH01-20261102-0003', 200, 'now', 'd2')`,
      ).run();
      pay.run('p7', 't6', 'cash', 200, '');
      pay.run('p8', 't6', 'bank', 50, 'BK2');
      expect(paid('d2')).toBe(1700);
      // A void keeps its payments (its refund is the void's); a payment never changes.
      db.prepare("UPDATE trades SET status = 'voided' WHERE id = 't6'").run();
      expect(paid('d2')).toBe(1700);
      expect(() => db.prepare("UPDATE payments SET amount_fen = 1 WHERE id = 'p7'").run()).toThrow(/never changes/);
      expect(() => db.prepare("DELETE FROM payments WHERE id = 'p7'").run()).toThrow(/never changes/);
      expect(paid('d1')).toBe(1_087_800);
    },
  },
};

describe('migrations', () => {
  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) applies on a database at ${m.version - 1} and keeps its data`, () => {
      const c = CASES[m.version];
      expect(c, `migration ${m.version} needs a case in migrations.test.ts`).toBeDefined();
      const db = fresh();
      migrate(db, MIGRATIONS, m.version - 1);
      c!.seed(db);
      migrate(db, MIGRATIONS, m.version);
      expect(schemaVersion(db)).toBe(m.version);
      c!.check(db);
      db.close();
    });
  }

  it('has a case for every migration and versions that only increase', () => {
    expect(Object.keys(CASES).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
    // Versions only increase; a number may be left free for a migration of a branch not merged yet.
    MIGRATIONS.forEach((m, i) => expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]?.version ?? 0));
  });

  it('opens with WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(tempDir(), 'p.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('runs all pending migrations in one transaction: a failure leaves the database as it was', () => {
    const db = fresh();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: Math.max(...MIGRATIONS.map((m) => m.version)) + 1,
        name: 'half',
        up: (d) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT no_such_function();'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow(/no such function/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer CardDesk and leaves it untouched', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x INTEGER)');
    db.pragma('user_version = 99');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(
      `newer CardDesk (schema 99; this version knows up to ${Math.max(...MIGRATIONS.map((m) => m.version))})`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
