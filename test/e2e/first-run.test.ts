// The foundation as a person meets it, in real Chromium against the real host.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { useHost, type Host } from '../support/host';
import { HomeApproval, ShellPage, WizardPage, ZH } from './pages/app';

const browser = useBrowser();

const open = (host: Host): Promise<Page> => browser.open(host.url);

const OWNER = { name: '王老板', pin: '246810' };
const CLERK = { name: '张三', pin: '135790' };

describe('first run, PIN lockout, roles and owner approval', () => {
  const currentHost = useHost();

  it('walks the wizard, locks out after five wrong PINs, and keeps clerks out of staff', async () => {
    const host = currentHost();
    const page = await open(host);
    const wizard = new WizardPage(page);
    await wizard.heading().waitFor();
    await browser.shot(page, 'first-run-wizard');
    const { shell } = await wizard.complete({ name: '京东回收店', code: 'SH01' }, OWNER);

    let login = await shell.logout();
    await login.pick(OWNER.name);
    for (let i = 0; i < 5; i++) await login.typePin('000000');
    await expect.poll(() => login.error().textContent()).toContain('输错次数过多，已锁定至');
    await browser.shot(page, 'pin-lockout');

    await login.typePin(OWNER.pin);
    await expect.poll(() => login.error().textContent()).toContain('输错次数过多');
    await host.advanceClock(5 * 60_000 + 1000);
    await login.typePin(OWNER.pin);
    const shell2 = new ShellPage(page);
    await shell2.ready(OWNER.name);

    const staff = await shell2.staff();
    await staff.add(CLERK.name, 'clerk', CLERK.pin, '13812345678');
    await expect.poll(() => staff.row(CLERK.name).textContent()).toContain('138****5678');
    await browser.shot(page, 'staff-screen');

    login = await shell2.logout();
    const clerkShell = await login.login(CLERK.name, CLERK.pin);
    expect(await clerkShell.nav('staff').count()).toBe(0);
    expect(await clerkShell.nav('journal').count()).toBe(0);
    await browser.shot(page, 'clerk-home');

    // A direct staff.* call from the clerk's window answers FORBIDDEN …
    const direct = await page.evaluate(async () => {
      const res = await fetch('/rpc/staff.list', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sessionStorage.getItem('carddesk.token') ?? ''}`,
          'x-carddesk-session': sessionStorage.getItem('carddesk.session') ?? '',
          'content-type': 'application/json',
        },
        body: '{}',
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // … while an approvable call goes through with the owner's PIN and reason.
    await clerkShell.nav('home').click();
    const approval = new HomeApproval(page);
    const wrong = await approval.unlockColleague(OWNER.name, OWNER.name, '999999', '测试授权');
    await expect.poll(() => wrong.getByRole('alert').textContent()).toBe('PIN 不正确，还可以再试 4 次');
    await wrong.getByRole('button', { name: ZH.common.cancel }).click();
    const dialog = await approval.unlockColleague(OWNER.name, OWNER.name, OWNER.pin, '店主在场核实');
    await dialog.waitFor({ state: 'detached' });
    await browser.shot(page, 'approval-done');

    // The owner is told of the wrong PIN sent in their name, once, at their next login.
    await (await clerkShell.logout()).login(OWNER.name, OWNER.pin);
    const notice = page.getByTestId('failed-approvals');
    await expect.poll(() => notice.textContent()).toContain(CLERK.name);
    expect(await notice.textContent()).toContain('有 1 次');
    await browser.shot(page, 'failed-approvals-notice');
    await notice.getByRole('button', { name: ZH.login.noticeSeen }).click();
    await notice.waitFor({ state: 'detached' });

    // The owner sees all of it in the journal.
    const { session } = await host.call('auth.login', { staffId: await ownerId(host), pin: OWNER.pin });
    const { result } = await host.call('journal.list', { limit: 100 }, session);
    if (!result.ok) throw new Error(result.error.code);
    const denied = result.value.find((e) => e.kind === 'auth.denied');
    expect(denied).toMatchObject({ staffName: CLERK.name, payload: { call: 'staff.list' } });
    const approved = result.value.find((e) => e.kind === 'staff.lockoutCleared');
    expect(approved).toMatchObject({
      staffName: CLERK.name,
      payload: { actorName: CLERK.name, approval: { ownerName: OWNER.name, reason: '店主在场核实' } },
    });
    const wrongPin = result.value.find(
      (e) => e.kind === 'auth.pinWrong' && (e.payload as { purpose: string }).purpose === 'approval:staff.clearLockout',
    );
    expect(wrongPin?.ref).toBe(await ownerId(host));
    const verify = await host.call('journal.verify', {}, session);
    expect(verify.result).toMatchObject({ ok: true, value: { ok: true } });

    // The owner corrects the clerk's mobile and their own name on the staff screen; the top bar follows at once.
    const people = await new ShellPage(page).staff();
    await people.edit(CLERK.name, { phone: '13987654321' });
    await expect.poll(() => people.row(CLERK.name).textContent()).toContain('139****4321');
    await people.edit(OWNER.name, { name: '王大明' });
    await new ShellPage(page).ready('王大明');
    await expect.poll(() => people.row('王大明').textContent()).toContain(ZH.roles.owner);
    await browser.shot(page, 'staff-renamed');
    const after = await host.call('journal.list', { limit: 5 }, session);
    if (!after.result.ok) throw new Error(after.result.error.code);
    // Renamed by themselves: the entry names the owner as they were called when they did it.
    expect(after.result.value.find((e) => e.kind === 'staff.updated')).toMatchObject({
      payload: { name: '王大明', actorName: OWNER.name, phoneChanged: false },
    });
  });
});

async function ownerId(host: Host): Promise<string> {
  const { result } = await host.call('auth.staffList', {});
  if (!result.ok) throw new Error(result.error.code);
  const owner = result.value.find((s) => s.role === 'owner');
  if (!owner) throw new Error('no owner');
  return owner.id;
}

describe('language', () => {
  const currentHost = useHost();

  it('switches to English and back, and the choice survives a reload', async () => {
    const page = await open(currentHost());
    const { shell } = await new WizardPage(page).complete({ name: 'Corner Shop', code: 'CS2' }, OWNER);
    await shell.switchLanguage();
    await page.getByRole('navigation').getByRole('button', { name: 'Home' }).waitFor();
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Staff' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('button', { name: 'Counter' }).count()).toBe(1);
    await browser.shot(page, 'english-home');
    await page.getByRole('button', { name: 'Language' }).first().click();
    await page.getByRole('navigation').getByRole('button', { name: '首页' }).waitFor();
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: '员工' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });
});
