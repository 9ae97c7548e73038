// Spec §5, the source of funds (资金来源说明): whenever identity is required the clerk records where the cards came
// from; agreeing and paying are refused without it; it is fixed with the trade's identity when paid, printed on the
// shop's copy above the signature (never on the customer's) and listed in the compliance report.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { residentCheckChar } from '../../shared/domain/identity';
import { describeJournal } from '../../shared/words';
import { receiptBytes, type ReceiptInput } from '../../electron/core/receipts/layout';
import { errorText, i18n } from '../../renderer/src/i18n';
import type { TestBackend } from '../support/backend';
import { counterShop, createTrade, eCard, phone, SECRET } from '../support/counter';
import { sendRaw, VirtualPrinter } from '../support/virtual-printer';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());

const ID = (() => {
  const first = '11010119850615231';
  return first + residentCheckChar(first);
})();

type Shop = Awaited<ReturnType<typeof counterShop>>;

/** An offered trade of one JD e-card of `valueFen` for `mobile`. */
async function offered(s: Shop, valueFen: number, mobile: string): Promise<TradeView> {
  const tr = await createTrade(s.t, s.clerk, mobile);
  await s.t.must(s.clerk, 'trades.addLine', {
    tradeId: tr.id,
    brand: 'jd',
    form: 'e',
    number: eCard(),
    secret: SECRET,
    faceValueFen: valueFen,
    verifiedHow: 'official',
  });
  return s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
}

const journalSeq = (tb: TestBackend) => tb.backend.services.journal.head().seq;
const identify = (s: Shop, tradeId: string) =>
  s.t.must(s.clerk, 'customers.setIdentity', { tradeId, name: '周九', idType: 'resident', idNumber: ID });
let requests = 0;
const payBank = (s: Shop, tr: TradeView) =>
  s.t.call(s.clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `funds-source-${++requests}`,
    parts: [{ method: 'bank', amountFen: tr.payoutFen, reference: `BK-${requests}` }],
  });

describe('the source of funds at the counter', () => {
  it('refuses to agree without it when identity is required, leaving one journal entry and no change', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await offered(s, 600_000, phone());
    expect(tr.compliance.identityRequired).toBe(true);
    await identify(s, tr.id);
    const before = journalSeq(t);
    const refused = await t.call(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: tr.groups[0]!.key });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FUNDS_SOURCE_REQUIRED', details: { because: 'trade' } },
    });
    expect(journalSeq(t)).toBe(before + 1);
    const entry = (await t.must(s.owner, 'journal.list', { limit: 1 }))[0];
    expect(entry).toMatchObject({ kind: 'compliance.refused', payload: { code: 'FUNDS_SOURCE_REQUIRED' } });
    expect(describeJournal(entry!.kind, entry!.payload, 'zh-CN')).toBe('合规拦截 · 未登记资金来源');
    expect((await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).status).toBe('quoted');
    if (refused.ok) throw new Error('agreed');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(refused.error)).toBe('成交前需要登记资金来源：卡片从哪里来（F7）');
    await i18n.changeLanguage('en');
    expect(errorText(refused.error)).toBe('Record where the cards came from before agreeing (F7)');

    const recorded = await t.must(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'purchase' });
    expect(recorded.fundsSource).toEqual({ source: 'purchase', note: null });
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: tr.groups[0]!.key });
    expect(agreed.status).toBe('agreed');
  });

  it('does not ask for it below the identity threshold', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await offered(s, 100_000, phone());
    expect(tr.compliance.identityRequired).toBe(false);
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: tr.groups[0]!.key });
    expect((await payBank(s, agreed)).ok).toBe(true);
  });

  it('refuses to pay without it when the day total made identity required after agreeing', async () => {
    const s = await counterShop();
    t = s.t;
    const mobile = phone();
    // About ¥4,550 agreed without identity, then about ¥5,900 of the same customer paid with identity and source:
    // paying the first now brings the day past ¥10,000.
    const small = await offered(s, 500_000, mobile);
    expect(small.compliance.identityRequired).toBe(false);
    const smallAgreed = await t.must(s.clerk, 'trades.accept', { tradeId: small.id, groupKey: small.groups[0]!.key });
    const big = await offered(s, 650_000, mobile);
    await identify(s, big.id);
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: big.id, fundsSource: 'benefit' });
    const bigAgreed = await t.must(s.clerk, 'trades.accept', { tradeId: big.id, groupKey: big.groups[0]!.key });
    expect((await payBank(s, bigAgreed)).ok).toBe(true);

    const before = journalSeq(t);
    const refused = await payBank(s, smallAgreed);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FUNDS_SOURCE_REQUIRED', details: { because: 'day' } } });
    expect(journalSeq(t)).toBe(before + 1);
    expect((await t.must(s.clerk, 'trades.get', { tradeId: small.id })).status).toBe('agreed');
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: small.id, fundsSource: 'gift' });
    expect(await payBank(s, smallAgreed)).toMatchObject({ ok: true, value: { status: 'paid' } });
  });

  it('takes "other" only with words, refuses bad input in words and saves nothing, and never changes a paid trade', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await offered(s, 600_000, phone());
    const before = journalSeq(t);
    const bare = await t.call(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'other' });
    expect(bare).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'fundsNote' } } });
    const blank = await t.call(s.clerk, 'customers.setFundsSource', {
      tradeId: tr.id,
      fundsSource: 'other',
      fundsNote: '  ',
    });
    expect(blank).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'fundsNote' } } });
    const unknown = await t.raw(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'lottery' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'fundsSource' } } });
    const twoLines = await t.call(s.clerk, 'customers.setFundsSource', {
      tradeId: tr.id,
      fundsSource: 'other',
      fundsNote: '朋友\n=1+1',
    });
    expect(twoLines).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { ruleLine: true } } });
    expect(journalSeq(t)).toBe(before);
    expect((await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).fundsSource).toBeNull();

    await i18n.changeLanguage('zh-CN');
    if (bare.ok || unknown.ok) throw new Error('recorded');
    expect(errorText(bare.error)).toBe('填写有误 — 资金来源说明：选“其他”时请写明卡片从哪里来（至少 2 个字）');
    expect(errorText(unknown.error)).toMatch(/^填写有误 — 资金来源：/);

    const other = await t.must(s.clerk, 'customers.setFundsSource', {
      tradeId: tr.id,
      fundsSource: 'other',
      fundsNote: ' 公司年会奖品 ',
    });
    expect(other.fundsSource).toEqual({ source: 'other', note: '公司年会奖品' });
    // The same again writes nothing; a change is journaled once, in words.
    await t.must(s.clerk, 'customers.setFundsSource', {
      tradeId: tr.id,
      fundsSource: 'other',
      fundsNote: '公司年会奖品',
    });
    const entries = (await t.must(s.clerk, 'trades.journal', { tradeId: tr.id })).filter(
      (e) => e.kind === 'customer.fundsSource',
    );
    expect(entries).toHaveLength(1);
    expect(describeJournal(entries[0]!.kind, entries[0]!.payload, 'zh-CN')).toBe('登记资金来源 · 其他（公司年会奖品）');
    expect(describeJournal(entries[0]!.kind, entries[0]!.payload, 'en')).toBe(
      'Source of funds recorded · other (公司年会奖品)',
    );

    await identify(s, tr.id);
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: tr.groups[0]!.key });
    expect((await payBank(s, agreed)).ok).toBe(true);
    expect(await t.call(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'gift' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { status: 'paid' } },
    });
  });
});

describe('the source of funds on paper', () => {
  it('prints it on the shop copy above the signature and never on the customer’s copy', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await offered(s, 600_000, phone());
    await identify(s, tr.id);
    await t.must(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'gift' });
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: tr.groups[0]!.key });
    const paid = await payBank(s, agreed);
    if (!paid.ok) throw new Error(`${paid.error.code} ${JSON.stringify(paid.error.details)}`);
    const shop = await t.must(s.clerk, 'shop.get', {});
    const print = async (input: ReceiptInput) => {
      const before = printer.jobs.length;
      await sendRaw(printer.port, receiptBytes(input, { cpl: 48 }));
      const [job] = (await printer.waitForJobs(before + 1)).slice(before);
      return job!.printout.lines.map((l) => l.text.trim());
    };
    const common = { shop, trade: paid.value, reprint: 0, printedAt: '2026-11-25 10:15' };
    const shopCopy = await print({ ...common, copy: 'shop', language: 'zh-CN' });
    const at = shopCopy.indexOf('资金来源：亲友赠送');
    expect(at).toBeGreaterThan(0);
    expect(shopCopy.findIndex((l) => l.startsWith('顾客签名：'))).toBeGreaterThan(at);
    const customerCopy = await print({ ...common, copy: 'customer', language: 'zh-CN' });
    expect(customerCopy.join('\n')).not.toContain('资金来源');
    const english = await print({ ...common, copy: 'shop', language: 'en' });
    expect(english).toContain('Source of funds: a gift received');
  });
});
