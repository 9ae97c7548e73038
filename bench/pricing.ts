// Pricing figures: what the owner's calendar demand and promotions cost a price. Two shops in one run, one with
// 50 calendar entries and 50 promotions in force (every one applying to the card), one with none; the same
// pricing.preview and trades.offer through dispatch, interleaved so both see the same machine.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRICING_VALUES } from '../shared/domain/pricing-settings';
import { BENCH_PASSPHRASE, BENCH_PIN, DATA } from './generate';
import { openShop, quantile } from './counter';

type Put = (name: string, value: number, unit: 'ms' | 'x', samples: number) => void;
type Size = (full: number, quick: number, smoke: number) => number;
const ns = () => process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;

const ENTRIES = 50;

async function shop(name: string, adjustments: boolean) {
  const dir = path.join(DATA, `pricing-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const s = await openShop(dir);
  await s.must('setup.complete', {
    shop: { name: '基准店', code: 'BENCH', address: '', phone: '', licenceNo: '' },
    owner: { name: '店主', pin: BENCH_PIN },
    passphrase: BENCH_PASSPHRASE,
  });
  await s.must('quotes.renew', {});
  await s.must('days.open', { count: { '10000': 100_000 } });
  if (adjustments)
    await s.must('settings.update', {
      group: 'pricing',
      values: {
        // Every entry is in force on the bench's business date and for its card: the most work a price can do.
        calendar: Array.from({ length: ENTRIES }, (_, i) => ({
          name: `节日${i}`,
          from: '2000-01-01',
          to: '2099-12-31',
          bp: 1,
          active: true,
        })),
        promotions: Array.from({ length: ENTRIES }, (_, i) => ({
          name: `促销${i}`,
          from: '2000-01-01T00:00:00+08:00',
          to: '2099-12-31T00:00:00+08:00',
          bp: 1,
          brand: i % 2 === 0 ? 'jd' : null,
          form: i % 3 === 0 ? null : ('e' as const),
        })),
      },
    });
  else
    await s.must('settings.update', {
      group: 'pricing',
      values: { calendar: DEFAULT_PRICING_VALUES.calendar.map((c) => ({ ...c, active: false })), promotions: [] },
    });
  return { ...s, dir };
}

const card = (prefix: string, n: number) => `JDE${prefix}${String(n).padStart(12, '0')}`;

export async function pricingAdjustments(put: Put, size: Size): Promise<void> {
  const none = await shop('none', false);
  const full = await shop('full', true);
  const check = (await full.must('pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 })) as {
    explanation: { adjustments: unknown[] };
  };
  if (check.explanation.adjustments.length < ENTRIES + 1) throw new Error('the adjustments are not in force');

  // pricing.preview: one card priced, nothing written.
  const preview = { brand: 'jd', form: 'e', valueFen: 100_000 };
  const n = size(3000, 500, 20);
  const t = { none: [] as number[], full: [] as number[] };
  for (let i = 0; i < 50; i++) {
    await none.must('pricing.preview', preview);
    await full.must('pricing.preview', preview);
  }
  for (let i = 0; i < n; i++) {
    for (const [k, s] of [
      ['none', none],
      ['full', full],
    ] as const) {
      const a = ns();
      await s.must('pricing.preview', preview);
      t[k].push(ms(a, ns()));
    }
  }
  put('pricing.preview.p50_ms', quantile(t.full, 0.5), 'ms', n);
  put('pricing.preview.none.p50_ms', quantile(t.none, 0.5), 'ms', n);
  put('pricing.adjustments.ratio', quantile(t.full, 0.5) / quantile(t.none, 0.5), 'x', n);

  // trades.offer: a fresh trade of three cards (two groups with the tier, one without) offered once; only the
  // offer is timed.
  const m = size(600, 120, 6);
  const o = { none: [] as number[], full: [] as number[] };
  for (let i = 0; i < m; i++) {
    for (const [k, s] of [
      ['none', none],
      ['full', full],
    ] as const) {
      const tr = (await s.must('trades.create', {})) as { id: string };
      for (const [j, value] of [100_000, 100_000, 99_999].entries())
        await s.must('trades.addLine', {
          tradeId: tr.id,
          brand: 'jd',
          form: 'e',
          number: card(k === 'none' ? '0' : '1', i * 3 + j),
          secret: 'ABCD1234EFGH5678',
          faceValueFen: value,
          verifiedHow: 'official',
        });
      const a = ns();
      await s.must('trades.offer', { tradeId: tr.id });
      o[k].push(ms(a, ns()));
    }
  }
  put('trades.offer.p50_ms', quantile(o.full, 0.5), 'ms', m);
  put('trades.offer.none.p50_ms', quantile(o.none, 0.5), 'ms', m);
  put('offer.adjustments.ratio', quantile(o.full, 0.5) / quantile(o.none, 0.5), 'x', m);
  none.backend.close();
  full.backend.close();
}
