// A seeded, realistic shop month made through the real calls (the demo shop, and the bench's business days):
// staff, confirmed quotes, a few hundred trades a day with haggling, cash and transfers, cash in and out,
// handovers, sealed days with small discrepancies (a large one approved by the owner), resale batches settled a
// little below expectation, cards paid short, invalid cards (one after its money came: clawed back, partly
// recovered from the customer), a batch whose money never came (到账延迟), and cards left unsold so the alerts
// have something to say.
import path from 'node:path';
import { FileKeyStore } from '../electron/adapters/file-keystore';
import { createBackend } from '../electron/core/backend';
import { countFor } from '../electron/core/days/service';
import type { Migration } from '../electron/core/db/migrate';
import { createDispatch } from '../electron/transport/dispatch';
import type { CallInput, CallName, CallOutput, TradeView } from '../shared/contract';
import { residentCheckChar } from '../shared/domain/identity';
import { ManualClock, ManualScheduler, SeededRandom, SeqIds } from '../test/support/ports';

export const DEMO_OWNER = { name: '王老板', pin: '246810' };
export const DEMO_CLERKS = [
  { name: '张三', pin: '135790' },
  { name: '李四', pin: '975310' },
];
export const DEMO_PASSPHRASE = 'KVGV-N8KT-QBFN-AWS2-GK98-Z7AY';
/** The checked-in first-release database was made before passphrases had to be strong; unlocking still takes it. */
export const FIRST_RELEASE_PASSPHRASE = 'DEMO-SHOP-CARD-DESK-2026-JDJD';

const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32) so the same seed gives the same month. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

function binding() {
  let id: string | null = null;
  return { get: () => id, set: (v: string | null) => void (id = v) };
}

export interface MonthOptions {
  dataDir: string;
  keyDir: string;
  days: number;
  tradesPerDay: number;
  /** The first business day's 09:00 in Shanghai, as an instant. */
  start: number;
  seed?: number;
  log?: (line: string) => void;
  /** Only for upgrade fixtures: the schema of an earlier release. */
  migrations?: readonly Migration[];
}

export async function generateMonth(o: MonthOptions): Promise<{ trades: number; sealed: number; clock: ManualClock }> {
  const r = rng(o.seed ?? 2026);
  const clock = new ManualClock(o.start);
  const random = new SeededRandom(`demo-${o.seed ?? 2026}`);
  const backend = createBackend({
    dataDir: o.dataDir,
    clock,
    random,
    ids: new SeqIds(clock, random),
    scheduler: new ManualScheduler(clock),
    log: (l) => o.log?.(l),
    keys: new FileKeyStore(o.keyDir, o.dataDir),
    migrations: o.migrations,
    fontFile: path.join(import.meta.dirname, '..', 'resources', 'fonts', 'wqy-microhei.ttc'),
  });
  const dispatch = createDispatch(backend);
  const owner = binding();
  const clerks = DEMO_CLERKS.map(() => binding());
  const pins = new Map<ReturnType<typeof binding>, string>([
    [owner, DEMO_OWNER.pin],
    ...DEMO_CLERKS.map((c, i) => [clerks[i]!, c.pin] as const),
  ]);
  const must = async <N extends CallName>(
    b: ReturnType<typeof binding>,
    name: N,
    input: CallInput<N>,
  ): Promise<CallOutput<N>> => {
    let res = await dispatch(b, name, input);
    // A person idle for a while finds the screen locked and types their PIN, as at the counter.
    if (!res.ok && res.error.code === 'SESSION_LOCKED') {
      await dispatch(b, 'auth.unlock', { pin: pins.get(b) ?? '' });
      res = await dispatch(b, name, input);
    }
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${JSON.stringify(res.error.details)}`);
    return res.value as CallOutput<N>;
  };
  await must(owner, 'setup.complete', {
    shop: {
      name: '京东回收店（演示）',
      code: 'DEMO',
      address: '人民路 88 号',
      phone: '021-5555 0188',
      licenceNo: '91310000MA1DEMO',
    },
    owner: DEMO_OWNER,
    passphrase: DEMO_PASSPHRASE,
  });
  // A month compressed into minutes would back up every few seconds; the demo backs up once a day while it is
  // made and leaves the shop's setting as shipped.
  const { settings, sql } = backend.services;
  sql.tx(() => settings.set('backupEveryTrades', 100_000));
  for (const [i, c] of DEMO_CLERKS.entries()) {
    const s = await must(owner, 'staff.add', { name: c.name, role: 'clerk', pin: c.pin });
    await must(clerks[i]!, 'auth.login', { staffId: s.id, pin: c.pin });
  }
  let serial = 0;
  let trades = 0;
  let sealed = 0;
  let phone = 0;
  const values = [10_000, 20_000, 50_000, 50_000, 100_000, 100_000, 100_000, 200_000] as const;
  for (let d = 0; d < o.days; d++) {
    clock.t = o.start + d * 24 * HOUR;
    await must(owner, 'quotes.renew', {});
    const morning = clerks[d % 2]!;
    const evening = clerks[(d + 1) % 2]!;
    await must(morning, 'days.open', { count: { '10000': 300 } });
    const perDay = o.tradesPerDay + r.int(-o.tradesPerDay / 5, o.tradesPerDay / 5);
    const step = Math.floor((11 * HOUR) / perDay);
    for (let i = 0; i < perDay; i++) {
      clock.advance(step);
      const who = i < perDay / 2 ? morning : evening;
      if (i === Math.floor(perDay / 2)) {
        const day = await must(owner, 'days.current', {});
        await must(morning, 'days.handover', { count: countFor(day?.expectedCashFen ?? 0) });
      }
      const t = await must(who, 'trades.create', {});
      await must(who, 'customers.attach', {
        tradeId: t.id,
        phone: `13${r.int(5, 9)}${String((++phone % 40_000_000) + 10_000_000).padStart(8, '0')}`,
      });
      const cards = r.int(1, 3);
      for (let k = 0; k < cards; k++) {
        const form = r.next() < 0.75 ? 'e' : 'physical';
        serial += 1;
        await must(who, 'trades.addLine', {
          // A serial prefix keeps numbers unique; a random tail keeps them from looking consecutive.
          tradeId: t.id,
          brand: 'jd',
          form,
          number:
            form === 'e'
              ? `JDE${String(serial).padStart(5, '0')}${r.int(10_000_000, 99_999_999)}`
              : `63${String(serial).padStart(6, '0')}${r.int(10_000_000, 99_999_999)}`,
          secret: `DM${String(serial).padStart(14, '0')}`,
          faceValueFen: r.pick(values),
          verifiedHow: 'official',
        });
      }
      let v = await must(who, 'trades.offer', { tradeId: t.id });
      for (const g of v.groups) {
        if (r.next() < 0.35) {
          const ask = await must(who, 'trades.ask', {
            tradeId: t.id,
            groupKey: g.key,
            askBp: g.currentBp + 10 * r.int(1, 12),
          });
          v = ask.trade;
          if (ask.outcome === 'agreed') continue;
        }
        const agreed = await dispatch(who, 'trades.accept', { tradeId: t.id, groupKey: g.key });
        const needs = agreed.ok ? null : agreed.error.code;
        if (needs === 'IDENTITY_REQUIRED' || needs === 'FUNDS_SOURCE_REQUIRED') {
          // A large trade: the customer shows their ID card (spec §5) unless it is on record, says where the cards
          // came from, then the clerk agrees.
          if (needs === 'IDENTITY_REQUIRED') {
            const first17 = `310101${1960 + r.int(0, 40)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(r.int(100, 999))}`;
            await must(who, 'customers.setIdentity', {
              tradeId: t.id,
              name: r.pick(['陈明', '刘洋', '赵敏', '孙伟', '周杰']),
              idType: 'resident',
              idNumber: first17 + residentCheckChar(first17),
            });
          }
          const fundsSource = (['gift', 'benefit', 'purchase'] as const)[serial % 3] ?? 'gift';
          await must(who, 'customers.setFundsSource', { tradeId: t.id, fundsSource });
          v = await must(who, 'trades.accept', { tradeId: t.id, groupKey: g.key });
        } else if (!agreed.ok) throw new Error(`trades.accept: ${agreed.error.code}`);
        else v = agreed.value as TradeView;
      }
      const cash = r.next() < 0.7;
      const day = await must(owner, 'days.current', {});
      if (cash && (day?.expectedCashFen ?? 0) < v.payoutFen + 100_000)
        await must(who, 'days.cash', { kind: 'in', amountFen: 500_000, reason: '从保险柜补充现金' });
      const parts = cash
        ? [{ method: 'cash' as const, amountFen: v.payoutFen - (v.payoutFen % 10) }]
        : [
            {
              method: r.pick(['wechat', 'alipay', 'bank'] as const),
              amountFen: v.payoutFen,
              reference: `REF${serial}`,
            },
          ];
      await must(who, 'trades.pay', { tradeId: t.id, requestId: `demo-pay-${d}-${i}`, parts });
      trades += 1;
    }
    // Evening: a bank deposit, resale of the day's e-cards every third day, then the close.
    const today = await must(owner, 'days.current', {});
    if ((today?.expectedCashFen ?? 0) > 800_000)
      await must(owner, 'days.cash', { kind: 'out', amountFen: 500_000, reason: '存入银行' });
    // Three physical cards go to 平台C (paid the next day) and the money never comes: a late batch (到账延迟).
    if (d === Math.max(0, o.days - 3)) {
      const late = (await must(owner, 'resale.stock', { state: 'in_stock', limit: 2000 }))
        .filter((c) => c.form === 'physical')
        .slice(0, 3);
      if (late.length > 0)
        await must(owner, 'resale.createBatch', {
          platform: '平台C',
          rateBp: 9100,
          lineIds: late.map((c) => c.lineId),
        });
    }
    if (d % 3 === 2 || d === o.days - 1) {
      const stock = (await must(owner, 'resale.stock', { state: 'in_stock', limit: 2000 })).filter(
        (c) => c.form === 'e',
      );
      // The newest few stay unsold, so the unsold-card alert has something to show.
      const sell = stock.slice(0, Math.max(0, stock.length - 3));
      for (let k = 0; k < sell.length; k += 400) {
        const batch = await must(owner, 'resale.createBatch', {
          platform: r.pick(['平台A', '平台B']),
          rateBp: 9350,
          lineIds: sell.slice(k, k + 400).map((c) => c.lineId),
        });
        if (d === o.days - 1) continue;
        // After-sale (spec §8): one card paid short on its own (余额不符), the rest of the batch a little below
        // expectation, then the platform rejects a card it had already paid for (the money is clawed back) and the
        // customer gives part of the loss back in cash.
        const [short, ...rest] = batch.lines;
        if (short)
          await must(owner, 'resale.settleCard', {
            lineId: short.lineId,
            amountFen: (short.expectedFen ?? 0) - 100 * r.int(5, 30),
            reason: '平台查询余额不足，按实际余额结算',
          });
        const waiting = rest.reduce((x, l) => x + (l.expectedFen ?? 0), 0);
        if (rest.length === 0) continue;
        const settled = await must(owner, 'resale.settle', {
          batchId: batch.id,
          amountFen: waiting - r.int(0, Math.floor(waiting / 400)),
          reason: '平台扣除通道费',
        });
        const rejected = settled.lines.find((l) => l.state === 'settled' && l.lineId !== short?.lineId);
        if (!rejected) continue;
        await must(owner, 'resale.invalid', {
          lineId: rejected.lineId,
          reason: '平台反馈卡密已被使用，已扣回货款',
          watchCard: true,
          watchId: rejected.customerIdMasked !== null,
        });
        const loss = (await must(owner, 'resale.losses', { open: true })).find((l) => l.lineId === rejected.lineId);
        if (loss)
          await must(owner, 'resale.recover', {
            lossId: loss.id,
            method: 'cash',
            amountFen: Math.min(loss.lossFen, 20_000),
          });
      }
      // A physical card the platform refuses outright while still in stock.
      const physical = (await must(owner, 'resale.stock', { state: 'in_stock', limit: 2000 })).filter(
        (c) => c.form === 'physical',
      );
      if (physical[0])
        await must(owner, 'resale.invalid', {
          lineId: physical[0].lineId,
          reason: '平台提示卡密已被使用',
          watchCard: true,
        });
    }
    const expected = (await must(owner, 'days.current', {}))?.expectedCashFen ?? 0;
    const off = r.next() < 0.6 ? 0 : 10 * r.int(-150, 80);
    if (Math.abs(off) > 1000)
      await must(owner, 'days.close', {
        count: countFor(expected + off),
        reason: off < 0 ? '找零多给，已提醒店员' : '顾客多给的零钱，已登记',
      });
    else await must(evening, 'days.close', { count: countFor(expected + off) });
    sealed += 1;
    o.log?.(`  ${d + 1}/${o.days} days, ${trades} trades`);
  }
  sql.tx(() => settings.set('backupEveryTrades', 20));
  await backend.services.backups.run('daily');
  backend.close();
  return { trades, sealed, clock };
}
