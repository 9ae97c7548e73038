// Debian's Chromium driven by playwright-core (no browser download). One browser per test file.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Where e2e tests save the screenshots people look at. */
export const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results');

/** One browser for the test file; `open(url)` gives a page at the counter PC's 1366×768. */
export function useBrowser(): { open(url: string): Promise<Page>; shot(page: Page, name: string): Promise<Buffer> } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(url) {
      if (!browser) throw new Error('the browser has not started');
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(url);
      return page;
    },
    shot: (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) }),
  };
}
