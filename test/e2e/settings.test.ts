// The owner's settings through the screens of the built app, each proved by its effect at the counter, in one
// browser session: a refusal in words next to the field, identity asked at ¥3,000, 抹零 to the yuan, a 20-minute
// balance-check window (and the owner asked after it, naming 20 minutes), backups after every paid trade, the
// 02:00 cut-off named in the top bar, a ¥20 short drawer sealed without the owner under a ¥50 threshold, and the
// changes listed with the Z-report.
import { describe, expect, it } from 'vitest';
import { localMinutes } from '../../shared/domain/dates';
import { residentCheckChar } from '../../shared/domain/identity';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { fill, ShellPage, WizardPage, ZH, type LoginPage } from './pages/app';
import { CounterPage } from './pages/counter';
import { DayPage } from './pages/day';
import { SettingsPage } from './pages/settings';

const browser = useBrowser();
const OWNER = { name: '王老板', pin: '246810' };
const CLERK = { name: '张三', pin: '135790' };
const ID = `11010119900307123${residentCheckChar('11010119900307123')}`;
const MINUTE = 60_000;
const TZ = 'Asia/Shanghai';

describe('the owner’s settings at work', () => {
  const host = useHost();

  it('refuses out of range in words, and each saved setting changes what the counter and the day do', async () => {
    const p = await browser.open(host().url);
    const { shell } = await new WizardPage(p).complete({ name: '京东回收店', code: 'SH09' }, OWNER);
    let moved = 0;
    const advance = async (ms: number) => {
      moved += ms;
      await host().advanceClock(ms);
    };

    // Compliance: ¥6,000 is looser than shipped and is refused next to the field; ¥3,000 is saved.
    const settings = await SettingsPage.open(p, shell);
    await settings.tab('compliance');
    await settings.fill('identityTradeFen', '6000');
    await settings.save(ZH.settings.sections.compliance);
    await expect
      .poll(() => settings.error('identityTradeFen'))
      .toBe('没有保存 — 单笔登记身份金额：¥100 – ¥5,000，只能调严，不能高于出厂设置');
    await browser.shot(p, 'settings-compliance-refused');
    await settings.fill('identityTradeFen', '3000');
    await settings.save(ZH.settings.sections.compliance);
    await settings.saved('identityTradeFen', '3000');

    // The day and the drawer: 抹零 to the yuan, a 20-minute window, ¥50 threshold; the cut-off 12:30 is refused.
    await settings.tab('day');
    await settings.choose('cashRounding', 'yuan');
    await settings.fill('verifyWindowMinutes', '20');
    await settings.fill('discrepancyThresholdFen', '50');
    await settings.save(ZH.settings.sections.drawer);
    await settings.saved('discrepancyThresholdFen', '50');
    await settings.fill('cutoffMinutes', '12:30');
    await settings.save(ZH.settings.sections.day);
    await expect.poll(() => settings.error('cutoffMinutes')).toBe('没有保存 — 营业日截止时间：00:00 – 12:00');
    await settings.fill('cutoffMinutes', '02:00');
    await settings.fill('backupEveryTrades', '1');
    await settings.fill('idleLockMinutes', '60');
    await settings.save(ZH.settings.sections.day);
    await settings.saved('cutoffMinutes', '02:00');
    await browser.shot(p, 'settings-day');

    const staff = await host().call('auth.staffList', {});
    if (!staff.result.ok) throw new Error('no staff');
    const { session } = await host().call('auth.login', { staffId: staff.result.value[0]!.id, pin: OWNER.pin });
    expect(
      (await host().call('staff.add', { name: CLERK.name, role: 'clerk', pin: CLERK.pin }, session)).result.ok,
    ).toBe(true);

    // The clerk: a ¥3,500 card stops for identity at the ¥3,000 the owner set.
    let login: LoginPage = await shell.logout();
    const clerk = await login.login(CLERK.name, CLERK.pin);
    await clerk.nav('counter').click();
    const c = new CounterPage(p);
    await c.openDay(100);
    await c.newTrade();
    await c.customer('13700137001');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000009001', 'ABCD1234EFGH5678', '3500');
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await p.getByText('需要登记顾客身份（按 F7）：本单金额达到 ¥3,000').waitFor();
    await c.key('F6');
    await expect.poll(() => c.error().textContent()).toBe('成交前需要登记顾客身份（F7）');
    await c.key('F7');
    const dialog = p.getByRole('dialog', { name: ZH.customer.title });
    await dialog.getByLabel(ZH.customer.name).fill('李四');
    await dialog.getByLabel(ZH.customer.idNumber).fill(ID);
    // The source of funds is asked at the same threshold (spec §5).
    await dialog.getByLabel(ZH.customer.funds).selectOption('gift');
    await dialog.getByLabel(ZH.customer.idNumber).focus();
    await p.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);

    // 15 minutes later the balance check still counts (20-minute window); the cash is rounded down to the yuan.
    await advance(15 * MINUTE);
    await c.key('F8');
    const cash = (await p.getByTestId('cash-to-hand').textContent()) ?? '';
    expect(cash).toMatch(/\.00$/);
    await browser.shot(p, 'settings-pay-yuan');
    await c.key('Enter');
    await p.locator('.paid h2').waitFor();

    // A backup after this one paid trade.
    await expect
      .poll(async () => {
        const r = await host().call('backups.list', {}, session);
        return r.result.ok ? r.result.value.files.filter((f) => f.kind === 'intra').length : -1;
      })
      .toBeGreaterThan(0);

    // After 21 minutes the owner is asked, and the dialog says the window in force.
    await c.newTrade();
    await c.customer('13700137002');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000009002', 'ABCD1234EFGH5678', '500');
    await c.key('F4');
    await p.locator('section.group').waitFor();
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await advance(21 * MINUTE);
    await c.key('F8');
    await p.getByTestId('cash-to-hand').waitFor();
    await c.key('Enter');
    const approval = p.getByRole('dialog', { name: ZH.approval.title });
    await approval.getByText('此操作需要店主当场授权：卡片超过 20 分钟未核验余额').waitFor();
    await browser.shot(p, 'settings-window-approval');
    await new DayPage(p).approve(OWNER.name, OWNER.pin, '店主看过余额');
    await p.locator('.paid h2').waitFor();

    // Past 02:00 the next morning the day is over: the banner names the owner's cut-off.
    // The open day's date, not the calendar's: a run that starts near midnight has crossed it by now.
    const open = await host().call('days.current', {}, session);
    if (!open.result.ok || !open.result.value) throw new Error('no open day');
    const today = open.result.value.businessDate;
    const now = Date.now() + moved;
    const toMidnight = (24 * 60 - localMinutes(now, TZ)) * MINUTE;
    await advance(toMidnight + 150 * MINUTE);
    // Hours passed: the clerk's session locked; the PIN opens it again.
    await p.reload();
    await p.getByText(fill(ZH.login.lockedBody, { name: CLERK.name })).waitFor();
    await p.getByLabel(new RegExp(`^${ZH.login.enterPin}`)).fill(CLERK.pin);
    await p.getByRole('button', { name: ZH.login.unlock, exact: true }).click();
    await p
      .getByTestId('past-cutoff')
      .filter({ hasText: `已过 02:00，${today} 的营业日已经结束，不能再付款` })
      .waitFor();
    await browser.shot(p, 'settings-past-cutoff');

    // The clerk closes it ¥20 short as found: under the owner's ¥50 threshold it is sealed, not left for the owner.
    const day = await host()
      .call('auth.unlock', { pin: OWNER.pin }, session)
      .then(() => host().call('days.current', {}, session));
    if (!day.result.ok || !day.result.value) throw new Error('no day');
    const expected = day.result.value.expectedCashFen ?? 0;
    await p.getByRole('button', { name: fill(ZH.drawer.rollover, { date: today }) }).click();
    await new DayPage(p).count(expected - 2_000);
    await p
      .getByRole('dialog', { name: fill(ZH.drawer.rolloverTitle, { date: today }) })
      .getByRole('button', { name: fill(ZH.drawer.rollover, { date: today }) })
      .click();
    // (The dialog's title follows the day now open once the rollover is done.)
    const roll = p.getByRole('dialog');
    await roll.getByText(new RegExp(`^${ZH.drawer.sealed.replace('{{z}}', '0001')}`)).waitFor();
    await browser.shot(p, 'settings-rollover-sealed');
    await roll.getByRole('button', { name: ZH.common.close }).click();

    // The owner's ledger lists each change with the sealed day's Z-report.
    login = await new ShellPage(p).logout();
    const owner = await login.login(OWNER.name, OWNER.pin);
    await owner.nav('ledger').click();
    await p.getByRole('row').filter({ hasText: today }).first().click();
    const changes = p.getByRole('region', { name: ZH.settings.sections.changes });
    await changes.getByText('单笔登记身份金额：¥5,000 → ¥3,000').waitFor();
    await changes.getByText('营业日截止时间：04:00 → 02:00').waitFor();
    await changes.scrollIntoViewIfNeeded();
    await browser.shot(p, 'settings-ledger-changes');
  });
});
