// Head office registers the shop and shows its secret once (the built dist/hq/hq.cjs, on PGlite) → the owner types
// it in and sees "3 days pending" while head office is away → head office starts (a real process on loopback) →
// "sync now" → the days show as sent.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { useBrowser } from '../support/browser';
import { ROOT, useHost, waitForLine } from '../support/host';
import { freePort } from '../support/sync';
import { LoginPage, ZH } from './pages/app';

const browser = useBrowser();
const OWNER = { name: '王老板', pin: '246810' };
let hqProc: ChildProcess | null = null;
afterAll(() => void hqProc?.kill());

describe('sync with head office', () => {
  const host = useHost();

  it('shows 3 days pending, then sends them once head office is up', async () => {
    const h = host();
    const hqData = tempDir('carddesk-hq-e2e-');
    const hqJs = path.join(ROOT, 'dist', 'hq', 'hq.cjs');
    const added = execFileSync(
      process.execPath,
      [hqJs, 'shop', 'add', 'SH07', '--name', '京东回收店', '--data-dir', hqData],
      {
        encoding: 'utf8',
      },
    );
    const shopSecret = /SHOP_SECRET=(\S+)/.exec(added)?.[1] ?? '';
    expect(shopSecret).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
    // Its first start made the server key, readable by this user only.
    expect(fs.statSync(path.join(hqData, 'server.key')).mode & 0o777).toBe(0o600);
    const setup = await h.call('setup.complete', {
      shop: { name: '京东回收店', code: 'SH07', address: '', phone: '', licenceNo: '' },
      owner: { name: OWNER.name, pin: OWNER.pin },
      passphrase: 'A4ZB-88CG-XYXQ-QNH2-GHJZ-K7YU',
    });
    let session = setup.session;
    const port = await freePort();
    expect(
      (
        await h.call(
          'sync.updateSettings',
          { hqBaseUrl: `http://127.0.0.1:${port}`, enabled: true, shopSecret },
          session,
        )
      ).result.ok,
    ).toBe(true);
    // Three business days, sealed while head office is away.
    for (let d = 0; d < 3; d++) {
      expect((await h.call('days.open', { count: { '10000': 10 } }, session)).result.ok).toBe(true);
      expect((await h.call('days.close', { count: { '10000': 10 } }, session)).result.ok).toBe(true);
      await h.advanceClock(86_400_000);
      session = (await h.call('auth.unlock', { pin: OWNER.pin }, session)).session ?? session;
    }

    const p = await browser.open(h.url);
    const shell = await new LoginPage(p).login(OWNER.name, OWNER.pin);
    await expect
      .poll(() => p.getByTestId('sync-state').first().textContent(), { timeout: 20_000 })
      .toBe(ZH.sync.offline.replace('{{n}}', '3'));
    await browser.shot(p, 'sync-pending');

    // Head office comes up, with its clock where the shop's (moved) clock is.
    hqProc = spawn(
      process.execPath,
      [hqJs, '--port', String(port), '--data-dir', hqData, '--clock-offset', String(3 * 86_400)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CARDDESK_TEST: '1' } },
    );
    await waitForLine(hqProc, /HQ_URL=/, 60_000);
    hqProc.stdout?.resume();
    await shell.nav('settings').click();
    const panel = p.getByRole('region', { name: ZH.sync.title });
    await panel.getByRole('button', { name: ZH.sync.now }).click();
    await expect.poll(() => p.getByTestId('sync-state').first().textContent(), { timeout: 20_000 }).toBe(ZH.sync.ok);
    await expect.poll(() => panel.getByTestId('sync-days').getByText(ZH.sync.states.sent).count()).toBe(3);
    // Both sides' versions, from head office's signed answers.
    await expect
      .poll(() => panel.getByTestId('sync-identity').textContent())
      .toMatch(new RegExp(`${ZH.sync.hqVersion}\\d+\\.\\d+\\.\\d+/\\d+`));
    await browser.shot(p, 'sync-sent');
  });
});
