// Debian's Chromium driven by playwright-core (no browser download). One browser per test file.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
    ],
  });
}
