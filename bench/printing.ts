// Receipt figures: rendering a 3-card receipt to ESC/POS bytes, and from pay returning to the last byte at the
// (virtual, loopback) network printer.
import { receiptBytes } from '../electron/core/receipts/layout';
import { counterShop, payThreeCards } from '../test/support/counter';
import { VirtualPrinter } from '../test/support/virtual-printer';
import { quantile } from './counter';

type Put = (name: string, value: number, unit: 'ms' | 'x', samples: number) => void;
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;

export async function receipts(put: Put, size: Size): Promise<void> {
  const printer = new VirtualPrinter();
  await printer.start();
  const s = await counterShop();
  await s.t.must(s.owner, 'printing.updateSettings', {
    target: `tcp://127.0.0.1:${printer.port}`,
    cpl: 48,
    timeoutMs: 5000,
    shopCopy: false,
    drawerOnCash: true,
    language: 'zh-CN',
  });
  const { printing } = s.t.backend.services;
  const n = size(200, 50, 5);
  const render: number[] = [];
  const toPrinter: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = printer.jobs.length;
    const paid = await payThreeCards(s.t, s.clerk, 'bank', 30_000);
    const a = ns();
    s.t.scheduler.runAll(5);
    await printing.drain();
    await printer.waitForJobs(before + 1);
    toPrinter.push(ms(a, ns()));
    const shop = await s.t.must(s.clerk, 'shop.get', {});
    const r = ns();
    receiptBytes(
      { shop, trade: paid, copy: 'customer', reprint: 0, language: 'zh-CN', printedAt: '2026-11-25 10:00' },
      { cpl: 48 },
    );
    render.push(ms(r, ns()));
  }
  put('receipt.render.p50_ms', quantile(render, 0.5), 'ms', n);
  put('receipt.pay_to_printer.p50_ms', quantile(toPrinter, 0.5), 'ms', n);
  put('receipt.pay_to_printer.p99_ms', quantile(toPrinter, 0.99), 'ms', n);
  s.t.close();
  await printer.stop();
}
