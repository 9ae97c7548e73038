// The owner's brands screen: add a brand with its forms, each pattern tried on an example before saving.
import type { Page } from 'playwright-core';
import { ZH, type Words, type ShellPage } from './app';

export interface FormFields {
  nameZh: string;
  nameEn: string;
  max: string;
  numberPattern: string;
  numberHint: string;
  numberExample: string;
  secretPattern: string;
  secretHint: string;
  secretExample: string;
}

export class BrandsPage {
  constructor(
    readonly page: Page,
    readonly w: Words = ZH,
  ) {}

  static async open(shell: ShellPage): Promise<BrandsPage> {
    await shell.nav('brands').click();
    const b = new BrandsPage(shell.page, shell.w);
    await b.page.getByRole('heading', { name: b.w.brands.title }).waitFor();
    return b;
  }

  row(name: string) {
    return this.page.getByRole('row').filter({ hasText: name });
  }

  async startAdd(code: string, nameZh: string, nameEn: string) {
    const { page, w } = this;
    await page.getByRole('button', { name: w.brands.add }).click();
    await page.getByRole('heading', { name: w.brands.addTitle }).waitFor();
    await page.getByLabel(w.brands.code, { exact: true }).fill(code);
    await page.getByLabel(w.brands.nameZh, { exact: true }).fill(nameZh);
    await page.getByLabel(w.brands.nameEn, { exact: true }).fill(nameEn);
  }

  form(form: 'e' | 'physical') {
    return this.page.getByRole('group', { name: this.w.brands.formTitle[form] });
  }

  async fillForm(form: 'e' | 'physical', f: FormFields) {
    const box = this.form(form);
    const w = this.w.brands;
    await box.getByLabel(w.formNameZh).fill(f.nameZh);
    await box.getByLabel(w.formNameEn).fill(f.nameEn);
    await box.getByLabel(w.maxValue).fill(f.max);
    await box.getByLabel(w.numberPattern).fill(f.numberPattern);
    await box.getByLabel(w.numberHint).fill(f.numberHint);
    await box.getByLabel(w.numberExample).fill(f.numberExample);
    await box.getByLabel(w.secretPattern).fill(f.secretPattern);
    await box.getByLabel(w.secretHint).fill(f.secretHint);
    await box.getByLabel(w.secretExample).fill(f.secretExample);
  }

  async setPattern(form: 'e' | 'physical', kind: 'number' | 'secret', pattern: string, example?: string) {
    const box = this.form(form);
    const w = this.w.brands;
    await box.getByLabel(kind === 'number' ? w.numberPattern : w.secretPattern).fill(pattern);
    if (example !== undefined)
      await box.getByLabel(kind === 'number' ? w.numberExample : w.secretExample).fill(example);
  }

  /** The line under a pattern saying whether its example fits. */
  tried(form: 'e' | 'physical', kind: 'number' | 'secret') {
    return this.page.getByTestId(`try-${form}-${kind}Pattern`);
  }

  saveButton() {
    return this.page.getByRole('button', { name: this.w.common.save, exact: true });
  }

  error() {
    return this.page.locator('.brand-editor form > [role=alert]');
  }
}
