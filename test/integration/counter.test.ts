// The counter through dispatch on a real SQLite file: spec §3.5's worked example end to end, band edges,
// stale vs no eligible quote, manual exits, payment rules, voids and duplicates.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/backend';
import { errorCode, OWNER_PIN, TestBinding, type TestBackend } from '../support/backend';
import type { TradeView } from '../../shared/contract';
import {
  addCard,
  agreeAtOpening,
  counterShop,
  createTrade,
  eCard,
  groupOf,
  payThreeCards,
  physicalCard,
  SECRET,
} from '../support/counter';
import { checksWritten } from '../../electron/core/schema-check';

let t: TestBackend | undefined;
afterEach(() => t?.close());

async function workedExample() {
  const s = await counterShop();
  t = s.t;
  const { clerk } = s;
  let trade = await createTrade(t, clerk);
  const id = trade.id;
  await addCard(t, clerk, id, 'e', 100_000);
  await addCard(t, clerk, id, 'e', 100_000);
  await addCard(t, clerk, id, 'physical', 100_000);
  await addCard(t, clerk, id, 'e', 99_999);
  trade = await t.must(clerk, 'trades.offer', { tradeId: id });
  return { ...s, t, id, trade };
}

describe('the worked example of spec §3.5, through the counter', () => {
  it('offers per group, haggles two rounds, and pays ¥3,605.90 cash with ¥0.09 抹零', async () => {
    const { t, clerk, owner, id, trade } = await workedExample();
    expect(trade.groups).toHaveLength(3);
    const e1000 = groupOf(trade, 'e', 100_000);
    const phys = groupOf(trade, 'physical', 100_000);
    const e999 = groupOf(trade, 'e', 99_999);
    const g = (k: string) => trade.groups.find((x) => x.key === k)!;
    expect([
      g(e1000).bestExitBp,
      g(e1000).adjBp,
      g(e1000).hardCapBp,
      g(e1000).ceilingBp,
      g(e1000).targetBp,
      g(e1000).openingBp,
    ]).toEqual([9396, 20, 9390, 9290, 9110, 9010]);
    expect([g(e999).bestExitBp, g(e999).hardCapBp, g(e999).ceilingBp, g(e999).targetBp, g(e999).openingBp]).toEqual([
      9296, 9290, 9190, 8990, 8890,
    ]);
    expect([g(phys).bestExitBp, g(phys).hardCapBp, g(phys).ceilingBp, g(phys).targetBp, g(phys).openingBp]).toEqual([
      9196, 9190, 9090, 8910, 8810,
    ]);
    expect(trade.lines.filter((l) => l.groupKey === e1000)).toHaveLength(2);

    const r1 = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: e1000, askBp: 9210 });
    expect([r1.outcome, r1.rateBp]).toEqual(['proposal', 9110]);
    const r2 = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: e1000, askBp: 9160 });
    expect([r2.outcome, r2.rateBp]).toEqual(['proposal', 9130]);
    await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: e1000 });
    // The physical card is agreed at its target: the customer asks 89.10%, the clerk accepts the ask.
    const p1 = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: phys, askBp: 8910 });
    expect([p1.outcome, p1.rateBp]).toEqual(['proposal', 8860]);
    await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: phys, rateBp: 8910 });
    const agreed = await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: e999 });
    expect(agreed.status).toBe('agreed');
    expect(agreed.lines.map((l) => l.payoutFen)).toEqual([91_300, 91_300, 89_100, 88_899]);
    expect(agreed.payoutFen).toBe(360_599);

    const paid = await t.must(clerk, 'trades.pay', {
      tradeId: id,
      requestId: 'req-worked-1',
      parts: [{ method: 'cash', amountFen: 360_590 }],
    });
    expect(paid.status).toBe('paid');
    expect(paid.roundingFen).toBe(9);
    expect(paid.payments).toEqual([{ method: 'cash', amountFen: 360_590, reference: '' }]);
    expect(paid.tradeNo).toMatch(/^SH01-\d{8}-0001$/);
    expect((await t.must(owner, 'days.current', {}))?.expectedCashFen).toBe(1_000_000 - 360_590);
    const rounds = paid.rounds.filter((r) => r.groupKey === e1000).map((r) => `${r.actor}:${r.kind}:${r.rateBp}`);
    expect(rounds).toEqual([
      'shop:opening:9010',
      'customer:ask:9210',
      'shop:proposal:9110',
      'customer:ask:9160',
      'shop:proposal:9130',
      'shop:agreed:9130',
    ]);
    expect(paid.groups.find((x) => x.key === e1000)?.quoteSnapshot.length).toBeGreaterThan(0);
  });

  it('numbers paid trades gaplessly per business date, whatever drafts were abandoned', async () => {
    const s = await counterShop();
    t = s.t;
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      await t.must(s.clerk, 'trades.create', {}); // abandoned drafts take no number (and need no customer)
      const tr = await createTrade(t, s.clerk);
      await addCard(t, s.clerk, tr.id, 'e', 10_000);
      const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
      await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
      const payout = (await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).payoutFen;
      const p = await t.must(s.clerk, 'trades.pay', {
        tradeId: tr.id,
        requestId: `gapless-req-${i}`,
        parts: [{ method: 'wechat', amountFen: payout, reference: `WX${i}` }],
      });
      numbers.push(p.tradeNo ?? '');
    }
    expect(numbers.map((n) => n.slice(-4))).toEqual(['0001', '0002', '0003']);
  });
});

describe('prices at the edges', () => {
  it('takes ¥999.99 in the band below ¥1,000.00 and the ¥50/¥100 minimums exactly', async () => {
    const s = await counterShop();
    t = s.t;
    const preview = (form: 'e' | 'physical', v: number) =>
      t!.must(s.clerk, 'pricing.preview', { brand: 'jd', form, valueFen: v });
    expect((await preview('e', 99_999)).bestExitBp).toBe(9296);
    expect((await preview('e', 100_000)).bestExitBp).toBe(9396);
    expect(errorCode(await t.call(s.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 4_999 }))).toBe(
      'NO_ELIGIBLE_QUOTE',
    );
    expect((await preview('e', 5_000)).explanation.basis).toMatchObject({ kind: 'quote', source: '平台B' });
    expect((await preview('e', 9_999)).explanation.basis).toMatchObject({ source: '平台B' });
    expect((await preview('e', 10_000)).explanation.basis).toMatchObject({ source: '平台A' });
  });

  it('answers NO_ELIGIBLE_QUOTE for a ¥30 card when quotes are fresh, and STALE_QUOTES when none is', async () => {
    const s = await counterShop();
    t = s.t;
    expect(errorCode(await t.call(s.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 3_000 }))).toBe(
      'NO_ELIGIBLE_QUOTE',
    );
    t.clock.advance(3 * 86_400_000);
    await t.must(s.clerk, 'auth.unlock', { pin: '135790' });
    expect(errorCode(await t.call(s.clerk, 'pricing.preview', { brand: 'jd', form: 'e', valueFen: 100_000 }))).toBe(
      'STALE_QUOTES',
    );
  });

  it('loads the shipped quotes stale until the owner confirms them', async () => {
    const s = await counterShop({ confirm: false, open: false });
    t = s.t;
    expect((await t.must(s.owner, 'quotes.list', {})).every((q) => q.stale)).toBe(true);
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 100_000);
    expect(errorCode(await t.call(s.clerk, 'trades.offer', { tradeId: tr.id }))).toBe('STALE_QUOTES');
    expect((await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).lines).toHaveLength(1);
    await t.must(s.owner, 'quotes.renew', {});
    expect((await t.must(s.clerk, 'trades.offer', { tradeId: tr.id })).groups[0]?.openingBp).toBe(9010);
  });

  it('prices from the owner’s manual exit, capped at it, and only with the owner', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 3_000);
    expect(errorCode(await t.call(s.clerk, 'trades.offer', { tradeId: tr.id }))).toBe('NO_ELIGIBLE_QUOTE');
    const manual = { exitBp: 8_555, reason: '小额卡按平台B手工报价' };
    expect(errorCode(await t.call(s.clerk, 'trades.offer', { tradeId: tr.id, manualExit: manual }))).toBe('FORBIDDEN');
    const o = await t.must(s.clerk, 'trades.offer', {
      tradeId: tr.id,
      manualExit: manual,
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '店主同意手工报价' },
    });
    const g = o.groups[0]!;
    expect([g.bestExitBp, g.hardCapBp, g.ceilingBp]).toEqual([8555, 8550, 8450]);
    expect(g.explanation.basis).toEqual({ kind: 'manual', reason: '小额卡按平台B手工报价' });
    const ask = await t.must(s.clerk, 'trades.ask', { tradeId: tr.id, groupKey: g.key, askBp: 8600 });
    expect(ask.outcome).toBe('final');
    expect(errorCode(await t.call(s.owner, 'trades.accept', { tradeId: tr.id, groupKey: g.key, rateBp: 8560 }))).toBe(
      'VALIDATION',
    );
    expect(errorCode(await t.call(s.owner, 'trades.accept', { tradeId: tr.id, groupKey: g.key, rateBp: 8550 }))).toBe(
      'ok',
    );
  });
});

describe('the checks of rows and inputs', () => {
  it('are written once: trades after the first two, and the screens’ reads after them, write none', async () => {
    const s = await counterShop();
    t = s.t;
    const { owner, clerk } = s;
    const round = async (n: number) => {
      const paid = await payThreeCards(t!, clerk, n % 2 === 0 ? 'cash' : 'bank');
      await t!.must(clerk, 'trades.get', { tradeId: paid.id });
      await t!.must(clerk, 'trades.page', {});
      await t!.must(owner, 'trades.journal', { tradeId: paid.id });
      for (const name of [
        'days.current',
        'printing.status',
        'sync.status',
        'system.status',
        'staff.list',
        'auth.staffList',
      ] as const)
        await t!.must(owner, name, {});
      await t!.must(owner, 'ledger.report', { businessDate: (await t!.must(owner, 'days.current', {}))!.businessDate });
    };
    await round(0);
    await round(1);
    const after = checksWritten();
    await round(2);
    await round(3);
    expect(checksWritten()).toBe(after);
  });
});

describe('the rounds a call answers', () => {
  it('are the rounds the trade read again shows, under the name of a clerk renamed while logged in', async () => {
    const { t, clerk, clerkId, owner, id, trade } = await workedExample();
    // The first offer answers its three openings as written, in the order they were made.
    expect(trade.rounds.map((r) => `${r.actor}:${r.kind}:${r.staffName}`)).toEqual(Array(3).fill('shop:opening:张三'));
    expect(trade.rounds).toEqual((await t.must(clerk, 'trades.get', { tradeId: id })).rounds);
    const e1000 = groupOf(trade, 'e', 100_000);
    const phys = groupOf(trade, 'physical', 100_000);
    const proposal = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: e1000, askBp: 9210 });
    expect(proposal.outcome).toBe('proposal');
    expect(proposal.trade.rounds).toEqual((await t.must(clerk, 'trades.get', { tradeId: id })).rounds);
    await t.must(owner, 'staff.update', { staffId: clerkId, name: '张小三' });
    // The customer asks the opening offer: agreed at once, the ask and the agreement recorded under the new name.
    const agreed = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: phys, askBp: 8810 });
    expect(agreed.outcome).toBe('agreed');
    const read = await t.must(clerk, 'trades.get', { tradeId: id });
    expect(agreed.trade.rounds).toEqual(read.rounds);
    expect(read.rounds.slice(-2).map((r) => `${r.actor}:${r.kind}:${r.staffName}`)).toEqual([
      'customer:ask:张小三',
      'shop:agreed:张小三',
    ]);
    const accepted = await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: e1000 });
    expect(accepted.rounds).toEqual((await t.must(clerk, 'trades.get', { tradeId: id })).rounds);
    expect(accepted.rounds.at(-1)).toMatchObject({ kind: 'agreed', staffName: '张小三', approvedBy: null });
    // The journal records the new name too.
    const log = await t.must(clerk, 'trades.journal', { tradeId: id });
    expect(log.find((e) => e.kind === 'trade.agreed')?.payload).toMatchObject({ actorName: '张小三' });
  });
});

describe('the owner above the ceiling', () => {
  it('refuses a clerk above the ceiling (journaled) and lets the owner’s PIN and reason through in the same call', async () => {
    const { t, clerk, id, trade, ownerId } = await workedExample();
    const key = groupOf(trade, 'e', 100_000);
    const r = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: 9350 });
    expect([r.outcome, r.rateBp]).toEqual(['final', 9290]);
    const again = await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: 9350 });
    expect(again.outcome).toBe('final');
    expect(errorCode(await t.call(clerk, 'trades.accept', { tradeId: id, groupKey: key, rateBp: 9350 }))).toBe(
      'FORBIDDEN',
    );
    const ok = await t.must(clerk, 'trades.accept', {
      tradeId: id,
      groupKey: key,
      rateBp: 9350,
      ownerApproval: { ownerId, pin: OWNER_PIN, reason: '老客户，店主同意' },
    });
    expect(ok.groups.find((g) => g.key === key)?.agreedBp).toBe(9350);
    // Read again (the groups with the rounds in one statement): the rounds the accept answered, the approver named.
    const read = await t.must(clerk, 'trades.get', { tradeId: id });
    expect(read.rounds).toEqual(ok.rounds);
    expect(read.rounds.at(-1)).toMatchObject({ kind: 'agreed', rateBp: 9350, approvedBy: '王老板' });
    expect(read.groups).toEqual(ok.groups);
    const log = await t.must(clerk, 'trades.journal', { tradeId: id });
    expect(log.find((e) => e.kind === 'trade.agreed')?.payload).toMatchObject({
      rateBp: 9350,
      approval: { ownerName: '王老板', reason: '老客户，店主同意' },
    });
    const owner = new TestBinding();
    await t.must(owner, 'auth.login', { staffId: ownerId, pin: OWNER_PIN });
    const denied = (await t.must(owner, 'journal.list', { limit: 50 })).find((e) => e.kind === 'auth.denied');
    expect(denied?.payload).toMatchObject({ call: 'trades.accept', need: 'rate above the ceiling' });
  });
});

describe('bad input changes nothing', () => {
  async function snapshot(tb: TestBackend) {
    const db = tb.backend.services.sql.db;
    const tables = ['trades', 'trade_lines', 'trade_groups', 'rounds', 'payments', 'trade_voids', 'counters', 'days'];
    return Object.fromEntries(tables.map((x) => [x, db.prepare(`SELECT * FROM ${x} ORDER BY rowid`).all()]));
  }

  it('answers typed errors and leaves every table as it was', async () => {
    const s = await workedExample();
    const { t, clerk, id, trade } = s;
    const key = groupOf(trade, 'e', 100_000);
    const before = await snapshot(t);
    const cases: [
      string,
      Promise<{ ok: boolean; error?: { code: string; details: Record<string, unknown> } }>,
      string,
      Record<string, unknown>?,
    ][] = [
      [
        'pattern',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'e',
          number: '123',
          secret: SECRET,
          faceValueFen: 100,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'number', shape: '16 位字母或数字' },
      ],
      [
        'V ≤ 0',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'e',
          number: eCard(),
          secret: SECRET,
          faceValueFen: 0,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'faceValueFen' },
      ],
      [
        'not whole fen',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'e',
          number: eCard(),
          secret: SECRET,
          faceValueFen: 100.5,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'faceValueFen' },
      ],
      [
        'above maximum',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'e',
          number: eCard(),
          secret: SECRET,
          faceValueFen: 1_000_001,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'faceValueFen', maxFen: 1_000_000 },
      ],
      [
        'unknown brand',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'tmall',
          form: 'e',
          number: eCard(),
          secret: SECRET,
          faceValueFen: 100,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'brand' },
      ],
      [
        'unknown form',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'plastic',
          number: eCard(),
          secret: SECRET,
          faceValueFen: 100,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'form' },
      ],
      [
        'missing secret',
        t.raw(clerk, 'trades.addLine', {
          tradeId: id,
          brand: 'jd',
          form: 'e',
          number: eCard(),
          faceValueFen: 100,
          verifiedHow: 'official',
        }),
        'VALIDATION',
        { field: 'secret' },
      ],
      [
        'off the step',
        t.raw(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: 9215 }),
        'VALIDATION',
        { field: 'askBp', stepBp: 10 },
      ],
      [
        'above 10000',
        t.raw(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: 10_010 }),
        'VALIDATION',
        { field: 'askBp' },
      ],
      [
        'below 0',
        t.raw(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: -10 }),
        'VALIDATION',
        { field: 'askBp' },
      ],
      [
        'pay before agreement',
        t.raw(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-early-1',
          parts: [{ method: 'cash', amountFen: 100 }],
        }),
        'CONFLICT',
      ],
      [
        'accept below the offer',
        t.raw(clerk, 'trades.accept', { tradeId: id, groupKey: key, rateBp: 9000 }),
        'VALIDATION',
        { field: 'rateBp' },
      ],
      [
        'void without reason',
        t.raw(clerk, 'trades.void', { tradeId: id, reason: '' }),
        'VALIDATION',
        { field: 'reason' },
      ],
    ];
    for (const [name, p, code, details] of cases) {
      const r = await p;
      expect(r.ok, name).toBe(false);
      expect(r.error?.code, name).toBe(code);
      if (details) expect(r.error?.details, name).toMatchObject(details);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses a round after agreement, paying twice, paying a voided trade, voiding twice, and parts that do not add up', async () => {
    const { t, clerk, owner, id, trade, ownerId } = await workedExample();
    for (const g of trade.groups) await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: g.key });
    const key = trade.groups[0]!.key;
    expect(errorCode(await t.call(clerk, 'trades.ask', { tradeId: id, groupKey: key, askBp: 9500 }))).toBe('CONFLICT');
    const payout = (await t.must(clerk, 'trades.get', { tradeId: id })).payoutFen;
    expect(
      errorCode(
        await t.call(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-sum-1',
          parts: [{ method: 'cash', amountFen: payout }],
        }),
      ),
    ).toBe(payout % 10 === 0 ? 'ok' : 'VALIDATION');
    expect(
      errorCode(
        await t.call(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-sum-2',
          parts: [{ method: 'wechat', amountFen: payout - 1, reference: 'WX1' }],
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      errorCode(
        await t.call(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-sum-3',
          parts: [{ method: 'alipay', amountFen: payout }],
        }),
      ),
    ).toBe('VALIDATION');
    const cash = payout - (payout % 10);
    const first = await t.must(clerk, 'trades.pay', {
      tradeId: id,
      requestId: 'req-pay-1',
      parts: [{ method: 'cash', amountFen: cash }],
    });
    const retry = await t.must(clerk, 'trades.pay', {
      tradeId: id,
      requestId: 'req-pay-1',
      parts: [{ method: 'cash', amountFen: cash }],
    });
    expect(retry).toEqual(first);
    expect(
      errorCode(
        await t.call(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-pay-2',
          parts: [{ method: 'cash', amountFen: cash }],
        }),
      ),
    ).toBe('CONFLICT');
    expect((t.backend.services.sql.db.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number }).n).toBe(1);

    expect(errorCode(await t.call(clerk, 'trades.void', { tradeId: id, reason: '顾客反悔' }))).toBe('FORBIDDEN');
    const drawer = (await t.must(owner, 'days.current', {}))!.expectedCashFen ?? 0;
    const voided = await t.must(clerk, 'trades.void', {
      tradeId: id,
      reason: '顾客反悔，现金已退回',
      ownerApproval: { ownerId, pin: OWNER_PIN, reason: '店主核实现金已退回' },
    });
    expect(voided.status).toBe('voided');
    expect(voided.void?.refundCashFen).toBe(cash);
    expect((await t.must(owner, 'days.current', {}))!.expectedCashFen).toBe(drawer + cash);
    expect(
      errorCode(
        await t.call(clerk, 'trades.void', {
          tradeId: id,
          reason: '再来一次',
          ownerApproval: { ownerId, pin: OWNER_PIN, reason: '店主' },
        }),
      ),
    ).toBe('CONFLICT');
    expect(
      errorCode(
        await t.call(clerk, 'trades.pay', {
          tradeId: id,
          requestId: 'req-pay-3',
          parts: [{ method: 'cash', amountFen: cash }],
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('needs every card verified within 10 minutes before paying, unless the owner approves', async () => {
    const { t, clerk, id, trade, ownerId } = await workedExample();
    for (const g of trade.groups) await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: g.key });
    const cash = 360_590 - 30 - 30 + 0; // recomputed below
    void cash;
    const view = await t.must(clerk, 'trades.get', { tradeId: id });
    const parts = [{ method: 'cash' as const, amountFen: view.payoutFen - (view.payoutFen % 10) }];
    t.clock.advance(10 * 60_000 + 1);
    await t.must(clerk, 'auth.unlock', { pin: '135790' }).catch(() => undefined);
    expect(errorCode(await t.call(clerk, 'trades.pay', { tradeId: id, requestId: 'req-late-1', parts }))).toBe(
      'FORBIDDEN',
    );
    await t.must(clerk, 'trades.verify', { tradeId: id, lineId: view.lines[0]!.id, how: 'official' });
    expect(errorCode(await t.call(clerk, 'trades.pay', { tradeId: id, requestId: 'req-late-2', parts }))).toBe(
      'FORBIDDEN',
    );
    const paid = await t.must(clerk, 'trades.pay', {
      tradeId: id,
      requestId: 'req-late-3',
      parts,
      ownerApproval: { ownerId, pin: OWNER_PIN, reason: '店主当面查过余额' },
    });
    expect(paid.status).toBe('paid');
  });

  it('refuses to pay for a card whose balance was never checked, unless the owner approves', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: eCard(),
      secret: SECRET,
      faceValueFen: 10_000,
      verifiedHow: 'none',
    });
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const a = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const parts = [{ method: 'cash' as const, amountFen: a.payoutFen - (a.payoutFen % 10) }];
    expect(await t.call(s.clerk, 'trades.pay', { tradeId: tr.id, requestId: 'never-checked-1', parts })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'unverified card' } },
    });
    expect((await t.must(s.clerk, 'trades.get', { tradeId: tr.id })).status).toBe('agreed');
    const paid = await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'never-checked-2',
      parts,
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '店主自己查过余额' },
    });
    expect(paid.status).toBe('paid');
  });

  it('refuses to pay on no open day, and a cash part larger than the drawer', async () => {
    const s = await counterShop({ open: false });
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 500_000);
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const cash = agreed.payoutFen - (agreed.payoutFen % 10);
    expect(
      errorCode(
        await t.call(s.clerk, 'trades.pay', {
          tradeId: tr.id,
          requestId: 'req-noday',
          parts: [{ method: 'cash', amountFen: cash }],
        }),
      ),
    ).toBe('DAY_NOT_OPEN');
    await t.must(s.clerk, 'days.open', { count: { '10000': 10 } });
    expect(
      await t.call(s.clerk, 'trades.pay', {
        tradeId: tr.id,
        requestId: 'req-short',
        parts: [{ method: 'cash', amountFen: cash }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'DRAWER_SHORT', details: { field: 'parts' } } });
    const split = await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'req-split',
      parts: [
        { method: 'cash', amountFen: 100_000 },
        { method: 'bank', amountFen: agreed.payoutFen - 100_000, reference: 'BANK-001' },
      ],
    });
    expect(split.roundingFen).toBe(0);
    expect(split.payments.map((p) => p.method)).toEqual(['cash', 'bank']);
  });
});

describe('duplicate cards', () => {
  it('refuses a card bought on an earlier, closed day, naming that trade; and the same card twice in one trade', async () => {
    const s = await counterShop();
    t = s.t;
    const number = eCard();
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 10_000, number);
    expect(
      await t.call(s.clerk, 'trades.addLine', {
        tradeId: tr.id,
        brand: 'jd',
        form: 'e',
        number: number.toLowerCase(),
        secret: SECRET,
        faceValueFen: 10_000,
        verifiedHow: 'official',
      }),
    ).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CARD', details: { sameTrade: true, line: 1 } } });
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const a = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const paid = await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'dup-req-1',
      parts: [{ method: 'cash', amountFen: a.payoutFen - (a.payoutFen % 10) }],
    });
    const drawer = (await t.must(s.owner, 'days.current', {}))!.expectedCashFen ?? 0;
    await t.must(s.clerk, 'days.close', {
      count: { '10000': Math.floor(drawer / 10000), '10': (drawer % 10000) / 10 },
    });
    t.clock.advance(86_400_000);
    await t.must(s.clerk, 'auth.unlock', { pin: '135790' });
    await t.must(s.owner, 'auth.unlock', { pin: OWNER_PIN });
    await t.must(s.owner, 'quotes.renew', {});
    await t.must(s.clerk, 'days.open', { count: { '10000': 10 } });
    const next = await createTrade(t, s.clerk);
    // Full-width digits and dashes from a Chinese IME normalise to the same card.
    const typed = number
      .split('')
      .map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join('')
      .replace(/(.{4})/g, '$1-');
    const r = await t.call(s.clerk, 'trades.addLine', {
      tradeId: next.id,
      brand: 'jd',
      form: 'e',
      number: typed,
      secret: SECRET,
      faceValueFen: 10_000,
      verifiedHow: 'official',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'DUPLICATE_CARD', details: { tradeNo: paid.tradeNo } } });
  });

  it('refuses to pay a card another trade bought meanwhile, naming its line and that trade, until that one is voided', async () => {
    const s = await counterShop();
    const tb = s.t;
    t = tb;
    const shared = eCard();
    const agreedWith = async (numbers: string[]) => {
      const tr = await createTrade(tb, s.clerk);
      for (const n of numbers) await addCard(tb, s.clerk, tr.id, 'e', 10_000, n);
      return agreeAtOpening(tb, s.clerk, tr.id);
    };
    // Both trades hold the card before either is paid (two counters, or a trade left open).
    const first = await agreedWith([shared]);
    const second = await agreedWith([eCard(), shared, eCard()]);
    const cash = (v: TradeView) => [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }];
    const paid = await tb.must(s.clerk, 'trades.pay', {
      tradeId: first.id,
      requestId: 'dup-pay-1',
      parts: cash(first),
    });
    const pay = { tradeId: second.id, requestId: 'dup-pay-2', parts: cash(second) };
    expect(await tb.call(s.clerk, 'trades.pay', pay)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_CARD', details: { line: 2, tradeNo: paid.tradeNo } },
    });
    expect((await tb.must(s.clerk, 'trades.get', { tradeId: second.id })).status).toBe('agreed');
    await tb.must(s.owner, 'trades.void', { tradeId: first.id, reason: '顾客取回了卡' });
    expect((await tb.must(s.clerk, 'trades.pay', pay)).status).toBe('paid');
  });

  it('finds trades by trade number, last 4, full number and staff', async () => {
    const s = await counterShop();
    t = s.t;
    const number = physicalCard();
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'physical', 100_000, number);
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const a = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: o.groups[0]!.key });
    const paid = await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'search-req-1',
      parts: [{ method: 'cash', amountFen: a.payoutFen - (a.payoutFen % 10) }],
    });
    const find = async (q: object) => (await t!.must(s.clerk, 'trades.list', q)).map((x) => x.id);
    expect(await find({ query: paid.tradeNo! })).toEqual([tr.id]);
    expect(await find({ query: number.slice(-4) })).toEqual([tr.id]);
    expect(await find({ query: number.replace(/(\d{4})/g, '$1 ') })).toEqual([tr.id]);
    expect(await find({ query: '0001' })).toEqual([tr.id]);
    expect(await find({ staffId: s.clerkId })).toEqual([tr.id]);
    expect(await find({ staffId: s.ownerId })).toEqual([]);
    expect(await find({ from: paid.businessDate, to: paid.businessDate })).toEqual([tr.id]);
  });
});

describe('encryption at rest', () => {
  it('keeps neither card numbers nor secrets in the SQLite file or its WAL', async () => {
    const s = await counterShop();
    t = s.t;
    const numbers = [eCard(), eCard(), physicalCard()];
    const secrets = ['QWER5678TYUI9012', 'ZXCV3456BNMA7890', 'POIU1357LKJH2468'];
    const tr = await createTrade(t, s.clerk);
    for (let i = 0; i < 3; i++) {
      await t.must(s.clerk, 'trades.addLine', {
        tradeId: tr.id,
        brand: 'jd',
        form: i < 2 ? 'e' : 'physical',
        number: numbers[i]!,
        secret: secrets[i]!,
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
    }
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    for (const g of o.groups) await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const v = await t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'enc-req-1',
      parts: [{ method: 'cash', amountFen: v.payoutFen - (v.payoutFen % 10) }],
    });
    const files = fs
      .readdirSync(t.dataDir)
      .filter((f) => f.startsWith(DB_FILE))
      .map((f) => path.join(t!.dataDir, f));
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const secret of [...numbers, ...secrets]) {
        expect(bytes.includes(Buffer.from(secret)), `${path.basename(f)} holds ${secret.slice(0, 4)}…`).toBe(false);
        expect(bytes.includes(Buffer.from(secret.slice(0, 12))), path.basename(f)).toBe(false);
      }
    }
    const revealed = await t.must(s.owner, 'trades.revealCard', { lineId: v.lines[0]!.id });
    expect(revealed).toEqual({ number: numbers[0], secret: secrets[0] });
    expect(errorCode(await t.call(s.clerk, 'trades.revealCard', { lineId: v.lines[0]!.id }))).toBe('FORBIDDEN');
  });
});
