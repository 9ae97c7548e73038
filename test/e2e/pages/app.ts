// Page models: small classes over role- and label-based locators, returning the next page.
// Words come from the renderer's own zh-CN and en resources, so a copy change does not break a test.
import type { Page } from 'playwright-core';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';

export type Words = typeof zhCN;
export const ZH: Words = zhCN;
/** A text of ZH with its {{placeholders}} filled, as the screen shows it. */
export const fill = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
export const EN: Words = en;

export class WizardPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}
  heading() {
    return this.page.getByRole('heading', { name: this.w.wizard.title });
  }
  async complete(
    shop: { name: string; code: string },
    owner: { name: string; pin: string },
    quotes: 'confirm' | 'later' = 'confirm',
  ): Promise<{ passphrase: string; shell: ShellPage }> {
    const { page, w } = this;
    await page.getByLabel(w.wizard.shopName).fill(shop.name);
    await page.getByLabel(w.wizard.shopCode).fill(shop.code);
    await page.getByRole('button', { name: w.common.next }).click();
    await page.getByLabel(w.wizard.ownerName).fill(owner.name);
    await page.getByLabel(w.wizard.pin, { exact: true }).fill(owner.pin);
    await page.getByLabel(w.wizard.pinAgain).fill(owner.pin);
    await page.getByRole('button', { name: w.common.next }).click();
    const box = page.getByTestId('passphrase');
    await page.waitForFunction(() =>
      /^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/.test(document.querySelector('[data-testid=passphrase]')?.textContent ?? ''),
    );
    const passphrase = (await box.textContent()) ?? '';
    await page.getByLabel(w.wizard.passphraseWritten).check();
    await page.getByLabel(w.wizard.passphraseCheck).fill(passphrase.split('-').pop() ?? '');
    await page.getByRole('button', { name: w.wizard.finish }).click();
    await page.getByRole('button', { name: w.quotes.confirm }).waitFor();
    await page.getByRole('button', { name: quotes === 'confirm' ? w.quotes.confirm : w.quotes.later }).click();
    const shell = new ShellPage(page, w);
    await shell.ready(owner.name);
    return { passphrase, shell };
  }
}

export class LoginPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}
  async pick(name: string) {
    await this.page.getByRole('button', { name }).click();
  }
  async typePin(pin: string) {
    await this.page.getByLabel(new RegExp(`^${this.w.login.enterPin}`)).fill(pin);
    await this.page.getByRole('button', { name: this.w.login.submit, exact: true }).click();
    // The pad clears when the answer arrives (or the login screen goes away).
    await this.page.waitForFunction(() => {
      const input = document.querySelector<HTMLInputElement>('.pin-input');
      return !input || input.value === '';
    });
  }
  error() {
    return this.page.getByRole('alert');
  }
  async login(name: string, pin: string): Promise<ShellPage> {
    await this.pick(name);
    await this.typePin(pin);
    const shell = new ShellPage(this.page, this.w);
    await shell.ready(name);
    return shell;
  }
}

export class ShellPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}
  welcome(name: string) {
    return this.page.getByRole('heading', { name: fill(this.w.home.welcome, { name }) });
  }
  /** Logged in: the top bar names the person. */
  async ready(name: string) {
    await this.page.locator('.top-status').getByText(name).waitFor();
  }
  nav(screen: keyof Words['nav']) {
    return this.page.getByRole('navigation').getByRole('button', { name: this.w.nav[screen] });
  }
  async logout(): Promise<LoginPage> {
    await this.page.getByRole('button', { name: this.w.top.logout }).click();
    const login = new LoginPage(this.page, this.w);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
    return login;
  }
  async staff(): Promise<StaffPage> {
    await this.nav('staff').click();
    await this.page.getByRole('heading', { name: this.w.staff.title }).waitFor();
    return new StaffPage(this.page, this.w);
  }
  async switchLanguage() {
    await this.page.getByRole('button', { name: this.w.lang.label }).first().click();
  }
}

export class StaffPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}
  async add(name: string, role: 'clerk' | 'owner', pin: string, phone = '') {
    const { page, w } = this;
    await page.getByRole('button', { name: w.staff.add }).click();
    const dialog = page.getByRole('dialog', { name: w.staff.add });
    await dialog.getByLabel(w.staff.name).fill(name);
    await dialog.getByLabel(w.staff.role).selectOption(role);
    await dialog.getByLabel(w.staff.pin).fill(pin);
    if (phone) await dialog.getByLabel(new RegExp(`^${w.staff.phone}`)).fill(phone);
    await dialog.getByRole('button', { name: w.common.save }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }
  /** Corrects someone's name or mobile in the edit dialog of their row. */
  async edit(name: string, change: { name?: string; phone?: string }) {
    const { page, w } = this;
    await this.row(name).getByRole('button', { name: w.staff.edit }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${w.staff.edit}`) });
    if (change.name !== undefined) await dialog.getByLabel(w.staff.name).fill(change.name);
    if (change.phone !== undefined) await dialog.getByLabel(new RegExp(w.staff.phone, 'i')).fill(change.phone);
    await dialog.getByRole('button', { name: w.common.save }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}

export class HomeApproval {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}
  async unlockColleague(colleague: string, owner: string, pin: string, reason: string) {
    const { page, w } = this;
    await page.getByLabel(w.home.lockoutPick).selectOption({ label: colleague });
    await page.getByRole('button', { name: w.home.lockoutAction }).click();
    const dialog = page.getByRole('dialog', { name: w.approval.title });
    await dialog.getByLabel(w.approval.owner, { exact: true }).selectOption({ label: owner });
    await dialog.getByLabel(w.approval.pin).fill(pin);
    await dialog.getByLabel(w.approval.reason).fill(reason);
    await dialog.getByRole('button', { name: w.approval.submit }).click();
    return dialog;
  }
}
