// The counter in Chromium, keyboard only: spec §3.5's 4-card trade with both rounds of haggling, paid in
// cash; an ask above the ceiling approved by the owner; a duplicate card; stale quotes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { LoginPage, ShellPage, WizardPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const OWNER = { name: '王老板', pin: '246810' };
const CLERK = { name: '张三', pin: '135790' };
const SECRET = 'ABCD1234EFGH5678';
const browser = useBrowser();

const page = (url: string): Promise<Page> => browser.open(url);

describe('the worked example at the counter, keyboard only', () => {
  const host = useHost();

  it('opens the day, haggles the 4-card trade, pays ¥3,605.90 in cash, lists it, and refuses the same card again', async () => {
    const p = await page(host().url);
    await new WizardPage(p).complete({ name: '京东回收店', code: 'SH01' }, OWNER);
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13800138000');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000001', SECRET, '1000');
    await c.addCard('e', 'JDE0000000000002', SECRET, '1000');
    await c.addCard('physical', '6200000000000001', SECRET, '1000');
    await c.addCard('e', 'JDE0000000000003', SECRET, '999.99');
    await c.key('F4');
    await p.locator('section.group').nth(2).waitFor();
    expect(await p.locator('section.group').count()).toBe(3);
    await expect.poll(() => c.group('京东E卡 ×2').getByTestId('current-offer').textContent()).toBe('90.10%');
    await browser.shot(p, 'counter-offered');

    await c.ask('92.10');
    await expect.poll(() => c.group('京东E卡 ×2').locator('.outcome').textContent()).toBe('服务建议 91.10%');
    await c.ask('91.60');
    await expect.poll(() => c.group('京东E卡 ×2').locator('.outcome').textContent()).toBe('服务建议 91.30%');
    await browser.shot(p, 'counter-haggling');
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.ask('89.10');
    await expect.poll(() => c.group('京东实体卡').locator('.outcome').textContent()).toBe('服务建议 88.60%');
    await c.key('Shift+F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(3);
    expect(await c.group('京东实体卡').textContent()).toContain('已谈妥 89.10%');
    expect(await c.group('¥500 档').textContent()).toContain('已谈妥 88.90%');
    expect(await p.locator('.to-pay').textContent()).toBe('应付 ¥3,605.99 → 现金 ¥3,605.90（抹零 ¥0.09）');

    await c.key('F8');
    await expect.poll(() => p.getByTestId('cash-to-hand').textContent()).toBe('¥3,605.90');
    await browser.shot(p, 'counter-pay-dialog');
    await c.key('Enter');
    const paid = p.locator('.paid');
    await paid.waitFor();
    expect(await paid.locator('h2').textContent()).toMatch(/^✓ 已付款 · SH01-\d{8}-0001$/);
    expect(await paid.locator('.hand-over').textContent()).toBe('请付给顾客现金 ¥3,605.90');
    await browser.shot(p, 'counter-paid');
    const tradeNo = ((await paid.locator('h2').textContent()) ?? '').replace('✓ 已付款 · ', '');

    await c.key('Control+f');
    await p.getByRole('heading', { name: ZH.trades.title }).waitFor();
    await p.getByRole('row').filter({ hasText: tradeNo }).click();
    const detail = p.getByRole('article', { name: ZH.trades.detail });
    await detail.getByText(`已付款 · 单号：${tradeNo}`).waitFor();
    expect(await detail.textContent()).toContain('****0001');
    expect(await detail.textContent()).not.toContain('JDE0000000000001');
    await browser.shot(p, 'trades-list');

    await new ShellPage(p).nav('counter').click();
    await c.newTrade();
    await c.addCard('e', 'JDE0000000000001', SECRET, '1000');
    await expect.poll(() => c.error().textContent()).toBe(`这张卡已经收过（单号 ${tradeNo}）`);
    await browser.shot(p, 'counter-duplicate');
  });
});

describe('an ask above the ceiling', () => {
  const host = useHost();

  it('answers a final offer, and the owner approves the ask with PIN and reason on the clerk’s screen', async () => {
    const p = await page(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH02' }, OWNER);
    const staff = await shell.staff();
    await staff.add(CLERK.name, 'clerk', CLERK.pin);
    const login = await shell.logout();
    await login.login(CLERK.name, CLERK.pin);
    const c = new CounterPage(p);
    await c.openDay(50);
    await c.newTrade();
    await c.customer('13900139000');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000099', SECRET, '1000');
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await c.ask('93.50');
    await expect.poll(() => c.group('京东E卡').locator('.outcome').textContent()).toBe('最终报价 92.90%');
    await c.key('Shift+F6');
    const dialog = p.getByRole('dialog', { name: ZH.approval.title });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('成交价超过权限上限');
    await p.keyboard.type(OWNER.pin);
    await p.keyboard.press('Tab');
    await p.keyboard.type('老客户，店主同意');
    await browser.shot(p, 'counter-owner-approval');
    await p.keyboard.press('Enter');
    await expect.poll(() => c.agreedCount()).toBe(1);
    expect(await c.group('京东E卡').textContent()).toContain('已谈妥 93.50%');
    void LoginPage;
  });
});

describe('stale quotes', () => {
  const host = useHost();

  it('block pricing until the owner confirms them', async () => {
    const p = await page(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH03' }, OWNER, 'later');
    const c = new CounterPage(p);
    await c.openDay(20);
    await c.newTrade();
    await c.addCard('e', 'JDE0000000000077', SECRET, '1000');
    await c.key('F4');
    await expect.poll(() => c.error().textContent()).toBe('参考报价已过期');
    await browser.shot(p, 'counter-stale');
    await shell.nav('quotes').click();
    await p.getByRole('button', { name: ZH.quotes.stillValid }).click();
    await p.getByText(ZH.quotes.staleBanner).waitFor({ state: 'detached' });
    await shell.nav('counter').click();
    await p.locator('table.lines tbody tr').waitFor();
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await expect.poll(() => c.group('京东E卡').getByTestId('current-offer').textContent()).toBe('90.10%');
  });
});
