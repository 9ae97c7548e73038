// The head-office console in Chromium, on the built dist/hq/hq.cjs (PGlite): the first owner made at the command
// line → sign in → the shops (none yet) → register a shop, its secret shown once → a real shop types it in and sends
// its sealed day → the shop's sync health → its days → the day's Z-report as received, the figures of the shop's
// own Z-report → the same in English, at 1366×768 and 1920×1080 → every shop's day on a date → the chain's figures (a value on hover, the table by
// group and by brand) → a regional manager added (a refusal in words first) → the journal → the manager signed in,
// seeing the shop with nothing to change. Screenshots in test-results/console-*.png.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { daysBetween, localDate } from '../../shared/domain/dates';
import { dayFigures, DAY_FIGURE_KEYS, DAY_FIGURE_UNIT } from '../../shared/domain/day-figures';
import { formatYuan } from '../../shared/domain/money';
import { CONSOLE_FIELDS, CONSOLE_WORDS, dayFigureText } from '../../shared/words';
import { OWNER_PIN, tempDir } from '../support/backend';
import { useBrowser } from '../support/browser';
import { OWNER } from '../support/console';
import { counterShop } from '../support/counter';
import { ROOT, waitForLine } from '../support/host';
import { configure, drain, sealDays } from '../support/sync';

const browser = useBrowser();
const HQ_JS = path.join(ROOT, 'dist', 'hq', 'hq.cjs');
if (!fs.existsSync(path.join(ROOT, 'dist', 'hq', 'console', 'app.js')))
  throw new Error('dist/hq/console is missing: run `npm run build` first');
const ZH = CONSOLE_WORDS['zh-CN'];
const EN = CONSOLE_WORDS.en;
const env = { ...process.env, CARDDESK_HQ_KEY: '7c'.repeat(32) };
let hqProc: ChildProcess | null = null;
afterAll(() => void hqProc?.kill('SIGTERM'));

describe('the head-office console', () => {
  it('walks from the first owner to a shop’s Z-report as received', async () => {
    const hqData = tempDir('carddesk-console-e2e-');
    const made = execFileSync(process.execPath, [HQ_JS, 'create-owner', '--name', OWNER.name, '--data-dir', hqData], {
      encoding: 'utf8',
      input: `${OWNER.password}\n`,
      env,
    });
    expect(made).toContain('created');

    // The shop seals a day before head office is reachable; head office's clock is set where the shop's test clock is.
    const s = await counterShop();
    try {
      await sealDays(s.t, s, 1);
      const offset = Math.round((s.t.clock.now() - Date.now()) / 1000);
      hqProc = spawn(process.execPath, [HQ_JS, '--port', '0', '--data-dir', hqData, '--clock-offset', String(offset)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...env, CARDDESK_TEST: '1' },
      });
      const url = (await waitForLine(hqProc, /HQ_URL=(\S+)/, 60_000))[1] ?? '';
      hqProc.stdout?.resume();

      const p = await browser.open(`${url}/console/`);
      await p.getByRole('button', { name: ZH.signIn }).waitFor();
      await browser.shot(p, 'console-login');
      await p.getByLabel(ZH.name).fill(OWNER.name);
      await p.getByLabel(ZH.password).fill('not-the-password-0');
      await p.getByRole('button', { name: ZH.signIn }).click();
      await p.getByRole('alert').getByText('名称或密码不对').waitFor();
      await p.getByLabel(ZH.password).fill(OWNER.password);
      await p.getByRole('button', { name: ZH.signIn }).click();
      await p.getByText(ZH.noShops).waitFor();
      await browser.shot(p, 'console-shops-empty');

      // A refusal next to the field that caused it, in words.
      const form = p.locator('form.register');
      await form.getByLabel(ZH.code).fill('S');
      await form.getByLabel(ZH.name).fill('京东回收店');
      await form.getByRole('button', { name: ZH.register }).click();
      await form.getByText('填写的内容不对 — 门店代码（2–8 位字母或数字）').waitFor();
      await form.getByLabel(ZH.code).fill('SH01');
      await form.getByLabel(ZH.city).fill('上海');
      await form.getByLabel(ZH.group).fill('华东');
      await form.getByRole('button', { name: ZH.register }).click();
      const secret = (await p.getByTestId('secret').textContent()) ?? '';
      expect(secret).toMatch(/^([2-9A-Z]{4}-){7}[2-9A-Z]{4}$/);
      await p.getByText(ZH.registerDone).waitFor();
      await browser.shot(p, 'console-secret-once');
      await p.getByRole('button', { name: ZH.close }).click();
      await expect.poll(() => p.getByTestId('secret').count()).toBe(0);
      expect(await p.content()).not.toContain(secret);
      await p.locator('tr[data-shop="SH01"]').getByText(ZH.never).waitFor();

      // The shop types the secret in and sends its sealed day.
      await configure(s.t, s.owner, url, { shopSecret: secret });
      const { settings, sql } = s.t.backend.services;
      sql.tx(() => settings.set('sync', { ...settings.get('sync'), requestTimeoutMs: 20_000 }));
      await drain(s.t);
      expect(s.t.backend.services.sync.status()).toMatchObject({ pending: 0, sent: 1 });
      await s.t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
      const date = (await s.t.must(s.owner, 'ledger.days', {})).items.find((d) => d.zNumber === 1)?.businessDate ?? '';
      const z = (await s.t.must(s.owner, 'ledger.report', { businessDate: date })).report;

      await p.reload();
      const row = p.locator('tr[data-shop="SH01"]');
      await row.getByText(`${date} · Z1`).waitFor();
      await expect.poll(() => row.textContent()).not.toContain(ZH.never);
      await browser.shot(p, 'console-shops');
      await row.getByRole('link').click();
      await p.getByRole('link', { name: date }).waitFor();
      await browser.shot(p, 'console-days');
      await p.getByRole('link', { name: date }).click();
      const report = p.getByTestId('zreport');
      await report.waitFor();
      // The figures of the shop's own Z-report, under the same words.
      const f = dayFigures(z);
      for (const k of DAY_FIGURE_KEYS)
        expect(await report.locator(`tr[data-figure="${k}"] td`).textContent()).toBe(
          DAY_FIGURE_UNIT[k] === 'fen' ? formatYuan(f[k]) : dayFigureText(f, k),
        );
      expect(await p.getByText(/\*\*\*\*\d{4}/).count()).toBe(z.totals.cards);
      await browser.shot(p, 'console-day');
      await p.setViewportSize({ width: 1920, height: 1080 });
      await browser.shot(p, 'console-day-1920');
      await p.getByRole('button', { name: ZH.lang }).click();
      await report.getByText(EN.zReport).waitFor();
      await browser.shot(p, 'console-day-en-1920');
      await p.setViewportSize({ width: 1366, height: 768 });
      await p.getByRole('link', { name: EN.shops }).click();
      await p.getByRole('columnheader', { name: EN.chainGaps }).waitFor();
      await browser.shot(p, 'console-shops-en');

      // The chain's figures: two charts with axes, a value on hover, a table under them.
      await p.getByRole('button', { name: EN.lang }).click();
      await p.getByRole('link', { name: ZH.figures }).click();
      const breakdown = p.getByTestId('breakdown');
      await breakdown.getByRole('cell', { name: '华东' }).waitFor();
      expect(await breakdown.locator('tbody tr').first().textContent()).toContain(formatYuan(z.totals.payoutFen));
      const days30 = p.locator('figure.chart').first();
      const hits = days30.locator('rect.hit');
      expect(await hits.count()).toBe(30);
      // The last 30 days end today in China, on head office's clock (set to the shop's).
      const today = localDate(s.t.clock.now(), 'Asia/Shanghai');
      await hits.nth(29 - daysBetween(date, today)).hover();
      await expect.poll(() => days30.getByTestId('chart-readout').textContent()).toContain(date);
      await browser.shot(p, 'console-figures');
      await p.setViewportSize({ width: 1920, height: 1080 });
      await browser.shot(p, 'console-figures-1920');
      await p.getByRole('button', { name: ZH.byBrand }).click();
      await breakdown.getByRole('columnheader', { name: ZH.byBrand }).waitFor();
      await p.setViewportSize({ width: 1366, height: 768 });

      // Every shop's day on one date: today has none yet; the shop's date has its Z and figures, and a total.
      await p.getByRole('link', { name: ZH.days }).click();
      const across = p.getByTestId('date-ledger');
      await across.locator('tr[data-shop="SH01"]').getByText(ZH.notReported).waitFor();
      await p.getByLabel(ZH.date).fill(date);
      await across.locator('tr[data-shop="SH01"]').getByText('0001').waitFor();
      expect(await across.locator('tr.total').textContent()).toContain(formatYuan(f.netPayoutFen));
      await browser.shot(p, 'console-date-ledger');

      // People: a regional manager for 华东; the journal of every change so far, its chain intact.
      await p.getByRole('link', { name: ZH.people }).click();
      const people = p.locator('form.register');
      const field = (k: string) => people.getByLabel(CONSOLE_FIELDS['zh-CN'][k] ?? k);
      await field('name').fill('李经理');
      await field('password').fill('short');
      await field('groups').fill('华东');
      await people.getByRole('button', { name: ZH.addManager }).click();
      await people.getByText('密码至少 12 个字符').waitFor();
      await field('password').fill('manager-password-2026');
      await people.getByRole('button', { name: ZH.addManager }).click();
      await p.getByRole('cell', { name: `${ZH.manager} (${ZH.readOnly})` }).waitFor();
      await browser.shot(p, 'console-people');
      await p.getByRole('link', { name: ZH.journal }).click();
      await p.getByText(ZH.chainHolds).waitFor();
      expect(await p.locator('tbody tr').count()).toBe(4);
      await browser.shot(p, 'console-journal');
      await p.setViewportSize({ width: 1920, height: 1080 });
      await browser.shot(p, 'console-journal-1920');
      await p.setViewportSize({ width: 1366, height: 768 });

      // The manager sees their group's shop and its day, and nothing to change.
      await p.getByRole('button', { name: ZH.signOut }).click();
      await p.getByLabel(ZH.name).fill('李经理');
      await p.getByLabel(ZH.password).fill('manager-password-2026');
      await p.getByRole('button', { name: ZH.signIn }).click();
      await p.locator('tr[data-shop="SH01"]').waitFor();
      expect(await p.locator('form.register').count()).toBe(0);
      expect(await p.getByRole('button', { name: ZH.disable }).count()).toBe(0);
      expect(await p.getByRole('link', { name: ZH.people }).count()).toBe(0);
      await browser.shot(p, 'console-manager-shops');
      await p.close();
    } finally {
      s.t.close();
    }
  });
});
