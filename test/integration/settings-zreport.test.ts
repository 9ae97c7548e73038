// The next seal lists every change since the previous seal (product/settings.md): the settings, a brand, in words;
// counted per group on the paper (and its image on screen), in full in the PDF; a sealed Z-report never changes
// after, the next seal lists only what came since, and head office's frozen body keeps its shape.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeWords } from '../../shared/words';
import { OWNER_PIN, type TestBackend } from '../support/backend';
import { CLERK_PIN, counterShop, FLOAT } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const DAY = 24 * 3_600_000;

describe('settings changes on the Z-report', () => {
  it('lists each change since the previous seal in words: in full on screen data and PDF, a count per group on paper', async () => {
    const s = await counterShop();
    t = s.t;
    await s.t.must(s.owner, 'settings.update', {
      group: 'compliance',
      values: { identityTradeFen: 300_000, unsoldHoursE: 3 },
    });
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { cashRounding: 'yuan' } });
    await s.t.must(s.owner, 'catalog.upsert', {
      code: 'tmall',
      nameZh: '天猫购物卡',
      nameEn: 'Tmall card',
      active: true,
      forms: [
        {
          form: 'e',
          nameZh: '天猫电子卡',
          nameEn: 'Tmall e-card',
          numberPattern: '^\\d{16}$',
          numberHint: '16 位数字',
          secretPattern: '^\\d{6}$',
          secretHint: '6 位数字',
          secretRequired: true,
          maxValueFen: 500_000,
        },
      ],
    });

    // The X-report of the open day already shows them.
    const x = await s.t.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' });
    expect((x.report.settingsChanges ?? []).map((c) => `${c.group}:${c.kind}`)).toEqual([
      'compliance:settings.changed',
      'compliance:settings.changed',
      'day:settings.changed',
      'brands:catalog.upserted',
      'brands:catalog.upserted',
    ]);

    const closed = await s.t.must(s.clerk, 'days.close', { count: FLOAT });
    const z = closed.report;
    expect((z.settingsChanges ?? []).map((c) => changeWords(c, 'zh-CN'))).toEqual([
      '修改设置 · 单笔登记身份金额：¥5,000 → ¥3,000 · 王老板',
      '修改设置 · 电子卡未出售提醒时间：2 小时 → 3 小时 · 王老板',
      '修改设置 · 现金抹零：抹到角（0.1 元） → 抹到元 · 王老板',
      '修改品牌目录 · 新增品牌 · 天猫购物卡 · 王老板',
      '修改品牌目录 · 新增卡种 · 天猫电子卡 (电子卡) · 王老板',
    ]);
    for (const c of z.settingsChanges ?? []) expect(c.payload).not.toHaveProperty('actorName');

    // Paper, and the screen's image of it: a count per group.
    const seen = await s.t.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' });
    expect(seen.report).toEqual(z);
    const svg = seen.svg.replace(/<[^>]+>/g, '').replaceAll('&#xa0;', ' ');
    for (const words of ['设置变更 (5)', '合规', '× 2', '营业日与钱箱', '品牌']) expect(svg).toContain(words);
    expect(svg).not.toContain('¥3,000');

    // The PDF: each change in full.
    const pdf = await s.t.must(s.owner, 'ledger.export', { businessDate: '2026-11-25', format: 'pdf' });
    fs.mkdirSync('test-results', { recursive: true });
    const file = path.resolve('test-results/zreport-settings.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const flat = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const words of [
      '设置变更(5)',
      '单笔登记身份金额：¥5,000→¥3,000',
      '现金抹零：抹到角（0.1元）→抹到元',
      '天猫购物卡',
    ])
      expect(flat, words).toContain(words);

    // Head office's frozen body (schema 2) carries the same changes: what changed, never a secret's value.
    const body = s.t.backend.services.sql.db
      .prepare('SELECT body FROM sync_outbox WHERE business_date = ?')
      .pluck()
      .get('2026-11-25');
    const sent = JSON.parse(String(body)) as { schema: number; settingsChanges: { kind: string }[] };
    expect(sent.schema).toBe(2);
    expect(sent.settingsChanges.map((c) => c.kind)).toContain('catalog.upserted');
    expect(sent.settingsChanges).toHaveLength(5);

    // The next day lists only what came since; the sealed day stays as sealed.
    s.t.clock.advance(DAY);
    await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    await s.t.must(s.clerk, 'auth.unlock', { pin: CLERK_PIN });
    await s.t.must(s.clerk, 'days.open', { count: FLOAT });
    await s.t.must(s.owner, 'settings.update', { group: 'day', values: { verifyWindowMinutes: 20 } });
    const next = await s.t.must(s.clerk, 'days.close', { count: FLOAT });
    expect((next.report.settingsChanges ?? []).map((c) => changeWords(c, 'en'))).toEqual([
      'Setting changed · Balance check valid for: 10 min → 20 min · 王老板',
    ]);
    expect((await s.t.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' })).report).toEqual(z);
  });

  it('says none when nothing changed since the previous seal', async () => {
    const s = await counterShop();
    t = s.t;
    const closed = await s.t.must(s.clerk, 'days.close', { count: FLOAT });
    expect(closed.report.settingsChanges).toEqual([]);
    const svg = (await s.t.must(s.owner, 'ledger.report', { businessDate: '2026-11-25' })).svg
      .replace(/<[^>]+>/g, '')
      .replaceAll('&#xa0;', ' ');
    expect(svg).toContain('设置变更 (0)');
  });
});
