// The owner's evening in the built app (ux.md): the ledger's days and a day's trades page and say how many there
// are, the day's figures carry the Z-report's words, a chart turns into a table of the same numbers and shows a
// day's values when pointed at, and the compliance page groups its alerts by kind and customer with counts.
import { describe, expect, it } from 'vitest';
import { addDays, localDate, zonedTime } from '../../shared/domain/dates';
import { DAY_FIGURE_WORDS } from '../../shared/words';
import { DEMO_OWNER, generateMonth } from '../../bench/shop';
import { tempDir } from '../support/backend';
import { useBrowser } from '../support/browser';
import { startHost, type Host } from '../support/host';
import { fill, LoginPage, ZH } from './pages/app';

const browser = useBrowser();
const DAYS = 2;
// 70 a day give 56 to 84 trades: more than one page (50) of the day's trades.
const PER_DAY = 70;

describe('the owner’s evening', () => {
  it('pages the ledger, shows the day figures, turns a chart into a table and groups the alerts', async () => {
    const dataDir = tempDir('carddesk-evening-');
    const keyDir = tempDir('carddesk-evening-keys-');
    const first = addDays(localDate(Date.now(), 'Asia/Shanghai'), -DAYS);
    await generateMonth({
      dataDir,
      keyDir,
      days: DAYS,
      tradesPerDay: PER_DAY,
      start: zonedTime(first, 9, 'Asia/Shanghai'),
    });
    let host: Host | null = null;
    try {
      host = await startHost({ dataDir, keyDir });
      const p = await browser.open(host.url);
      const shell = await new LoginPage(p).login(DEMO_OWNER.name, DEMO_OWNER.pin);

      // The ledger: the days with how many there are, the newest day's figures and its trades a page at a time.
      await shell.nav('ledger').click();
      await p.getByTestId('z-preview').waitFor();
      const daysPager = p.getByRole('navigation', { name: fill(ZH.pager.label, { what: ZH.ledger.days }) });
      await expect.poll(() => daysPager.textContent()).toContain(`共 ${DAYS} 天`);
      const words = DAY_FIGURE_WORDS['zh-CN'];
      const head = p.locator('.days-list thead');
      await expect.poll(() => head.textContent()).toContain(words.netPayoutFen.label);
      const figures = p.getByTestId('day-figures');
      await expect.poll(() => figures.textContent()).toContain(words.netPayoutFen.label);
      // The row's net payout is the figure's, as the Z-report states it.
      const rowNet = await p.locator('.days-list tbody tr.selected td').nth(3).textContent();
      const figureNet = await figures.locator('[data-figure=netPayoutFen] dd.num').textContent();
      expect(rowNet).toBe(figureNet);

      const tradesPager = p.getByRole('navigation', { name: fill(ZH.pager.label, { what: ZH.ledger.drill }) });
      await expect.poll(() => tradesPager.textContent()).toMatch(/第 1–50 笔，共 \d+ 笔/);
      const total = Number(/共 (\d+) 笔/.exec((await tradesPager.textContent()) ?? '')?.[1]);
      expect(total).toBeGreaterThan(50);
      const drill = p.locator('.day-panel table tbody tr');
      expect(await drill.count()).toBe(50);
      await browser.shot(p, 'evening-ledger');
      await p.locator('.day-panel').scrollIntoViewIfNeeded();
      await browser.shot(p, 'evening-day-panel');
      await tradesPager.getByRole('button', { name: ZH.pager.next }).click();
      await expect.poll(() => tradesPager.textContent()).toContain(`第 51–${total} 笔，共 ${total} 笔`);
      expect(await drill.count()).toBe(total - 50);
      await expect.poll(() => tradesPager.getByRole('button', { name: ZH.pager.next }).isDisabled()).toBe(true);

      // A chart: its axes name their unit, pointing at a day reads its values, and the table has the same days.
      const chart = p.locator('figure.chart').first();
      await expect.poll(() => chart.locator('svg text.unit').first().textContent()).toBe(ZH.ledger.yuanUnit);
      const hit = chart.locator('rect.hit').nth(28);
      await hit.hover();
      const readout = chart.getByTestId('chart-readout');
      await expect.poll(() => readout.textContent()).toContain(words.valueFen.label);
      expect(await readout.textContent()).not.toContain(ZH.ledger.latest);
      await browser.shot(p, 'evening-chart-hover');
      await chart.getByRole('button', { name: ZH.ledger.tableView }).click();
      const table = chart.getByRole('table');
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBe(30);
      expect(await table.locator('thead').textContent()).toContain(words.averageRateBp.label);
      await chart.scrollIntoViewIfNeeded();
      await browser.shot(p, 'evening-chart-table');
      await chart.getByRole('button', { name: ZH.ledger.chartView }).click();
      await chart.locator('svg').waitFor();

      // Compliance: the unsold cards of the month as a few groups with counts, not a line per card.
      await shell.nav('compliance').click();
      const groups = p.getByRole('region', { name: ZH.compliance.grouped });
      const summary = groups.getByTestId('alert-summary');
      await expect.poll(() => summary.textContent()).toMatch(/共 \d+ 条预警，归为 \d+ 组/);
      // A day before the month has none; the month has some (the range, not the clock, decides what is shown).
      const from = p.getByLabel(ZH.compliance.from, { exact: true });
      const to = p.getByLabel(ZH.compliance.to, { exact: true });
      await from.fill(addDays(first, -1));
      await to.fill(addDays(first, -1));
      await expect.poll(() => summary.textContent()).toBe('共 0 条预警，归为 0 组');
      await to.fill(addDays(first, DAYS - 1));
      await from.fill(first);
      // The page keeps the last answer until the new range's arrives.
      await expect.poll(() => summary.textContent()).not.toBe('共 0 条预警，归为 0 组');
      const [alerts, grouped] = (/共 (\d+) 条预警，归为 (\d+) 组/.exec((await summary.textContent()) ?? '') ?? [])
        .slice(1)
        .map(Number);
      expect(alerts).toBeGreaterThan(0);
      expect(grouped).toBeLessThanOrEqual(alerts!);
      const rows = groups.getByTestId('alert-group');
      expect(await rows.count()).toBe(Math.min(20, grouped!));
      expect(await rows.first().textContent()).toContain(ZH.compliance.alertKinds.unsold);
      // Keep one kind: the pick list counts each kind.
      const pick = groups.getByRole('combobox', { name: ZH.compliance.colKind });
      const option = pick.locator('option', { hasText: ZH.compliance.alertKinds.unsold });
      await pick.selectOption({ label: (await option.textContent()) ?? '' });
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      for (const r of await rows.all()) expect(await r.textContent()).toContain(ZH.compliance.alertKinds.unsold);
      await groups.evaluate((el) => el.scrollIntoView());
      await browser.shot(p, 'evening-alerts');

      // The audit log pages too.
      await shell.nav('journal').click();
      const journalPager = p.getByRole('navigation', { name: fill(ZH.pager.label, { what: ZH.journal.title }) });
      await expect.poll(() => journalPager.textContent()).toMatch(/第 1–100 条，共 \d+ 条/);
    } finally {
      await host?.stop();
    }
  }, 240_000);
});
