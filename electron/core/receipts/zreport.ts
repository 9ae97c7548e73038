// The Z-report printout (spec §7) as one receiptline document: ESC/POS for the printer, SVG for the owner's
// screen, so what the owner reads equals what was printed. Nothing secret: no card number, no ceiling.
import { transform } from 'receiptline';
import type { ZReportView } from '../../../shared/contract';
import { formatRate, formatYuan } from '../../../shared/domain/money';
import { changeWords, FORM_WORDS, groupName, journalKindWords, METHOD_WORDS } from '../../../shared/words';
import { escapeText as e, type PrinterShape, type ReceiptLanguage } from './layout';

export const Z_WORDS = {
  'zh-CN': {
    title: '日结单 Z 报表',
    open: 'X 报表（营业中）',
    zNo: 'Z 号',
    date: '营业日',
    opened: '开业',
    closed: '结账',
    openedBy: '开业人',
    closedBy: '结账人',
    byBrand: '按品牌',
    cards: '张',
    value: '价值',
    payout: '付出',
    avg: '平均回收率',
    total: '合计',
    trades: '笔',
    payments: '付款方式',
    rounding: '抹零合计',
    staff: '按店员',
    voids: '作废与更正',
    voided: '作废付出',
    net: '净付出',
    resale: '转售',
    approvals: '老板审批',
    drawer: '钱箱',
    float: '备用金',
    cashIn: '存入',
    cashOut: '取出',
    cashPayouts: '现金付出',
    refunds: '作废退回',
    expected: '应有现金',
    counted: '实点现金',
    discrepancy: '差额',
    reason: '原因',
    pending: '待老板审批',
    asFound: '次日按实点结账',
    shifts: '交班',
    closeCount: '结账清点',
    closeCountDiff: '清点差额',
    unpaidVoided: '结账作废未付款单',
    margin: '预计毛利（最佳出口价）',
    alerts: '提醒',
    journalHead: '日志头',
    grandTotal: '累计总额',
    changes: '设置变更',
    none: '无',
    methods: METHOD_WORDS['zh-CN'],
    closeApproval: '结账差额超过上限',
    resaleKinds: { resold: '已转售', settled: '已结算', invalid: '无效卡', own_use: '自用' },
    alertKinds: {
      structuring: '拆分交易',
      cards_per_day: '单日卡数过多',
      consecutive: '连号卡',
      unsold: '卡片未及时出售',
      overdue: '到账延迟',
    },
    forms: FORM_WORDS['zh-CN'],
    afterSale: '售后（按登记日，不按收卡日）',
    invalidCards: '无效卡',
    shortPaid: '余额不符',
    batchShort: '整批少付',
    clawedBack: '平台追回',
    recovered: '向顾客追回',
    recoveredCash: '其中现金',
    realised: '当日实际毛利',
    overdueBatches: '到账延迟批次',
  },
  en: {
    title: 'Z-REPORT',
    open: 'X-REPORT (DAY OPEN)',
    zNo: 'Z no.',
    date: 'Business date',
    opened: 'Opened',
    closed: 'Closed',
    openedBy: 'Opened by',
    closedBy: 'Closed by',
    byBrand: 'By brand',
    cards: 'cards',
    value: 'Value',
    payout: 'Payout',
    avg: 'Average rate',
    total: 'Total',
    trades: 'trades',
    payments: 'Payments',
    rounding: 'Rounded off',
    staff: 'By staff',
    voids: 'Voids and corrections',
    voided: 'Voided payout',
    net: 'Net payout',
    resale: 'Resale',
    approvals: 'Owner approvals',
    drawer: 'Drawer',
    float: 'Float',
    cashIn: 'Cash in',
    cashOut: 'Cash out',
    cashPayouts: 'Cash payouts',
    refunds: 'Void refunds',
    expected: 'Expected',
    counted: 'Counted',
    discrepancy: 'Discrepancy',
    reason: 'Reason',
    pending: 'PENDING OWNER APPROVAL',
    asFound: 'Closed next morning as found',
    shifts: 'Handovers',
    closeCount: 'Close count',
    closeCountDiff: 'Count difference',
    unpaidVoided: 'Unpaid trades voided at close',
    margin: 'Expected margin (best exit)',
    alerts: 'Alerts',
    journalHead: 'Journal head',
    grandTotal: 'Grand total',
    changes: 'Settings changed',
    none: 'none',
    methods: METHOD_WORDS.en,
    closeApproval: 'Close with a discrepancy above the limit',
    resaleKinds: { resold: 'Resold', settled: 'Settled', invalid: 'Invalid', own_use: 'Own use' },
    alertKinds: {
      structuring: 'Structuring',
      cards_per_day: 'Too many cards a day',
      consecutive: 'Consecutive numbers',
      unsold: 'Unsold card',
      overdue: 'Late settlement',
    },
    forms: FORM_WORDS.en,
    afterSale: 'After-sale (by day recorded, not day bought)',
    invalidCards: 'Invalid',
    shortPaid: 'Short-paid',
    batchShort: 'Batch short',
    clawedBack: 'Taken back',
    recovered: 'Recovered',
    recoveredCash: 'in cash',
    realised: 'Realised today',
    overdueBatches: 'Late batches',
  },
} as const;

const money = (fen: number) => formatYuan(fen, '￥');
const time = (iso: string | null, tz: (ms: number) => string) => (iso ? tz(Date.parse(iso)) : '');

/**
 * What an approval was for, in words. Stored Z-reports name it by journal kind, `day.close` for the closing
 * itself, or `day.discrepancyApproved <date>` for an earlier day's discrepancy approved today.
 */
export function approvalWhat(what: string, language: ReceiptLanguage): string {
  if (what === 'day.close') return Z_WORDS[language].closeApproval;
  const [kind = '', ...rest] = what.split(' ');
  return [journalKindWords(kind, language), ...rest].join(' ');
}

export interface ZInput {
  z: ZReportView;
  language: ReceiptLanguage;
  /** Formats an instant in the shop's time zone. */
  localTime: (ms: number) => string;
  reprint: number;
  /**
   * The settings changes since the previous seal: counted per group on 32/48-column paper (and the screen's
   * image of it), each in full in the PDF and the exports.
   */
  changes?: 'count' | 'full';
}

/** One layout, two renderers: receiptline (printer and screen) and pdfkit (the PDF). */
export type ZItem =
  | { t: 'title'; text: string }
  | { t: 'banner'; text: string }
  | { t: 'section'; text: string }
  | {
      t: 'row';
      label: string;
      value: string;
      strong?: boolean;
      /** The amount a money row shows, for exports. */ fen?: number;
    }
  | { t: 'text'; text: string; strong?: boolean }
  | { t: 'rule' };

export function zItems(r: ZInput): ZItem[] {
  const w = Z_WORDS[r.language];
  const z = r.z;
  const out: ZItem[] = [];
  const row = (label: string, value: string, strong = false) => out.push({ t: 'row', label, value, strong });
  const amount = (label: string, fen: number, strong = false) =>
    out.push({ t: 'row', label, value: money(fen), strong, fen });
  const text = (s: string, strong = false) => out.push({ t: 'text', text: s, strong });
  out.push({ t: 'title', text: z.shop.name }, { t: 'banner', text: z.zNumber === null ? w.open : w.title });
  if (r.reprint > 0) out.push({ t: 'banner', text: `重印 / REPRINT ${r.reprint}` });
  out.push({ t: 'rule' });
  if (z.zNumber !== null) row(w.zNo, String(z.zNumber).padStart(4, '0'));
  row(w.date, z.businessDate);
  row(w.opened, time(z.openedAt, r.localTime));
  row(w.openedBy, z.openedBy);
  if (z.closedAt) {
    row(w.closed, time(z.closedAt, r.localTime));
    row(w.closedBy, z.closedBy ?? '');
  }

  out.push({ t: 'section', text: w.byBrand });
  for (const b of z.brands) {
    text(`${b.name} ${w.forms[b.form]} × ${b.cards} ${w.cards}`);
    amount(`  ${w.value}`, b.valueFen);
    amount(`  ${w.payout}`, b.payoutFen);
    row(`  ${w.avg}`, formatRate(b.averageRateBp));
  }
  text(`${w.total} ${z.totals.trades} ${w.trades} · ${z.totals.cards} ${w.cards}`, true);
  amount(`  ${w.value}`, z.totals.valueFen);
  amount(`  ${w.payout}`, z.totals.payoutFen);
  row(`  ${w.avg}`, formatRate(z.totals.averageRateBp));

  out.push({ t: 'section', text: w.payments });
  for (const p of z.payments) amount(`${w.methods[p.method]} × ${p.count}`, p.amountFen);
  amount(w.rounding, z.roundingFen);

  out.push({ t: 'section', text: w.staff });
  for (const s of z.staff) amount(`${s.name} × ${s.trades}`, s.payoutFen);

  out.push({ t: 'section', text: w.voids });
  if (z.voids.length === 0 && z.resale.length === 0 && !z.unpaidVoided) text(w.none);
  for (const v of z.voids) {
    amount(v.tradeNo, -v.payoutFen);
    text(`  ${v.reason}${v.approvedBy ? ` (${v.approvedBy})` : ''}`);
  }
  if (z.unpaidVoided) text(`${w.unpaidVoided} × ${z.unpaidVoided.count} · ${z.unpaidVoided.reason}`);
  amount(w.voided, z.voidedPayoutFen);
  amount(w.net, z.netPayoutFen, true);
  for (const x of z.resale) amount(`${w.resaleKinds[x.kind]} × ${x.cards}`, x.amountFen);

  out.push({ t: 'section', text: w.approvals });
  if (z.approvals.length === 0) text(w.none);
  for (const a of z.approvals) {
    const facts = [a.tradeNo, a.amountFen != null ? money(a.amountFen) : null].filter((f) => f).join(' ');
    text(
      `${time(a.at, r.localTime).slice(-5)} ${approvalWhat(a.what, r.language)}${facts ? ` ${facts}` : ''} · ${a.ownerName} · ${a.reason}`,
    );
  }

  out.push({ t: 'section', text: w.drawer });
  const c = z.cash;
  amount(w.float, c.floatFen);
  amount(`+ ${w.cashIn}`, c.cashInFen);
  amount(`- ${w.cashOut}`, c.cashOutFen);
  amount(`- ${w.cashPayouts}`, c.payoutsFen);
  amount(`+ ${w.refunds}`, c.refundsFen);
  amount(w.expected, c.expectedFen, true);
  for (const s of c.shifts)
    out.push({
      t: 'row',
      label: `${w.shifts} ${s.seq} ${s.staffName}`,
      value: `${money(s.countedFen)} (${money(s.discrepancyFen)})`,
      fen: s.countedFen,
    });
  // Every count for the close, a recount included: a count made only to learn the expected cash shows here.
  for (const k of z.closeCounts ?? []) {
    amount(`${w.closeCount} ${k.seq} · ${time(k.at, r.localTime).slice(-5)} · ${k.staffName}`, k.countedFen);
    amount(`  ${w.closeCountDiff}`, k.discrepancyFen);
  }
  if (c.countedFen !== null) amount(w.counted, c.countedFen, true);
  if (c.discrepancyFen !== null) amount(w.discrepancy, c.discrepancyFen, true);
  if (c.reason) text(`${w.reason}: ${c.reason}`);
  if (c.closedAsFound) text(w.asFound);
  if (c.pendingOwner) text(w.pending, true);
  out.push({ t: 'rule' });
  amount(w.margin, z.expectedMarginFen);

  // After-sale events counted on the day they were recorded (docs/after-sale.md); absent from reports sealed before.
  const a = z.afterSale;
  if (a) {
    out.push({ t: 'section', text: w.afterSale });
    amount(`${w.invalidCards} × ${a.invalid.cards}`, -a.invalid.lossFen);
    amount(`${w.shortPaid} × ${a.shortPaid.cards}`, -a.shortPaid.shortFen);
    if (a.batchShort) amount(`${w.batchShort} × ${a.batchShort.batches}`, -a.batchShort.shortFen);
    amount(`${w.clawedBack} × ${a.clawedBack.cards}`, -a.clawedBack.amountFen);
    amount(`${w.recovered} × ${a.recovered.count}`, a.recovered.amountFen);
    amount(`  ${w.recoveredCash}`, a.recovered.cashFen);
    amount(w.realised, a.realisedMarginFen, true);
    row(w.overdueBatches, `× ${a.overdueBatches}`);
  }

  // On paper the alerts are counted by kind with the first few trades named; the data keeps them all.
  out.push({ t: 'section', text: `${w.alerts} (${z.alerts.length})` });
  const kinds = [...new Set(z.alerts.map((a) => a.kind))];
  for (const k of kinds) {
    const these = z.alerts.filter((a) => a.kind === k);
    const named = [...new Set(these.map((a) => a.tradeNo).filter((x): x is string => x !== null))];
    text(
      `${w.alertKinds[k as keyof typeof w.alertKinds] ?? k} × ${these.length}${named.length > 0 ? `: ${named.slice(0, 5).join(' ')}${named.length > 5 ? ' …' : ''}` : ''}`,
    );
  }
  const changes = z.settingsChanges;
  if (changes) {
    out.push({ t: 'section', text: `${w.changes} (${changes.length})` });
    if (changes.length === 0) text(w.none);
    if (r.changes === 'full')
      for (const c of changes) text(`${time(c.at, r.localTime).slice(-5)} ${changeWords(c, r.language)}`);
    else
      for (const g of new Set(changes.map((c) => c.group)))
        row(groupName(g, r.language), `× ${changes.filter((c) => c.group === g).length}`);
  }

  out.push({ t: 'rule' });
  if (z.journalHead) row(w.journalHead, z.journalHead.slice(0, 16));
  amount(w.grandTotal, z.grandTotalFen, true);
  return out;
}

export function zDocument(r: ZInput): string {
  const out: string[] = [];
  for (const it of zItems(r)) {
    if (it.t === 'title') out.push('{align:center}', `^^${e(it.text)}`);
    else if (it.t === 'banner') out.push('{align:center}', `"${e(it.text)}"`, '{align:left}');
    else if (it.t === 'rule') out.push('-');
    else if (it.t === 'section') out.push('-', '{width:*}', `|"${e(it.text)}"`);
    else if (it.t === 'text') out.push('{width:*}', `|${it.strong ? '"' : ''}${e(it.text)}${it.strong ? '"' : ''}`);
    else
      out.push('{width:*,16}', it.strong ? `"${e(it.label)}" | "${e(it.value)}"` : `${e(it.label)} | ${e(it.value)}`);
  }
  return out.join('\n');
}

export function zBytes(r: ZInput, p: PrinterShape): Buffer {
  return Buffer.from(
    transform(zDocument(r), { cpl: p.cpl, encoding: 'gb18030', command: 'escpos', spacing: false }),
    'latin1',
  );
}

export function zSvg(r: ZInput, p: PrinterShape): string {
  return transform(zDocument(r), { cpl: p.cpl, encoding: 'gb18030', command: 'svg' });
}
