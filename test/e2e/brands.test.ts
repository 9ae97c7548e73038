// A second brand, end to end in Chromium: the owner adds Tmall on the brands screen (a pattern that could hang the
// counter is refused on screen and, when only a trial shows it, at save), gives it its own quote; the clerk buys a
// JD card and a Tmall card in one trade (F10 switches brand), pays, and both print under their own names on the
// receipt and on the Z-report, decoded at the virtual printer. Screenshots are saved for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../shared/domain/money';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { printoutSvg } from '../support/virtual-printer-cli';
import { VirtualPrinter } from '../support/virtual-printer';
import { LoginPage, ShellPage, WizardPage, ZH } from './pages/app';
import { BrandsPage } from './pages/brands';
import { CounterPage } from './pages/counter';
import { DayPage } from './pages/day';

const browser = useBrowser();
const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());
const OWNER = { name: '王老板', pin: '246810' };
const CLERK = { name: '张三', pin: '135790' };
const SECRET = 'ABCD1234EFGH5678';

describe('a second brand', () => {
  const host = useHost();

  it('is added by the owner with its own quote, bought next to JD in one trade and named on the receipt and the Z-report', async () => {
    const p = await browser.open(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH14' }, OWNER);
    const staff = await host().call('auth.staffList', {});
    if (!staff.result.ok) throw new Error('no staff');
    const { session } = await host().call('auth.login', { staffId: staff.result.value[0]!.id, pin: OWNER.pin });
    const set = await host().call(
      'printing.updateSettings',
      {
        target: `tcp://127.0.0.1:${printer.port}`,
        cpl: 48,
        timeoutMs: 5000,
        shopCopy: false,
        drawerOnCash: true,
        language: 'zh-CN',
      },
      session,
    );
    expect(set.result.ok).toBe(true);
    expect(
      (await host().call('staff.add', { name: CLERK.name, role: 'clerk', pin: CLERK.pin }, session)).result.ok,
    ).toBe(true);

    // The owner adds Tmall. A repeat inside a repeat is refused on screen, before anything is sent.
    const brands = await BrandsPage.open(shell);
    await brands.row('京东').waitFor();
    await brands.startAdd('tmall', '天猫', 'Tmall');
    await brands.fillForm('e', {
      nameZh: '天猫超市卡',
      nameEn: 'Tmall supermarket card',
      max: '5000',
      numberPattern: '^(a+)+$',
      numberHint: 'TM 开头，共 16 位',
      numberExample: 'aaaa',
      secretPattern: '^[0-9]{8}$',
      secretHint: '8 位数字',
      secretExample: '1234 5678',
    });
    const nested = brands.form('e').getByRole('alert');
    await expect.poll(() => nested.textContent()).toContain('重复里再套重复');
    expect(await brands.saveButton().isDisabled()).toBe(true);
    await expect.poll(() => brands.tried('e', 'secret').textContent()).toContain('示例符合规则（收卡台读作 12345678）');
    await browser.shot(p, 'brands-nested-refused');

    // One that only a trial on a long hostile input shows is refused by the main process at save, in words.
    await brands.setPattern('e', 'number', '^(\\d|\\d\\d)+$', '1234');
    await expect.poll(() => brands.tried('e', 'number').textContent()).toContain('示例符合规则');
    await brands.saveButton().click();
    await expect.poll(() => brands.error().textContent()).toContain('试算太慢');
    await browser.shot(p, 'brands-slow-refused');

    // A sound pattern, tried on an example typed as a clerk would (lower case, dashes), is saved.
    await brands.setPattern('e', 'number', '^TM[0-9]{14}$', 'tm00-0000-0000-0000');
    await expect.poll(() => brands.tried('e', 'number').textContent()).toContain('TM00000000000000');
    await brands.saveButton().click();
    await brands.row('天猫').waitFor();
    expect(await brands.row('天猫').textContent()).toContain('天猫超市卡（电子）');
    await browser.shot(p, 'brands-list');

    // Its own quote, on the quotes screen.
    await shell.nav('quotes').click();
    await p.getByRole('button', { name: ZH.quotes.add }).click();
    const dialog = p.getByRole('dialog', { name: ZH.quotes.add });
    await dialog.getByLabel(ZH.counter.brand, { exact: true }).selectOption('tmall');
    await dialog.getByLabel(ZH.quotes.source, { exact: true }).fill('平台T');
    await dialog.getByLabel(`${ZH.quotes.rate} (%)`).fill('95');
    await dialog.getByRole('button', { name: ZH.common.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await p.getByRole('row').filter({ hasText: '平台T' }).filter({ hasText: '天猫' }).waitFor();

    // The clerk buys a JD e-card and, after F10, a Tmall e-card in one trade.
    await (await shell.logout()).login(CLERK.name, CLERK.pin);
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13600136014');
    const brandBox = p.locator('.entry-row').getByLabel(ZH.counter.brand, { exact: true });
    expect(await brandBox.inputValue()).toBe('jd');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000001401', SECRET, '1000');
    await c.key('F10');
    await expect.poll(() => brandBox.inputValue()).toBe('tmall');
    await c.key('F3');
    await c.addCard('e', 'tm0000-0000-0000-09', '12345678', '500');
    await expect.poll(() => p.locator('table.lines tbody tr').count()).toBe(2);
    expect(await p.locator('table.lines tbody').textContent()).toContain('天猫超市卡');
    // The last brand used stays selected for the next card.
    expect(await brandBox.inputValue()).toBe('tmall');
    await c.key('F4');
    await p.locator('section.group').nth(1).waitFor();
    await expect.poll(() => c.group('天猫超市卡').count()).toBe(1);
    await browser.shot(p, 'brands-counter-two-brands');
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    const tradeNo = await c.payBy('wechat', 'WX2026112514');

    // The receipt, decoded at the virtual printer: each card under its brand's own name.
    const [receiptJob] = await printer.waitForJobs(1);
    const receipt = receiptJob!.printout.lines.map((l) => l.text.replace(/\s+/g, ' ')).join('\n');
    expect(receipt).toContain(tradeNo);
    expect(receipt).toMatch(/1\. 京东E卡 电子卡 \*{4}1401/);
    expect(receipt).toMatch(/2\. 天猫超市卡 电子卡 \*{4}0009/);
    expect(receipt).not.toContain('tmall');
    const paper = await browser.open('about:blank');
    await paper.setContent(printoutSvg(receiptJob!.printout, 48));
    await browser.shot(paper, 'brands-receipt-paper');

    // The next trade starts with the brand last used.
    await c.newTrade();
    expect(await brandBox.inputValue()).toBe('tmall');

    // Closing (paid by WeChat Pay, the drawer holds its float): the Z-report lists each brand by name. The empty
    // trade just started is unpaid: the close voids it with one reason.
    const day = new DayPage(p);
    await day.startClose(1_000_000);
    await day.seal({ voidReason: '顾客没有再来' });
    await expect.poll(() => p.getByTestId('close-discrepancy').textContent()).toBe(formatYuan(0));
    await p.getByRole('dialog').getByRole('button', { name: ZH.common.close }).click();
    const jobs = await printer.waitForJobs(2);
    const zJob = jobs.find((j) => j.printout.lines.some((l) => l.text.includes('日结单')));
    expect(zJob).toBeDefined();
    const zPaper = zJob!.printout.lines.map((l) => l.text.replace(/\s+/g, ' ')).join('\n');
    expect(zPaper).toContain('京东E卡 电子 × 1 张');
    expect(zPaper).toContain('天猫超市卡 电子 × 1 张');
    await paper.setContent(printoutSvg(zJob!.printout, 48));
    await browser.shot(paper, 'brands-zreport-paper');

    // The owner's ledger shows the same Z-report on screen.
    await new ShellPage(p).logout();
    const owner = await new LoginPage(p).login(OWNER.name, OWNER.pin);
    await owner.nav('ledger').click();
    await p.getByTestId('z-preview').waitFor();
    await p.getByTestId('z-preview').evaluate((img) => img.scrollIntoView({ block: 'start' }));
    await browser.shot(p, 'brands-ledger');
    const current = await host().call('ledger.days', {}, session);
    if (!current.result.ok) throw new Error('no days');
    const date = current.result.value.items[0]!.businessDate;
    const shown = await host().call('ledger.report', { businessDate: date }, session);
    if (!shown.result.ok) throw new Error('no report');
    expect(shown.result.value.report.brands.map((b) => [b.name, b.cards])).toEqual([
      ['京东E卡', 1],
      ['天猫超市卡', 1],
    ]);
    // The screen's picture of it, one character a text span: read without its tags.
    expect(shown.result.value.svg.replace(/<[^>]+>/g, '').replaceAll('&#xa0;', ' ')).toContain(
      '天猫超市卡 电子 × 1 张',
    );
  });
});
