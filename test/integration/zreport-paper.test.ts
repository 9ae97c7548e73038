// The printed Z-report never splits an amount, a rate, a trade number, a time or a name across lines, at 32 and
// 48 columns (a hanzi two columns wide): every line of a realistic report — long staff names, long reasons with
// amounts in them, voids, approvals, handovers, counts, alerts — read back from the ESC/POS bytes.
import { describe, expect, it } from 'vitest';
import { paperColumns, wrapSegs, zBytes, zItems, type ZInput } from '../../electron/core/receipts/zreport';
import type { ZReportView } from '../../shared/contract';
import { decodeEscPos } from '../support/escpos';

const NAMES = ['欧阳志远（夜班组长）', '司马晓慧', 'Alexandra Konstantinopoulou', '上官婉儿·收银'];
const OWNER = '诸葛明亮（店主本人）';
const day = '2026-11-25';
const at = (hhmm: string) => `${day}T${hhmm}:00.000Z`;

const z: ZReportView = {
  shop: { name: '京东回收店（人民路八十八号旗舰店）', code: 'SH01' },
  businessDate: day,
  zNumber: 1234,
  openedAt: at('01:00'),
  openedBy: NAMES[0]!,
  closedAt: at('13:30'),
  closedBy: NAMES[2]!,
  brands: [
    {
      brand: 'jd',
      form: 'e',
      name: '京东E卡',
      cards: 227,
      valueFen: 123_456_789,
      payoutFen: 112_233_445,
      averageRateBp: 9091,
    },
    {
      brand: 'walmart_sams',
      form: 'physical',
      name: '沃尔玛山姆会员商店购物卡',
      cards: 12,
      valueFen: 1_200_000,
      payoutFen: 1_056_000,
      averageRateBp: 8800,
    },
  ],
  totals: { trades: 227, cards: 239, valueFen: 124_656_789, payoutFen: 113_289_445, averageRateBp: 9088 },
  payments: [
    { method: 'cash', count: 180, amountFen: 98_765_432 },
    { method: 'bank', count: 47, amountFen: 14_524_004 },
  ],
  roundingFen: 9,
  staff: NAMES.map((name, i) => ({ name, trades: 50 + i, payoutFen: 28_322_361 + i })),
  voids: [
    {
      tradeNo: 'SH01-20261125-0227',
      paidDate: day,
      at: at('09:10'),
      payoutFen: 326_450,
      refundCashFen: 326_450,
      reason: '顾客反悔，说卡是公司发的福利要先问过财务，现金 ￥3,264.50 已全部退回钱箱并当面点清',
      staffName: NAMES[1]!,
      approvedBy: OWNER,
    },
    {
      tradeNo: 'SH01-20261124-0031',
      paidDate: '2026-11-24',
      at: at('10:20'),
      payoutFen: 88_899,
      refundCashFen: 0,
      reason: 'Platform rejected the card after payment; customer refunded by bank transfer ref 20261125889900',
      staffName: NAMES[2]!,
      approvedBy: null,
    },
  ],
  voidedPayoutFen: 415_349,
  netPayoutFen: 112_874_096,
  resale: [
    { kind: 'resold', cards: 120, amountFen: 54_321_000 },
    { kind: 'settled', cards: 100, amountFen: 45_000_000 },
    { kind: 'invalid', cards: 2, amountFen: 0 },
  ],
  approvals: [
    {
      at: at('09:10'),
      what: 'trade.voided',
      ownerName: OWNER,
      reason: '顾客坚持要退，核对监控录像后同意作废并退回全部现金',
      tradeNo: 'SH01-20261125-0227',
      amountFen: 326_450,
    },
    {
      at: at('11:00'),
      what: 'day.cashOut',
      ownerName: OWNER,
      reason: '存入工商银行人民路支行，存款回单号 0012345678',
      tradeNo: null,
      amountFen: 5_000_000,
    },
    { at: at('13:30'), what: 'day.close', ownerName: OWNER, reason: '找零多给了顾客 ￥20.00，已提醒店员' },
  ],
  cash: {
    floatFen: 3_000_000,
    cashInFen: 10_000_000,
    cashOutFen: 5_000_000,
    payoutsFen: 98_765_432,
    refundsFen: 326_450,
    expectedFen: 32_641_018,
    countedFen: 32_639_018,
    discrepancyFen: -2_000,
    reason: '找零时多给了顾客二十元，顾客已离开，监控可查，时间 13:05 左右',
    pendingOwner: true,
    closedAsFound: false,
    movements: [],
    shifts: [
      {
        seq: 1,
        staffName: NAMES[0]!,
        at: at('05:00'),
        countedFen: 326_450,
        expectedFen: 326_460,
        discrepancyFen: -10,
      },
      {
        seq: 2,
        staffName: NAMES[2]!,
        at: at('09:00'),
        countedFen: 12_345_678,
        expectedFen: 12_345_678,
        discrepancyFen: 0,
      },
    ],
  },
  expectedMarginFen: 3_456_789,
  alerts: [
    ...Array.from({ length: 7 }, (_, i) => ({
      kind: 'unsold',
      tradeNo: `SH01-20261125-${String(100 + i).padStart(4, '0')}`,
      detail: 'form=e',
    })),
    { kind: 'structuring', tradeNo: null, detail: 'trades=3' },
    { kind: 'consecutive', tradeNo: 'SH01-20261125-0042', detail: 'line=2' },
  ],
  journalHead: 'f7f3d4589bfa1ab7c0ffee1234567890',
  grandTotalFen: 9_876_543_210,
  closeCounts: [
    {
      seq: 1,
      at: at('13:00'),
      staffName: NAMES[3]!,
      countedFen: 32_637_018,
      expectedFen: 32_641_018,
      discrepancyFen: -4_000,
    },
    {
      seq: 2,
      at: at('13:20'),
      staffName: NAMES[2]!,
      countedFen: 32_639_018,
      expectedFen: 32_641_018,
      discrepancyFen: -2_000,
    },
  ],
  unpaidVoided: { count: 3, reason: '顾客没有回来，三张草稿单一并作废' },
  settingsChanges: [
    {
      at: at('02:00'),
      staffName: OWNER,
      kind: 'settings.changed',
      group: 'compliance',
      ref: null,
      payload: { key: 'identityTradeFen', from: 500_000, to: 300_000 },
    },
  ],
};

/** Whatever may never be split: amounts, rates, trade numbers, times, the journal head, names. */
const ATOM = /-?￥[\d,]+\.\d{2}|\d+\.\d{2}%|[A-Z0-9]{2,8}-\d{8}-\d{4}|\b\d{2}:\d{2}\b|[0-9a-f]{16}/g;
const NAMED = [...NAMES, OWNER, '京东E卡', '沃尔玛山姆会员商店购物卡'];

function atoms(texts: string[]): string[] {
  const out: string[] = [];
  for (const s of texts) {
    out.push(...(s.match(ATOM) ?? []));
    for (const n of NAMED) out.push(...Array<string>(s.split(n).length - 1).fill(n));
  }
  return out.sort();
}

describe('the Z-report on paper', () => {
  for (const cpl of [32, 48] as const) {
    for (const language of ['zh-CN', 'en'] as const) {
      it(`keeps every amount, number, time and name whole on one line at ${cpl} columns (${language})`, () => {
        const input: ZInput = {
          z,
          language,
          localTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
          reprint: 2,
        };
        const items = zItems(input).flatMap((i) =>
          i.t === 'row' ? [i.label, i.value] : i.t === 'rule' ? [] : [i.text],
        );
        const printed = decodeEscPos(zBytes(input, { cpl })).lines;
        expect(printed.length).toBeGreaterThan(60);
        for (const l of printed) expect(l.width, l.text).toBeLessThanOrEqual(cpl);
        const wanted = atoms(items);
        expect(wanted.length).toBeGreaterThan(80);
        // The same pieces, each found whole within one printed line, as often as the report has them.
        expect(atoms(printed.map((l) => l.text))).toEqual(wanted);
        // And the lines the report used to split stay whole: a handover and its amount.
        const flat = printed.map((l) => l.text.replace(/\s+/g, ' ').trim());
        expect(flat.some((l) => l.includes('￥3,264.50'))).toBe(true);
      });
    }
  }

  it('breaks words between hanzi or at spaces, never inside a run of digits or letters', () => {
    const lines = wrapSegs([{ free: '找零时多给了顾客 ￥20.00，顾客已离开 ref 20261125889900 监控可查' }], 16);
    for (const l of lines) expect(paperColumns(l)).toBeLessThanOrEqual(16);
    expect(lines.join('|')).toContain('￥20.00，');
    expect(lines.some((l) => l.includes('20261125889900'))).toBe(true);
    // A line never starts with closing punctuation.
    for (const l of lines) expect(l).not.toMatch(/^[，。、；：）]/);
  });
});
