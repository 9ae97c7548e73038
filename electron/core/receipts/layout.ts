// The customer receipt and the signed shop copy (spec §10) as one receiptline document: the same text becomes
// ESC/POS bytes for the printer (Chinese mode, GB18030) and an SVG for the on-screen preview.
import { transform } from 'receiptline';
import type { ShopView, TradeView } from '../../../shared/contract';
import { formatRate, formatYuan } from '../../../shared/domain/money';
import { fundsText } from '../../../shared/words/terms';

export type ReceiptLanguage = 'zh-CN' | 'en';
export type Copy = 'customer' | 'shop';

const WORDS = {
  'zh-CN': {
    title: '收卡凭证',
    shopCopy: '商户存根',
    reprint: '重印',
    licence: '营业执照',
    tradeNo: '单号',
    time: '时间',
    clerk: '店员',
    value: '面值',
    rate: '回收率',
    payout: '金额',
    total: '合计',
    rounding: '抹零',
    paid: '实付',
    forms: { e: '电子卡', physical: '实体卡' },
    methods: { cash: '现金', wechat: '微信支付', alipay: '支付宝', bank: '银行转账' },
    reference: '流水号',
    declaration: '本人声明：所售卡片为本人合法所有，来源合法，余额已当面核实。',
    signature: '顾客签名：',
    funds: '资金来源：',
    footer: '谢谢惠顾，请妥善保管本凭证',
  },
  en: {
    title: 'CARD PURCHASE RECEIPT',
    shopCopy: 'SHOP COPY',
    reprint: 'REPRINT',
    licence: 'Licence',
    tradeNo: 'Trade',
    time: 'Time',
    clerk: 'Clerk',
    value: 'Value',
    rate: 'Rate',
    payout: 'Amount',
    total: 'Total',
    rounding: 'Rounded off',
    paid: 'Paid',
    forms: { e: 'e-card', physical: 'physical' },
    methods: { cash: 'Cash', wechat: 'WeChat Pay', alipay: 'Alipay', bank: 'Bank transfer' },
    reference: 'Ref.',
    declaration: 'I declare the cards sold are lawfully mine and their balances were checked in front of me.',
    signature: 'Customer signature:',
    funds: 'Source of funds: ',
    footer: 'Thank you. Please keep this receipt.',
  },
} as const;

/**
 * The customer's declaration, as the balance check of each card was recorded: a card paid without a check (the
 * owner let it through) is never declared checked.
 */
export function declaration(
  cards: readonly { position: number; verifiedHow: 'official' | 'customer_screen' | 'none' }[],
  language: ReceiptLanguage,
): string {
  const unchecked = cards.filter((c) => c.verifiedHow === 'none').map((c) => c.position);
  if (unchecked.length === 0) return WORDS[language].declaration;
  const checked = cards.filter((c) => c.verifiedHow !== 'none').map((c) => c.position);
  if (language === 'en') {
    const which = (at: number[]) => `${at.length > 1 ? 'cards' : 'card'} ${at.join(', ')}`;
    return checked.length === 0
      ? 'I declare the cards sold are lawfully mine; their balances were not checked.'
      : `I declare the cards sold are lawfully mine; the balance of ${which(checked)} was checked in front of me, that of ${which(unchecked)} was not checked.`;
  }
  const which = (at: number[]) => `第 ${at.join('、')} 张`;
  return checked.length === 0
    ? '本人声明：所售卡片为本人合法所有，来源合法；余额未经核实。'
    : `本人声明：所售卡片为本人合法所有，来源合法；${which(checked)}余额已当面核实，${which(unchecked)}余额未经核实。`;
}

/** receiptline gives these characters a meaning; text from people is escaped. */
export function escapeText(s: string): string {
  return s.replace(/[\\|{}"_`^~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/** On receipts money is written with the full-width ￥ (a half-width ¥ leaves GB18030 on some printers). */
const money = (fen: number) => formatYuan(fen, '￥');

export interface ReceiptInput {
  shop: ShopView;
  trade: TradeView;
  copy: Copy;
  /** 0 for the first print; n for the n-th reprint (spec §10: 重印 / REPRINT). */
  reprint: number;
  language: ReceiptLanguage;
  /** The time printed, in the shop's time zone. */
  printedAt: string;
}

/** The receiptline document. Nothing secret: numbers masked, no ceiling, no cap, no secret. */
export function receiptDocument(r: ReceiptInput): string {
  const w = WORDS[r.language];
  const t = r.trade;
  const lines: string[] = [];
  const e = escapeText;
  lines.push('{align:center}');
  lines.push(`^^${e(r.shop.name)}`);
  if (r.shop.address) lines.push(e(r.shop.address));
  if (r.shop.phone) lines.push(e(r.shop.phone));
  if (r.shop.licenceNo) lines.push(e(`${w.licence} ${r.shop.licenceNo}`));
  lines.push(`"${w.title}${r.copy === 'shop' ? ` · ${w.shopCopy}` : ''}"`);
  if (r.reprint > 0) lines.push(`^"${w.reprint} / REPRINT ${r.reprint}"`);
  lines.push('{align:left}', '-', '{width:10,*}');
  lines.push(`${w.tradeNo} | ${e(t.tradeNo ?? '')}`);
  lines.push(`${w.time} | ${e(r.printedAt)}`);
  lines.push(`${w.clerk} | ${e(t.staffName)}`);
  lines.push('-');
  lines.push('{width:*,12}');
  lines.push(`${w.value} / ${w.rate} | ${w.payout}`);
  for (const l of t.lines) {
    const name = r.language === 'en' ? l.nameEn : l.nameZh;
    lines.push('{width:*}');
    lines.push(`|${l.position}. ${e(name)} ${w.forms[l.form]} ****${e(l.last4)}`);
    lines.push('{width:*,12}');
    lines.push(`${money(l.valueFen)} ${formatRate(l.rateBp ?? 0)} | ${money(l.payoutFen ?? 0)}`);
  }
  lines.push('-', '{width:*,14}');
  lines.push(`"${w.total}" | "${money(t.payoutFen)}"`);
  if (t.roundingFen > 0) lines.push(`${w.rounding} | -${money(t.roundingFen)}`);
  for (const p of t.payments) {
    lines.push(`${w.methods[p.method]} | ${money(p.amountFen)}`);
    // A transfer's reference on a line of its own, so it is never cut by the column.
    if (p.reference) lines.push('{width:*}', `|${w.reference} ${e(p.reference)}`, '{width:*,14}');
  }
  lines.push('-', '{width:*}');
  lines.push(`|${e(declaration(t.lines, r.language))}`);
  // Spec §5: the source of funds on the shop's copy, above the customer's signature; never on the customer's.
  if (r.copy === 'shop' && t.fundsSource)
    lines.push(`|${w.funds}${e(fundsText(r.language, t.fundsSource.source, t.fundsSource.note))}`);
  if (r.copy === 'shop') lines.push('', `|${w.signature}${'\\_'.repeat(12)}`, '');
  lines.push('{align:center}');
  lines.push(`{code:${e(t.tradeNo ?? '')}; option:qrcode,4,l}`);
  lines.push(e(w.footer));
  // receiptline cuts the paper at the end of the document.
  return lines.join('\n');
}

export interface PrinterShape {
  /** 32 for 58 mm paper, 48 for 80 mm. */
  cpl: 32 | 48;
}

/** ESC/POS bytes (Chinese mode, GB18030) for one copy. */
export function receiptBytes(r: ReceiptInput, p: PrinterShape): Buffer {
  return Buffer.from(
    transform(receiptDocument(r), { cpl: p.cpl, encoding: 'gb18030', command: 'escpos', spacing: false }),
    'latin1',
  );
}

/** The same receipt as an SVG, for the preview beside the counter. */
export function receiptSvg(r: ReceiptInput, p: PrinterShape): string {
  return transform(receiptDocument(r), { cpl: p.cpl, encoding: 'gb18030', command: 'svg' });
}

/** The same receipt as plain text in the printer's columns (the evidence PDF's copy of what was printed). */
export function receiptText(r: ReceiptInput, p: PrinterShape): string {
  return transform(receiptDocument(r), { cpl: p.cpl, encoding: 'gb18030', command: 'text' });
}

/** The owner's test print: shop name, the printer's width in columns, a QR code. */
export function testPageBytes(shopName: string, p: PrinterShape, printedAt: string): Buffer {
  const doc = [
    '{align:center}',
    `^^${escapeText(shopName)}`,
    '打印测试 / TEST PRINT',
    `${p.cpl} cols · ${escapeText(printedAt)}`,
    '-',
    '{code:CARDDESK-TEST; option:qrcode,4,l}',
  ].join('\n');
  return Buffer.from(transform(doc, { cpl: p.cpl, encoding: 'gb18030', command: 'escpos' }), 'latin1');
}
