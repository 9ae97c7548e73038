// The owner's pricing screen: switch a calendar entry on for some dates, add a promotion, read the now/after table
// for a sample card, save.
import type { Page } from 'playwright-core';
import { ZH, type Words } from './app';

export class PricingPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('button', { name: this.w.nav.pricing }).click();
    await this.page.getByRole('heading', { name: this.w.pricing.title, level: 1 }).waitFor();
  }

  private table(name: string) {
    return this.page.getByRole('table', { name });
  }

  /** Sets a calendar entry's dates and adjustment and switches it on. */
  async calendar(name: string, from: string, to: string, adjust: string) {
    const row = this.table('节假日调整')
      .getByRole('row')
      .filter({ has: this.page.locator(`input[value="${name}"]`) });
    await row.getByLabel(this.w.pricing.fromDate).fill(from);
    await row.getByLabel(this.w.pricing.toDate).fill(to);
    await row.getByLabel(this.w.pricing.adjust).fill(adjust);
    await row.getByRole('checkbox').check();
  }

  /** Adds a promotion for one form of every brand, from and to as datetime-local text (`2026-11-25T09:00`). */
  async promotion(name: string, from: string, to: string, adjust: string, form: 'e' | 'physical') {
    const card = this.page.locator('.card').filter({ has: this.page.getByRole('heading', { name: '促销' }) });
    await card.getByRole('button', { name: this.w.pricing.add }).click();
    const row = this.table('促销').getByRole('row').last();
    await row.getByLabel(this.w.pricing.name).fill(name);
    await row.getByLabel(this.w.pricing.fromTime).fill(from);
    await row.getByLabel(this.w.pricing.toTime).fill(to);
    await row.getByLabel(this.w.pricing.adjust).fill(adjust);
    await row.getByLabel(this.w.pricing.form).selectOption(form);
  }

  /** One sample card's row of the now/after table: its six rates as shown. */
  async compared(form: 'e' | 'physical', valueFen: number): Promise<string[]> {
    const cells = this.page.getByTestId('pricing-compare').locator(`tr[data-card="${form}:${valueFen}"] td`);
    return cells.allTextContents();
  }

  async save() {
    await this.page.getByRole('button', { name: this.w.pricing.save }).click();
    await this.page.getByText(this.w.pricing.saved).waitFor();
  }

  errors() {
    return this.page.locator('.pricing [role=alert]');
  }
}
