// The owner's settings through dispatch on a real SQLite file (product/settings.md): every bound just outside, on
// and just inside, each rule across fields, the refusal in words naming the field and the allowed range with
// nothing saved, one journal entry per changed key, the owner only, and the cut-off carried over from hours.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, Result, SettingEntry, SettingsChange } from '../../shared/contract';
import {
  SETTING_BOUNDS,
  settingKeys,
  type RangeBounds,
  type SettingBounds,
  type SettingGroup,
} from '../../shared/domain/settings';
import { describeJournal, type Lang } from '../../shared/words';
import { boundsWords, settingName } from '../../shared/words/settings';
import { errorText, i18n } from '../../renderer/src/i18n';
import { DB_FILE } from '../../electron/core/backend';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrate';
import { makeBackend, setUpShop, tempDir, TestBinding, type TestBackend } from '../support/backend';
import { CLERK_PIN, FLOAT } from '../support/counter';

async function words(lang: Lang, e: ErrorBody): Promise<string> {
  await i18n.changeLanguage(lang);
  return errorText(e);
}

let t: TestBackend;
let owner: TestBinding;
let clerk: TestBinding;
beforeAll(async () => {
  t = makeBackend();
  ({ owner } = await setUpShop(t));
  const c = await t.must(owner, 'staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
  clerk = new TestBinding();
  await t.must(clerk, 'auth.login', { staffId: c.id, pin: CLERK_PIN });
});
afterAll(() => t.close());

const list = () => t.must(owner, 'settings.list', {});
const entry = async (group: SettingGroup, key: string): Promise<SettingEntry> => {
  const e = (await list()).find((x) => x.group === group && x.key === key);
  if (!e) throw new Error(`no setting ${group}.${key}`);
  return e;
};
const changes = async () =>
  (await t.must(owner, 'journal.list', { limit: 5000 })).filter((e) => e.kind === 'settings.changed');
const update = (group: SettingGroup, values: Record<string, unknown>) =>
  t.raw(owner, 'settings.update', { group, values }) as Promise<Result<SettingEntry[]>>;

/** A refusal: SETTING_REFUSED on the field, the words naming it and its range, and nothing saved. */
async function expectRefused(
  group: SettingGroup,
  values: Record<string, unknown>,
  field: string,
  zh: string,
): Promise<ErrorBody> {
  const before = await list();
  const journalBefore = (await changes()).length;
  const r = await update(group, values);
  if (r.ok) throw new Error(`saved ${JSON.stringify(values)}`);
  expect(r.error.code).toBe('SETTING_REFUSED');
  expect(r.error.details.field).toBe(field);
  expect(JSON.stringify(r.error.details)).not.toContain('"value"');
  expect(await words('zh-CN', r.error)).toBe(zh);
  expect(await list()).toEqual(before);
  expect((await changes()).length).toBe(journalBefore);
  return r.error;
}

async function expectSaved(group: SettingGroup, values: Record<string, unknown>): Promise<void> {
  const r = await update(group, values);
  if (!r.ok) throw new Error(`refused ${JSON.stringify(values)}: ${JSON.stringify(r.error.details)}`);
  for (const [key, value] of Object.entries(values)) expect((await entry(group, key)).value).toEqual(value);
}

// Pricing's bounds depend on each other (the minimum margin under the target, the opening on the step): they have
// their own table in pricing.test.ts.
const ranges = (['compliance', 'day'] as const).flatMap((group) =>
  settingKeys(group).flatMap((key) => {
    const b = (SETTING_BOUNDS[group] as Record<string, SettingBounds>)[key];
    return b?.kind === 'range' ? [{ group, key, b }] : [];
  }),
);

describe('every bound of settings.md, just outside, on and just inside', () => {
  it('covers every number setting of the compliance and day groups', () => {
    expect(ranges.map((r) => `${r.group}.${r.key}`)).toEqual([
      'compliance.phoneFromFen',
      'compliance.identityTradeFen',
      'compliance.identityDayFen',
      'compliance.noCashDayFen',
      'compliance.maxCardsPerDay',
      'compliance.unsoldHoursE',
      'compliance.unsoldHoursPhysical',
      'day.verifyWindowMinutes',
      'day.discrepancyThresholdFen',
      'day.cutoffMinutes',
      'day.quoteStaleDays',
      'day.backupEveryTrades',
      'day.idleLockMinutes',
    ]);
  });

  for (const { group, key, b } of ranges) {
    it(`${group}.${key}: refuses ${b.min - 1} and ${b.max + 1} in words, saves ${b.min}, ${b.min + 1}, ${b.max - 1} and ${b.max}`, async () => {
      const shipped = (await entry(group, key)).default;
      const bounds = (await entry(group, key)).bounds as RangeBounds;
      expect(bounds).toMatchObject({ kind: 'range', min: b.min, max: b.max, unit: b.unit });
      const zh = `没有保存 — ${settingName(key, 'zh-CN')}：${boundsWords(key, bounds, 'zh-CN')}`;
      for (const outside of [b.min - 1, b.max + 1]) {
        const e = await expectRefused(group, { [key]: outside }, `${group}.${key}`, zh);
        expect(e.details).toMatchObject({ min: b.min, max: b.max, unit: b.unit });
        expect(await words('en', e)).toBe(`Not saved — ${settingName(key, 'en')}: ${boundsWords(key, bounds, 'en')}`);
      }
      for (const inside of [b.min, b.min + 1, b.max - 1, b.max]) await expectSaved(group, { [key]: inside });
      await expectSaved(group, { [key]: shipped });
    });
  }

  it('reads the bounds as the owner says them', async () => {
    const e = await expectRefused(
      'compliance',
      { identityTradeFen: 500_001 },
      'compliance.identityTradeFen',
      '没有保存 — 单笔登记身份金额：¥100 – ¥5,000，只能调严，不能高于出厂设置',
    );
    expect(e.details.why).toBe('stricter');
    await expectRefused('day', { cutoffMinutes: 721 }, 'day.cutoffMinutes', '没有保存 — 营业日截止时间：00:00 – 12:00');
    await expectRefused(
      'day',
      { verifyWindowMinutes: 0 },
      'day.verifyWindowMinutes',
      '没有保存 — 余额核验有效时间：1 – 60 分钟',
    );
    await expectRefused(
      'compliance',
      { unsoldHoursPhysical: 337 },
      'compliance.unsoldHoursPhysical',
      '没有保存 — 实体卡未出售提醒时间：1 – 336 小时',
    );
    const en = await expectRefused(
      'day',
      { discrepancyThresholdFen: 100_001 },
      'day.discrepancyThresholdFen',
      '没有保存 — 需要原因和店主的钱箱差额：¥0 – ¥1,000',
    );
    expect(await words('en', en)).toBe('Not saved — Drawer discrepancy needing a reason and the owner: ¥0 – ¥1,000');
  });

  it('refuses a choice outside its options and a fraction before the bounds, in words', async () => {
    const r = await t.raw(owner, 'settings.update', { group: 'day', values: { cashRounding: 'fen' } });
    if (r.ok) throw new Error('saved');
    expect(await words('zh-CN', r.error)).toBe('填写有误 — 现金抹零：从给出的选项中选一个');
    const f = await t.raw(owner, 'settings.update', { group: 'compliance', values: { maxCardsPerDay: 2.5 } });
    if (f.ok) throw new Error('saved');
    expect(await words('zh-CN', f.error)).toMatch(/^填写有误 — 同一顾客一天卖卡提醒张数：/);
    const g = await t.raw(owner, 'settings.update', { group: 'pricingx', values: {} });
    expect(g.ok).toBe(false);
    expect((await entry('day', 'cashRounding')).value).toBe('jiao');
  });
});

describe('the rules across fields', () => {
  const cases: {
    rule: string;
    group: SettingGroup;
    before?: Record<string, unknown>;
    change: Record<string, unknown>;
    field?: string;
    zh?: string;
  }[] = [
    {
      rule: 'the phone threshold above the identity threshold (both changed): the phone is refused',
      group: 'compliance',
      change: { identityTradeFen: 300_000, phoneFromFen: 300_001 },
      field: 'compliance.phoneFromFen',
      zh: '没有保存 — 单笔登记手机号金额：¥0 – ¥3,000，不超过单笔登记身份金额',
    },
    {
      rule: 'the phone threshold on the identity threshold is saved',
      group: 'compliance',
      change: { identityTradeFen: 300_000, phoneFromFen: 300_000 },
    },
    {
      rule: 'the identity threshold lowered under the phone threshold: the identity is refused, naming the phone',
      group: 'compliance',
      before: { phoneFromFen: 200_000 },
      change: { identityTradeFen: 199_999 },
      field: 'compliance.identityTradeFen',
      zh: '没有保存 — 单笔登记身份金额：不能低于单笔登记手机号金额（¥2,000）',
    },
    {
      rule: 'the identity threshold lowered onto the phone threshold is saved',
      group: 'compliance',
      before: { phoneFromFen: 200_000 },
      change: { identityTradeFen: 200_000 },
    },
    {
      rule: 'the phone threshold just under the identity threshold is saved',
      group: 'compliance',
      before: { identityTradeFen: 200_000 },
      change: { phoneFromFen: 199_999 },
    },
    {
      rule: 'a blocking threshold above the shipped default (looser) is refused',
      group: 'compliance',
      change: { noCashDayFen: 5_000_100 },
      field: 'compliance.noCashDayFen',
      zh: '没有保存 — 当日累计只能银行转账金额：¥1,000 – ¥50,000，只能调严，不能高于出厂设置',
    },
    {
      rule: 'a lowered blocking threshold may go back up to the shipped default',
      group: 'compliance',
      before: { identityDayFen: 500_000 },
      change: { identityDayFen: 1_000_000 },
    },
    {
      rule: 'a time zone that is not an IANA zone is refused',
      group: 'day',
      change: { timeZone: 'Mars/Olympus' },
      field: 'day.timeZone',
      zh: '没有保存 — 时区：IANA 时区名，如 Asia/Shanghai',
    },
    {
      rule: 'another IANA zone is saved while no day is open',
      group: 'day',
      change: { timeZone: 'Asia/Urumqi' },
    },
  ];

  it.each(cases)('$rule', async (c) => {
    expect.hasAssertions();
    const shipped = Object.fromEntries(
      (await list()).filter((e) => e.group === c.group).map((e) => [e.key, e.default]),
    );
    if (c.before) await expectSaved(c.group, c.before);
    if (c.field && c.zh) await expectRefused(c.group, c.change, c.field, c.zh);
    else await expectSaved(c.group, c.change);
    await expectSaved(c.group, shipped);
  });

  it('changes the time zone only while no day is open; the same zone given again is no change', async () => {
    await t.must(clerk, 'days.open', { count: FLOAT });
    const e = await expectRefused(
      'day',
      { timeZone: 'Asia/Urumqi' },
      'day.timeZone',
      '没有保存 — 时区：营业日开着时不能改时区，请先结账',
    );
    expect(e.details.why).toBe('dayOpen');
    expect(await words('en', e)).toBe('Not saved — Time zone: close the open day before changing the time zone');
    const before = (await changes()).length;
    await expectSaved('day', { timeZone: 'Asia/Shanghai', idleLockMinutes: 7 });
    expect((await changes()).length).toBe(before + 1);
    await expectSaved('day', { idleLockMinutes: 5 });
  });
});

describe('journal and roles', () => {
  it('journals one entry per changed key with its old and new value, in words', async () => {
    const before = (await changes()).length;
    const change: SettingsChange = {
      group: 'compliance',
      values: { identityTradeFen: 300_000, maxCardsPerDay: 10, unsoldHoursE: 4 },
    };
    await t.must(owner, 'settings.update', change);
    const after = await changes();
    const fresh = after.slice(0, after.length - before).toReversed();
    expect(fresh.map((e) => e.payload)).toEqual([
      expect.objectContaining({ group: 'compliance', key: 'identityTradeFen', old: 500_000, new: 300_000 }),
      expect.objectContaining({ group: 'compliance', key: 'unsoldHoursE', old: 2, new: 4 }),
    ]);
    expect(fresh.map((e) => describeJournal(e.kind, e.payload, 'zh-CN'))).toEqual([
      '修改设置 · 单笔登记身份金额：¥5,000 → ¥3,000',
      '修改设置 · 电子卡未出售提醒时间：2 小时 → 4 小时',
    ]);
    expect(describeJournal(fresh[0]!.kind, fresh[0]!.payload, 'en')).toBe(
      'Setting changed · Identity from a trade payout of: ¥5,000 → ¥3,000',
    );
    await t.must(owner, 'settings.update', {
      group: 'compliance',
      values: { identityTradeFen: 500_000, unsoldHoursE: 2 },
    });
  });

  it('lets only the owner list or change settings; the clerk reads what the counter needs', async () => {
    const list = await t.raw(clerk, 'settings.list', {});
    expect(list.ok ? 'ok' : list.error.code).toBe('FORBIDDEN');
    const upd = await t.raw(clerk, 'settings.update', { group: 'day', values: { idleLockMinutes: 9 } });
    expect(upd.ok ? 'ok' : upd.error.code).toBe('FORBIDDEN');
    expect(await t.must(clerk, 'settings.get', {})).toMatchObject({
      cashRounding: 'jiao',
      verifyWindowMinutes: 10,
      cutoffMinutes: 240,
      identityTradeFen: 500_000,
      identityDayFen: 1_000_000,
      noCashDayFen: 5_000_000,
      idleLockMinutes: 5,
    });
  });

  it('lists every setting with its value, shipped default and bounds', async () => {
    const all = await list();
    expect(all.filter((e) => e.group !== 'pricing').map((e) => `${e.group}.${e.key}`)).toHaveLength(15);
    expect(all.filter((e) => e.group === 'pricing').map((e) => e.key)).toEqual([
      'targetMarginBp',
      'minMarginBp',
      'openingDiscountBp',
      'stepBp',
      'maxRounds',
      'capitalCostBpPerDay',
      'physicalFallbackBp',
      'tiers',
      'calendar',
      'promotions',
      'overrides',
    ]);
    expect(all.find((e) => e.key === 'cutoffMinutes')).toEqual({
      group: 'day',
      key: 'cutoffMinutes',
      value: 240,
      default: 240,
      bounds: { kind: 'range', unit: 'clock', min: 0, max: 720 },
    });
    expect(all.find((e) => e.key === 'phoneFromFen')?.bounds).toEqual({
      kind: 'range',
      unit: 'fen',
      min: 0,
      max: 500_000,
      maxKey: 'identityTradeFen',
    });
    expect(all.find((e) => e.key === 'cashRounding')?.bounds).toEqual({
      kind: 'choice',
      options: ['none', 'jiao', 'yuan'],
    });
  });

  it('locks an idle session after the idle lock the owner set', async () => {
    await t.must(owner, 'settings.update', { group: 'day', values: { idleLockMinutes: 12 } });
    const status = await t.must(clerk, 'system.status', {});
    expect(status.session?.idleLockMs).toBe(12 * 60_000);
    await t.must(owner, 'settings.update', { group: 'day', values: { idleLockMinutes: 5 } });
  });
});

describe('settings stored in another unit', () => {
  it('carries a cut-off stored as a whole hour over as minutes, and the unsold alerts in whole hours as they were', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DB_FILE));
    migrate(db, MIGRATIONS, 8);
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('cutoffHour', '3');
    put.run(
      'compliance',
      JSON.stringify({
        phoneFromFen: 0,
        identityTradeFen: 500_000,
        identityDayFen: 1_000_000,
        noCashDayFen: 5_000_000,
        maxCardsPerDay: 10,
        unsoldHoursE: 6,
        unsoldHoursPhysical: 24,
      }),
    );
    db.close();
    const u = makeBackend({ dataDir: dir });
    try {
      const { owner: o } = await setUpShop(u);
      const all = await u.must(o, 'settings.list', {});
      const value = (key: string) => all.find((e) => e.key === key)?.value;
      expect(value('cutoffMinutes')).toBe(180);
      expect(value('unsoldHoursE')).toBe(6);
      expect(value('unsoldHoursPhysical')).toBe(24);
    } finally {
      u.close();
    }
  });
});
