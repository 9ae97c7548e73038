// The words of the day figures (shared/domain/day-figures.ts): one short label each, the same on the ledger's
// day row, the close dialog, the Z-report on screen, on paper and in the PDF, and in the exports; and what it
// counts, for the screen's legend and the exports' notes.
import { DAY_FIGURE_UNIT, type DayFigureKey, type DayFigures } from '../domain/day-figures';
import { formatRate, formatYuan } from '../domain/money';
import type { Lang } from './lang';

export const DAY_FIGURE_WORDS: Record<
  Lang,
  { title: string } & Record<DayFigureKey, { label: string; explain: string }>
> = {
  'zh-CN': {
    title: '当日数字',
    trades: { label: '成交笔数', explain: '当日付款的交易（之后作废的也算：钱从当日钱箱付出）' },
    cards: { label: '收卡张数', explain: '当日付款交易中的卡' },
    valueFen: { label: '价值', explain: '这些卡的价值（V）合计' },
    payoutFen: { label: '付出', explain: '当日付款交易的应付合计（抹零前）' },
    roundingFen: { label: '抹零', explain: '现金付款抹去的零头' },
    paidOutFen: { label: '实付', explain: '各付款方式合计 = 付出 − 抹零' },
    averageRateBp: { label: '平均回收率', explain: '付出 ÷ 价值' },
    voids: { label: '作废笔数', explain: '当日登记的作废（不论交易哪天付款）' },
    voidedPayoutFen: { label: '作废付出', explain: '这些作废交易当初的付出' },
    netPayoutFen: { label: '净付出', explain: '付出 − 作废付出' },
    expectedMarginFen: { label: '预计毛利', explain: '按最佳出口价计算的毛利，不含结账前已作废的交易' },
    afterSaleEvents: {
      label: '售后事件',
      explain: '当日登记的转售、结算、无效卡、自用、平台追回和向顾客追回（卡可能是任何一天收的）',
    },
    afterSaleReceivedFen: {
      label: '售后到账',
      explain: '当日登记的结算到账、自用金额和向顾客追回的钱，减去平台追回的钱',
    },
  },
  en: {
    title: 'Day figures',
    trades: {
      label: 'Trades',
      explain: 'Trades paid on the day (one voided later still counts: it was paid from this drawer)',
    },
    cards: { label: 'Cards', explain: 'Cards in the trades paid on the day' },
    valueFen: { label: 'Value', explain: 'The value (V) of those cards' },
    payoutFen: { label: 'Payout', explain: 'What the trades paid on the day owed, before rounding' },
    roundingFen: { label: 'Rounded off', explain: 'What cash rounding kept' },
    paidOutFen: { label: 'Paid out', explain: 'All payment methods = payout − rounded off' },
    averageRateBp: { label: 'Average rate', explain: 'Payout ÷ value' },
    voids: { label: 'Voids', explain: 'Voids recorded on the day, whichever day the trade was paid' },
    voidedPayoutFen: { label: 'Voided payout', explain: 'What those voided trades had paid' },
    netPayoutFen: { label: 'Net payout', explain: 'Payout − voided payout' },
    expectedMarginFen: {
      label: 'Expected margin',
      explain: 'Margin at the best exit rates, without trades voided before the close',
    },
    afterSaleEvents: {
      label: 'After-sale events',
      explain:
        'Resold, settled, invalid and own-use cards, claw-backs and recoveries recorded on the day (bought on any day)',
    },
    afterSaleReceivedFen: {
      label: 'After-sale received',
      explain: 'Settlements, own use and recoveries recorded on the day, less the money platforms took back',
    },
  },
};

/** A figure as every surface writes it: counts plain, money in yuan with the given symbol, rates in %. */
export function dayFigureText(f: DayFigures, key: DayFigureKey, symbol = '¥'): string {
  const unit = DAY_FIGURE_UNIT[key];
  const v = f[key];
  return unit === 'fen' ? formatYuan(v, symbol) : unit === 'bp' ? formatRate(v) : String(v);
}
