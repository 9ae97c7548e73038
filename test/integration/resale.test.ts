// Resale after the counter (spec §8) through dispatch: a batch settled below expectation shows its realised
// margin, an invalid card leads back to its trade and customer, the unsold-card alert fires only for cards still
// held, and the day's Z-report and frozen body carry the events as corrections.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, type TestBackend } from '../support/backend';
import { counterShop, payThreeCards } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

describe('resale', () => {
  it('settles a batch below expectation with its realised margin, links an invalid card to its customer, and alerts only on cards still held', async () => {
    const s = await counterShop();
    t = s.t;
    // Two trades of three ¥500 cards (e, physical, e), paid by transfer.
    const a = await payThreeCards(t, s.clerk, 'bank');
    const b = await payThreeCards(t, s.clerk, 'bank');
    const stock = await t.must(s.owner, 'resale.stock', { state: 'in_stock' });
    expect(stock).toHaveLength(6);
    expect(errorCode(await t.call(s.clerk, 'resale.stock', {}))).toBe('FORBIDDEN');

    const eA = a.lines.filter((l) => l.form === 'e').map((l) => l.id);
    const batch = await t.must(s.owner, 'resale.createBatch', { platform: '平台A', rateBp: 9400, lineIds: eA });
    expect(batch).toMatchObject({
      cards: 2,
      valueFen: 100_000,
      expectedFen: 2 * 47_000,
      settledFen: null,
      realisedMarginFen: null,
    });
    expect(
      errorCode(await t.call(s.owner, 'resale.createBatch', { platform: '平台B', rateBp: 9000, lineIds: [eA[0]!] })),
    ).toBe('CARD_STATE');

    // Secrets for the platform, journaled.
    const revealed = await t.must(s.owner, 'resale.reveal', { batchId: batch.id });
    expect(revealed.map((r) => r.secret)).toEqual(['ABCD1234EFGH5678', 'ABCD1234EFGH5678']);
    expect((await t.must(s.owner, 'journal.list', { limit: 5 })).some((e) => e.kind === 'resale.secretsRevealed')).toBe(
      true,
    );

    // The platform paid ¥930.01 instead of the ¥940.00 expected: shared by value, a fen to the first card.
    const settled = await t.must(s.owner, 'resale.settle', {
      batchId: batch.id,
      amountFen: 93_001,
      reason: '平台按九九折结算',
    });
    expect(settled.settledFen).toBe(93_001);
    expect(settled.lines.map((l) => l.proceedsFen)).toEqual([46_501, 46_500]);
    const cost = settled.lines.reduce((x, l) => x + l.payoutFen, 0);
    expect(settled.realisedMarginFen).toBe(93_001 - cost);
    expect(settled.realisedMarginFen).toBeLessThan(batch.expectedFen - cost);

    // An invalid card: a loss, linked to its trade and customer.
    const physicalB = b.lines.find((l) => l.form === 'physical')!;
    const invalid = await t.must(s.owner, 'resale.invalid', { lineId: physicalB.id, reason: '平台提示卡密已被使用' });
    const masked: unknown = expect.stringMatching(/^139\*{4}\d{4}$/);
    expect(invalid).toMatchObject({
      state: 'invalid',
      tradeNo: b.tradeNo,
      realisedMarginFen: -physicalB.payoutFen!,
      customerPhoneMasked: masked,
    });
    const own = await t.must(s.owner, 'resale.ownUse', { lineId: b.lines[0]!.id, reason: '绑定店铺京东账号' });
    expect(own).toMatchObject({ state: 'own_use', proceedsFen: 50_000 });

    // Two hours later: the e-card still held raises the alert; the ones resold in time do not.
    t.clock.advance(2 * 3_600_000 + 60_000);
    await t.must(s.owner, 'auth.unlock', { pin: '246810' });
    const alerts = (await t.must(s.owner, 'compliance.alerts', { from: '2026-11-25', to: '2026-11-25' })).filter(
      (x) => x.kind === 'unsold',
    );
    const heldE = b.lines.find((l) => l.form === 'e' && l.id !== b.lines[0]!.id)!;
    expect(alerts.map((x) => x.detail.last4)).toEqual([heldE.last4]);

    // The day's Z-report and frozen body carry the resale events; the per-batch settlement goes once, with its batch id.
    const closed = await t.must(s.owner, 'days.close', { count: { '10000': 100 } });
    expect(closed.report.resale).toEqual([
      { kind: 'resold', cards: 2, amountFen: 94_000 },
      { kind: 'settled', cards: 2, amountFen: 93_001 },
      { kind: 'invalid', cards: 1, amountFen: 0 },
      { kind: 'own_use', cards: 1, amountFen: 50_000 },
    ]);
    const body = JSON.parse(
      t.backend.services.sql.get<{ body: string }>('SELECT body FROM sync_outbox')?.body ?? '{}',
    ) as {
      schema: number;
      corrections: { kind: string; batchId?: string; tradeNo?: string; position?: number; amountFen?: number }[];
    };
    // Schema 2: the batch's money reaches head office per card, named by trade and position, with its share.
    expect(body.schema).toBe(2);
    const perCard = body.corrections.filter((c) => c.kind === 'settled');
    expect(perCard).toHaveLength(2);
    for (const c of perCard) {
      expect(c.batchId).toBe(batch.id);
      expect(c.tradeNo).toMatch(/-\d{4}$/);
      expect(c.position).toBeGreaterThanOrEqual(1);
    }
    expect(perCard.reduce((sum, c) => sum + (c.amountFen ?? 0), 0)).toBe(93_001);
    expect(body.corrections.map((c) => c.kind).sort()).toEqual([
      'invalid',
      'own_use',
      'resold',
      'resold',
      'settled',
      'settled',
    ]);
    const charts = await t.must(s.owner, 'ledger.charts', {});
    const today = charts.days.find((d) => d.key === '2026-11-25');
    expect(today?.realisedMarginFen).toBe(93_001 - cost - physicalB.payoutFen! + (50_000 - b.lines[0]!.payoutFen!));
    expect(charts.months.at(-1)?.key).toBe('2026-11');
    expect(charts.days).toHaveLength(30);
  });

  it('records resale events only on an open day', async () => {
    const s = await counterShop();
    t = s.t;
    const a = await payThreeCards(t, s.clerk, 'bank');
    await t.must(s.owner, 'days.close', { count: { '10000': 100 } });
    expect(errorCode(await t.call(s.owner, 'resale.ownUse', { lineId: a.lines[0]!.id, reason: '自用' }))).toBe(
      'DAY_NOT_OPEN',
    );
  });
});
