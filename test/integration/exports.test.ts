// Exports the owner opens in a spreadsheet: every CSV read back by a strict RFC 4180 reader, with hostile names and
// texts in them; nothing that starts like a formula comes out live, no line break starts a row, a number stays a
// number; the XLSX writes such a text as text. And names, reasons and short texts refuse control characters at
// the contract, with words for the rule.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, i18n } from '../../renderer/src/i18n';
import { csvCell, toCsv, type Cell } from '../../electron/core/exports';
import { residentCheckChar } from '../../shared/domain/identity';
import { errorCode, OWNER_PIN, TestBinding, type TestBackend } from '../support/backend';
import { addCard, counterShop, createTrade } from '../support/counter';
import { readCsvStrict } from '../support/csv';
import { FORMULA_STRINGS, hostileString } from '../support/hostile';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?[¥￥]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;
/** A cell as a spreadsheet would take it: live when it starts like a formula and is not a plain amount. */
const live = (cell: string) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell);

const CUSTOMER = "=cmd|'/C calc'!A0";
const CLERK = "@SUM(1+1)*cmd|'/C calc'!A0";
/** The customer's own words on where the cards came from: text, whatever it looks like. */
const FUNDS_NOTE = '=HYPERLINK("http://x")';
const CLERK_PIN = '975310';
const ID = (() => {
  const first = '11010119900307123';
  return first + residentCheckChar(first);
})();

describe('the CSV writer', () => {
  it('writes every hostile text so a strict reader gets it back, neutralised with a leading quote when it would be a formula', () => {
    const rows: Cell[][] = [[...FORMULA_STRINGS], [-2_000, 0, 1_234_567, 'plain', '张三']];
    const back = readCsvStrict(toCsv(rows));
    expect(back).toHaveLength(2);
    FORMULA_STRINGS.forEach((v, i) => {
      const cell = back[0]![i]!;
      expect(live(cell), JSON.stringify(v)).toBe(false);
      expect(cell, JSON.stringify(v)).toBe(live(v) ? `'${v}` : v);
    });
    // Numbers and plain amounts are data: a negative amount stays a number.
    expect(back[1]).toEqual(['-2000', '0', '1234567', 'plain', '张三']);
    for (const v of ['-20.00', '+88.90%']) expect(csvCell(v)).toBe(v);
    expect(csvCell('-￥1,234.50')).toBe('"-￥1,234.50"');
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('reads back any row of hostile strings and numbers cell for cell', () => {
    const cell = fc.oneof(
      hostileString.filter((s) => s.length < 4096),
      fc.integer(),
      fc.constantFrom(...FORMULA_STRINGS),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const back = readCsvStrict(toCsv(rows));
        expect(back).toHaveLength(rows.length);
        rows.forEach((r, i) => {
          expect(back[i]).toHaveLength(r.length);
          r.forEach((v, j) => {
            const got = back[i]![j]!;
            expect(live(got)).toBe(false);
            expect(got).toBe(typeof v === 'number' ? String(v) : live(v) ? `'${v}` : v);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('exports with hostile names in them', () => {
  let t: TestBackend;
  let s: Awaited<ReturnType<typeof counterShop>>;
  let date = '';
  let tradeNo = '';
  beforeAll(async () => {
    s = await counterShop();
    t = s.t;
    const added = await t.must(s.owner, 'staff.add', { name: CLERK, role: 'clerk', pin: CLERK_PIN });
    const clerk = new TestBinding();
    await t.must(clerk, 'auth.login', { staffId: added.id, pin: CLERK_PIN });
    // Above the identity threshold, paid by bank: the trade is in the compliance report with the customer's name.
    const tr = await createTrade(t, clerk);
    for (let k = 0; k < 7; k++) await addCard(t, clerk, tr.id, 'e', 100_000);
    await t.must(clerk, 'customers.setIdentity', { tradeId: tr.id, name: CUSTOMER, idType: 'resident', idNumber: ID });
    await t.must(clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'other', fundsNote: FUNDS_NOTE });
    const o = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await t.must(clerk, 'trades.get', { tradeId: tr.id });
    const paid = await t.must(clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'hostile-pay-1',
      parts: [{ method: 'bank', amountFen: v.payoutFen, reference: '-1+1' }],
    });
    date = paid.businessDate;
    tradeNo = paid.tradeNo ?? '';
    await t.must(clerk, 'days.handover', { count: { '10000': 100 } });
    await t.must(s.owner, 'days.close', { count: { '10000': 100 }, reason: '=1+1 多点了' });
  });
  afterAll(() => t.close());

  const csvOf = async (name: 'compliance.export' | 'ledger.export' | 'ledger.exportDays') => {
    const file =
      name === 'compliance.export'
        ? await t.must(s.owner, name, { from: date, to: date, format: 'csv' })
        : name === 'ledger.export'
          ? await t.must(s.owner, name, { businessDate: date, format: 'csv' })
          : await t.must(s.owner, name, { from: date, to: date, format: 'csv' });
    return readCsvStrict(Buffer.from(file.base64, 'base64').toString('utf8'));
  };

  it('neutralises the customer’s and the clerk’s names in the compliance CSV, one record per row', async () => {
    const rows = await csvOf('compliance.export');
    expect(rows[0]).toEqual(['section', 'date', 'trade', 'customer', 'identity', 'detail', 'funds_source']);
    for (const r of rows) expect(r).toHaveLength(7);
    const threshold = rows.find((r) => r[0] === 'threshold');
    expect(threshold?.[2]).toBe(tradeNo);
    expect(threshold?.[4]?.startsWith(`'${CUSTOMER} `)).toBe(true);
    expect(threshold?.[6]).toBe(`其他（${FUNDS_NOTE}）`);
    expect(rows.flat().filter(live)).toEqual([]);
  });

  it('neutralises the clerk’s name in the day’s CSV and keeps its amounts numbers; the days CSV too', async () => {
    const day = await csvOf('ledger.export');
    const trades = day.slice(day.findIndex((r) => r[0] === '单号 Trade') + 1);
    expect(trades).toHaveLength(7);
    for (const r of trades) {
      expect(r[0]).toBe(tradeNo);
      expect(r[2]).toBe(`'${CLERK}`);
      expect(r[7]).toBe('100000');
      // Words, not codes: the trade's state and how it was paid.
      expect(r[3]).toBe('已付款');
      expect(r[10]).toBe('银行转账 ¥6,307.00');
    }
    expect(day.flat().filter(live)).toEqual([]);
    const days = await csvOf('ledger.exportDays');
    expect(days).toHaveLength(2);
    expect(days.flat().filter(live)).toEqual([]);
  });

  it('writes such a name into XLSX as text, never as a formula', async () => {
    const file = await t.must(s.owner, 'compliance.export', { from: date, to: date, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void cells.push(c)));
    const named = cells.filter((c) => typeof c.value === 'string' && c.value.startsWith(CUSTOMER));
    expect(named).toHaveLength(1);
    expect(named[0]!.type).toBe(ExcelJS.ValueType.String);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  it('refuses a control character in a name, a reason or a short text at the contract, in words', async () => {
    const tr = await createTrade(t, s.clerk);
    const refusals = [
      await t.call(s.clerk, 'customers.setIdentity', {
        tradeId: tr.id,
        name: `钱七\r${CUSTOMER}`,
        idType: 'resident',
        idNumber: ID,
      }),
      await t.call(s.owner, 'staff.add', { name: '王五\n=1+1', role: 'clerk', pin: '111333' }),
      await t.call(s.clerk, 'days.cash', { kind: 'in', amountFen: 100, reason: '补零钱\t=1+1' }),
      await t.call(s.clerk, 'customers.setFundsSource', {
        tradeId: tr.id,
        fundsSource: 'other',
        fundsNote: '朋友\n=1+1',
      }),
      await t.call(s.owner, 'shop.update', { name: '店\u0000', address: '人民路\u007f1 号', phone: '', licenceNo: '' }),
      await t.call(s.clerk, 'trades.void', {
        tradeId: tr.id,
        reason: '顾客\r\n反悔',
        ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '店主\r同意' },
      }),
    ];
    for (const r of refusals) {
      expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', details: { rule: 'text', ruleLine: true } });
      if (r.ok) continue;
      await i18n.changeLanguage('zh-CN');
      expect(errorText(r.error)).toContain('不能含换行');
      await i18n.changeLanguage('en');
      expect(errorText(r.error)).toContain('without line breaks');
    }
    // A name with a formula but no control character is a name: the exports neutralise it.
    expect(
      errorCode(
        await t.call(s.clerk, 'customers.setIdentity', {
          tradeId: tr.id,
          name: '=1+1',
          idType: 'resident',
          idNumber: ID,
        }),
      ),
    ).toBe('ok');
  });
});
