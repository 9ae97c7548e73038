// The demo shop (npm run demo, bench/shop.ts) opened in Chromium: every owner screen shows data.
// CI makes a short month (4 days × 25 trades); CARDDESK_DEMO_DAYS / CARDDESK_DEMO_PER_DAY make a bigger one, and
// CARDDESK_DEMO_DIR opens one `npm run demo -- --no-serve` already made (its data/ and keys/).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, localDate, zonedTime } from '../../shared/domain/dates';
import { DEMO_OWNER, generateMonth } from '../../bench/shop';
import { tempDir } from '../support/backend';
import { useBrowser } from '../support/browser';
import { startHost, type Host } from '../support/host';
import { LoginPage, ZH } from './pages/app';

const browser = useBrowser();
const DAYS = Number(process.env.CARDDESK_DEMO_DAYS ?? 4);
const PER_DAY = Number(process.env.CARDDESK_DEMO_PER_DAY ?? 25);

describe('the demo shop', () => {
  it(
    'fills every owner screen',
    async () => {
      const made = process.env.CARDDESK_DEMO_DIR;
      const dataDir = made ? path.join(made, 'data') : tempDir('carddesk-demo-');
      const keyDir = made ? path.join(made, 'keys') : tempDir('carddesk-demo-keys-');
      if (!made) {
        const first = addDays(localDate(Date.now(), 'Asia/Shanghai'), -DAYS);
        const month = await generateMonth({
          dataDir,
          keyDir,
          days: DAYS,
          tradesPerDay: PER_DAY,
          start: zonedTime(first, 9, 'Asia/Shanghai'),
        });
        expect(month.sealed).toBe(DAYS);
      }
      let host: Host | null = null;
      try {
        host = await startHost({ dataDir, keyDir });
        const p = await browser.open(host.url);
        const shell = await new LoginPage(p).login(DEMO_OWNER.name, DEMO_OWNER.pin);

        await shell.nav('ledger').click();
        await p.getByTestId('z-preview').waitFor();
        await expect.poll(() => p.locator('.days-list tbody tr').count()).toBeGreaterThanOrEqual(made ? 2 : DAYS);
        expect(await p.locator('.chart rect').count()).toBeGreaterThan(DAYS);
        await browser.shot(p, 'demo-ledger');
        await p.getByRole('button', { name: ZH.ledger.verify }).click();
        await expect.poll(() => p.getByTestId('verify-result').textContent()).toContain('账本完整');

        await shell.nav('resale').click();
        await p.getByTestId('batch').first().waitFor();
        expect(await p.locator('.resale tbody tr').count()).toBeGreaterThan(0);
        await browser.shot(p, 'demo-resale');

        await shell.nav('compliance').click();
        await expect.poll(() => p.getByText(ZH.compliance.alertKinds.unsold).count()).toBeGreaterThan(0);
        await browser.shot(p, 'demo-compliance');

        await shell.nav('trades').click();
        await expect.poll(() => p.locator('table tbody tr').count()).toBeGreaterThan(10);
        await browser.shot(p, 'demo-trades');

        await shell.nav('journal').click();
        await expect.poll(() => p.locator('table tbody tr').count()).toBeGreaterThan(10);

        await shell.nav('settings').click();
        await expect
          .poll(() => p.getByRole('region', { name: ZH.backups.title }).locator('tbody tr').count())
          .toBeGreaterThan(0);
        await browser.shot(p, 'demo-settings');
      } finally {
        await host?.stop();
      }
    },
    120_000 + DAYS * PER_DAY * 60,
  );
});
