// The counter without dead ends (issue 15, items 1–3), through dispatch on a real SQLite file: a card taken out is
// marked and its group offered again with its rounds kept; a corrected value moves the card to its group; a fresh
// balance check for one card or all; a card no quote takes waits, named, while the others are offered, and the
// owner's manual exit prices only the cards it names.
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { errorCode, OWNER_PIN, type TestBackend } from '../support/backend';
import { addCard, counterShop, createTrade, groupOf } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

/** The trade's line rows as stored, removed ones included. */
function storedLines(tb: TestBackend, tradeId: string) {
  return tb.backend.services.sql.db
    .prepare('SELECT position, removed, value_fen, group_key FROM trade_lines WHERE trade_id = ? ORDER BY position')
    .all(tradeId) as { position: number; removed: number; value_fen: number; group_key: string | null }[];
}

function storedRounds(tb: TestBackend, tradeId: string) {
  return tb.backend.services.sql.db
    .prepare('SELECT group_key, kind, rate_bp FROM rounds WHERE trade_id = ? ORDER BY id')
    .all(tradeId) as { group_key: string; kind: string; rate_bp: number }[];
}

const lineAt = (v: TradeView, position: number) => v.lines.find((l) => l.position === position)!;

/** Two ¥1,000 e-cards and a physical one, offered; the e-cards' group haggled once and agreed at 91.10%. */
async function agreedPair() {
  const s = await counterShop();
  t = s.t;
  const tr = await createTrade(s.t, s.clerk);
  await addCard(s.t, s.clerk, tr.id, 'e', 100_000);
  await addCard(s.t, s.clerk, tr.id, 'e', 100_000);
  await addCard(s.t, s.clerk, tr.id, 'physical', 100_000);
  const offered = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
  const key = groupOf(offered, 'e', 100_000);
  await s.t.must(s.clerk, 'trades.ask', { tradeId: tr.id, groupKey: key, askBp: 9210 });
  const agreed = await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: key });
  return { ...s, t: s.t, id: tr.id, key, agreed };
}

describe('taking a card out before payment', () => {
  it('marks the card, offers its group again at the rate agreed, and keeps every round made', async () => {
    const { t, clerk, id, key, agreed } = await agreedPair();
    expect(agreed.groups.find((g) => g.key === key)?.agreedBp).toBe(9110);
    const before = storedRounds(t, id).filter((r) => r.group_key === key);
    const out = await t.must(clerk, 'trades.removeLine', { tradeId: id, lineId: lineAt(agreed, 2).id });

    expect(out.lines.map((l) => l.position)).toEqual([1, 3]);
    expect(storedLines(t, id).map((l) => [l.position, l.removed])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
    ]);
    const g = out.groups.find((x) => x.key === key)!;
    // Offered again: no longer agreed, the offer is what was agreed (the shop never offers less), the rounds stay.
    expect([g.agreedBp, g.currentBp]).toEqual([null, 9110]);
    expect(lineAt(out, 1).rateBp).toBeNull();
    expect(out.status).toBe('quoted');
    const after = storedRounds(t, id).filter((r) => r.group_key === key);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toEqual({ group_key: key, kind: 'opening', rate_bp: 9110 });
    expect(out.valueFen).toBe(200_000);

    const again = await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: key });
    expect(again.groups.find((x) => x.key === key)?.agreedBp).toBe(9110);
    const log = await t.must(clerk, 'trades.journal', { tradeId: id });
    expect(log.find((e) => e.kind === 'trade.lineRemoved')?.payload).toMatchObject({ line: 2, valueFen: 100_000 });
  });

  it('retires a group whose last card leaves, with its rounds on record, and prices the same card anew if it comes back', async () => {
    const { t, clerk, id, agreed } = await agreedPair();
    const phys = groupOf(agreed, 'physical', 100_000);
    await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: phys, askBp: 8910 });
    const out = await t.must(clerk, 'trades.removeLine', { tradeId: id, lineId: lineAt(agreed, 3).id });
    expect(out.groups.map((g) => g.key)).not.toContain(phys);
    expect(out.status).toBe('agreed');
    const rounds = storedRounds(t, id);
    const retired = rounds.filter((r) => r.group_key.startsWith(`${phys}~`));
    expect(retired.map((r) => r.kind)).toEqual(['opening', 'ask', 'proposal']);
    expect(out.rounds.filter((r) => r.groupKey.startsWith(`${phys}~`))).toHaveLength(3);

    await addCard(t, clerk, id, 'physical', 100_000);
    const back = await t.must(clerk, 'trades.offer', { tradeId: id });
    const g = back.groups.find((x) => x.key === phys)!;
    expect([g.currentBp, g.rounds]).toEqual([8810, 0]);
  });

  it('refuses a card of another trade, changing nothing', async () => {
    const { t, clerk, id, agreed } = await agreedPair();
    const other = await createTrade(t, clerk);
    const r = await t.call(clerk, 'trades.removeLine', { tradeId: other.id, lineId: lineAt(agreed, 1).id });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'lineId' } } });
    expect(storedLines(t, id).every((l) => l.removed === 0)).toBe(true);
  });
});

describe('correcting a card', () => {
  it('refuses a value above the face value and a value of nothing, changing nothing', async () => {
    const { t, clerk, id, agreed } = await agreedPair();
    const lineId = lineAt(agreed, 1).id;
    const above = await t.call(clerk, 'trades.editLine', { tradeId: id, lineId, valueFen: 100_001 });
    expect(above).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'valueFen', maxFen: 100_000 } },
    });
    expect(errorCode(await t.call(clerk, 'trades.editLine', { tradeId: id, lineId, valueFen: 0 }))).toBe('VALIDATION');
    expect(storedLines(t, id).map((l) => l.value_fen)).toEqual([100_000, 100_000, 100_000]);
    const added = await t.call(clerk, 'trades.addLine', {
      tradeId: id,
      brand: 'jd',
      form: 'e',
      number: 'JDE0000000777777',
      secret: 'ABCD1234EFGH5678',
      faceValueFen: 50_000,
      valueFen: 60_000,
      verifiedHow: 'official',
    });
    expect(added).toMatchObject({ ok: false, error: { details: { field: 'valueFen', maxFen: 50_000 } } });
  });

  it('moves a part-used card to the group of its value, priced anew, and offers again the group it left', async () => {
    const { t, clerk, id, key, agreed } = await agreedPair();
    const out = await t.must(clerk, 'trades.editLine', { tradeId: id, lineId: lineAt(agreed, 2).id, valueFen: 80_000 });
    const moved = lineAt(out, 2);
    expect(moved.valueFen).toBe(80_000);
    expect(moved.faceValueFen).toBe(100_000);
    // ¥800 is in the ¥500 band of 平台A: exit 92.96%, opening 88.90%; the 91.10% agreed for ¥1,000 does not follow it.
    const g = out.groups.find((x) => x.key === moved.groupKey)!;
    expect([g.bestExitBp, g.currentBp, g.rounds]).toEqual([9296, 8890, 0]);
    const left = out.groups.find((x) => x.key === key)!;
    expect([left.agreedBp, left.currentBp]).toEqual([null, 9110]);
    expect(out.lines.filter((l) => l.groupKey === key).map((l) => l.position)).toEqual([1]);
    expect(out.offerPayoutFen).toBe(91_100 + 71_120 + 88_100);
    const log = await t.must(clerk, 'trades.journal', { tradeId: id });
    expect(log.find((e) => e.kind === 'trade.lineEdited')?.payload).toMatchObject({
      line: 2,
      fromValueFen: 100_000,
      valueFen: 80_000,
    });
  });

  it('keeps a card in its group, with the offer made, when the new value prices it alike', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 200_000);
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const key = o.groups[0]!.key;
    await t.must(s.clerk, 'trades.ask', { tradeId: tr.id, groupKey: key, askBp: 9210 });
    const out = await t.must(s.clerk, 'trades.editLine', {
      tradeId: tr.id,
      lineId: o.lines[0]!.id,
      valueFen: 150_000,
    });
    expect(out.lines[0]!.groupKey).toBe(key);
    expect(out.groups[0]).toMatchObject({ key, currentBp: 9110, rounds: 1 });
    expect(out.offerPayoutFen).toBe(136_650);
  });

  it('corrects the expiry and the notes alone, journaled, without offering anything again', async () => {
    const { t, clerk, id, key, agreed } = await agreedPair();
    const lineId = lineAt(agreed, 1).id;
    const out = await t.must(clerk, 'trades.editLine', {
      tradeId: id,
      lineId,
      expiry: '2027-12-31',
      notes: '卡面有划痕',
    });
    expect(lineAt(out, 1)).toMatchObject({ expiry: '2027-12-31', notes: '卡面有划痕', rateBp: 9110 });
    expect(out.groups.find((g) => g.key === key)?.agreedBp).toBe(9110);
    const cleared = await t.must(clerk, 'trades.editLine', { tradeId: id, lineId, expiry: null });
    expect(lineAt(cleared, 1).expiry).toBeNull();
    const log = (await t.must(clerk, 'trades.journal', { tradeId: id })).filter((e) => e.kind === 'trade.lineEdited');
    expect(log.map((e) => e.payload)).toMatchObject([
      { line: 1, fromExpiry: null, expiry: '2027-12-31', fromNotes: '', notes: '卡面有划痕' },
      { line: 1, fromExpiry: '2027-12-31', expiry: null },
    ]);
  });
});

describe('a fresh balance check', () => {
  it('records a check of one card or of all, and a haggle past the window is paid by the clerk after re-checking', async () => {
    const { t, clerk, id, agreed } = await agreedPair();
    const phys = groupOf(agreed, 'physical', 100_000);
    // The haggle goes on: an ask every four minutes (the clerk's window stays unlocked).
    for (const askBp of [8910, 8900]) {
      t.clock.advance(4 * 60_000);
      await t.must(clerk, 'trades.ask', { tradeId: id, groupKey: phys, askBp });
    }
    t.clock.advance(3 * 60_000);
    const v = await t.must(clerk, 'trades.accept', { tradeId: id, groupKey: phys });
    expect(Date.parse(v.asOf) - Date.parse(v.lines[0]!.verifiedAt!)).toBe(11 * 60_000);
    const parts = [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }];
    expect(await t.call(clerk, 'trades.pay', { tradeId: id, requestId: 'late-pay-1', parts })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'unverified card', minutes: 10 } },
    });

    const one = await t.must(clerk, 'trades.verify', { tradeId: id, lineId: lineAt(v, 2).id, how: 'customer_screen' });
    expect(lineAt(one, 2)).toMatchObject({ verifiedHow: 'customer_screen', verifiedAt: one.asOf });
    expect(lineAt(one, 1).verifiedAt).toBe(v.lines[0]!.verifiedAt);
    const all = await t.must(clerk, 'trades.verify', { tradeId: id, how: 'official' });
    expect(all.lines.map((l) => [l.verifiedHow, l.verifiedAt])).toEqual(all.lines.map(() => ['official', all.asOf]));
    const paid = await t.must(clerk, 'trades.pay', { tradeId: id, requestId: 'late-pay-2', parts });
    expect(paid.status).toBe('paid');
    const log = (await t.must(clerk, 'trades.journal', { tradeId: id })).filter((e) => e.kind === 'trade.lineVerified');
    expect(log.map((e) => e.payload)).toMatchObject([
      { lines: [2], how: 'customer_screen' },
      { lines: [1, 2, 3], how: 'official' },
    ]);
    expect(errorCode(await t.call(clerk, 'trades.verify', { tradeId: id, how: 'official' }))).toBe('CONFLICT');
  });
});

describe('a card no quote takes', () => {
  it('waits, named, while the others are offered; the owner’s exit for that card alone lets the trade be paid', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 3_000);
    await addCard(t, s.clerk, tr.id, 'e', 100_000);
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    expect(o.groups).toHaveLength(1);
    expect(o.lines.map((l) => [l.valueFen, l.unpriced, l.groupKey !== null])).toEqual([
      [3_000, 'NO_ELIGIBLE_QUOTE', false],
      [100_000, null, true],
    ]);
    const big = o.groups[0]!.key;
    await t.must(s.clerk, 'trades.ask', { tradeId: tr.id, groupKey: big, askBp: 9210 });
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: big });
    expect(agreed.status).toBe('quoted');

    const small = o.lines[0]!.id;
    const manual = { exitBp: 8_500, reason: '小额卡自用渠道', lineIds: [small] };
    expect(errorCode(await t.call(s.clerk, 'trades.offer', { tradeId: tr.id, manualExit: manual }))).toBe('FORBIDDEN');
    const named = await t.call(s.owner, 'trades.offer', {
      tradeId: tr.id,
      manualExit: { ...manual, lineIds: [o.lines[1]!.id] },
    });
    expect(named).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'manualExit.lineIds' } } });
    const priced = await t.must(s.clerk, 'trades.offer', {
      tradeId: tr.id,
      manualExit: manual,
      ownerApproval: { ownerId: s.ownerId, pin: OWNER_PIN, reason: '小额卡自用渠道' },
    });
    const g = priced.groups.find((x) => x.key !== big)!;
    expect([g.bestExitBp, g.hardCapBp, g.ceilingBp, g.openingBp]).toEqual([8500, 8500, 8400, 8100]);
    expect(g.explanation.basis).toEqual({ kind: 'manual', reason: '小额卡自用渠道' });
    expect(priced.lines.map((l) => l.unpriced)).toEqual([null, null]);
    // The other group is as it was agreed.
    expect(priced.groups.find((x) => x.key === big)?.agreedBp).toBe(9110);
    const done = await t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const paid = await t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'manual-small',
      parts: [{ method: 'cash', amountFen: done.payoutFen - (done.payoutFen % 10) }],
    });
    expect(paid.lines.map((l) => l.payoutFen)).toEqual([2_430, 91_100]);
    const log = await t.must(s.clerk, 'trades.journal', { tradeId: tr.id });
    expect(log.filter((e) => e.kind === 'trade.offered').map((e) => e.payload)).toMatchObject([
      { unpriced: [1] },
      { manualExitBp: 8500, manualLines: [1], approval: { reason: '小额卡自用渠道' } },
    ]);
  });

  it('forgets why a waiting card waited when its value is corrected, and prices it at the next offer', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 200_000);
    await addCard(t, s.clerk, tr.id, 'e', 3_000);
    await t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: 'JDE0000000888888',
      secret: 'ABCD1234EFGH5678',
      faceValueFen: 20_000,
      valueFen: 4_000,
      verifiedHow: 'official',
    });
    const o = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    expect(o.lines.map((l) => l.unpriced)).toEqual([null, 'NO_ELIGIBLE_QUOTE', 'NO_ELIGIBLE_QUOTE']);
    const fixed = await t.must(s.clerk, 'trades.editLine', {
      tradeId: tr.id,
      lineId: o.lines[2]!.id,
      valueFen: 20_000,
    });
    expect(fixed.lines.map((l) => [l.unpriced, l.groupKey !== null])).toEqual([
      [null, true],
      ['NO_ELIGIBLE_QUOTE', false],
      [null, false],
    ]);
    const again = await t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    expect(again.lines.map((l) => l.groupKey !== null)).toEqual([true, false, true]);
  });

  it('keeps the owner’s exit for a corrected card of a group priced by hand', async () => {
    const s = await counterShop();
    t = s.t;
    const tr = await createTrade(t, s.clerk);
    await addCard(t, s.clerk, tr.id, 'e', 4_000);
    const o = await t.must(s.owner, 'trades.offer', { tradeId: tr.id, manualExit: { exitBp: 8_600, reason: '手工' } });
    const out = await t.must(s.clerk, 'trades.editLine', { tradeId: tr.id, lineId: o.lines[0]!.id, valueFen: 3_000 });
    expect(out.lines[0]!.groupKey).toBe(o.groups[0]!.key);
    expect(out.groups[0]!.explanation.basis).toEqual({ kind: 'manual', reason: '手工' });
  });
});
