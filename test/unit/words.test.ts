// Words, not codes: every field a call can refuse, every error code and every journal kind has words in Chinese
// and English, and the audit log, a trade's journal and the Z-report read them instead of the code.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, ERROR_CODES, type ErrorBody, type ZReportView } from '../../shared/contract';
import { JOURNAL_KINDS } from '../../shared/contract/journal-kinds';
import {
  APPROVAL_CALL_WORDS,
  describeJournal,
  entryFacts,
  fieldName,
  INELIGIBLE_WORDS,
  JOURNAL_WORDS,
  NEED_WORDS,
  ruleDetails,
  ruleWords,
  type Lang,
} from '../../shared/words';
import { inputFields } from '../../shared/words/rules';
import { zItems } from '../../electron/core/receipts/zreport';
import { errorText, ERROR_VARIANTS, i18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { describeEntry, tradeNumbers } from '../../renderer/src/i18n/journal';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { TestBinding } from '../support/backend';
import { addCard, counterShop, createTrade } from '../support/counter';

const LANGS: Lang[] = ['zh-CN', 'en'];
/** What a code looks like on a screen: a journal kind, an error code, a camel-cased field, a unit suffix, a blank. */
const CODE = /\b[a-z]+\.[a-z][A-Za-z]+\b|\b[A-Z]{2,}_[A-Z_]+\b|\b[a-z]+[A-Z][a-zA-Z]*\b|\bFen\b|\bBp\b|\(input\)|\{\{/;
/** The details the backend sends with its refusals, all at once, so each code's words fill their blanks. */
const DETAILS = {
  tradeNo: 'SH01-20261125-0001',
  line: 2,
  remaining: 3,
  until: '2026-11-25T03:00:00Z',
  maxFen: 500_000,
  expectedCashFen: 100_000,
  need: 'cash out',
  field: 'parts',
  bits: 80,
  needBits: 120,
  businessDate: '2026-11-25',
  cutoff: '04:00',
  zNumber: 1,
  nextDate: '2026-11-26',
};

async function inLanguage<T>(lang: Lang, fn: () => T): Promise<T> {
  await i18n.changeLanguage(lang);
  return fn();
}

describe('the contract in words', () => {
  it('names every field any call can refuse, with what it expects, in Chinese and English', async () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [name, spec] of Object.entries(calls)) {
      for (const f of inputFields(spec.input)) {
        // The second element of a list, as a refusal names it (`parts.1.reference`).
        const concrete = f.path.replace(/\*/g, f.path.startsWith('count') ? '10000' : '1');
        for (const lang of LANGS) {
          const field = fieldName(concrete, lang);
          const expects = ruleWords(f.rule, lang);
          if (!field || CODE.test(field) || field.includes('*'))
            missing.push(`${name} ${f.path} name (${lang}): ${field}`);
          if (!expects || CODE.test(expects))
            missing.push(`${name} ${f.path} expects (${lang}): ${JSON.stringify(f.rule)}`);
          // What the renderer shows for it, from the details dispatch sends.
          const text = await inLanguage(lang, () =>
            errorText({
              code: 'VALIDATION',
              details: { field: concrete, fields: [concrete], issue: 'too_big', ...ruleDetails(f.rule) },
              message: '',
            }),
          );
          if (!text.includes(field ?? '?') || !text.includes(expects) || CODE.test(text))
            missing.push(`${name} ${f.path} error (${lang}): ${text}`);
          checked += 1;
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('reads an index in a field path as words', () => {
    expect(fieldName('parts.1.reference', 'zh-CN')).toBe('第 2 笔付款的流水号');
    expect(fieldName('parts.1.reference', 'en')).toBe('Payment 2, reference');
    expect(fieldName('shop.name', 'zh-CN')).toBe('店铺名称');
    expect(fieldName('ownerApproval.pin', 'en')).toBe('Owner’s PIN');
    expect(fieldName('count.5000', 'zh-CN')).toBe('面额 ¥50.00 的张数');
  });

  it('has words in both languages for every error code and every case the renderer tells apart', async () => {
    const tables = { 'zh-CN': zhCN.errors as Record<string, string>, en: en.errors as Record<string, string> };
    for (const lang of LANGS) {
      for (const key of [...ERROR_CODES, ...ERROR_VARIANTS]) expect(tables[lang][key], `${lang} ${key}`).toMatch(/\S/);
      for (const code of ERROR_CODES) {
        const text = await inLanguage(lang, () => errorText({ code, details: DETAILS, message: 'internal words' }));
        expect(text, `${lang} ${code}`).not.toMatch(CODE);
        if (code !== 'INTERNAL') expect(text).not.toBe(tables[lang].INTERNAL);
      }
    }
  });

  it('has words for every journal kind in both languages, and no kind the backend appends is left out of the list', () => {
    for (const lang of LANGS) {
      for (const kind of JOURNAL_KINDS) {
        expect(JOURNAL_WORDS[lang][kind], `${lang} ${kind}`).toMatch(/\S/);
        expect(JOURNAL_WORDS[lang][kind]).not.toMatch(CODE);
      }
    }
    // The compiler holds every append to the list; this reads the sources too, for kinds built at run time.
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const src = fs.readFileSync(p, 'utf8');
          for (const m of src.matchAll(/(?:record\(|kind: |journal\()(?:[^'`)]*\? )?['`]([a-z]+\.[A-Za-z${}]+)['`]/g))
            found.add(m[1] ?? '');
          for (const m of src.matchAll(/: '(day\.cash(?:In|Out))'/g)) found.add(m[1] ?? '');
        }
      }
    };
    walk(path.resolve('electron'));
    const list = new Set<string>(JOURNAL_KINDS);
    const sync = [...found].filter((k) => k.includes('${'));
    expect(sync).toEqual(['sync.${status}']);
    for (const s of ['pending', 'sent', 'conflict', 'rejected']) expect(list.has(`sync.${s}`)).toBe(true);
    expect([...found].filter((k) => !k.includes('${') && !list.has(k))).toEqual([]);
    expect(found.size).toBeGreaterThan(60);
  });

  it('names in both languages everything a clerk may need the owner for', () => {
    const needs = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts'))
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:requireOwner|override)\('([^']+)'/g))
            needs.add(m[1] ?? '');
      }
    };
    walk(path.resolve('electron'));
    expect(needs.size).toBeGreaterThan(5);
    for (const lang of LANGS) for (const need of needs) expect(NEED_WORDS[lang][need], `${lang} ${need}`).toMatch(/\S/);
  });

  it('names in both languages every call a clerk may make with the owner’s approval, for the owner’s notice of wrong approval PINs', () => {
    const approvable = Object.entries(calls)
      .filter(([, spec]) => spec.approval)
      .map(([name]) => name);
    expect(approvable.length).toBeGreaterThan(5);
    for (const lang of LANGS)
      for (const name of approvable) expect(APPROVAL_CALL_WORDS[lang][name], `${lang} ${name}`).toMatch(/\S/);
  });

  it('says why a quote did not apply in words', () => {
    for (const lang of LANGS)
      for (const r of ['stale', 'form', 'brand', 'band', 'minimum'] as const)
        expect(INELIGIBLE_WORDS[lang][r]).toMatch(/\S/);
    expect(INELIGIBLE_WORDS['zh-CN'].minimum).toBe('低于平台最低金额');
  });
});

describe('refusals and the journal through the real backend', () => {
  let s: Awaited<ReturnType<typeof counterShop>>;
  beforeAll(async () => {
    s = await counterShop();
  });
  afterAll(() => s.t.close());

  const words = async (lang: Lang, e: ErrorBody) => inLanguage(lang, () => errorText(e));

  it('tells the clerk which payment needs its reference and what the field takes, never echoing a PIN', async () => {
    const tr = await createTrade(s.t, s.clerk);
    await addCard(s.t, s.clerk, tr.id, 'e', 100_000);
    const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });

    // The schema refuses a reference longer than 64 characters in the second part.
    const long = await s.t.raw(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'words-pay-1',
      parts: [
        { method: 'cash', amountFen: 100 },
        { method: 'bank', amountFen: v.payoutFen - 100, reference: 'R'.repeat(65) },
      ],
    });
    if (long.ok) throw new Error('paid');
    expect(long.error.details).toMatchObject({ field: 'parts.1.reference', rule: 'text', ruleMax: 64, ruleLine: true });
    expect(await words('zh-CN', long.error)).toBe(
      '填写有误 — 第 2 笔付款的流水号：最多 64 个字，只能一行，不能含换行、制表符等控制字符',
    );
    expect(await words('en', long.error)).toBe(
      'Please check — Payment 2, reference: at most 64 characters, on one line without line breaks, tabs or other control characters',
    );

    // The shop's own rule refuses a bank part without its reference.
    const none = await s.t.raw(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'words-pay-2',
      parts: [{ method: 'bank', amountFen: v.payoutFen }],
    });
    if (none.ok) throw new Error('paid');
    expect(none.error.details.field).toBe('parts.0.reference');
    expect(await words('zh-CN', none.error)).toBe('填写有误 — 第 1 笔付款的流水号：微信、支付宝和银行转账要填流水号');

    const pin = await s.t.raw(s.owner, 'staff.add', { name: '李四', role: 'clerk', pin: '98765x', phone: '13x' });
    if (pin.ok) throw new Error('added');
    expect(JSON.stringify(pin.error)).not.toContain('98765x');
    expect(await words('zh-CN', pin.error)).toBe('填写有误 — PIN：6 位数字');
    const phone = await s.t.raw(s.owner, 'staff.add', { name: '李四', role: 'clerk', pin: '987650', phone: '13x' });
    if (phone.ok) throw new Error('added');
    expect(await words('zh-CN', phone.error)).toBe(
      '填写有误 — 手机号：6–20 位数字，可含空格或横线，可以 + 开头，也可以不填',
    );
    expect(await words('en', phone.error)).toBe(
      'Please check — Mobile number: 6–20 digits, spaces or dashes, may start with +, or left empty',
    );
  });

  it('reads a paid trade’s journal as words with its trade number, amount and how it was paid', async () => {
    const tr = await createTrade(s.t, s.clerk);
    await addCard(s.t, s.clerk, tr.id, 'e', 100_000);
    const o = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    const paid = await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'words-pay-3',
      parts: [{ method: 'wechat', amountFen: v.payoutFen, reference: 'WX-1' }],
    });
    const journal = await s.t.must(s.clerk, 'trades.journal', { tradeId: tr.id });
    const lines = {
      zh: journal.map((e) => describeJournal(e.kind, e.payload, 'zh-CN')),
      en: journal.map((e) => describeJournal(e.kind, e.payload, 'en')),
    };
    const money = `¥${(v.payoutFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(lines.zh).toContain(`已付款 · 单号：${paid.tradeNo} · 付出：${money} · 1 张卡 · 微信支付 ${money}`);
    expect(lines.en).toContain(`Paid · Trade: ${paid.tradeNo} · Payout: ${money} · Cards: 1 · WeChat Pay ${money}`);
    expect(lines.zh.some((l) => l.startsWith('加卡 · 第 1 张 · ****'))).toBe(true);
    for (const l of [...lines.zh, ...lines.en]) expect(l).not.toMatch(CODE);
    // The audit log names the trade on each of its entries once the payment gave it a number.
    const numbers = tradeNumbers(journal);
    const added = journal.find((e) => e.kind === 'trade.lineAdded');
    expect(await inLanguage('zh-CN', () => added && describeEntry(added, numbers))).toMatch(
      new RegExp(`^加卡 · 单号：${paid.tradeNo} · 第 1 张 · \\*{4}\\d{4} · 价值：¥1,000.00 · 官方渠道已查$`),
    );
  });

  it('reads every entry of the shop’s audit log without a code', async () => {
    const wrong = await s.t.raw(new TestBinding(), 'auth.login', { staffId: s.ownerId, pin: '000000' });
    expect(wrong.ok).toBe(false);
    const all = await s.t.must(s.owner, 'journal.list', { limit: 500 });
    expect(all.map((e) => e.kind)).toContain('auth.pinWrong');
    for (const lang of LANGS) for (const e of all) expect(describeJournal(e.kind, e.payload, lang)).not.toMatch(CODE);
    expect(entryFacts('auth.pinWrong', { purpose: 'login', failed: 1 }, 'zh-CN')).toEqual(['登录', '第 1 次']);
  });
});

describe('the Z-report in words', () => {
  const z = {
    shop: { name: '京东回收店', code: 'SH01' },
    businessDate: '2026-11-25',
    zNumber: 1,
    openedAt: '2026-11-25T01:00:00Z',
    openedBy: '张三',
    closedAt: '2026-11-25T12:00:00Z',
    closedBy: '张三',
    brands: [],
    totals: { trades: 0, cards: 0, valueFen: 0, payoutFen: 0, averageRateBp: 0 },
    payments: [{ method: 'wechat', count: 1, amountFen: 100 }],
    roundingFen: 0,
    staff: [],
    voids: [],
    voidedPayoutFen: 0,
    netPayoutFen: 0,
    resale: [],
    approvals: [
      { at: '2026-11-25T03:00:00Z', what: 'trade.paid', ownerName: '王老板', reason: '卡片核验过' },
      { at: '2026-11-25T04:00:00Z', what: 'day.cashOut', ownerName: '王老板', reason: '存银行' },
      {
        at: '2026-11-25T05:00:00Z',
        what: 'day.discrepancyApproved 2026-11-24',
        ownerName: '王老板',
        reason: '找零多给',
      },
      { at: '2026-11-25T12:00:00Z', what: 'day.close', ownerName: '王老板', reason: '找零多给了顾客' },
    ],
    cash: {
      floatFen: 0,
      cashInFen: 0,
      cashOutFen: 0,
      payoutsFen: 0,
      refundsFen: 0,
      expectedFen: 0,
      countedFen: 0,
      discrepancyFen: 0,
      reason: null,
      pendingOwner: false,
      closedAsFound: false,
      movements: [],
      shifts: [],
    },
    expectedMarginFen: 0,
    alerts: [],
    journalHead: 'ab'.repeat(32),
    grandTotalFen: 0,
    settingsChanges: [
      {
        at: '2026-11-25T06:00:00Z',
        staffName: '王老板',
        kind: 'settings.changed',
        group: 'compliance',
        ref: null,
        payload: { group: 'compliance', key: 'identityTradeFen', old: 500_000, new: 300_000 },
      },
      {
        at: '2026-11-25T06:01:00Z',
        staffName: '王老板',
        kind: 'settings.changed',
        group: 'day',
        ref: null,
        payload: { group: 'day', key: 'cashRounding', old: 'jiao', new: 'yuan' },
      },
      {
        at: '2026-11-25T06:02:00Z',
        staffName: '王老板',
        kind: 'settings.changed',
        group: 'compliance',
        ref: null,
        payload: { group: 'compliance', key: 'unsoldHoursE', old: 2, new: 3 },
      },
      {
        at: '2026-11-25T06:03:00Z',
        staffName: '王老板',
        kind: 'catalog.upserted',
        group: 'brands',
        ref: 'tmall',
        payload: { forms: ['e'], active: true },
      },
    ],
  } satisfies ZReportView;

  it('counts the settings changes per group on paper and lists each in full in the PDF, in words', () => {
    const lines = (language: Lang, changes: 'count' | 'full') =>
      zItems({
        z,
        language,
        localTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
        reprint: 0,
        changes,
      }).map((i) => ('text' in i ? i.text : 'label' in i ? `${i.label} ${i.value}` : ''));
    const paper = lines('zh-CN', 'count');
    expect(paper).toContain('设置变更 (4)');
    expect(paper).toContain('合规 × 2');
    expect(paper).toContain('营业日与钱箱 × 1');
    expect(paper).toContain('品牌 × 1');
    expect(paper.join('\n')).not.toContain('¥3,000');
    const full = lines('zh-CN', 'full');
    expect(full).toContain('06:00 修改设置 · 单笔登记身份金额：¥5,000 → ¥3,000 · 王老板');
    expect(full).toContain('06:01 修改设置 · 现金抹零：抹到角（0.1 元） → 抹到元 · 王老板');
    expect(full).toContain('06:03 修改品牌目录 tmall · 电子 · 王老板');
    expect(lines('en', 'full')).toContain('06:02 Setting changed · Alert: e-card unsold after: 2 h → 3 h · 王老板');
    expect(lines('en', 'count')).toContain('Compliance × 2');
    for (const line of [...full, ...lines('en', 'full')]) expect(line).not.toMatch(CODE);
  });

  it('prints what the owner approved in words, on paper and PDF alike, in the language the shop prints in', () => {
    const text = (language: Lang) =>
      zItems({
        z,
        language,
        localTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
        reprint: 0,
      }).map((i) => ('text' in i ? i.text : 'label' in i ? `${i.label} ${i.value}` : ''));
    const zh = text('zh-CN');
    expect(zh).toContain('03:00 已付款 · 王老板 · 卡片核验过');
    expect(zh).toContain('04:00 取出现金 · 王老板 · 存银行');
    expect(zh).toContain('05:00 审批钱箱差额 2026-11-24 · 王老板 · 找零多给');
    expect(zh).toContain('12:00 结账差额超过上限 · 王老板 · 找零多给了顾客');
    expect(text('en')).toContain('04:00 Cash out · 王老板 · 存银行');
    for (const line of [...zh, ...text('en')]) expect(line).not.toMatch(/\b[a-z]+\.[a-z][A-Za-z]+\b/);
  });
});
