// `npm start` on our machines (no Electron binary, no display): one line says so, then browser mode serves
// the first-run wizard in Chinese.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, SHOTS } from '../support/browser';
import { tempDir } from '../support/backend';
import { ROOT, waitForLine } from '../support/host';
import { WizardPage } from './pages/app';

describe('npm start', () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CARDDESK_DATA_DIR: tempDir('start-data-'),
    CARDDESK_KEY_DIR: tempDir('start-keys-'),
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const proc = spawn(process.execPath, [path.join(ROOT, 'electron', 'launch.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  afterAll(() => {
    proc.kill('SIGTERM');
  });

  it('says in one line that Electron cannot run, then serves the wizard in Chinese', async () => {
    const m = await waitForLine(proc, /^(.*)\n(?:.*\n)*?CARDDESK_URL=(\S+)\n/m);
    expect(m[1]).toMatch(/^Electron cannot run here \(.+\); starting browser mode/);
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(m[2] ?? '');
    const wizard = new WizardPage(page);
    await wizard.heading().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('欢迎使用收卡台');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.screenshot({ path: path.join(SHOTS, 'npm-start-wizard.png') });
    await browser.close();
  });
});
