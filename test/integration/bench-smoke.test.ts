// The bench at tiny sizes, so it cannot rot unnoticed: every figure is still produced as a finite number.
// It asserts no time: the figures are read from `npm run bench`, never judged in a test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/backend';
import { ROOT } from '../support/host';

const FIGURES = [
  'journal.append.ratio',
  'db.open.ms',
  'db.open.vs_empty.ratio',
  'rpc.http.p50_ms',
  'rpc.http.p99_ms',
  'trade.pay.ratio',
  'trade.pay.p50_ms',
  'trade.pay.p99_ms',
  // A shop of a chain, head office in its own process on PGlite.
  'trade.pay_chain.ratio',
  'trade.pay_chain.p50_ms',
  'trade.pay_chain.p99_ms',
  'trade.lookup_by_card.ratio',
  'trade.lookup_by_card.p99_ms',
  'trades.day_list.ratio',
  'trades.day_list.p99_ms',
  'receipt.render.p50_ms',
  'receipt.pay_to_printer.p50_ms',
  'receipt.pay_to_printer.p99_ms',
  'pricing.adjustments.ratio',
  'offer.adjustments.ratio',
  // Head office's, on a throw-away PostgreSQL (installed here and in CI).
  'hq.ingest_500.ms',
  'hq.ingest_500.ratio',
  'hq.charts_year.ratio',
  'hq.console_year.ms',
  'hq.console_year.ratio',
  'hq.rss_growth_mb',
  'hq.card_check.p99_ms',
  'hq.card_check.ratio',
];

describe('npm run bench', () => {
  it('still produces every figure (smoke sizes)', () => {
    const data = tempDir('bench-smoke-');
    // As `npm run bench` runs it: the bench bundled as the app is (bench/build.mjs), then the bundle.
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'build.mjs')], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 60_000,
    });
    execFileSync(process.execPath, [path.join(ROOT, 'bench', '.run.mjs'), '--smoke'], {
      cwd: ROOT,
      env: { ...process.env, CARDDESK_BENCH_DATA: data },
      stdio: 'pipe',
      timeout: 170_000,
    });
    const out = JSON.parse(fs.readFileSync(path.join(data, 'smoke.json'), 'utf8')) as {
      smoke: boolean;
      figures: Record<string, { value: number; unit: string; samples: number }>;
    };
    expect(out.smoke).toBe(true);
    for (const name of FIGURES) {
      expect(out.figures[name], name).toBeDefined();
      expect(Number.isFinite(out.figures[name]!.value), name).toBe(true);
      expect(out.figures[name]!.samples, name).toBeGreaterThan(0);
    }
  }, 180_000);
});
