// A whole business day in Chromium: open with a float → five trades (cash and WeChat Pay) → cash in → shift
// handover → close with a ¥20 shortage → the owner approves with a reason → the Z-report on screen and at the
// virtual printer → the XLSX export read back → the sealed day refuses a void; voided today it is a correction.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { formatYuan } from '../../shared/domain/money';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { printoutSvg } from '../support/virtual-printer-cli';
import { VirtualPrinter } from '../support/virtual-printer';
import { LoginPage, ShellPage, WizardPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';
import { DayPage } from './pages/day';

const browser = useBrowser();
const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());
const OWNER = { name: '王老板', pin: '246810' };
const CLERKS = [
  { name: '张三', pin: '135790' },
  { name: '李四', pin: '975310' },
];

describe('the business day', () => {
  const host = useHost();

  it('opens, trades, takes cash in, hands over, closes ¥20 short with the owner, and shows, prints and exports the Z-report', async () => {
    const p = await browser.open(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH06' }, OWNER);
    const staff = await host().call('auth.staffList', {});
    if (!staff.result.ok) throw new Error('no staff');
    const { session } = await host().call('auth.login', { staffId: staff.result.value[0]!.id, pin: OWNER.pin });
    await host().call(
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
    for (const c of CLERKS)
      expect((await host().call('staff.add', { name: c.name, role: 'clerk', pin: c.pin }, session)).result.ok).toBe(
        true,
      );

    // First shift: 张三 opens with ¥10,000 and buys five ¥500 e-cards, three for cash and two by WeChat Pay.
    let login: LoginPage = await shell.logout();
    await login.login(CLERKS[0]!.name, CLERKS[0]!.pin);
    const c = new CounterPage(p);
    const day = new DayPage(p);
    await c.openDay(100);
    const tradeNos: string[] = [];
    for (let i = 0; i < 5; i++) {
      await c.newTrade();
      await c.customer(`1360013600${i}`);
      await c.key('F3');
      await c.addCard('e', `JDE00000000007${String(i).padStart(2, '0')}`, 'ABCD1234EFGH5678', '500');
      await c.key('F4');
      await p.locator('section.group').first().waitFor();
      await c.key('F6');
      await expect.poll(() => c.agreedCount()).toBe(1);
      tradeNos.push(i % 2 === 1 ? await c.payBy('wechat', `WX20261125${i}`) : await c.pay());
    }
    expect(tradeNos.map((n) => n.slice(-4))).toEqual(['0001', '0002', '0003', '0004', '0005']);
    await day.cashIn('500', '补充零钱');

    // Handover: 张三 counts blind; the expected cash shows only afterwards. 李四 takes over.
    const owner = await host().call('days.current', {}, session);
    if (!owner.result.ok || !owner.result.value) throw new Error('no day');
    const expected = owner.result.value.expectedCashFen;
    if (expected === null) throw new Error('the owner sees the expected cash');
    const date = owner.result.value.businessDate;
    const handed = await day.handover(expected);
    expect(handed).toContain(`差额 ${formatYuan(0)}`);
    await p.getByRole('button', { name: ZH.top.logout }).last().click();
    login = new LoginPage(p);
    await login.login(CLERKS[1]!.name, CLERKS[1]!.pin);

    // Close ¥20 short: a blind count, the discrepancy, one recount, then the reason and the owner's PIN in place.
    await day.startClose(expected - 2_000);
    await day.recount(expected - 2_000);
    await day.seal({ reason: '找零多给了顾客' });
    await day.approve(OWNER.name, OWNER.pin, '找零多给了顾客');
    await expect.poll(() => p.getByTestId('close-discrepancy').textContent()).toBe(formatYuan(-2_000));
    await browser.shot(p, 'day-sealed');
    await p.getByRole('dialog').getByRole('button', { name: ZH.common.close }).click();

    // The owner's evening: the ledger, the day's Z-report as printed, a red line for the drawer.
    await new ShellPage(p).logout();
    const ownerShell = await new LoginPage(p).login(OWNER.name, OWNER.pin);
    await ownerShell.nav('ledger').click();
    await p.getByTestId('z-preview').waitFor();
    await expect.poll(() => p.getByTestId('drawer-off').textContent()).toContain(formatYuan(-2_000));
    await browser.shot(p, 'ledger-day');
    const shown = await host().call('ledger.report', { businessDate: date }, session);
    if (!shown.result.ok) throw new Error(`no report: ${shown.result.error.code}`);
    const z = shown.result.value.report;
    expect(z.zNumber).toBe(1);
    expect(z.totals.trades).toBe(5);
    expect(z.cash.discrepancyFen).toBe(-2_000);
    expect(z.cash.shifts).toHaveLength(1);
    expect(z.closeCounts?.map((k) => k.discrepancyFen)).toEqual([-2_000, -2_000]);
    expect(z.approvals).toEqual([
      expect.objectContaining({ what: 'day.close', ownerName: OWNER.name, reason: '找零多给了顾客' }),
    ]);

    // At the virtual printer: the Z-report, decoded, with the same figures.
    const jobs = await printer.waitForJobs(6);
    const zJob = jobs.find((j) => j.printout.lines.some((l) => l.text.includes('日结单')));
    expect(zJob).toBeDefined();
    const paper = zJob!.printout.lines.map((l) => l.text.replace(/\s+/g, ' ')).join('\n');
    for (const line of [
      `Z 号 0001`,
      `差额 -￥20.00`,
      `实点现金 ${formatYuan(expected - 2_000, '￥')}`,
      `净付出 ${formatYuan(z.netPayoutFen, '￥')}`,
      `累计总额 ${formatYuan(z.grandTotalFen, '￥')}`,
    ]) {
      expect(paper).toContain(line);
    }
    for (const l of zJob!.printout.lines) expect(l.width).toBeLessThanOrEqual(48);
    const sheet = await browser.open('about:blank');
    await sheet.setContent(printoutSvg(zJob!.printout, 48));
    await browser.shot(sheet, 'zreport-paper');

    // The XLSX export, downloaded from the screen and read back.
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: ZH.ledger.xlsx }).click(),
    ]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const fen = new Map<string, number>();
    wb.getWorksheet('Z报表')?.eachRow((row) => {
      const label = row.getCell(1).value;
      const value = row.getCell(3).value;
      if (typeof label === 'string' && typeof value === 'number' && !fen.has(label)) fen.set(label, value);
    });
    expect(fen.get('净付出')).toBe(z.netPayoutFen);
    expect(fen.get('现金 × 3')).toBe(z.payments.find((x) => x.method === 'cash')?.amountFen);
    expect(fen.get('微信支付 × 2')).toBe(z.payments.find((x) => x.method === 'wechat')?.amountFen);
    expect(fen.get('存入')).toBeUndefined(); // labels carry their sign
    expect(fen.get('+ 存入')).toBe(50_000);
    expect(fen.get('差额')).toBe(-2_000);
    expect(fen.get('累计总额')).toBe(z.grandTotalFen);
    expect(wb.getWorksheet('交易 Trades')?.rowCount).toBe(6);

    // The sealed day refuses a void; the next day the void is a correction entry naming the trade.
    const paid = await host().call('trades.list', { query: tradeNos[1]! }, session);
    if (!paid.result.ok) throw new Error('no trade');
    const tradeId = paid.result.value[0]!.id;
    const refused = await host().call('trades.void', { tradeId, reason: '顾客退卡' }, session);
    expect(refused.result.ok ? 'ok' : refused.result.error.code).toBe('DAY_NOT_OPEN');
    await host().advanceClock(24 * 3_600_000);
    await host().call('auth.unlock', { pin: OWNER.pin }, session);
    expect((await host().call('days.open', { count: { '10000': 100 } }, session)).result.ok).toBe(true);
    const voided = await host().call('trades.void', { tradeId, reason: '顾客退卡' }, session);
    expect(voided.result.ok).toBe(true);
    const today = await host().call('ledger.report', { businessDate: addDays(date, 1) }, session);
    if (!today.result.ok) throw new Error('no report');
    expect(today.result.value.report.voids).toEqual([
      expect.objectContaining({ tradeNo: tradeNos[1], paidDate: date }),
    ]);
    const sealedAgain = await host().call('ledger.report', { businessDate: date }, session);
    expect(sealedAgain.result.ok && sealedAgain.result.value.report).toEqual(z);
  });
});
