// Pay in Chromium → the receipt preview shows beside the counter → the virtual printer received the same
// receipt over TCP (decoded, QR read back) → screenshots of the screen and of the paper looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { printoutSvg } from '../support/virtual-printer-cli';
import { VirtualPrinter } from '../support/virtual-printer';
import { WizardPage } from './pages/app';
import { CounterPage } from './pages/counter';

const browser = useBrowser();
const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());
const OWNER = { name: '王老板', pin: '246810' };

describe('a receipt from the counter', () => {
  const host = useHost();

  it('shows the preview after paying and prints the same receipt on the network printer', async () => {
    const p = await browser.open(host().url);
    await new WizardPage(p).complete({ name: '京东回收店', code: 'SH05' }, OWNER);
    const staff = await host().call('auth.staffList', {});
    if (!staff.result.ok) throw new Error('no staff');
    const { session } = await host().call('auth.login', { staffId: staff.result.value[0]!.id, pin: OWNER.pin });
    const set = await host().call(
      'printing.updateSettings',
      {
        target: `tcp://127.0.0.1:${printer.port}`,
        cpl: 32,
        timeoutMs: 5000,
        shopCopy: true,
        drawerOnCash: true,
        language: 'zh-CN',
      },
      session,
    );
    expect(set.result.ok).toBe(true);
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13600136000');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000000555', 'ABCD1234EFGH5678', '1000');
    await c.addCard('physical', '6200000000000556', 'ABCD1234EFGH5678', '500');
    await c.key('F4');
    await p.locator('section.group').nth(1).waitFor();
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    const tradeNo = await c.pay();
    await p.getByRole('img', { name: '小票预览' }).waitFor();
    await expect.poll(() => p.getByTestId('print-status').textContent(), { timeout: 15_000 }).toContain('小票已打印');
    await browser.shot(p, 'printing-paid-preview');

    const jobs = await printer.waitForJobs(2);
    const customer = jobs[0]!.printout;
    expect(customer.events.filter((e) => e.kind === 'qr')).toEqual([{ kind: 'qr', data: tradeNo }]);
    expect(customer.events.some((e) => e.kind === 'drawer')).toBe(true);
    expect(customer.lines.map((l) => l.text).join('\n')).toContain(`单号          ${tradeNo}`);
    for (const l of customer.lines) expect(l.width).toBeLessThanOrEqual(32);
    const paper = await browser.open('about:blank');
    await paper.setContent(printoutSvg(customer, 32));
    await browser.shot(paper, 'printing-paper');
  });
});
