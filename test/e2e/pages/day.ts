// The drawer through the day, as a clerk and an owner do it in the top bar's dialogs.
import type { Page } from 'playwright-core';
import { countFor } from '../../../electron/core/days/service';
import { formatYuan } from '../../../shared/domain/money';
import { ZH, type Words } from './app';

export class DayPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}

  /** Types a count adding up to `fen` into the open dialog's denomination fields (largest notes first). */
  async count(fen: number) {
    const dialog = this.page.getByRole('dialog');
    if (fen % 10 !== 0) throw new Error('a count must be whole jiao');
    for (const [d, n] of Object.entries(countFor(fen)))
      await dialog.getByLabel(`${formatYuan(Number(d))} ${this.w.day.pieces}`).fill(String(n));
    await dialog
      .getByTestId('count-total')
      .filter({ hasText: formatYuan(fen) })
      .waitFor();
  }

  async cashIn(yuan: string, reason: string) {
    await this.page.getByRole('button', { name: this.w.drawer.cash }).click();
    const dialog = this.page.getByRole('dialog', { name: this.w.drawer.cash });
    await dialog.getByLabel(this.w.drawer.amount).fill(yuan);
    await dialog.getByLabel(this.w.drawer.reason).fill(reason);
    await dialog.getByRole('button', { name: this.w.drawer.cashIn }).last().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Counts the drawer blind at a shift change; answers the line that shows the expected cash afterwards. */
  async handover(fen: number): Promise<string> {
    await this.page.getByRole('button', { name: this.w.drawer.handover }).click();
    await this.count(fen);
    const dialog = this.page.getByRole('dialog', { name: this.w.drawer.handoverTitle });
    await dialog.getByRole('button', { name: this.w.drawer.handover }).click();
    const done = dialog.getByRole('status');
    await done.waitFor();
    return (await done.textContent()) ?? '';
  }

  /** The close: the top bar's 结账, a blind count and 清点完成; the discrepancy shows after. */
  async startClose(fen: number) {
    await this.page.locator('.top-status').getByRole('button', { name: this.w.day.close }).click();
    await this.count(fen);
    await this.closeDialog().getByRole('button', { name: this.w.day.countDone }).click();
    await this.closeDialog().getByTestId('count-discrepancy').waitFor();
  }

  closeDialog() {
    return this.page.getByRole('dialog', { name: this.w.day.closeTitle });
  }

  /** The one recount the close allows: 重新清点, the count again, 清点完成. */
  async recount(fen: number) {
    await this.closeDialog().getByRole('button', { name: this.w.day.recount }).click();
    await this.count(fen);
    await this.closeDialog().getByRole('button', { name: this.w.day.countDone }).click();
    await this.closeDialog().getByTestId('count-discrepancy').waitFor();
  }

  /** 结账 in the close dialog, with the discrepancy's reason and the unpaid trades' reason when asked for. */
  async seal(reasons: { reason?: string; voidReason?: string } = {}) {
    const dialog = this.closeDialog();
    if (reasons.voidReason) await dialog.getByLabel(this.w.day.voidReason).fill(reasons.voidReason);
    if (reasons.reason) await dialog.getByLabel(this.w.day.reason, { exact: true }).fill(reasons.reason);
    await dialog.getByRole('button', { name: this.w.day.close, exact: true }).click();
  }

  /** The owner's approval asked for inline (ux.md), with the PIN and a reason. */
  async approve(owner: string, pin: string, reason: string) {
    const dialog = this.page.getByRole('dialog', { name: this.w.approval.title });
    await dialog.getByLabel(this.w.approval.owner, { exact: true }).selectOption({ label: owner });
    await dialog.getByLabel(this.w.approval.pin).fill(pin);
    await dialog.getByLabel(this.w.approval.reason).fill(reason);
    await dialog.getByRole('button', { name: this.w.approval.submit }).click();
  }
}
