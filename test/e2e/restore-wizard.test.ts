// The first-run wizard's restore on a new PC, in real Chromium against the real host: with no head office it asks
// for the Z number of the last printed Z-report, warns that the backup is older than that and restores it only when
// confirmed; the next seal continues after the typed number.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayView } from '../../shared/contract';
import { countFor } from '../../electron/core/days/service';
import { OWNER_PIN, PASSPHRASE, type TestBackend } from '../support/backend';
import { useBrowser } from '../support/browser';
import { counterShop } from '../support/counter';
import { useHost } from '../support/host';
import { sealDays } from '../support/sync';
import { fill, ZH } from './pages/app';

const browser = useBrowser();

describe('restoring the shop onto a new PC from the wizard', () => {
  const currentHost = useHost();
  let old: TestBackend;
  let file = '';
  let ownerId = '';

  beforeAll(async () => {
    // The old PC sealed Z 1, was backed up, then sealed Z 2 and Z 3 before it died.
    const s = await counterShop();
    old = s.t;
    ownerId = s.ownerId;
    await sealDays(s.t, s, 1);
    file = path.join(s.t.backend.services.backups.dir, (await s.t.must(s.owner, 'backups.run', {})).files[0]!.name);
    await sealDays(s.t, s, 2);
  });
  afterAll(() => old.close());

  it('asks for the last printed Z number, warns about the older backup, and the next seal takes Z 4', async () => {
    const host = currentHost();
    const page = await browser.open(host.url);
    await page.getByRole('button', { name: ZH.backups.fromBackup }).click();
    await page.getByLabel(ZH.backups.path).fill(file);
    await page.getByLabel(ZH.backups.passphrase).fill(PASSPHRASE);
    await page.getByRole('button', { name: ZH.backups.confirm, exact: true }).click();
    await page.getByText(ZH.backups.wizardLastZNeeded).waitFor();
    await browser.shot(page, 'restore-wizard-last-z');

    await page.getByLabel(ZH.backups.wizardLastZ).fill('3');
    await page.getByRole('button', { name: ZH.backups.confirm, exact: true }).click();
    await page.getByText(fill(ZH.backups.wizardOlderWarn, { backupZ: 1, lastZ: 3 })).waitFor();
    await browser.shot(page, 'restore-wizard-older');
    await page.getByRole('button', { name: ZH.backups.confirmOlder }).click();
    // Restored: the shop's people are back at the login screen.
    await page.getByRole('button', { name: '王老板' }).waitFor();

    const login = await host.call('auth.login', { staffId: ownerId, pin: OWNER_PIN });
    const day = await host.call('days.current', {}, login.session);
    if (!day.result.ok || !day.result.value) throw new Error('the restored day is not open');
    const open: DayView = day.result.value;
    const count = countFor(open.expectedCashFen ?? 0);
    const z = open.leftOpen
      ? await host
          .call('days.rollover', { count }, login.session)
          .then((r) => (r.result.ok ? r.result.value.closed.report.zNumber : r.result.error.code))
      : await host
          .call('days.close', { count }, login.session)
          .then((r) => (r.result.ok ? r.result.value.report.zNumber : r.result.error.code));
    expect(z).toBe(4);
  });
});
