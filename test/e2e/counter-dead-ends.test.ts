// The counter without dead ends (issue 15, items 1–3), keyboard only in Chromium against the built host: card rows
// chosen with ↑/↓, a value corrected and a card taken out; refusals in words that go when the clerk moves on; a
// haggle that runs past the balance-check window paid by the clerk after checking again; a ¥30 card bought at the
// owner's exit rate next to a normally priced card; a watch-listed card let through and on the compliance report.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { type ShellPage, WizardPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const OWNER = { name: '王老板', pin: '246810' };
const CLERK = { name: '张三', pin: '135790' };
const SECRET = 'ABCD1234EFGH5678';
const MINUTE = 60_000;
const browser = useBrowser();

/** The wizard done by the owner; with `clerk`, the clerk added and logged in in the owner's place. */
async function shop(url: string, code: string, clerk: boolean): Promise<{ p: Page; c: CounterPage; shell: ShellPage }> {
  const p = await browser.open(url);
  const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code }, OWNER);
  if (clerk) {
    const staff = await shell.staff();
    await staff.add(CLERK.name, 'clerk', CLERK.pin);
    const login = await shell.logout();
    await login.login(CLERK.name, CLERK.pin);
  }
  return { p, c: new CounterPage(p), shell };
}

const rows = (p: Page) => p.locator('table.lines tbody tr');
const row = (p: Page, position: number) => rows(p).nth(position - 1);
const panelTitles = (p: Page) => p.locator('section.group h3').allTextContents();

describe('card rows from the keyboard', () => {
  const host = useHost();

  it('refuses a value that is no amount in words, chooses rows with ↑/↓, corrects a value and takes a card out', async () => {
    const { p, c } = await shop(host().url, 'SH21', false);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13800138021');
    await c.key('F3');
    await c.addCard('e', 'JDE12', SECRET, '1000');
    await expect.poll(() => c.error().textContent()).toContain('格式不对');

    // The clerk moves on (the value field): the old refusal goes; 0 and 12.345 are refused next to the field.
    await c.key('Shift+Tab');
    await c.key('Control+a');
    await p.keyboard.type('0');
    expect(await c.error().count()).toBe(0);
    await c.key('Enter');
    await expect.poll(() => c.error().allTextContents()).toEqual([ZH.counter.valueRefused]);
    await c.key('Control+a');
    await p.keyboard.type('12.345');
    expect(await c.error().count()).toBe(0);
    await c.key('Enter');
    await expect.poll(() => c.error().allTextContents()).toEqual([ZH.counter.valueRefused]);
    await browser.shot(p, 'counter-value-refused');
    await c.key('Control+a');
    await p.keyboard.type('1000');
    await c.key('Shift+Tab');
    await c.key('Shift+Tab');
    await c.key('Control+a');
    await p.keyboard.type('JDE0000000000021');
    await c.key('Enter');
    await c.key('Enter');
    await c.key('Enter');
    await expect.poll(() => rows(p).count()).toBe(1);

    // The balance check is chosen for every card: Enter without a choice is refused in words.
    await p.keyboard.type('JDE0000000000022');
    await c.key('Enter');
    await p.keyboard.type(SECRET);
    await c.key('Enter');
    await p.keyboard.type('1000');
    await c.key('Enter');
    await c.key('Enter');
    await expect.poll(() => c.error().allTextContents()).toEqual([ZH.counter.checkRefused]);
    await browser.shot(p, 'counter-check-refused');
    await c.key('2');
    await c.key('Enter');
    await expect.poll(() => rows(p).count()).toBe(2);
    expect(await row(p, 2).getByTestId('check').textContent()).toBe('看顾客屏幕 · 刚刚');
    await c.addCard('physical', '6200000000000023', SECRET, '1000');

    await c.key('F4');
    await expect
      .poll(() => panelTitles(p))
      .toEqual(['京东E卡 ×2（¥1,000 档） #1 ****0021 · #2 ****0022', '京东实体卡 ×1（¥1,000 档） #3 ****0023']);

    // F1 lists the keys of the rows.
    await c.key('F1');
    const help = p.getByRole('dialog', { name: ZH.help.title });
    await help.getByText(ZH.help.keys['Ctrl+K']).waitFor();
    await browser.shot(p, 'counter-help-keys');
    // While a dialog is open the counter's keys wait: Ctrl+K opens no check above F1's list, so Esc leaves none open.
    await c.key('Control+k');
    await c.key('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await p.getByRole('dialog').count()).toBe(0);
    await c.key('F3');

    // ↑ from the entry row chooses the last card; F5 then asks on its group, not the first one.
    await c.key('ArrowUp');
    await expect.poll(() => row(p, 3).getAttribute('aria-selected')).toBe('true');
    expect(await c.group('京东实体卡').getAttribute('aria-current')).toBe('true');
    await c.ask('89.10');
    await expect.poll(() => c.group('京东实体卡').locator('.outcome').textContent()).toBe('服务建议 88.60%');
    expect(await c.group('京东E卡').locator('.outcome').count()).toBe(0);

    // Enter on card 2: its value corrected (never above the face value); it moves to the ¥500 group.
    await c.key('F3');
    await c.key('ArrowUp');
    await c.key('ArrowUp');
    await expect.poll(() => row(p, 2).getAttribute('aria-selected')).toBe('true');
    await browser.shot(p, 'counter-row-chosen');
    await c.key('Enter');
    const edit = p.getByRole('dialog', { name: ZH.counter.edit.title });
    await edit.waitFor();
    await c.key('Control+a');
    await p.keyboard.type('1200');
    await c.key('Enter');
    await expect.poll(() => edit.getByRole('alert').textContent()).toBe('卡内余额不能超过面值 ¥1,000.00');
    await c.key('Control+a');
    await p.keyboard.type('800');
    await browser.shot(p, 'counter-edit-card');
    await c.key('Enter');
    await edit.waitFor({ state: 'detached' });
    await expect
      .poll(() => panelTitles(p))
      .toEqual([
        '京东E卡 ×1（¥1,000 档） #1 ****0021',
        '京东E卡 ×1（¥500 档） #2 ****0022',
        '京东实体卡 ×1（¥1,000 档） #3 ****0023',
      ]);
    expect(await row(p, 2).locator('td.num').first().textContent()).toBe('800.00 / 面值 ¥1,000.00');
    expect(await c.group('¥500 档').getByTestId('current-offer').textContent()).toBe('88.90%');
    expect(await c.group('¥500 档').getAttribute('aria-current')).toBe('true');

    // Delete on card 3: asked, then taken out; the trade reads two cards.
    await c.key('ArrowDown');
    await c.key('Delete');
    const remove = p.getByRole('dialog', { name: ZH.counter.removeCard.title });
    await remove.waitFor();
    expect(await remove.textContent()).toContain('第 3 张 京东实体卡 ****0023');
    await browser.shot(p, 'counter-remove-card');
    await c.key('Enter');
    await remove.waitFor({ state: 'detached' });
    await expect.poll(() => rows(p).count()).toBe(2);
    expect(await p.locator('.counter-head').textContent()).toContain('本单 2 张');
    expect(await p.locator('section.group').count()).toBe(2);

    // F6 on the focused group, twice; paid.
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    const tradeNo = await c.pay();

    // The record keeps the card taken out, its rounds and the correction.
    await c.key('Control+f');
    await p.getByRole('row').filter({ hasText: tradeNo }).click();
    const detail = p.getByRole('article', { name: ZH.trades.detail });
    await detail.getByText(`已付款 · 单号：${tradeNo}`).waitFor();
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('移出卡片');
    expect(text).toContain('第 3 张 · ****0023');
    expect(text).toContain('更正卡片');
    expect(text).toContain('¥1,000.00 → ¥800.00');
    expect(text).toContain('顾客 要价 89.10%');
    await browser.shot(p, 'counter-corrections-on-record');
  });
});

describe('a haggle past the balance-check window', () => {
  const host = useHost();

  it('shows each check ageing, refuses the clerk at the window, and is paid by the clerk after checking again', async () => {
    const { p, c } = await shop(host().url, 'SH22', true);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13800138022');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000031', SECRET, '1000');
    await c.addCard('physical', '6200000000000032', SECRET, '1000', '2');
    await c.key('F4');
    await p.locator('section.group').nth(1).waitFor();
    await c.ask('92.10');
    // Four minutes of talk, then another ask; four more, and another: the checks age and turn amber.
    await host().advanceClock(4 * MINUTE);
    await c.ask('91.60');
    await expect.poll(() => row(p, 1).getByTestId('check').textContent()).toBe('官方渠道已查 · 4 分钟前');
    await host().advanceClock(4 * MINUTE);
    await c.ask('91.40');
    await expect.poll(() => row(p, 2).getByTestId('check').textContent()).toBe('看顾客屏幕 · 8 分钟前');
    expect(await row(p, 2).getByTestId('check').getAttribute('class')).toContain('checked-ending');
    await browser.shot(p, 'counter-check-ending');
    await host().advanceClock(3 * MINUTE);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    await expect.poll(() => row(p, 1).getByTestId('check').textContent()).toBe('官方渠道已查 · 11 分钟前 · 需重新核验');
    expect(await p.getByTestId('late-checks').textContent()).toBe(
      '#1 #2 余额核验已超过 10 分钟：按 Ctrl+K 重新核验后再付款',
    );
    await browser.shot(p, 'counter-check-late');

    // F8: the backend asks for the owner; the clerk checks again instead.
    await c.key('F8');
    await p.getByTestId('cash-to-hand').waitFor();
    await c.key('Enter');
    const approval = p.getByRole('dialog', { name: ZH.approval.title });
    await approval.waitFor();
    expect(await approval.textContent()).toContain('卡片超过 10 分钟未核验余额');
    await c.key('Escape');
    await approval.waitFor({ state: 'detached' });
    await c.key('Escape');
    await p.getByRole('dialog', { name: ZH.payment.title }).waitFor({ state: 'detached' });
    await c.key('Control+k');
    const verify = p.getByRole('dialog', { name: ZH.counter.verify.title });
    await verify.waitFor();
    await c.key('Enter');
    await expect.poll(() => verify.getByRole('alert').textContent()).toBe(ZH.counter.verify.choose);
    await c.key('1');
    await browser.shot(p, 'counter-verify-dialog');
    await c.key('Enter');
    await verify.waitFor({ state: 'detached' });
    await expect
      .poll(() => rows(p).getByTestId('check').allTextContents())
      .toEqual(['官方渠道已查 · 刚刚', '官方渠道已查 · 刚刚']);
    expect(await p.getByTestId('late-checks').count()).toBe(0);
    const tradeNo = await c.pay();
    expect(tradeNo).toMatch(/^SH22-\d{8}-0001$/);
    await browser.shot(p, 'counter-paid-after-check');
  });
});

describe('the owner’s approval from the counter', () => {
  const host = useHost();

  it('buys a ¥30 card at the owner’s exit rate next to a normally priced card', async () => {
    const { p, c } = await shop(host().url, 'SH23', true);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13800138023');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000030', SECRET, '30');
    await c.addCard('e', 'JDE0000000001000', SECRET, '1000');
    await c.key('F4');
    const waiting = p.locator('section.group-waiting');
    await waiting.waitFor();
    expect(await waiting.locator('h3').textContent()).toBe('京东E卡 ×1 待定价 #1 ****0030');
    expect(await waiting.textContent()).toContain(ZH.counter.why.NO_ELIGIBLE_QUOTE);
    await expect.poll(() => c.group('¥1,000 档').getByTestId('current-offer').textContent()).toBe('90.10%');
    expect(await row(p, 1).locator('td.num').nth(1).textContent()).toBe('待定价');
    await browser.shot(p, 'counter-waiting-card');

    await c.key('Control+m');
    const dialog = p.getByRole('dialog', { name: ZH.counter.manual.title });
    await dialog.waitFor();
    await p.keyboard.type('85');
    await c.key('Tab');
    await c.key('Tab');
    await p.keyboard.type(OWNER.pin);
    await c.key('Tab');
    await p.keyboard.type('小额卡，店主按自用渠道定价');
    await browser.shot(p, 'counter-manual-exit');
    await c.key('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await waiting.count()).toBe(0);
    await expect.poll(() => c.group('#1 ****0030').getByTestId('current-offer').textContent()).toBe('81.00%');
    expect(await c.group('¥1,000 档').getByTestId('current-offer').textContent()).toBe('90.10%');
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    expect(await c.group('#1 ****0030').textContent()).toContain('已谈妥 81.00%');
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    expect(await p.locator('.to-pay').textContent()).toBe('应付 ¥925.30 → 现金 ¥925.30（抹零 ¥0.00）');
    await c.pay();
    await browser.shot(p, 'counter-manual-exit-paid');
  });
});

describe('a watch-list hit at the counter', () => {
  const host = useHost();

  it('lets a watch-listed card through with the owner’s PIN and reason, and the compliance report shows it', async () => {
    const p = await browser.open(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH24' }, OWNER);
    await shell.nav('compliance').click();
    await p.getByLabel(ZH.compliance.number).fill('JDE0000000000666');
    await p.getByLabel(ZH.compliance.reason, { exact: true }).fill('顾客报失');
    await p.getByRole('button', { name: ZH.compliance.addWatch }).click();
    await expect.poll(() => p.getByLabel(ZH.compliance.number).inputValue()).toBe('');
    const staff = await shell.staff();
    await staff.add(CLERK.name, 'clerk', CLERK.pin);
    await (await shell.logout()).login(CLERK.name, CLERK.pin);
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13800138024');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000666', SECRET, '500');
    await expect.poll(() => c.error().textContent()).toBe('此卡或证件在挂失名单上，需店主核实并授权');
    const ask = p.getByRole('button', { name: ZH.counter.watch.ask });
    await ask.and(p.locator(':focus')).waitFor();
    await browser.shot(p, 'counter-watchlist-hit');
    await c.key('Enter');
    const dialog = p.getByRole('dialog', { name: ZH.counter.watch.title });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('卡号尾号 0666 在挂失名单上');
    await p.keyboard.type(OWNER.pin);
    await c.key('Tab');
    await p.keyboard.type('店主核实：卡已找回');
    await browser.shot(p, 'counter-watchlist-override');
    await c.key('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rows(p).count()).toBe(1);
    expect(await c.error().count()).toBe(0);
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.pay();

    await (await shell.logout()).login(OWNER.name, OWNER.pin);
    await shell.nav('compliance').click();
    const overrides = p.locator('.card').filter({ hasText: ZH.compliance.overrides });
    await overrides.getByText('店主核实：卡已找回 · 王老板', { exact: false }).waitFor();
    await browser.shot(p, 'compliance-watchlist-override');
  });
});
