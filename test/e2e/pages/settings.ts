// The owner's settings screen: a tab per group, each setting found by its name in words (shared/words/settings).
import type { Page } from 'playwright-core';
import { SETTING_WORDS } from '../../../shared/words/settings';
import { ZH, type ShellPage, type Words } from './app';

export class SettingsPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}

  static async open(page: Page, shell: ShellPage): Promise<SettingsPage> {
    await shell.nav('settings').click();
    await page.getByRole('heading', { name: shell.w.settings.title, level: 1 }).waitFor();
    return new SettingsPage(page, shell.w);
  }

  async tab(id: keyof Words['settings']['tabs']) {
    await this.page.getByRole('tab', { name: this.w.settings.tabs[id] }).click();
  }

  private field(key: string) {
    const name = SETTING_WORDS['zh-CN'][key] ?? key;
    return this.page.locator('.field.setting').filter({ has: this.page.getByLabel(name, { exact: true }) });
  }

  async fill(key: string, text: string) {
    await this.field(key).locator('input').fill(text);
  }

  async choose(key: string, value: string) {
    await this.field(key).locator('select').selectOption(value);
  }

  /** Saves the form of that section (its title). */
  async save(section: string) {
    await this.page.getByRole('form', { name: section }).getByRole('button', { name: this.w.common.save }).click();
  }

  /** The refusal shown next to the setting, or '' when there is none. */
  async error(key: string): Promise<string> {
    const alert = this.field(key).getByRole('alert');
    return (await alert.count()) > 0 ? ((await alert.textContent()) ?? '') : '';
  }

  /** Saved: the form started again from what the backend now holds, without a refusal. */
  async saved(key: string, text: string) {
    await this.page.waitForFunction(
      ([name, want]) => {
        const label = [...document.querySelectorAll('.field.setting label')].find((l) => l.textContent === name);
        const input = label ? document.getElementById(label.getAttribute('for') ?? '') : null;
        return (
          input instanceof HTMLInputElement &&
          input.value === want &&
          !label?.parentElement?.querySelector('[role=alert]')
        );
      },
      [SETTING_WORDS['zh-CN'][key] ?? key, text] as const,
    );
  }
}
