// Cards across the chain, end to end: two shops (two built hosts from dist/ on loopback) and one head office
// (hq/head-office.ts in this process, on PGlite). At shop B's counter in Chromium: a card shop A bought a minute
// earlier is marked and refused, naming shop A and the date, until the owner lets it through with a reason; with
// head office down, a card shop A bought is taken marked unchecked, and head office raises its alert once both
// reports arrive; a chain promotion switched on at head office moves both shops' opening offers, and shows on the
// pricing screen as head office's.
import { afterAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName } from '../../shared/contract';
import { chainHash } from '../../shared/protocol/signing';
import { useBrowser } from '../support/browser';
import { startHost, type Host } from '../support/host';
import { testHeadOffice, useHqDatabase, type TestHq } from '../support/hq';
import { freePort } from '../support/sync';
import { LoginPage, ShellPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const browser = useBrowser();
const hqDb = useHqDatabase('pglite');
const OWNER = { name: '王老板', pin: '246810' };
const SECRET = 'ABCD1234EFGH5678';
const CHAIN_KEY = 'chain-key-of-the-owner-0123456789';
const SHOPS = {
  SH01: { name: '东门店', secret: 'east-gate-shop-secret-0123456789' },
  SH02: { name: '西门店', secret: 'west-gate-shop-secret-0123456789' },
} as const;
const stops: (() => unknown)[] = [];
afterAll(async () => {
  for (const s of stops.toReversed()) await s();
});

/** A shop set up through its API: owner, quotes confirmed, the day open, head office and the chain key set. */
async function shop(code: keyof typeof SHOPS, hqUrl: string) {
  const host: Host = await startHost();
  stops.push(() => host.stop());
  let session: string | null = (
    await host.call('setup.complete', {
      shop: { name: SHOPS[code].name, code, address: '', phone: '', licenceNo: '' },
      owner: OWNER,
      passphrase: '2L3V-H2GZ-TGUC-2WUG-955A-RMUB',
    })
  ).session;
  const call = async <N extends CallName>(name: N, input: CallInput<N>) => {
    const r = await host.call(name, input, session);
    session = r.session ?? session;
    if (!r.result.ok) throw new Error(`${code} ${name}: ${r.result.error.code}`);
    return r.result.value;
  };
  await call('quotes.renew', {});
  await call('days.open', { count: { '10000': 100 } });
  await call('sync.updateSettings', {
    hqBaseUrl: hqUrl,
    enabled: true,
    shopSecret: SHOPS[code].secret,
    chainKey: CHAIN_KEY,
  });
  let serial = 0;
  /** A trade of one ¥1,000 e-card paid by bank transfer; answers its number. */
  const buy = async (number: string) => {
    const t = await call('trades.create', {});
    await call('customers.attach', { tradeId: t.id, phone: `1390000${String(++serial).padStart(4, '0')}` });
    await call('trades.addLine', {
      tradeId: t.id,
      brand: 'jd',
      form: 'e',
      number,
      secret: SECRET,
      faceValueFen: 100_000,
      verifiedHow: 'official',
    });
    const o = await call('trades.offer', { tradeId: t.id });
    for (const g of o.groups) await call('trades.accept', { tradeId: t.id, groupKey: g.key });
    const v = await call('trades.get', { tradeId: t.id });
    const p = await call('trades.pay', {
      tradeId: t.id,
      requestId: `${code}-chain-${serial}`,
      parts: [{ method: 'bank', amountFen: v.payoutFen, reference: `BK-${code}-${serial}` }],
    });
    return { tradeNo: p.tradeNo ?? '', paidAt: p.paidAt ?? '' };
  };
  /** The opening offer F4 makes for a ¥1,000 e-card now (a trade left unpaid). */
  const opening = async () => {
    const t = await call('trades.create', {});
    await call('trades.addLine', {
      tradeId: t.id,
      brand: 'jd',
      form: 'e',
      number: `JDE7${code}${String(++serial).padStart(8, '0')}`,
      secret: SECRET,
      faceValueFen: 100_000,
      verifiedHow: 'official',
    });
    const o = await call('trades.offer', { tradeId: t.id });
    await call('trades.void', { tradeId: t.id, reason: '试价' });
    return o.groups[0]?.openingBp ?? 0;
  };
  return { host, call, buy, opening };
}

describe('cards across the chain', () => {
  it('refuses at shop B a card shop A bought, takes one unchecked while head office is down, and moves both shops’ offers with a chain promotion', async () => {
    const port = await freePort();
    const now = () => Math.floor(Date.now() / 1000);
    let hq: TestHq = await testHeadOffice(hqDb().db, now, { port });
    stops.push(() => hq.close());
    await hq.hq.chain.set(CHAIN_KEY);
    for (const [code, s] of Object.entries(SHOPS)) await hq.hq.shops.register({ shopId: code, name: s.name }, s.secret);
    const a = await shop('SH01', hq.url);
    const b = await shop('SH02', hq.url);

    // Shop A buys a card; its live report reaches head office on its own.
    const card = 'JDE8000000000101';
    const sold = await a.buy(card);
    await expect.poll(async () => (await a.call('sync.status', {})).liveWaiting, { timeout: 20_000 }).toBe(0);

    // A minute later the same card at shop B's counter, keyboard only.
    await b.host.advanceClock(60_000);
    const p = await browser.open(b.host.url);
    await new LoginPage(p).login(OWNER.name, OWNER.pin);
    const c = new CounterPage(p);
    await c.newTrade();
    await c.customer('13900009999');
    await c.key('F3');
    await c.addCard('e', card, SECRET, '1000');
    const when = new Date(sold.paidAt).toLocaleString('zh-CN', { hour12: false });
    const mark = p.getByTestId('chain-mark');
    await expect
      .poll(() => mark.textContent(), { timeout: 10_000 })
      .toBe(ZH.counter.chain.hit.replace('{{when}}', when).replace('{{shop}}', SHOPS.SH01.name));
    await browser.shot(p, 'chain-marked');
    await c.key('F4');
    await p.locator('section.group').first().waitFor();
    const offeredBefore = (await p.getByTestId('current-offer').first().textContent()) ?? '';
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F8');
    await p.getByTestId('cash-to-hand').waitFor();
    await c.key('Enter');
    const dialog = p.getByRole('dialog', { name: ZH.payment.title });
    const refusal = dialog.getByRole('alert');
    await expect
      .poll(() => refusal.textContent())
      .toBe(
        ZH.errors.CHAIN_DUPLICATE.replace('{{line}}', '1')
          .replace('{{card}}', '****0101')
          .replace('{{paidWhen}}', when)
          .replace('{{shop}}', SHOPS.SH01.name),
      );
    await browser.shot(p, 'chain-refused');
    // The owner lets it through with a reason; the trade is paid and the card stays marked as let through.
    await dialog.getByRole('button', { name: ZH.counter.chain.ask }).click();
    const override = p.getByRole('dialog', { name: ZH.counter.chain.title });
    await override.getByLabel(ZH.approval.reason).fill('顾客出示东门店的作废凭证');
    await override.getByRole('button', { name: ZH.counter.chain.submit }).click();
    await p.locator('.paid h2').waitFor();
    await expect
      .poll(() => mark.textContent())
      .toContain(ZH.counter.chain.overridden.replace('{{when}}', when).replace('{{shop}}', SHOPS.SH01.name));
    await browser.shot(p, 'chain-let-through');

    // Shop B's report of the card it was let through reaches head office on its own too.
    await expect.poll(async () => (await b.call('sync.status', {})).liveWaiting, { timeout: 20_000 }).toBe(0);

    // Head office down: shop A buys a card, shop B takes the same card, paid and marked unchecked.
    await hq.close();
    const card2 = 'JDE8000000000202';
    await a.buy(card2);
    await c.newTrade();
    await c.customer('13900008888');
    await c.key('F3');
    await c.addCard('e', card2, SECRET, '1000');
    await c.key('F4');
    await p.locator('section.group').first().waitFor();
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.pay();
    await expect.poll(() => mark.textContent()).toBe(ZH.counter.chain.unchecked);
    await browser.shot(p, 'chain-unchecked');
    expect((await a.call('sync.status', {})).liveWaiting).toBe(1);
    expect((await b.call('sync.status', {})).liveWaiting).toBe(1);

    // Head office is back on the same database; "sync now" at each shop sends what waited: one alert for the pair.
    hq = await testHeadOffice(hqDb().db, now, { port, empty: false });
    stops.push(() => hq.close());
    for (const s of [a, b]) {
      await s.call('sync.now', {});
      expect((await s.call('sync.status', {})).liveWaiting).toBe(0);
    }
    const alerts = await hq.hq.alerts.list({ kind: 'duplicate_card' });
    expect(alerts.filter((x) => x.subject === chainHash(CHAIN_KEY, card2))).toHaveLength(1);
    expect(alerts.filter((x) => x.subject === chainHash(CHAIN_KEY, card))).toHaveLength(1);

    // A chain promotion, switched on at head office for every shop, moves both shops' opening offers.
    const before = [await a.opening(), await b.opening()];
    const nowIso = (ms: number) => new Date(Date.now() + 60_000 + ms).toISOString();
    await hq.hq.pricing.set({
      brands: [
        {
          code: 'tmall',
          nameZh: '天猫',
          nameEn: 'Tmall',
          active: true,
          forms: [
            {
              form: 'e',
              nameZh: '天猫超市卡',
              nameEn: 'Tmall supermarket card',
              numberPattern: '^TM[0-9]{14}$',
              numberHint: 'TM 开头，共 16 位',
              secretPattern: '^[0-9]{8}$',
              secretHint: '8 位数字',
              secretRequired: true,
              maxValueFen: 500_000,
              active: true,
            },
          ],
        },
      ],
      promotions: [
        { name: '连锁周末加价', from: nowIso(-7_200_000), to: nowIso(86_400_000), bp: 50, brand: 'jd', form: null },
      ],
    });
    for (const s of [a, b]) await s.call('sync.now', {});
    expect([await a.opening(), await b.opening()]).toEqual(before.map((bp) => bp + 50));
    await c.newTrade();
    await c.addCard('e', 'JDE8000000000303', SECRET, '1000');
    await c.key('F4');
    await p.locator('section.group').first().waitFor();
    const offeredAfter = (await p.getByTestId('current-offer').first().textContent()) ?? '';
    expect(Number.parseFloat(offeredAfter) - Number.parseFloat(offeredBefore)).toBeCloseTo(0.5, 5);
    await browser.shot(p, 'chain-promotion-counter');
    await new ShellPage(p).nav('pricing').click();
    const chainCard = p.getByTestId('chain-pricing');
    await chainCard.getByText('连锁周末加价').waitFor();
    expect(await chainCard.getByRole('heading').textContent()).toBe(ZH.pricing.chainTitle);
    await browser.shot(p, 'chain-promotion-pricing');
    // Head office's brand is in the shop's list, read-only.
    await new ShellPage(p).nav('brands').click();
    const tmallRow = p.getByRole('row').filter({ hasText: 'tmall' });
    expect(await tmallRow.getByTestId('brand-from-hq').textContent()).toBe(ZH.brands.fromHq);
    expect(await tmallRow.getByRole('button').count()).toBe(0);
    await browser.shot(p, 'chain-brand');

    // The owner switches customer matching across shops on, in words, on the head-office settings.
    await new ShellPage(p).nav('settings').click();
    const panel = p.getByRole('region', { name: ZH.sync.title });
    await panel.getByText(ZH.sync.customerMatchingHint).waitFor();
    await panel.getByTestId('customer-matching').check();
    await panel.getByRole('button', { name: ZH.sync.save, exact: true }).click();
    await expect.poll(async () => (await b.call('sync.settings', {})).customerMatching).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await browser.shot(p, 'chain-customer-matching');
  });
});
