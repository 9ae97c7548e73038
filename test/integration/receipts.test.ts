// Receipts (spec §10) as a printer reads them: the layout's ESC/POS bytes sent over TCP to the virtual printer,
// decoded back into lines (hanzi two columns), with the QR code read from the printed image.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ShopView, TradeView } from '../../shared/contract';
import { receiptBytes, receiptDocument, receiptSvg, type ReceiptInput } from '../../electron/core/receipts/layout';
import type { TestBackend } from '../support/backend';
import { counterShop, createTrade, SECRET } from '../support/counter';
import { columnsOf } from '../support/escpos';
import { sendRaw, VirtualPrinter } from '../support/virtual-printer';

const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());

let t: TestBackend | undefined;
afterEach(() => t?.close());

/** A paid 3-card trade (two e-cards and a physical card), paid in cash with 抹零. */
async function paidTrade(
  cards: { form: 'e' | 'physical'; number: string; valueFen: number; verifiedHow?: 'official' | 'none' }[],
  pay: 'cash' | 'bank' = 'cash',
) {
  const s = await counterShop();
  t = s.t;
  const tr = await createTrade(s.t, s.clerk, '13912345678');
  for (const c of cards)
    await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: c.form,
      number: c.number,
      secret: SECRET,
      faceValueFen: c.valueFen,
      verifiedHow: c.verifiedHow ?? 'official',
    });
  const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
  for (const g of o.groups) await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
  const v = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });
  const parts =
    pay === 'cash'
      ? [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }]
      : [{ method: 'bank' as const, amountFen: v.payoutFen, reference: 'BK20261125' }];
  // A card never checked is paid by the owner (spec §6), the others by the clerk.
  const payer = cards.some((c) => c.verifiedHow === 'none') ? s.owner : s.clerk;
  const paid = await s.t.must(payer, 'trades.pay', {
    tradeId: tr.id,
    requestId: `receipt-${cards.length}-${pay}`,
    parts,
  });
  return { shop: await s.t.must(s.clerk, 'shop.get', {}), trade: paid };
}

const THREE = [
  { form: 'e' as const, number: 'JDE0000000000001', valueFen: 100_000 },
  { form: 'physical' as const, number: '6200000000000002', valueFen: 100_000 },
  { form: 'e' as const, number: 'JDE0000000000003', valueFen: 99_999 },
];

async function print(input: ReceiptInput, cpl: 32 | 48) {
  const before = printer.jobs.length;
  await sendRaw(printer.port, receiptBytes(input, { cpl }));
  const [job] = (await printer.waitForJobs(before + 1)).slice(before);
  return job!.printout;
}

const base = (shop: ShopView, trade: TradeView): Omit<ReceiptInput, 'copy'> => ({
  shop,
  trade,
  reprint: 0,
  language: 'zh-CN',
  printedAt: '2026-11-25 10:15',
});

describe('the customer receipt and the shop copy', () => {
  it('prints a 3-card receipt on 58 mm exactly as laid out, QR = trade number, nothing secret', async () => {
    const { shop, trade } = await paidTrade(THREE);
    const out = await print({ ...base(shop, trade), copy: 'customer' }, 32);
    expect(out.lines.map((l) => l.text)).toEqual([
      '           京东回收店',
      '           人民路 1 号',
      '          021-5555 0101',
      '      营业执照 91310000MA1K',
      '            收卡凭证',
      '--------------------------------',
      '单号          SH01-20261125-0001',
      '时间            2026-11-25 10:15',
      '店员                        张三',
      '--------------------------------',
      '面值 / 回收率               金额',
      '1. 京东E卡 电子卡 ****0001',
      '￥1,000.00 90.10%       ￥901.00',
      '2. 京东实体卡 实体卡 ****0002',
      '￥1,000.00 88.10%       ￥881.00',
      '3. 京东E卡 电子卡 ****0003',
      '￥999.99 88.90%         ￥888.99',
      '--------------------------------',
      '合计                  ￥2,670.99',
      '抹零                     -￥0.09',
      '现金                  ￥2,670.90',
      '--------------------------------',
      '本人声明：所售卡片为本人合法所有',
      '，来源合法，余额已当面核实。',
      '   谢谢惠顾，请妥善保管本凭证',
    ]);
    expect(out.events).toEqual([
      { kind: 'image', width: 100, height: 100 },
      { kind: 'qr', data: trade.tradeNo },
      { kind: 'cut' },
    ]);
    const all = out.lines.map((l) => l.text).join('\n');
    for (const g of trade.groups) {
      expect(all).not.toContain((g.ceilingBp / 100).toString().replace(/\.?0+$/, '') + '%'); // the clerk's ceiling
      expect(all).not.toContain(`${Math.floor(g.ceilingBp / 100)}.${String(g.ceilingBp % 100).padStart(2, '0')}%`);
    }
    expect(all).not.toMatch(/JDE0000000000001|6200000000000002|ABCD1234EFGH5678/);
  });

  it('prints the customer receipt on 80 mm exactly as laid out', async () => {
    const { shop, trade } = await paidTrade(THREE);
    const out = await print({ ...base(shop, trade), copy: 'customer' }, 48);
    expect(out.lines.map((l) => l.text)).toEqual([
      '                   京东回收店',
      '                   人民路 1 号',
      '                  021-5555 0101',
      '              营业执照 91310000MA1K',
      '                    收卡凭证',
      '-'.repeat(48),
      '单号                          SH01-20261125-0001',
      '时间                            2026-11-25 10:15',
      '店员                                        张三',
      '-'.repeat(48),
      '面值 / 回收率                               金额',
      '1. 京东E卡 电子卡 ****0001',
      '￥1,000.00 90.10%                       ￥901.00',
      '2. 京东实体卡 实体卡 ****0002',
      '￥1,000.00 88.10%                       ￥881.00',
      '3. 京东E卡 电子卡 ****0003',
      '￥999.99 88.90%                         ￥888.99',
      '-'.repeat(48),
      '合计                                  ￥2,670.99',
      '抹零                                     -￥0.09',
      '现金                                  ￥2,670.90',
      '-'.repeat(48),
      '本人声明：所售卡片为本人合法所有，来源合法，余额',
      '已当面核实。',
      '           谢谢惠顾，请妥善保管本凭证',
    ]);
    for (const l of out.lines) expect(l.width).toBeLessThanOrEqual(48);
    expect(out.events.filter((e) => e.kind === 'qr')).toEqual([{ kind: 'qr', data: trade.tradeNo }]);
  });

  it('prints the shop copy on 80 mm with the signature line, every line within 48 columns', async () => {
    const { shop, trade } = await paidTrade(THREE);
    const out = await print({ ...base(shop, trade), copy: 'shop' }, 48);
    const texts = out.lines.map((l) => l.text);
    expect(texts.map((x) => x.trim())).toContain('收卡凭证 · 商户存根');
    expect(texts).toContain('顾客签名：____________');
    expect(texts).toContain('抹零                                     -￥0.09');
    expect(texts.find((x) => x.startsWith('1. 京东E卡'))).toBe('1. 京东E卡 电子卡 ****0001');
    for (const l of out.lines) expect(l.width, l.text).toBeLessThanOrEqual(48);
    expect(out.events.filter((e) => e.kind === 'qr')).toEqual([{ kind: 'qr', data: trade.tradeNo }]);
  });

  it('leaves out the 抹零 line when nothing was rounded off, and marks a reprint with its count', async () => {
    const { shop, trade } = await paidTrade(THREE.slice(0, 1), 'bank');
    const out = await print({ ...base(shop, trade), copy: 'customer', reprint: 2 }, 32);
    const texts = out.lines.map((l) => l.text);
    expect(texts.some((x) => x.startsWith('抹零'))).toBe(false);
    expect(texts.filter((x) => /银行|BK/.test(x))).toEqual(['银行转账                ￥901.00', '流水号 BK20261125']);
    expect(texts.find((x) => x.includes('REPRINT'))?.trim()).toBe('重印 / REPRINT 2');
  });

  it('declares checked only the cards whose balance was checked: an unchecked card paid by the owner is named', async () => {
    const { shop, trade } = await paidTrade([
      { form: 'e', number: 'JDE0000000000011', valueFen: 100_000 },
      { form: 'e', number: 'JDE0000000000013', valueFen: 50_000, verifiedHow: 'none' },
    ]);
    const zh = (await print({ ...base(shop, trade), copy: 'shop' }, 32)).lines.map((l) => l.text).join('');
    expect(zh).toContain('本人声明：所售卡片为本人合法所有，来源合法；第 1 张余额已当面核实，第 2 张余额未经核实。');
    expect(zh).not.toContain('，来源合法，余额已当面核实');
    const en = receiptDocument({ ...base(shop, trade), copy: 'customer', language: 'en' });
    expect(en).toContain('the balance of card 1 was checked in front of me, that of card 2 was not checked.');
    const none = await paidTrade([{ form: 'e', number: 'JDE0000000000015', valueFen: 100_000, verifiedHow: 'none' }]);
    const alone = (await print({ ...base(none.shop, none.trade), copy: 'customer' }, 48)).lines.map((l) => l.text);
    expect(alone.join('')).toContain('本人声明：所售卡片为本人合法所有，来源合法；余额未经核实。');
  });

  it('lays out ￥, a long shop name, English and Chinese brand names and 20 cards within the width', async () => {
    const cards = Array.from({ length: 20 }, (_, i) => ({
      form: i % 2 ? ('physical' as const) : ('e' as const),
      number: i % 2 ? String(6200000000000100n + BigInt(i)) : `JDE00000000001${String(i).padStart(2, '0')}`,
      valueFen: 20_000 + i * 100,
    }));
    const { shop, trade } = await paidTrade(cards, 'bank');
    const longShop = {
      ...shop,
      name: '京东卡回收服务中心（人民路旗舰店）Gift Card Buy-Back Centre',
      address: 'Room 1205, No. 1 Renmin Road, Huangpu District, Shanghai 上海市黄浦区人民路 1 号 1205 室',
    };
    for (const language of ['zh-CN', 'en'] as const) {
      for (const cpl of [32, 48] as const) {
        const out = await print(
          { shop: longShop, trade, copy: 'shop', reprint: 0, language, printedAt: '2026-11-25 10:15' },
          cpl,
        );
        for (const l of out.lines)
          expect(l.width * (l.height > 1 ? 1 : 1), `${language} ${cpl}: ${l.text}`).toBeLessThanOrEqual(cpl);
        expect(out.lines.filter((l) => /\*\*\*\*\d{4}/.test(l.text))).toHaveLength(20);
        expect(out.lines.map((l) => l.text).join('\n')).toContain(
          language === 'en' ? 'JD gift card (physical)' : '京东实体卡',
        );
        expect(out.lines.map((l) => l.text).join('\n')).toContain('￥');
        expect(out.events.filter((e) => e.kind === 'qr')).toEqual([{ kind: 'qr', data: trade.tradeNo }]);
      }
    }
    expect(columnsOf('京东E卡')).toBe(7);
  });

  it('gives the same receipt as an SVG for the on-screen preview', async () => {
    const { shop, trade } = await paidTrade(THREE);
    const input = { ...base(shop, trade), copy: 'customer' as const };
    const svg = receiptSvg(input, { cpl: 32 });
    expect(svg.startsWith('<svg')).toBe(true);
    const text = svg.replace(/<[^>]+>/g, '').replaceAll('&#xa0;', ' ');
    expect(text).toContain('京东回收店');
    expect(text).toContain('￥2,670.90');
    expect(receiptDocument(input)).toContain(`{code:${trade.tradeNo}; option:qrcode,4,l}`);
  });
});

describe('the virtual printer', () => {
  it('refuses, hangs or drops when told to, and records only whole jobs', async () => {
    const bytes = Buffer.from('\x1b@\x1c&hello\n\x1dVB\x00', 'latin1');
    await printer.setMode('refuse');
    await expect(sendRaw(printer.port, bytes)).rejects.toThrow('ECONNREFUSED');
    await printer.setMode('hang');
    await expect(sendRaw(printer.port, Buffer.alloc(4 * 1024 * 1024), 300)).rejects.toThrow(/timeout/);
    const before = printer.jobs.length;
    await printer.setMode('drop', 8);
    await sendRaw(printer.port, Buffer.concat([bytes, Buffer.alloc(64)])).catch(() => undefined);
    await printer.setMode('ok');
    await sendRaw(printer.port, bytes);
    const jobs = await printer.waitForJobs(before + 1);
    expect(jobs.slice(before).map((j) => j.printout.lines.map((l) => l.text))).toEqual([['hello']]);
  });
});
