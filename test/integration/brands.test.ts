// Brands (settings.md "Brands", spec §2): the owner adds, edits and switches off brands and forms; a pattern that
// could hang the counter is refused with nothing saved; each change is journaled in words; a second brand is
// bought next to JD and printed, reported and exported under its own name.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrandFormView, CallInput, ErrorBody } from '../../shared/contract';
import { describeJournal, type Lang } from '../../shared/words';
import { receiptDocument } from '../../electron/core/receipts/layout';
import { zItems } from '../../electron/core/receipts/zreport';
import { errorText, i18n } from '../../renderer/src/i18n';
import { errorCode, type TestBackend, type TestBinding } from '../support/backend';
import { addCard, counterShop, createTrade, FLOAT } from '../support/counter';
import { readCsvStrict } from '../support/csv';

const TMALL_E: BrandFormView = {
  form: 'e',
  nameZh: '天猫超市卡',
  nameEn: 'Tmall supermarket card',
  numberPattern: '^TM[0-9]{14}$',
  numberHint: 'TM 开头，共 16 位',
  secretPattern: '^[0-9]{8}$',
  secretHint: '8 位数字',
  secretRequired: true,
  maxValueFen: 500_000,
  active: true,
};
const TMALL_PHYSICAL: BrandFormView = {
  ...TMALL_E,
  form: 'physical',
  nameZh: '天猫实体卡',
  nameEn: 'Tmall gift card',
  numberPattern: '^[0-9]{19}$',
  numberHint: '19 位数字',
};
const tmall = (over: Partial<CallInput<'catalog.upsert'>> = {}): CallInput<'catalog.upsert'> => ({
  code: 'tmall',
  nameZh: '天猫',
  nameEn: 'Tmall',
  active: true,
  forms: [TMALL_E, TMALL_PHYSICAL],
  ...over,
});

let shops: TestBackend[] = [];
afterEach(() => {
  for (const t of shops) t.close();
  shops = [];
});
async function shop() {
  const s = await counterShop();
  shops.push(s.t);
  return s;
}

async function words(lang: Lang, e: ErrorBody): Promise<string> {
  await i18n.changeLanguage(lang);
  return errorText(e);
}

/** The catalogue's entries in the journal, newest last. */
async function catalogEntries(t: TestBackend, owner: TestBinding) {
  const all = await t.must(owner, 'journal.list', { limit: 500 });
  return all.filter((e) => e.kind === 'catalog.upserted').sort((a, b) => a.seq - b.seq);
}

/** The owner's own quote for Tmall e-cards: 95.00 % for any value, fresh. */
async function tmallQuote(t: TestBackend, owner: TestBinding) {
  return t.must(owner, 'quotes.add', {
    source: '平台T',
    brand: 'tmall',
    form: 'e',
    minValueFen: 0,
    maxValueFen: null,
    rateBp: 9500,
  });
}

describe('a pattern that could hang the counter', () => {
  it('refuses a catastrophic-backtracking pattern like ^(a+)+$, in words, and saves nothing', async () => {
    const { t, owner } = await shop();
    const before = await catalogEntries(t, owner);
    const r = await t.call(owner, 'catalog.upsert', tmall({ forms: [{ ...TMALL_E, numberPattern: '^(a+)+$' }] }));
    if (r.ok) throw new Error('saved');
    expect(r.error.code).toBe('PATTERN_REFUSED');
    expect(r.error.details).toMatchObject({ field: 'forms.e.numberPattern', problem: 'nested' });
    expect(await words('zh-CN', r.error)).toBe(
      '电子形式的卡号规则里有「重复里再套重复」（如 (a+)+），遇到特殊输入会让收卡台卡住，请改写',
    );
    expect(await words('en', r.error)).toBe(
      'e form, card number rule repeats something that itself repeats (like (a+)+), which can make the counter hang on some inputs: please rewrite it',
    );
    expect((await t.must(owner, 'catalog.list', {})).map((b) => b.code)).toEqual(['jd']);
    expect(await catalogEntries(t, owner)).toEqual(before);
  });

  it('tries a pattern with no repeat inside a repeat on hostile inputs at save and refuses one that does not answer in time', async () => {
    const { t, owner } = await shop();
    for (const slow of ['^(\\d|\\d\\d)+$', '^(a|a)*$', '^(TM|T|M)*Z$']) {
      const r = await t.call(owner, 'catalog.upsert', tmall({ forms: [{ ...TMALL_E, secretPattern: slow }] }));
      if (r.ok) throw new Error(`saved ${slow}`);
      expect(r.error.code, slow).toBe('PATTERN_REFUSED');
      expect(r.error.details).toMatchObject({
        field: 'forms.e.secretPattern',
        problem: 'slow',
        ms: 50,
        length: 10_000,
      });
    }
    const r = await t.call(owner, 'catalog.upsert', tmall({ forms: [{ ...TMALL_E, secretPattern: '^(a|a)*$' }] }));
    if (r.ok) throw new Error('saved');
    expect(await words('zh-CN', r.error)).toBe(
      '电子形式的卡密规则试算太慢：一段 10000 个字符的输入超过 50 毫秒还没算完，会让收卡台卡住，请改写',
    );
    expect((await t.must(owner, 'catalog.list', {})).map((b) => b.code)).toEqual(['jd']);
  });

  it('refuses an invalid regular expression and one longer than 200 characters, saving nothing', async () => {
    const { t, owner } = await shop();
    const invalid = await t.call(owner, 'catalog.upsert', tmall({ forms: [{ ...TMALL_E, numberPattern: '^TM[0-9' }] }));
    if (invalid.ok) throw new Error('saved');
    expect(invalid.error.details).toMatchObject({ field: 'forms.e.numberPattern', problem: 'invalid' });
    expect(await words('zh-CN', invalid.error)).toBe(
      '电子形式的卡号规则不是有效的正则表达式，请检查括号、方括号和转义',
    );

    const long = await t.raw(
      owner,
      'catalog.upsert',
      tmall({ forms: [{ ...TMALL_E, numberPattern: `^${'[0-9]'.repeat(40)}$` }] }),
    );
    if (long.ok) throw new Error('saved');
    expect(long.error.code).toBe('VALIDATION');
    expect(long.error.details).toMatchObject({ field: 'forms.0.numberPattern', ruleMax: 200 });
    expect(await words('zh-CN', long.error)).toContain('最多 200 个字');
    expect((await t.must(owner, 'catalog.list', {})).map((b) => b.code)).toEqual(['jd']);
  });

  it('saves safe patterns and takes a card whose number and secret fit them', async () => {
    const { t, owner, clerk } = await shop();
    await t.must(owner, 'catalog.upsert', tmall());
    const tr = await createTrade(t, clerk);
    const ok = await t.must(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'e',
      number: 'tm0000-0000-0000-01',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    expect(ok.lines[0]).toMatchObject({ brand: 'tmall', nameZh: '天猫超市卡', last4: '0001' });
    const bad = await t.call(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'e',
      number: 'JDE0000000000001',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    if (bad.ok) throw new Error('added');
    expect(bad.error.details).toEqual({ field: 'number', shape: 'TM 开头，共 16 位' });
  });
});

describe('switching a brand or a form off', () => {
  it('takes no new card of a brand switched off, while the cards already bought keep its name', async () => {
    const { t, owner, clerk } = await shop();
    await t.must(owner, 'catalog.upsert', tmall());
    await tmallQuote(t, owner);
    const tr = await createTrade(t, clerk);
    await t.must(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'e',
      number: 'TM00000000000001',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    const offered = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of offered.groups) await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const agreed = await t.must(clerk, 'trades.get', { tradeId: tr.id });
    const paid = await t.must(clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'brands-off-1',
      parts: [{ method: 'bank', amountFen: agreed.payoutFen, reference: 'BK1' }],
    });

    await t.must(owner, 'catalog.upsert', tmall({ active: false }));
    const listed = (await t.must(clerk, 'catalog.list', {})).find((b) => b.code === 'tmall');
    expect(listed?.active).toBe(false);

    const next = await createTrade(t, clerk);
    const refused = await t.call(clerk, 'trades.addLine', {
      tradeId: next.id,
      brand: 'tmall',
      form: 'e',
      number: 'TM00000000000002',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    if (refused.ok) throw new Error('added');
    expect(refused.error.details).toEqual({ field: 'brand' });
    expect(await words('zh-CN', refused.error)).toBe('填写有误 — 品牌：品牌目录里要有这个品牌，并且在收');
    expect((await t.must(clerk, 'trades.get', { tradeId: next.id })).lines).toEqual([]);
    expect(errorCode(await t.call(owner, 'quotes.add', { ...(await quoteInput()), brand: 'tmall' }))).toBe(
      'VALIDATION',
    );

    // History stays: the paid trade still names its card, and JD is still bought.
    const again = await t.must(clerk, 'trades.get', { tradeId: paid.id });
    expect(again.lines[0]).toMatchObject({ brand: 'tmall', nameZh: '天猫超市卡', nameEn: 'Tmall supermarket card' });
    await addCard(t, clerk, next.id, 'e', 10_000);

    // Switched on again, it is bought again.
    await t.must(owner, 'catalog.upsert', tmall({ active: true }));
    await t.must(clerk, 'trades.addLine', {
      tradeId: next.id,
      brand: 'tmall',
      form: 'e',
      number: 'TM00000000000002',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
  });

  it('takes no new card of a form switched off while the brand’s other form is still bought', async () => {
    const { t, owner, clerk } = await shop();
    await t.must(owner, 'catalog.upsert', tmall());
    await t.must(owner, 'catalog.upsert', tmall({ forms: [{ ...TMALL_PHYSICAL, active: false }] }));
    const forms = (await t.must(clerk, 'catalog.list', {})).find((b) => b.code === 'tmall')?.forms;
    expect(forms?.map((f) => [f.form, f.active])).toEqual([
      ['e', true],
      ['physical', false],
    ]);
    const tr = await createTrade(t, clerk);
    const refused = await t.call(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'physical',
      number: '6200000000000000001',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    if (refused.ok) throw new Error('added');
    expect(refused.error.details).toEqual({ field: 'form' });
    await t.must(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'e',
      number: 'TM00000000000003',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
  });

  it('refuses to switch off the last brand the shop buys, and a brand bought with none of its forms on', async () => {
    const { t, owner } = await shop();
    const jd = (await t.must(owner, 'catalog.list', {}))[0]!;
    const last = await t.call(owner, 'catalog.upsert', { ...jd, active: false });
    if (last.ok) throw new Error('switched off');
    expect(last.error.details).toEqual({ field: 'active' });
    expect(await words('zh-CN', last.error)).toBe('填写有误 — 在用：至少要有一个品牌在收');

    const none = await t.call(owner, 'catalog.upsert', {
      ...jd,
      forms: jd.forms.map((f) => ({ ...f, active: false })),
    });
    if (none.ok) throw new Error('saved');
    expect(none.error.details).toEqual({ field: 'forms' });
    expect((await t.must(owner, 'catalog.list', {}))[0]).toEqual(jd);

    // With Tmall bought, JD may be switched off.
    await t.must(owner, 'catalog.upsert', tmall());
    await t.must(owner, 'catalog.upsert', { ...jd, active: false });
  });

  it('lets only the owner change the catalogue', async () => {
    const { t, clerk } = await shop();
    expect(errorCode(await t.call(clerk, 'catalog.upsert', tmall()))).toBe('FORBIDDEN');
  });
});

async function quoteInput(): Promise<CallInput<'quotes.add'>> {
  return { source: '平台T', brand: 'jd', form: 'e', minValueFen: 0, maxValueFen: null, rateBp: 9500 };
}

describe('the catalogue’s journal', () => {
  it('journals one entry per brand or form changed, with its values before and after, in words', async () => {
    const { t, owner } = await shop();
    const start = (await catalogEntries(t, owner)).length;
    await t.must(owner, 'catalog.upsert', tmall());
    await t.must(owner, 'catalog.upsert', tmall());
    const changed = { ...TMALL_E, numberPattern: '^TM[0-9]{16}$', maxValueFen: 300_000 };
    await t.must(owner, 'catalog.upsert', tmall({ forms: [changed] }));
    await t.must(owner, 'catalog.upsert', tmall({ active: false, forms: [changed] }));
    const entries = (await catalogEntries(t, owner)).slice(start);
    // Added: the brand and its two forms; the same again changes nothing; then one form; then the brand.
    expect(entries.map((e) => e.payload)).toMatchObject([
      { key: 'catalog.tmall', item: 'brand', change: 'added', old: null, new: { nameZh: '天猫', active: true } },
      { key: 'catalog.tmall.e', item: 'form', change: 'added', new: { numberPattern: '^TM[0-9]{14}$' } },
      { key: 'catalog.tmall.physical', item: 'form', change: 'added' },
      {
        key: 'catalog.tmall.e',
        change: 'changed',
        fields: ['numberPattern', 'maxValueFen'],
        old: { numberPattern: '^TM[0-9]{14}$', maxValueFen: 500_000 },
        new: { numberPattern: '^TM[0-9]{16}$', maxValueFen: 300_000 },
      },
      { key: 'catalog.tmall', change: 'off', fields: ['active'], old: { active: true }, new: { active: false } },
    ]);
    expect(entries.every((e) => e.ref === 'tmall')).toBe(true);
    const zh = entries.map((e) => describeJournal(e.kind, e.payload, 'zh-CN'));
    const en = entries.map((e) => describeJournal(e.kind, e.payload, 'en'));
    expect(zh).toEqual([
      '修改品牌目录 · 新增品牌 · 天猫',
      '修改品牌目录 · 新增卡种 · 天猫超市卡 (电子卡)',
      '修改品牌目录 · 新增卡种 · 天猫实体卡 (实体卡)',
      '修改品牌目录 · 修改卡种 · 天猫超市卡 (电子卡) · 卡号规则：^TM[0-9]{14}$ → ^TM[0-9]{16}$ · 最高金额：¥5,000.00 → ¥3,000.00',
      '修改品牌目录 · 品牌停收 · 天猫',
    ]);
    expect(en[3]).toBe(
      'Brand catalogue changed · Card type changed · Tmall supermarket card (e-card) · Card number rule: ^TM[0-9]{14}$ → ^TM[0-9]{16}$ · Highest amount: ¥5,000.00 → ¥3,000.00',
    );
    expect(en[4]).toBe('Brand catalogue changed · Brand switched off · Tmall');
  });
});

describe('a second brand at the counter, on paper and in the reports', () => {
  it('prices, prints, reports and exports a Tmall card under its own name next to a JD card', async () => {
    const { t, owner, clerk } = await shop();
    await t.must(owner, 'catalog.upsert', tmall());
    await tmallQuote(t, owner);
    const tr = await createTrade(t, clerk);
    await addCard(t, clerk, tr.id, 'e', 100_000);
    await t.must(clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'tmall',
      form: 'e',
      number: 'TM00000000000009',
      secret: '12345678',
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    const offered = await t.must(clerk, 'trades.offer', { tradeId: tr.id });
    // Each brand is its own group, priced from its own quotes.
    expect(offered.groups.map((g) => [g.brand, [...new Set(g.explanation.verdicts.map((v) => v.source))]])).toEqual([
      ['jd', ['平台A', '平台B', '平台C']],
      ['tmall', ['平台T']],
    ]);
    const tm = offered.groups.find((g) => g.brand === 'tmall')!;
    expect(tm.bestExitBp).toBe(9500);
    for (const g of offered.groups) await t.must(clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const agreed = await t.must(clerk, 'trades.get', { tradeId: tr.id });
    const paid = await t.must(clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'brands-paper-1',
      parts: [{ method: 'bank', amountFen: agreed.payoutFen, reference: 'BK20261125' }],
    });

    const receipt = receiptDocument({
      shop: await t.must(clerk, 'shop.get', {}),
      trade: paid,
      copy: 'customer',
      reprint: 0,
      language: 'zh-CN',
      printedAt: '2026-11-25 10:15',
    });
    expect(receipt).toContain('|1. 京东E卡 电子卡 ****');
    expect(receipt).toContain('|2. 天猫超市卡 电子卡 ****0009');
    expect(receipt).not.toContain('tmall');

    // Sealed (paid by transfer: the drawer holds its float), the Z-report and the day's export name each brand.
    const closed = await t.must(owner, 'days.close', { count: FLOAT });
    const report = closed.report;
    expect(report.brands.map((b) => [b.brand, b.name, b.cards, b.valueFen])).toEqual([
      ['jd', '京东E卡', 1, 100_000],
      ['tmall', '天猫超市卡', 1, 50_000],
    ]);
    expect((await t.must(owner, 'ledger.report', { businessDate: paid.businessDate })).report.brands).toEqual(
      report.brands,
    );
    const paper = zItems({ z: report, language: 'zh-CN', localTime: (ms) => new Date(ms).toISOString(), reprint: 0 });
    const texts = paper.map((i) => ('text' in i ? i.text : ''));
    expect(texts).toContain('天猫超市卡 电子 × 1 张');
    expect(texts).toContain('京东E卡 电子 × 1 张');

    const file = await t.must(owner, 'ledger.export', { businessDate: paid.businessDate, format: 'csv' });
    const rows = readCsvStrict(Buffer.from(file.base64, 'base64').toString('utf8'));
    const trades = rows.slice(rows.findIndex((r) => r[0] === '单号 Trade') + 1);
    expect(trades.map((r) => [r[4], r[5]])).toEqual([
      ['京东E卡', '电子'],
      ['天猫超市卡', '电子'],
    ]);
  });
});
