// Two sessions at once on the browser-mode host (a child process, real HTTP): paying, voiding and closing race;
// writes serialise, trade numbers stay gapless, no card is bought twice, nothing is paid or refunded twice, and a
// day closed in the middle of payments seals exactly the payments it holds.
import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, Result } from '../../shared/contract';
import { useHost } from '../support/host';

const OWNER_PIN = '246810';
const CLERK_PIN = '135790';

describe('two sessions at once', () => {
  const host = useHost();

  it('serialises racing payments, voids and a close', async () => {
    const h = host();
    const sessions: Record<'owner' | 'clerk', string | null> = { owner: null, clerk: null };
    const as = async <N extends CallName>(
      who: 'owner' | 'clerk',
      name: N,
      input: CallInput<N>,
    ): Promise<Result<CallOutput<N>>> => {
      const r = await h.call(name, input, sessions[who]);
      sessions[who] = r.session ?? sessions[who];
      return r.result;
    };
    const must = async <N extends CallName>(who: 'owner' | 'clerk', name: N, input: CallInput<N>) => {
      const r = await as(who, name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
      return r.value;
    };
    sessions.owner = (
      await h.call('setup.complete', {
        shop: { name: '京东回收店', code: 'SH10', address: '', phone: '', licenceNo: '' },
        owner: { name: '王老板', pin: OWNER_PIN },
        passphrase: 'CJF2-YSCV-H5QL-373S-T7GG-RUPP',
      })
    ).session;
    const clerk = await must('owner', 'staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
    sessions.clerk = (await h.call('auth.login', { staffId: clerk.id, pin: CLERK_PIN })).session;
    await must('owner', 'quotes.renew', {});
    await must('clerk', 'days.open', { count: { '10000': 1000 } });

    let serial = 0;
    const agreed = async (who: 'owner' | 'clerk', card?: string) => {
      const n = ++serial;
      const number = card ?? `JDE6${String(n).padStart(12, '0')}`;
      const t = await must(who, 'trades.create', {});
      await must(who, 'customers.attach', { tradeId: t.id, phone: `137${String(n).padStart(8, '0')}` });
      await must(who, 'trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number,
        secret: 'ABCD1234EFGH5678',
        faceValueFen: 50_000,
        verifiedHow: 'official',
      });
      const o = await must(who, 'trades.offer', { tradeId: t.id });
      return must(who, 'trades.accept', { tradeId: t.id, groupKey: o.groups[0]!.key });
    };
    const cash = (fen: number) => [{ method: 'cash' as const, amountFen: fen - (fen % 10) }];

    // The same trade paid from both sessions with different request ids: once.
    const one = await agreed('clerk');
    const both = await Promise.all([
      as('clerk', 'trades.pay', { tradeId: one.id, requestId: 'race-pay-clerk', parts: cash(one.payoutFen) }),
      as('owner', 'trades.pay', { tradeId: one.id, requestId: 'race-pay-owner', parts: cash(one.payoutFen) }),
    ]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);

    // The same card in two trades, paid at once: bought once.
    const card = 'JDE6999999999999';
    const [a, b] = await Promise.all([agreed('clerk', card), agreed('owner', card)]).catch(() => [null, null]);
    if (a && b) {
      const twice = await Promise.all([
        as('clerk', 'trades.pay', { tradeId: a.id, requestId: 'race-card-a', parts: cash(a.payoutFen) }),
        as('owner', 'trades.pay', { tradeId: b.id, requestId: 'race-card-b', parts: cash(b.payoutFen) }),
      ]);
      expect(twice.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['DUPLICATE_CARD', 'ok']);
    }

    // Forty trades paid by both sessions at once: gapless numbers.
    const many = await Promise.all(Array.from({ length: 40 }, (_, i) => agreed(i % 2 === 0 ? 'clerk' : 'owner')));
    const paid = await Promise.all(
      many.map((t, i) =>
        as(i % 2 === 0 ? 'clerk' : 'owner', 'trades.pay', {
          tradeId: t.id,
          requestId: `race-many-${i}`,
          parts: cash(t.payoutFen),
        }),
      ),
    );
    expect(paid.map((r) => (r.ok ? 'ok' : r.error.code)).filter((c) => c !== 'ok')).toEqual([]);

    // A void raced from both sides: one reversing entry, one cash refund.
    const v = await Promise.all([
      as('owner', 'trades.void', { tradeId: one.id, reason: '顾客退卡' }),
      as('owner', 'trades.void', { tradeId: one.id, reason: '顾客退卡' }),
    ]);
    expect(v.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);

    // The close races ten payments: each either made it into the sealed day or was voided by the close (unpaid
    // trades never cross a seal) and its payment refused; none is in between.
    const late = await Promise.all(Array.from({ length: 10 }, () => agreed('clerk')));
    const day = await must('owner', 'days.current', {});
    const [closed, ...racing] = await Promise.all([
      as('owner', 'days.close', {
        count: { '10000': 1000 },
        reason: '并发测试：按预期差额结账',
        voidReason: '并发测试：结账时未付款',
      }),
      ...late.map((t, i) =>
        as('clerk', 'trades.pay', { tradeId: t.id, requestId: `race-late-${i}`, parts: cash(t.payoutFen) }),
      ),
    ]);
    expect(closed.ok).toBe(true);
    for (const r of racing) expect(r.ok ? 'ok' : r.error.code).toMatch(/^(ok|CONFLICT|DAY_NOT_OPEN)$/);
    for (const [i, t] of late.entries()) {
      const now = await must('owner', 'trades.get', { tradeId: t.id });
      expect(now.status).toBe(racing[i]?.ok ? 'paid' : 'voided');
    }
    const list = await must('owner', 'trades.list', { from: day!.businessDate, to: day!.businessDate, limit: 200 });
    const numbers = list
      .filter((x) => x.tradeNo)
      .map((x) => Number(x.tradeNo!.slice(-4)))
      .sort((p, q) => p - q);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const z = await must('owner', 'ledger.report', { businessDate: day!.businessDate });
    expect(z.report.totals.trades).toBe(numbers.length);
    expect(z.report.voids).toHaveLength(1);
    expect(z.report.cash.refundsFen).toBe(cash(one.payoutFen)[0]!.amountFen);
    expect((await must('owner', 'ledger.verify', {})).ok).toBe(true);
    process.stdout.write(
      `concurrency: ${numbers.length} trades paid from two sessions, ${racing.filter((r) => !r.ok).length} refused by the close\n`,
    );
  });
});
