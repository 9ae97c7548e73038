// Spec §5 at the counter: a ¥6,000 trade stops for identity before agreeing; an invalid ID is refused in plain
// Chinese; the source of funds is asked with it; then it goes through; the owner's report lists the trade with its
// source of funds and its XLSX export reads back.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { residentCheckChar } from '../../shared/domain/identity';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { ShellPage, WizardPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const browser = useBrowser();
const OWNER = { name: '王老板', pin: '246810' };
const ID = `11010119900307123${residentCheckChar('11010119900307123')}`;
const WRONG = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');

describe('identity at the threshold', () => {
  const host = useHost();

  it('stops a ¥6,000 trade for identity, refuses an invalid ID, pays with a valid one, and reports it', async () => {
    const p = await browser.open(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH04' }, OWNER);
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13700137000');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000006000', 'ABCD1234EFGH5678', '6000');
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await p.getByText('需要登记顾客身份（按 F7）：本单金额达到 ¥5,000').waitFor();
    await c.key('F6');
    await expect.poll(() => c.error().textContent()).toBe('成交前需要登记顾客身份（F7）');
    expect(await c.agreedCount()).toBe(0);
    await browser.shot(p, 'compliance-identity-needed');

    await c.key('F7');
    const dialog = p.getByRole('dialog', { name: ZH.customer.title });
    await dialog.getByLabel(ZH.customer.name).fill('李四');
    await dialog.getByLabel(ZH.customer.idNumber).fill(WRONG);
    // Spec §5: where the cards came from, asked with the identity, never chosen for the clerk, and asked before
    // anything is saved.
    expect(await dialog.getByLabel(ZH.customer.funds).inputValue()).toBe('');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(ZH.errors.FUNDS_SOURCE_REQUIRED);
    expect(await p.locator('.customer-bar').textContent()).not.toContain('李四');
    await dialog.getByLabel(ZH.customer.funds).focus();
    await dialog.getByLabel(ZH.customer.funds).selectOption('other');
    await dialog.getByLabel(ZH.customer.fundsNote).fill('公司发的节日福利卡，转送');
    await browser.shot(p, 'compliance-funds-source');
    await p.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('身份证号校验位不对，请核对最后一位');
    await browser.shot(p, 'compliance-invalid-id');
    await dialog.getByLabel(ZH.customer.idNumber).fill(ID);
    await p.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await p.locator('.customer-bar').textContent()).toContain(`李四 110***********${ID.slice(-4)}`);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    const tradeNo = await c.pay();

    await new ShellPage(p).nav('compliance').click();
    const table = p.getByRole('table', { name: ZH.compliance.threshold });
    await table.getByText(tradeNo).waitFor();
    expect(await table.textContent()).toContain('资金来源：其他（公司发的节日福利卡，转送）');
    await browser.shot(p, 'compliance-report');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: ZH.compliance.exportXlsx }).click(),
    ]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1).map(String));
    const row = rows.find((r) => r[0] === 'threshold');
    expect(row?.[2]).toBe(tradeNo);
    expect(row?.[4]).toContain(`110***********${ID.slice(-4)}`);
    expect(row?.[6]).toBe('其他（公司发的节日福利卡，转送）');
    expect(JSON.stringify(rows)).not.toContain(ID);
    void shell;
  });
});
