// Brand forms and live quotes are read once between changes (db/sql.ts `Kept`): a change is seen by the next call,
// and nothing read inside a transaction that rolled back is kept.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { QuoteView } from '../../shared/contract';
import { counterShop } from '../support/counter';
import { errorCode } from '../support/backend';

type Shop = Awaited<ReturnType<typeof counterShop>>;
let s: Shop | undefined;
afterEach(() => s?.t.close());

const preview = (shop: Shop) =>
  shop.t.must(shop.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 });

/** The owner raises a quote's rate, everything else as it was. */
async function raise(shop: Shop, q: QuoteView, byBp: number) {
  await shop.t.must(shop.owner, 'quotes.update', {
    quoteId: q.id,
    source: q.source,
    brand: q.brand,
    form: q.form,
    minValueFen: q.minValueFen,
    maxValueFen: q.maxValueFen,
    rateBp: q.rateBp + byBp,
    feeBp: q.feeBp,
    feeFixedFen: q.feeFixedFen,
    minAmountFen: q.minAmountFen,
    settlementDays: q.settlementDays,
  });
}

describe('values kept between calls', () => {
  it('an offer prices against a quote changed since the last one', async () => {
    s = await counterShop();
    const before = await preview(s);
    const quotes = await s.t.must(s.owner, 'quotes.list', {});
    const basis = before.explanation.basis;
    if (basis.kind !== 'quote') throw new Error('priced without a quote');
    const best = quotes.find((q) => q.id === basis.quoteId);
    if (!best) throw new Error('no best quote');
    await raise(s, best, 100);
    const after = await preview(s);
    expect(after.bestExitBp).toBe(before.bestExitBp + 100);
  });

  it('an offer freezes its quotes as stored: the kept rows give the text a fresh read gives, and a changed quote its new values', async () => {
    s = await counterShop();
    const { sql } = s.t.backend.services;
    const Stored = z.object({ quote_snapshot: z.string() });
    const offer = async (shop: Shop, number: string) => {
      const trade = await shop.t.must(shop.clerk, 'trades.create', {});
      await shop.t.must(shop.clerk, 'trades.addLine', {
        tradeId: trade.id,
        brand: 'jd',
        form: 'e',
        number,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
      await shop.t.must(shop.clerk, 'trades.offer', { tradeId: trade.id });
      return (
        sql.get(Stored, 'SELECT quote_snapshot FROM trade_groups WHERE trade_id = ?', trade.id)?.quote_snapshot ?? ''
      );
    };
    /** The snapshot as the quotes table holds those quotes now, in the snapshot's order and shape. */
    const fresh = (text: string) =>
      JSON.stringify(
        (JSON.parse(text) as { id: string; best: boolean }[]).map(({ id, best }) => ({
          ...sql.get(
            z.looseObject({}),
            `SELECT id, source, form, min_value_fen, max_value_fen, rate_bp, fee_bp, fee_fixed_fen, min_amount_fen, settlement_days, observed_at, expires_at
             FROM quotes WHERE id = ?`,
            id,
          ),
          best,
        })),
      );
    const first = await offer(s, 'JDE9000000000101');
    expect(JSON.parse(first)).not.toHaveLength(0);
    expect(first).toBe(fresh(first));
    // Read from the kept quotes the second time: the same text.
    expect(await offer(s, 'JDE9000000000102')).toBe(first);
    const quotes = await s.t.must(s.owner, 'quotes.list', {});
    const best = quotes.find(
      (q) => q.id === (JSON.parse(first) as { id: string; best: boolean }[]).find((x) => x.best)?.id,
    );
    if (!best) throw new Error('no best quote');
    await raise(s, best, 50);
    const third = await offer(s, 'JDE9000000000103');
    expect(third).not.toBe(first);
    expect(third).toBe(fresh(third));
  });

  it('a form switched off takes no new card at the next call', async () => {
    s = await counterShop();
    const trade = await s.t.must(s.clerk, 'trades.create', {});
    const line = {
      tradeId: trade.id,
      brand: 'jd',
      form: 'e' as const,
      secret: 'ABCD1234EFGH5678',
      faceValueFen: 10_000,
      verifiedHow: 'official' as const,
    };
    await s.t.must(s.clerk, 'trades.addLine', { ...line, number: 'JDE9000000000001' });
    const jd = (await s.t.must(s.owner, 'catalog.list', {})).find((b) => b.code === 'jd');
    if (!jd) throw new Error('no jd brand');
    await s.t.must(s.owner, 'catalog.upsert', {
      code: jd.code,
      nameZh: jd.nameZh,
      nameEn: jd.nameEn,
      active: true,
      forms: jd.forms.map((f) => (f.form === 'e' ? { ...f, active: false } : f)),
    });
    expect(errorCode(await s.t.call(s.clerk, 'trades.addLine', { ...line, number: 'JDE9000000000003' }))).toBe(
      'VALIDATION',
    );
  });

  it('a quote read inside a transaction that rolled back is not kept', async () => {
    s = await counterShop();
    const { quotes, sql } = s.t.backend.services;
    const live = quotes.forBrand('jd').length;
    expect(() =>
      sql.tx(() => {
        quotes.add({
          source: '回滚平台',
          brand: 'jd',
          form: 'e',
          minValueFen: 0,
          maxValueFen: null,
          rateBp: 9999,
          feeBp: 0,
          feeFixedFen: 0,
          minAmountFen: 0,
          settlementDays: 0,
        });
        expect(quotes.forBrand('jd')).toHaveLength(live + 1);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(quotes.forBrand('jd')).toHaveLength(live);
  });
});
