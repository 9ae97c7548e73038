// Print jobs (spec §10) end to end over TCP: written with the payment, sent by the worker to the virtual
// printer, at least once, a resend after an unknown outcome marked 重印; the counter never waits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestBackend } from '../support/backend';
import { counterShop, payThreeCards } from '../support/counter';
import { VirtualPrinter } from '../support/virtual-printer';

const printer = new VirtualPrinter();
beforeAll(async () => void (await printer.start()));
afterAll(() => printer.stop());
let t: TestBackend | undefined;
afterEach(async () => {
  await printer.setMode('ok');
  t?.close();
});

async function shopWithPrinter(timeoutMs = 5000) {
  const s = await counterShop();
  t = s.t;
  await s.t.must(s.owner, 'printing.updateSettings', {
    target: `tcp://127.0.0.1:${printer.port}`,
    cpl: 32,
    timeoutMs,
    shopCopy: true,
    drawerOnCash: true,
    language: 'zh-CN',
  });
  return s;
}

type Shop = Awaited<ReturnType<typeof shopWithPrinter>>;
const pay = (s: Shop, method: 'cash' | 'bank') => payThreeCards(s.t, s.clerk, method);

/** Fires the worker's timers and waits for its sends. */
async function work(s: Shop) {
  s.t.scheduler.runAll(20);
  await s.t.backend.services.printing.drain();
}

describe('receipts through the print jobs', () => {
  it('prints the customer receipt with a drawer kick and the signed shop copy without one, for a cash payment', async () => {
    const s = await shopWithPrinter();
    const before = printer.jobs.length;
    const paid = await pay(s, 'cash');
    await work(s);
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    const [customer, shop] = jobs.map((j) => j.printout);
    expect(customer!.events.filter((e) => e.kind !== 'image')).toEqual([
      { kind: 'qr', data: paid.tradeNo },
      { kind: 'cut' },
      { kind: 'drawer', pin: 2, onMs: 50 },
    ]);
    expect(shop!.events.some((e) => e.kind === 'drawer')).toBe(false);
    expect(shop!.lines.some((l) => l.text.startsWith('顾客签名：'))).toBe(true);
    expect(customer!.lines.some((l) => l.text.startsWith('顾客签名：'))).toBe(false);
    expect(
      (await s.t.must(s.clerk, 'printing.jobs', { tradeId: paid.id })).map((j) => [j.copy, j.status, j.reprint]),
    ).toEqual([
      ['customer', 'printed', 0],
      ['shop', 'printed', 0],
    ]);
  });

  it('kicks no drawer when nothing was paid in cash', async () => {
    const s = await shopWithPrinter();
    const before = printer.jobs.length;
    await pay(s, 'bank');
    await work(s);
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    expect(jobs.flatMap((j) => j.printout.events).some((e) => e.kind === 'drawer')).toBe(false);
  });
});

describe('at least once, never silently twice', () => {
  it('keeps the trade paid while the printer is off, and prints once when it is back', async () => {
    const s = await shopWithPrinter();
    await printer.setMode('refuse');
    const before = printer.jobs.length;
    const paid = await pay(s, 'cash');
    expect(paid.status).toBe('paid');
    await work(s);
    expect(await s.t.must(s.clerk, 'printing.status', {})).toMatchObject({ configured: true, pending: 2 });
    // The worker stops at the first refusal and backs off rather than hammering a printer that is off.
    expect((await s.t.must(s.clerk, 'printing.jobs', { tradeId: paid.id })).map((j) => j.lastError)).toEqual([
      'ECONNREFUSED',
      null,
    ]);
    await printer.setMode('ok');
    s.t.clock.advance(60_000);
    await work(s);
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    expect(jobs).toHaveLength(2);
    expect(jobs.flatMap((j) => j.printout.lines).some((l) => l.text.includes('REPRINT'))).toBe(false);
    expect((await s.t.must(s.clerk, 'printing.status', {})).pending).toBe(0);
  });

  it('times out on a printer that hangs while the counter goes on, then resends marked 重印', async () => {
    const s = await shopWithPrinter(1000);
    await printer.setMode('hang');
    const before = printer.jobs.length;
    const paid = await pay(s, 'cash');
    s.t.scheduler.runAll(20);
    let sent = false;
    const sending = s.t.backend.services.printing.drain().then(() => void (sent = true));
    // The counter answers while the worker is still waiting on the printer.
    expect((await s.t.must(s.clerk, 'trades.create', {})).status).toBe('draft');
    expect(sent).toBe(false);
    await sending;
    expect((await s.t.must(s.clerk, 'printing.jobs', { tradeId: paid.id }))[0]).toMatchObject({
      status: 'pending',
      lastError: 'timeout',
      reprint: 1,
    });
    await printer.setMode('ok');
    s.t.clock.advance(60_000);
    await work(s);
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    const customer = jobs.find((j) => !j.printout.lines.some((l) => l.text.startsWith('顾客签名')))!.printout;
    expect(customer.lines.map((l) => l.text.trim())).toContain('重印 / REPRINT 1');
    expect(customer.events.some((e) => e.kind === 'drawer')).toBe(false);
  });

  it('resends a job the printer closed in the middle of, marked 重印', async () => {
    const s = await shopWithPrinter();
    await printer.setMode('drop', 100);
    const before = printer.jobs.length;
    const paid = await pay(s, 'bank');
    await work(s);
    expect(
      (await s.t.must(s.clerk, 'printing.jobs', { tradeId: paid.id })).map((j) => [j.copy, j.status, j.reprint]),
    ).toEqual([
      ['customer', 'pending', 1],
      ['shop', 'pending', 0],
    ]);
    await printer.setMode('ok');
    s.t.clock.advance(60_000);
    await work(s);
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    expect(jobs.map((j) => j.printout.lines.some((l) => l.text.trim() === '重印 / REPRINT 1'))).toEqual([true, false]);
  });

  it('reprints on request with the count, and only a paid trade', async () => {
    const s = await shopWithPrinter();
    const before = printer.jobs.length;
    const paid = await pay(s, 'bank');
    await work(s);
    await s.t.must(s.clerk, 'printing.reprint', { tradeId: paid.id });
    await s.t.must(s.clerk, 'printing.reprint', { tradeId: paid.id });
    await work(s);
    const jobs = (await printer.waitForJobs(before + 4)).slice(before);
    const marks = jobs.map((j) => j.printout.lines.find((l) => l.text.includes('REPRINT'))?.text.trim() ?? '');
    expect(marks).toEqual(['', '', '重印 / REPRINT 1', '重印 / REPRINT 2']);
    const draft = await s.t.must(s.clerk, 'trades.create', {});
    expect(await s.t.call(s.clerk, 'printing.reprint', { tradeId: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('the owner at the printer', () => {
  it('prints a test page and opens the drawer with a journaled reason; a clerk may not', async () => {
    const s = await shopWithPrinter();
    const before = printer.jobs.length;
    await s.t.must(s.owner, 'printing.testPrint', {});
    await work(s);
    await s.t.must(s.owner, 'printing.openDrawer', { reason: '找零备用金' });
    const jobs = (await printer.waitForJobs(before + 2)).slice(before);
    expect(jobs[0]!.printout.lines.map((l) => l.text.trim())).toContain('打印测试 / TEST PRINT');
    expect(jobs[1]!.printout.events).toEqual([{ kind: 'drawer', pin: 2, onMs: 50 }]);
    expect((await s.t.must(s.owner, 'journal.list', { limit: 5 })).map((e) => e.kind)).toContain('drawer.opened');
    expect(await s.t.call(s.clerk, 'printing.openDrawer', { reason: '我想打开' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await printer.setMode('refuse');
    expect(await s.t.call(s.owner, 'printing.openDrawer', { reason: '再开一次' })).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_OFFLINE' },
    });
  });
});
