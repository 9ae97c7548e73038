// The identity a trade was paid under is the trade's own and never changes; replacing a
// customer's identity on record needs the owner and keeps every earlier version.
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeView } from '../../shared/contract';
import { residentCheckChar } from '../../shared/domain/identity';
import { TradeIdentityRow } from '../../electron/core/db/rows';
import { OWNER_PIN, type TestBackend } from '../support/backend';
import { counterShop, createTrade, eCard, phone, SECRET } from '../support/counter';

let t: TestBackend | undefined;
afterEach(() => t?.close());

const RESIDENT_A = (() => {
  const first = '11010119900307123';
  return first + residentCheckChar(first);
})();
const PASSPORT_B = 'E12345678';
const MASK_A = `110***********${RESIDENT_A.slice(-4)}`;
const MASK_B = 'E12**5678';

type Shop = Awaited<ReturnType<typeof counterShop>>;

/** A trade of one ¥6,000 JD e-card for `mobile`, offered (its payout at the opening rate is about ¥5,478). */
async function bigTrade(s: Shop, mobile: string): Promise<TradeView> {
  const tr = await createTrade(s.t, s.clerk, mobile);
  await s.t.must(s.clerk, 'trades.addLine', {
    tradeId: tr.id,
    brand: 'jd',
    form: 'e',
    number: eCard(),
    secret: SECRET,
    faceValueFen: 600_000,
    verifiedHow: 'official',
  });
  return s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
}

/** The sequence of the review: a large trade paid under resident ID A, then the same phone on a new draft. */
async function paidUnderA(s: Shop) {
  const mobile = phone();
  const tr = await bigTrade(s, mobile);
  await s.t.must(s.clerk, 'customers.setIdentity', {
    tradeId: tr.id,
    name: '李四',
    idType: 'resident',
    idNumber: RESIDENT_A,
  });
  await s.t.must(s.clerk, 'customers.setFundsSource', { tradeId: tr.id, fundsSource: 'gift' });
  let agreed = tr;
  for (const g of tr.groups) agreed = await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
  const paid = await s.t.must(s.clerk, 'trades.pay', {
    tradeId: tr.id,
    requestId: `identity-${tr.id}`,
    parts: [{ method: 'bank', amountFen: agreed.payoutFen, reference: 'B-1' }],
  });
  const draft = await createTrade(s.t, s.clerk, mobile);
  return { paid, draft, customerId: paid.customer!.id, mobile };
}

const approval = (s: Shop) => ({ ownerId: s.ownerId, pin: OWNER_PIN, reason: '顾客换了护照，店主核实' });

describe('a customer’s identity after a large paid trade', () => {
  it('refuses a clerk who replaces the identity on record without the owner, and journals the attempt', async () => {
    const s = await counterShop();
    t = s.t;
    const { paid, draft, customerId } = await paidUnderA(s);
    expect(paid.payoutFen).toBeGreaterThan(500_000);
    const refused = await t.call(s.clerk, 'customers.setIdentity', {
      tradeId: draft.id,
      name: '王五',
      idType: 'passport',
      idNumber: PASSPORT_B,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { need: 'customer identity change', approval: true } },
    });
    const denied = (await t.must(s.owner, 'journal.list', { limit: 10 })).find((e) => e.kind === 'auth.denied');
    expect(denied?.payload).toMatchObject({ call: 'customers.setIdentity', need: 'customer identity change' });
    expect(await t.must(s.owner, 'customers.reveal', { customerId })).toMatchObject({ idNumber: RESIDENT_A });
    expect(t.backend.services.compliance.identityHistory(customerId).map((v) => v.idMasked)).toEqual([MASK_A]);
  });

  it('lets the owner approve the new identity, while the earlier trade’s report and reveal still show the first', async () => {
    const s = await counterShop();
    t = s.t;
    const { paid, draft, customerId } = await paidUnderA(s);
    const changed = await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: draft.id,
      name: '王五',
      idType: 'passport',
      idNumber: PASSPORT_B,
      ownerApproval: approval(s),
    });
    expect(changed.customer).toMatchObject({ name: '王五', idMasked: MASK_B });

    const report = await t.must(s.owner, 'compliance.report', { from: paid.businessDate, to: paid.businessDate });
    expect(report.thresholdTrades).toMatchObject([
      { tradeNo: paid.tradeNo, name: '李四', idType: 'resident', idMasked: MASK_A, fundsSource: 'gift' },
    ]);
    const csv = Buffer.from(
      (await t.must(s.owner, 'compliance.export', { from: paid.businessDate, to: paid.businessDate, format: 'csv' }))
        .base64,
      'base64',
    ).toString('utf8');
    expect(csv).toContain(MASK_A);
    expect(csv).not.toContain(MASK_B);

    expect(await t.must(s.owner, 'customers.reveal', { customerId, tradeId: paid.id })).toMatchObject({
      idNumber: RESIDENT_A,
    });
    expect(await t.must(s.owner, 'customers.reveal', { customerId })).toMatchObject({ idNumber: PASSPORT_B });
    const revealed = (await t.must(s.owner, 'journal.list', { limit: 5 })).filter(
      (e) => e.kind === 'customer.revealed',
    );
    expect(revealed.map((e) => e.payload)).toEqual(
      expect.arrayContaining([expect.objectContaining({ tradeId: paid.id })]),
    );

    expect(t.backend.services.compliance.identityHistory(customerId)).toMatchObject([
      { version: 1, name: '李四', idType: 'resident', idMasked: MASK_A, approvedBy: null },
      { version: 2, name: '王五', idType: 'passport', idMasked: MASK_B, approvedBy: s.ownerId },
    ]);
    const entry = (await t.must(s.owner, 'journal.list', { limit: 10 })).find(
      (e) => e.kind === 'customer.identityChanged',
    );
    expect(entry?.payload).toMatchObject({
      customerId,
      previousIdMasked: MASK_A,
      idMasked: MASK_B,
      version: 2,
      approval: { ownerId: s.ownerId },
    });
    expect(JSON.stringify(entry?.payload)).not.toContain(PASSPORT_B);
  });

  it('keeps the history and each trade’s copy sealed: no update or delete reaches them', async () => {
    const s = await counterShop();
    t = s.t;
    const { paid, customerId } = await paidUnderA(s);
    const sql = t.backend.services.sql;
    expect(() => sql.run("UPDATE customer_identities SET id_masked = 'x' WHERE customer_id = ?", customerId)).toThrow(
      /never changes/,
    );
    expect(() => sql.run('DELETE FROM customer_identities WHERE customer_id = ?', customerId)).toThrow(/never changes/);
    expect(() => sql.run("UPDATE trade_identities SET id_masked = 'x' WHERE trade_id = ?", paid.id)).toThrow(
      /never changes/,
    );
    expect(() => sql.run("UPDATE trade_identities SET funds_source = 'other' WHERE trade_id = ?", paid.id)).toThrow(
      /never changes/,
    );
    expect(() => sql.run('DELETE FROM trade_identities WHERE trade_id = ?', paid.id)).toThrow(/never changes/);
  });

  it('takes the same identity again without the owner, and still finds the customer by an earlier ID number', async () => {
    const s = await counterShop();
    t = s.t;
    const { draft, customerId } = await paidUnderA(s);
    await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: draft.id,
      name: '李四',
      idType: 'resident',
      idNumber: RESIDENT_A.toLowerCase(),
    });
    expect(t.backend.services.compliance.identityHistory(customerId)).toHaveLength(1);
    await t.must(s.clerk, 'customers.setIdentity', {
      tradeId: draft.id,
      name: '王五',
      idType: 'passport',
      idNumber: PASSPORT_B,
      ownerApproval: approval(s),
    });
    const [found] = await t.must(s.clerk, 'customers.find', { query: RESIDENT_A });
    expect(found?.customer.id).toBe(customerId);
  });
});

describe('the source of funds with the trade’s identity (spec §5)', () => {
  it('is asked again on the next large trade of a customer whose identity is on record, and each trade keeps its own', async () => {
    const s = await counterShop();
    t = s.t;
    const { paid, draft, mobile } = await paidUnderA(s);
    const next = await bigTrade(s, mobile);
    expect(next.customer?.idMasked).toBe(MASK_A);
    expect(next.fundsSource).toBeNull();
    const refused = await t.call(s.clerk, 'trades.accept', { tradeId: next.id, groupKey: next.groups[0]!.key });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FUNDS_SOURCE_REQUIRED', details: { because: 'trade' } },
    });
    await t.must(s.clerk, 'customers.setFundsSource', {
      tradeId: next.id,
      fundsSource: 'other',
      fundsNote: '单位年会奖品',
    });
    const agreed = await t.must(s.clerk, 'trades.accept', { tradeId: next.id, groupKey: next.groups[0]!.key });
    await t.must(s.clerk, 'trades.pay', {
      tradeId: next.id,
      requestId: `identity-next-${next.id}`,
      parts: [{ method: 'bank', amountFen: agreed.payoutFen, reference: 'B-2' }],
    });
    const rows = t.backend.services.sql.all(
      TradeIdentityRow.pick({ trade_id: true, version: true, funds_source: true, funds_note: true }),
      'SELECT trade_id, version, funds_source, funds_note FROM trade_identities',
    );
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { trade_id: paid.id, version: 1, funds_source: 'gift', funds_note: null },
        { trade_id: next.id, version: 1, funds_source: 'other', funds_note: '单位年会奖品' },
      ]),
    );
    expect(draft.fundsSource).toBeNull();
  });
});
