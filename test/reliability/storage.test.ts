// Storage faults on a real SQLite file: the database made read-only (`PRAGMA query_only`; root ignores file modes)
// and a full disk (`PRAGMA max_page_count`) give the counter a clear message, lose nothing committed, and the
// counter works again when the fault goes.
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { errorCode, type TestBackend } from '../support/backend';
import { addCard, counterShop, createTrade, payThreeCards } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const snapshot = (tb: TestBackend) =>
  tb.backend.services.sql.all<{ id: string; status: string; trade_no: string | null; payout_fen: number | null }>(
    "SELECT id, status, trade_no, payout_fen FROM trades WHERE status = 'paid' ORDER BY trade_no",
  );

describe('storage faults', () => {
  for (const fault of [
    {
      name: 'a read-only database',
      code: 'STORAGE_READONLY',
      on: 'PRAGMA query_only = ON',
      off: 'PRAGMA query_only = OFF',
    },
    { name: 'a full disk', code: 'STORAGE_FULL', on: 'FULL', off: 'PRAGMA max_page_count = 1073741823' },
  ] as const) {
    it(`answers ${fault.code} for ${fault.name}, keeps what was committed, and recovers when the fault goes`, async () => {
      const s = await counterShop();
      t = s.t;
      const first = await payThreeCards(t, s.clerk, 'bank');
      const before = snapshot(t);
      const tr = await createTrade(t, s.clerk);
      const db = t.backend.services.sql.db;
      if (fault.on === 'FULL') {
        const pages = db.pragma('page_count', { simple: true }) as number;
        db.pragma(`max_page_count = ${pages}`);
      } else db.exec(fault.on);

      // The counter's next steps fail with a clear, typed answer. A full disk may still take a few small writes
      // into free pages; the first that does not fit must say why.
      const results: Result<unknown>[] = [
        await t.call(s.clerk, 'trades.addLine', {
          tradeId: tr.id,
          brand: 'jd',
          form: 'e',
          number: 'JDE7777000000001',
          secret: 'ABCD1234EFGH5678',
          faceValueFen: 100_000,
          verifiedHow: 'official',
        }),
      ];
      for (let i = 0; i < 500 && !results.some((r) => !r.ok); i++)
        results.push(await t.call(s.clerk, 'trades.create', {}));
      const failed = results.filter((r) => !r.ok);
      expect(failed.length).toBeGreaterThan(0);
      for (const r of failed) expect(r.ok ? 'ok' : r.error.code).toBe(fault.code);
      expect(zhCN.errors[fault.code]).toMatch(/已保存的数据没有丢失/);
      expect(t.logs.filter((l) => l.includes('internal error'))).toEqual([]);
      expect(snapshot(t)).toEqual(before);

      db.exec(fault.off);
      await addCard(t, s.clerk, tr.id, 'e', 100_000);
      const again = await payThreeCards(t, s.clerk, 'bank');
      expect(again.tradeNo).toBe(`SH01-20261125-000${Number(first.tradeNo?.slice(-1)) + 1}`);
      expect(snapshot(t).slice(0, before.length)).toEqual(before);
      expect(t.backend.services.journal.verify().ok).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(errorCode(await t.call(s.clerk, 'trades.create', {}))).toBe('ok');
    });
  }
});
