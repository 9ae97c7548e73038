// The head-office console's alerts, levers and watch list in Chromium, on the built dist/hq/hq.cjs (PGlite): two
// shops registered at the command line send signed requests as a shop does — a sealed day, and one card bought at
// both, reported live — then: sign in → shops → a shop's day → alerts (the duplicate the two live reports raised,
// counted and grouped; the same in English at 1920×1080) → a quote and a promotion for a group published, with the
// preview of a sample card, and the group's pricing pull's ETag changed → a brand for the group added on the screen
// (a refused secret rule said in words first), seen in the pricing pull → a watch-list number entered, found in the
// watch-list pull as its chain hash only → a manager added, regrouped and removed → the owner's own password
// changed (a wrong old one said in words first) and signed in with → the journal. Screenshots in test-results/console-*.png.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates';
import { normalise } from '../../shared/domain/normalise';
import { chainHash } from '../../shared/protocol/signing';
import { CONSOLE_ERRORS, CONSOLE_FIELDS, CONSOLE_JOURNAL_KINDS, CONSOLE_WORDS } from '../../shared/words';
import { tempDir } from '../support/backend';
import { useBrowser } from '../support/browser';
import { OWNER } from '../support/console';
import { dayBody, signedRequest } from '../support/hq-requests';
import { ROOT, waitForLine } from '../support/host';

const browser = useBrowser();
const HQ_JS = path.join(ROOT, 'dist', 'hq', 'hq.cjs');
if (!fs.existsSync(path.join(ROOT, 'dist', 'hq', 'console', 'app.js')))
  throw new Error('dist/hq/console is missing: run `npm run build` first');
const ZH = CONSOLE_WORDS['zh-CN'];
const EN = CONSOLE_WORDS.en;
const CHAIN_KEY = 'the-chain-key-of-the-owner-e2e-2026';
const env = { ...process.env, CARDDESK_HQ_KEY: '7d'.repeat(32) };
let hqProc: ChildProcess | null = null;
afterAll(() => void hqProc?.kill('SIGTERM'));

describe('the head-office console’s alerts, levers and watch list', () => {
  it('walks from a shop’s day to a duplicate alert, a published promotion and a watch-list entry', async () => {
    const hqData = tempDir('carddesk-console-levers-e2e-');
    const cli = (args: string[], input = '') =>
      execFileSync(process.execPath, [HQ_JS, ...args, '--data-dir', hqData], { encoding: 'utf8', input, env });
    expect(cli(['create-owner', '--name', OWNER.name], `${OWNER.password}\n`)).toContain('created');
    cli(['chain-key', 'set'], `${CHAIN_KEY}\n`);
    const secrets: Record<string, string> = {};
    for (const [code, name] of [
      ['SA', '东门店'],
      ['SB', '西门店'],
    ] as const) {
      const out = cli(['shop', 'add', code, '--name', name, '--city', '深圳', '--group', '华南']);
      secrets[code] = /SHOP_SECRET=(\S+)/.exec(out)?.[1] ?? '';
    }
    hqProc = spawn(process.execPath, [HQ_JS, '--port', '0', '--data-dir', hqData], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    const url = (await waitForLine(hqProc, /HQ_URL=(\S+)/, 60_000))[1] ?? '';
    hqProc.stdout?.resume();
    const ask = (shop: string, method: string, p: string, body = '', headers: Record<string, string> = {}) =>
      signedRequest(url, shop, secrets[shop] ?? '', Math.floor(Date.now() / 1000), method, p, body, { headers });

    // SA's sealed day; one card bought at SA and at SB, each reported live as the counter does.
    const date = addDays(localDate(Date.now(), 'Asia/Shanghai'), -1);
    expect((await ask('SA', 'PUT', `/v1/shops/SA/days/${date}`, dayBody('SA', date))).status).toBe(201);
    const cardNumber = '6200 1234 5678 0009';
    for (const [shop, tradeNo] of [
      ['SA', 'SA-0001'],
      ['SB', 'SB-0001'],
    ] as const) {
      const body = JSON.stringify({
        tradeNo,
        paidAt: new Date().toISOString(),
        lines: [
          {
            position: 1,
            cardHash: chainHash(CHAIN_KEY, normalise(cardNumber)),
            brand: 'jd',
            form: 'e',
            valueFen: 100_000,
          },
        ],
      });
      const r = await ask(shop, 'POST', `/v1/shops/${shop}/cards/bought`, body, {
        'Idempotency-Key': `${shop}:${tradeNo}:bought`,
      });
      expect(r.status).toBe(201);
    }

    const p = await browser.open(`${url}/console/`);
    await p.getByLabel(ZH.name).fill(OWNER.name);
    await p.getByLabel(ZH.password).fill(OWNER.password);
    await p.getByRole('button', { name: ZH.signIn }).click();
    // Shops → SA's days → its day.
    const row = p.locator('tr[data-shop="SA"]');
    await row.getByText(`${date} · Z1`).waitFor();
    await row.getByRole('link').click();
    await p.getByRole('link', { name: date }).click();
    await p.getByTestId('zreport').waitFor();

    // Alerts: the duplicate the two live reports raised, grouped and counted; SB has sent no day yet.
    await p.getByRole('link', { name: ZH.alertsTab }).click();
    await expect.poll(() => p.getByTestId('count-duplicate_card').textContent()).toContain('1');
    const dup = p.locator('[data-kind="duplicate_card"]');
    await dup.getByText('东门店 (SA)（单号 SA-0001）', { exact: false }).waitFor();
    expect(await dup.textContent()).toContain('西门店 (SB)（单号 SB-0001）');
    // Filtered by kind: the duplicate alone.
    await p.getByLabel(ZH.kind).selectOption('duplicate_card');
    await expect.poll(() => p.locator('.alert-group').count()).toBe(1);
    expect(await p.content()).not.toContain(chainHash(CHAIN_KEY, normalise(cardNumber)));
    await browser.shot(p, 'console-alerts');
    await p.getByLabel(ZH.kind).selectOption('');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await p.getByRole('button', { name: ZH.lang }).click();
    await p.getByRole('heading', { name: EN.alertsTab }).waitFor();
    await browser.shot(p, 'console-alerts-en-1920');
    await p.getByRole('button', { name: EN.lang }).click();
    await p.setViewportSize({ width: 1366, height: 768 });

    // Rates and levers: a quote for every shop, a promotion for 华南; the preview; the pull's ETag changes.
    const pricingEtag = async () => (await ask('SA', 'GET', '/v1/shops/SA/pricing')).headers.etag;
    const before = await pricingEtag();
    await p.getByRole('link', { name: ZH.rates }).click();
    const quotes = p.getByTestId('quotes');
    await quotes.getByRole('button', { name: ZH.addQuote }).click();
    await quotes.getByLabel(`${ZH.source} 1`).fill('京东回收');
    await quotes.getByLabel(`${ZH.brand} 1`).fill('jd');
    await quotes.getByLabel(`${ZH.ratePct} 1`).fill('95');
    await quotes.getByRole('button', { name: ZH.publish }).click();
    await quotes.getByText(ZH.published.slice(0, 4)).waitFor();
    const levers = p.getByTestId('levers');
    await levers.getByRole('combobox').first().selectOption('华南');
    await p.locator('[data-testid="levers"][data-group="华南"]').waitFor();
    await levers.getByRole('button', { name: ZH.addPromotion }).click();
    await levers.getByLabel(`${ZH.entryName} 1`).fill('新春加价');
    await levers.getByLabel(`${ZH.bpLabel} 1`).fill('30');
    const preview = p.getByTestId('preview');
    await preview.getByLabel(ZH.brand).fill('jd');
    await preview.getByRole('button', { name: ZH.showPreview }).click();
    // 95% best exit, +20 bp (the ¥1,000 value tier) +30 bp promotion: target 92.50%, opening 91.50%.
    await expect.poll(() => preview.getByTestId('preview-opening').textContent()).toBe('91.50%');
    expect(await preview.textContent()).toContain('新春加价 +30');
    await levers.getByRole('button', { name: ZH.publish }).click();
    await levers.getByText(ZH.published.slice(0, 4)).waitFor();
    const after = await pricingEtag();
    expect(after).not.toBe(before);
    expect(await levers.textContent()).toContain(after ?? 'no etag');
    const pulled = JSON.parse((await ask('SA', 'GET', '/v1/shops/SA/pricing')).body) as {
      promotions: { name: string; bp: number }[];
    };
    expect(pulled.promotions.map((x) => [x.name, x.bp])).toEqual([['新春加价', 30]]);
    await browser.shot(p, 'console-rates');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await browser.shot(p, 'console-rates-1920');
    await p.setViewportSize({ width: 1366, height: 768 });

    // A brand for 华南 added on the screen: a secret rule that repeats inside a repeat said in words inside the
    // brand's block, then a sound one published and seen in SA's pricing pull under a new ETag.
    await levers.getByRole('button', { name: ZH.addBrand }).click();
    const brand = levers.getByTestId('brand-1');
    await brand.getByLabel(`${ZH.brandCode} 1`, { exact: true }).fill('tmall');
    await brand.getByLabel(`${ZH.brandNameZh} 1`, { exact: true }).fill('天猫超市卡');
    await brand.getByLabel(`${ZH.brandNameEn} 1`, { exact: true }).fill('Tmall card');
    await brand.getByLabel(`${ZH.secretPattern} 1.1`, { exact: true }).fill('^(\\d+)+$');
    await brand.getByLabel(`${ZH.brandMaxValue} 1.1`, { exact: true }).fill('2000');
    await levers.getByRole('button', { name: ZH.publish }).click();
    const fields = CONSOLE_FIELDS['zh-CN'];
    await brand
      .getByText(
        `${CONSOLE_ERRORS['zh-CN'].pattern_nested} — ${fields.brands} #1 · ${fields.forms} #1 · ${fields.secretPattern}`,
      )
      .waitFor();
    expect(await pricingEtag()).toBe(after);
    await brand.scrollIntoViewIfNeeded();
    await browser.shot(p, 'console-brands-refused');
    await brand.getByLabel(`${ZH.secretPattern} 1.1`, { exact: true }).fill('^[0-9]{6}$');
    await brand.getByLabel(`${ZH.secretHint} 1.1`, { exact: true }).fill('6 位数字');
    await levers.getByRole('button', { name: ZH.publish }).click();
    await expect.poll(async () => await pricingEtag()).not.toBe(after);
    const withBrand = JSON.parse((await ask('SA', 'GET', '/v1/shops/SA/pricing')).body) as {
      brands: {
        code: string;
        nameZh: string;
        forms: { form: string; secretPattern: string; secretHint: string; maxValueFen: number }[];
      }[];
    };
    expect(withBrand.brands.map((b) => [b.code, b.nameZh, b.forms])).toEqual([
      [
        'tmall',
        '天猫超市卡',
        [
          expect.objectContaining({
            form: 'e',
            secretPattern: '^[0-9]{6}$',
            secretHint: '6 位数字',
            maxValueFen: 200_000,
          }),
        ],
      ],
    ]);
    expect(await levers.textContent()).toContain((await pricingEtag()) ?? 'no etag');
    expect(await p.locator('.problem').count()).toBe(0);
    await brand.scrollIntoViewIfNeeded();
    await browser.shot(p, 'console-brands');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await browser.shot(p, 'console-brands-1920');
    await p.setViewportSize({ width: 1366, height: 768 });

    // The watch list: a number entered, pulled by a shop as its chain hash; the number itself nowhere.
    const lost = '6288 0000 1111 2222';
    await p.getByRole('link', { name: ZH.watch }).click();
    await p.getByLabel(ZH.numberLabel).fill(lost);
    await p.getByLabel(ZH.reason).fill('顾客报失');
    await p.getByRole('button', { name: ZH.addWatch }).click();
    await p.getByTestId('watch-entries').getByText('顾客报失').waitFor();
    expect(await p.content()).not.toContain('6288000011112222');
    const watch = JSON.parse((await ask('SA', 'GET', '/v1/shops/SA/watchlist?since=0')).body) as {
      entries: { kind: string; hash: string; reason: string }[];
    };
    expect(watch.entries).toEqual([
      expect.objectContaining({ kind: 'card', hash: chainHash(CHAIN_KEY, normalise(lost)), reason: '顾客报失' }),
    ]);
    expect(JSON.stringify(watch)).not.toContain('6288000011112222');
    await browser.shot(p, 'console-watch');
    await p.setViewportSize({ width: 1920, height: 1080 });
    await browser.shot(p, 'console-watch-1920');
    await p.setViewportSize({ width: 1366, height: 768 });

    // People: a manager added, given a second group, removed; then the owner's own password, and signing in with it.
    await p.getByRole('link', { name: ZH.people }).click();
    const form = p.locator('form.register');
    const field = (k: string) => form.getByLabel(CONSOLE_FIELDS['zh-CN'][k] ?? k);
    await field('name').fill('李经理');
    await field('password').fill('manager-password-2026');
    await field('groups').fill('华南');
    await form.getByRole('button', { name: ZH.addManager }).click();
    const manager = p.getByRole('row').filter({ hasText: '李经理' });
    await manager.getByRole('button', { name: ZH.editGroups }).click();
    await manager.getByLabel(`${ZH.groups} 李经理`).fill('华南,华北');
    await manager.getByRole('button', { name: ZH.save }).click();
    await manager.getByText('华北、华南').waitFor();
    await browser.shot(p, 'console-people-groups');
    p.once('dialog', (d) => void d.accept());
    await manager.getByRole('button', { name: ZH.removeManager }).click();
    await expect.poll(() => p.getByRole('row').filter({ hasText: '李经理' }).count()).toBe(0);
    await p.getByRole('link', { name: `${OWNER.name} · ${ZH.owner}` }).click();
    const newPassword = 'the-owner-password-2027';
    await p.getByLabel(CONSOLE_FIELDS['zh-CN'].oldPassword ?? '').fill('not-the-password-00');
    await p.getByLabel(CONSOLE_FIELDS['zh-CN'].newPassword ?? '').fill(newPassword);
    await p.getByRole('button', { name: ZH.changePassword }).click();
    await p.getByText('原密码不对 — 原密码').waitFor();
    await browser.shot(p, 'console-password');
    await p.getByLabel(CONSOLE_FIELDS['zh-CN'].oldPassword ?? '').fill(OWNER.password);
    await p.getByRole('button', { name: ZH.changePassword }).click();
    await p.getByText(ZH.passwordChanged).waitFor();
    await p.getByRole('button', { name: ZH.signIn }).click();
    await p.getByLabel(ZH.name).fill(OWNER.name);
    await p.getByLabel(ZH.password).fill(newPassword);
    await p.getByRole('button', { name: ZH.signIn }).click();
    await p.locator('tr[data-shop="SA"]').waitFor();
    // The journal holds each change, its chain intact.
    await p.getByRole('link', { name: ZH.journal }).click();
    await p.getByText(ZH.chainHolds).waitFor();
    const journal = (await p.locator('tbody').textContent()) ?? '';
    for (const k of ['quotes.set', 'pricing.set', 'watch.add', 'person.groups', 'person.remove', 'person.password'])
      expect(journal).toContain(CONSOLE_JOURNAL_KINDS['zh-CN'][k]);
    await browser.shot(p, 'console-journal-levers');
    await p.close();
  });
});
