// The counter, driven by the keyboard only: the keys of ux.md, typed as a clerk types them.
import type { Page } from 'playwright-core';
import { ZH, type Words } from './app';

export class CounterPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}

  /** Opens the day: the first denomination field has focus; type the pieces of ¥100 and press Enter. */
  async openDay(hundreds: number) {
    await this.page.getByRole('heading', { name: this.w.day.notOpen }).waitFor();
    await this.page.keyboard.type(String(hundreds));
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('day-state').filter({ hasText: '营业中' }).waitFor();
  }

  async key(k: string) {
    await this.page.keyboard.press(k);
  }

  /**
   * F2 then, for each card: number ⏎ secret ⏎ value ⏎, how the balance was checked (1 official channel, 2 the
   * customer's screen, 3 not checked: chosen for every card) ⏎ (the form chosen with Shift+Tab ↓/↑ Tab).
   */
  async newTrade() {
    await this.key('F2');
    await this.page.getByLabel(this.w.counter.number).and(this.page.locator(':focus')).waitFor();
  }

  async addCard(form: 'e' | 'physical', number: string, secret: string, yuan: string, checked: '1' | '2' | '3' = '1') {
    const numberBox = this.page.getByLabel(this.w.counter.number);
    await numberBox.and(this.page.locator(':focus')).waitFor();
    const formBox = this.page.getByLabel(this.w.counter.form, { exact: true });
    if ((await formBox.inputValue()) !== form) {
      await this.key('Shift+Tab');
      await this.key(form === 'physical' ? 'ArrowDown' : 'ArrowUp');
      await this.key('Tab');
    }
    const before = await this.page.locator('table.lines tbody tr').count();
    await this.page.keyboard.type(number);
    await this.key('Enter');
    await this.page.keyboard.type(secret);
    await this.key('Enter');
    await this.page.keyboard.type(yuan);
    await this.key('Enter');
    await this.page.getByLabel(this.w.counter.verified, { exact: true }).and(this.page.locator(':focus')).waitFor();
    await this.key(checked);
    await this.key('Enter');
    await this.page.waitForFunction(
      (n) =>
        document.querySelectorAll('table.lines tbody tr').length > n ||
        document.querySelector('.counter-left [role=alert]') !== null,
      before,
    );
  }

  /** F7, the customer's mobile, Enter. */
  async customer(mobile: string) {
    await this.key('F7');
    const dialog = this.page.getByRole('dialog', { name: this.w.customer.title });
    await dialog.getByLabel(this.w.customer.phone).fill(mobile);
    await this.key('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  /** F8, confirm with Enter (cash to hand over as offered); answers the paid trade's number. */
  async pay(): Promise<string> {
    await this.key('F8');
    await this.page.getByTestId('cash-to-hand').waitFor();
    await this.key('Enter');
    const title = this.page.locator('.paid h2');
    await title.waitFor();
    return ((await title.textContent()) ?? '').replace('✓ 已付款 · ', '');
  }

  /** F8, the whole payout by WeChat Pay (or another non-cash method) with its reference; answers the trade number. */
  async payBy(method: 'wechat' | 'alipay' | 'bank', reference: string): Promise<string> {
    await this.key('F8');
    const dialog = this.page.getByRole('dialog', { name: this.w.payment.title });
    await dialog.getByRole('checkbox').check();
    await dialog.getByLabel(this.w.payment.method).selectOption(method);
    const payout = ((await dialog.locator('dd.num').first().textContent()) ?? '').replace(/[¥,]/g, '');
    await dialog.getByLabel(this.w.payment.amount).fill(payout);
    await dialog.getByLabel(this.w.payment.reference).fill(reference);
    await dialog.getByTestId('cash-to-hand').filter({ hasText: '¥0.00' }).waitFor();
    await dialog.getByRole('button', { name: this.w.payment.confirm }).click();
    const title = this.page.locator('.paid h2');
    await title.waitFor();
    return ((await title.textContent()) ?? '').replace('✓ 已付款 · ', '');
  }

  error() {
    return this.page.locator('.counter-left').getByRole('alert');
  }

  group(text: string) {
    return this.page.locator('section.group').filter({ hasText: text });
  }

  /** F5, type the ask, Enter; waits for the service's answer. */
  async ask(percent: string) {
    const rounds = await this.page.locator('.outcome').allTextContents();
    await this.key('F5');
    await this.page.keyboard.type(percent);
    await this.key('Enter');
    await this.page.waitForFunction((prev) => {
      const now = [...document.querySelectorAll('.outcome')].map((e) => e.textContent).join('|');
      return now !== prev.join('|') || document.querySelectorAll('.group-agreed').length > 0;
    }, rounds);
  }

  async agreedCount() {
    return this.page.locator('section.group-agreed').count();
  }
}
