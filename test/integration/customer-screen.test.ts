// The customer's screen (ux.md, issue 15 item 9) through dispatch and the HTTP transport: paired with a counter's
// session by a token of its own that makes one call — the customer-safe view of the trade in hand and of today's
// platform rates — follows the counter by its one event, and is refused everything else.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type CustomerScreenView, type EventMessage, type Result, type TradeView } from '../../shared/contract';
import { linePayout } from '../../shared/domain/money';
import { displayBinding } from '../../electron/core/context';
import { createDispatch } from '../../electron/transport/dispatch';
import { createHttpServer } from '../../electron/transport/http';
import { TestBinding } from '../support/backend';
import { CLERK_PIN, counterShop, createTrade, eCard, physicalCard, SECRET } from '../support/counter';

type Shop = Awaited<ReturnType<typeof counterShop>>;
let s: Shop;

beforeAll(async () => {
  s = await counterShop();
});
afterAll(() => s.t.close());

/** The names a customer must never be given (ux.md): the clerk's ceiling, the hard cap, the step, margins, targets, net exits. */
const FORBIDDEN_KEYS =
  /ceiling|cap|step|margin|target|exit|net|secret|explanation|snapshot|hash|phone|idNumber|idMasked/i;

/** Every key anywhere in a value, with its path. */
function keysOf(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => keysOf(x, `${at}[${i}]`));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => [`${at}.${k}`, ...keysOf(x, `${at}.${k}`)]);
  return [];
}

async function view(token: string): Promise<CustomerScreenView> {
  const r = (await s.t.raw(displayBinding(token), 'display.view', {})) as Result<CustomerScreenView>;
  if (!r.ok) throw new Error(`display.view: ${r.error.code}`);
  return r.value;
}

/** The display events the backend pushes while `fn` runs. */
async function displayEvents(fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const off = s.t.backend.on((e: EventMessage) => void (e.name === 'display.changed' && n++));
  try {
    await fn();
  } finally {
    off();
  }
  return n;
}

describe('the customer’s screen follows the counter’s trade in hand', () => {
  it('shows the rates between customers, then each card masked with the offer made, the payout and how it was paid', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const idle = await view(token);
    expect(idle).toMatchObject({ shopName: '京东回收店', state: 'idle', trade: null });

    const tr = await createTrade(s.t, s.clerk);
    await s.t.must(s.clerk, 'display.show', { tradeId: tr.id });
    // A trade without a card yet is still "between customers".
    expect((await view(token)).state).toBe('idle');
    const numbers = [eCard(), physicalCard()];
    await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: numbers[0]!,
      secret: SECRET,
      faceValueFen: 100_000,
      verifiedHow: 'official',
    });
    const added = await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'physical',
      number: numbers[1]!,
      secret: SECRET,
      faceValueFen: 50_000,
      verifiedHow: 'official',
    });
    const before = await view(token);
    expect(before.state).toBe('trade');
    expect(before.trade?.cards).toEqual([
      {
        position: 1,
        nameZh: '京东E卡',
        nameEn: added.lines[0]!.nameEn,
        form: 'e',
        masked: `****${numbers[0]!.slice(-4)}`,
        valueFen: 100_000,
        offerBp: null,
        agreed: false,
        payoutFen: null,
      },
      expect.objectContaining({ position: 2, form: 'physical', masked: `****${numbers[1]!.slice(-4)}`, offerBp: null }),
    ]);

    const offered = await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const e = offered.groups.find((g) => g.form === 'e')!;
    const asked = await s.t.must(s.clerk, 'trades.ask', {
      tradeId: tr.id,
      groupKey: e.key,
      askBp: e.currentBp + 50,
    });
    const during = await view(token);
    const eOffer = asked.trade.groups.find((g) => g.key === e.key)!.currentBp;
    expect(during.trade?.cards[0]).toMatchObject({
      offerBp: eOffer,
      agreed: false,
      payoutFen: linePayout(100_000, eOffer),
    });
    expect(during.trade?.payoutFen).toBe(asked.trade.offerPayoutFen);
    expect(during.trade?.valueFen).toBe(150_000);

    for (const g of asked.trade.groups)
      if (g.agreedBp === null) await s.t.must(s.clerk, 'trades.accept', { tradeId: tr.id, groupKey: g.key });
    const agreed = await s.t.must(s.clerk, 'trades.get', { tradeId: tr.id });
    expect((await view(token)).trade?.cards.every((c) => c.agreed)).toBe(true);
    const cash = agreed.payoutFen - (agreed.payoutFen % 10);
    await s.t.must(s.clerk, 'trades.pay', {
      tradeId: tr.id,
      requestId: 'customer-screen-pay-1',
      parts: [{ method: 'cash', amountFen: cash }],
    });
    const paid = await view(token);
    expect(paid.state).toBe('paid');
    expect(paid.trade).toMatchObject({
      payoutFen: agreed.payoutFen,
      roundingFen: agreed.payoutFen % 10,
      payments: [{ method: 'cash', amountFen: cash }],
    });
    expect(paid.trade?.tradeNo).toMatch(/^SH01-\d{8}-\d{4}$/);

    // F2: the next customer; the screen is between customers again.
    const next = await s.t.must(s.clerk, 'trades.create', {});
    await s.t.must(s.clerk, 'display.show', { tradeId: next.id });
    expect((await view(token)).state).toBe('idle');
    await s.t.must(s.clerk, 'display.show', { tradeId: null });
    expect((await view(token)).trade).toBeNull();

    // Nothing a customer may not see, in any state: no such key, no full card number, no secret.
    for (const v of [idle, before, during, paid]) {
      const keys = keysOf(v);
      expect(keys.length).toBeGreaterThan(5);
      expect(keys.filter((k) => FORBIDDEN_KEYS.test(k.split('.').pop() ?? ''))).toEqual([]);
      const json = JSON.stringify(v);
      for (const n of numbers) expect(json).not.toContain(n);
      expect(json).not.toContain(SECRET);
    }
  });

  it('reads the platforms’ own quoted rates by band (fresh ones only) and the shop’s opening offer at each band', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const quotes = (await s.t.must(s.clerk, 'quotes.list', {})).filter((q) => !q.stale && q.brand === 'jd');
    const { rates } = await view(token);
    expect(rates.map((r) => `${r.brand}/${r.form}`)).toEqual(['jd/e', 'jd/physical']);
    for (const r of rates) {
      const own = quotes.filter((q) => q.form === r.form);
      expect(r.bands.map((b) => b.minValueFen)).toEqual(
        [...new Set(own.map((q) => q.minValueFen))].sort((a, b) => a - b),
      );
      for (const b of r.bands) {
        const here = own.filter((q) => q.minValueFen === b.minValueFen);
        expect(b.platforms).toEqual(
          here
            .map((q) => ({ source: q.source, rateBp: q.rateBp }))
            .sort((x, y) => y.rateBp - x.rateBp || x.source.localeCompare(y.source)),
        );
        const lowest = Math.max(b.minValueFen, Math.min(...here.map((q) => q.minAmountFen)), 1);
        const priced = await s.t.must(s.clerk, 'pricing.preview', { brand: 'jd', form: r.form, valueFen: lowest });
        expect(b.shopBp).toBe(priced.openingBp);
        // What the shop opens at stays below what any platform quotes: the screen shows no net exit to compare.
        expect(b.shopBp).toBeLessThan(Math.max(...b.platforms.map((p) => p.rateBp)));
      }
    }
    // Stale quotes leave the screen.
    for (const q of quotes.filter((x) => x.form === 'physical' && x.source === '平台C'))
      await s.t.must(s.owner, 'quotes.expire', { quoteId: q.id });
    const after = (await view(token)).rates.find((r) => r.form === 'physical')!;
    expect(after.bands.flatMap((b) => b.platforms.map((p) => p.source))).not.toContain('平台C');
    await s.t.must(s.owner, 'quotes.renew', {});
  });

  it('lists only the card types the shop buys: one switched off leaves the screen, which reads again', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const jd = (await s.t.must(s.clerk, 'catalog.list', {})).find((b) => b.code === 'jd')!;
    const upsert = (physicalOn: boolean) =>
      s.t.must(s.owner, 'catalog.upsert', {
        code: jd.code,
        nameZh: jd.nameZh,
        nameEn: jd.nameEn,
        active: jd.active,
        forms: jd.forms.map((f) => (f.form === 'physical' ? { ...f, active: physicalOn } : f)),
      });
    expect(await displayEvents(() => upsert(false))).toBe(1);
    expect((await view(token)).rates.map((r) => `${r.brand}/${r.form}`)).toEqual(['jd/e']);
    expect(await displayEvents(() => upsert(true))).toBe(1);
    expect((await view(token)).rates.map((r) => `${r.brand}/${r.form}`)).toEqual(['jd/e', 'jd/physical']);
  });
});

describe('the display token', () => {
  it('is refused by every other call of the contract, and a staff window is refused the display call', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const others = Object.keys(calls).filter((n) => n !== 'display.view');
    expect(others.length).toBeGreaterThan(80);
    for (const name of others) {
      const r = await s.t.raw(displayBinding(token), name, {});
      expect(r, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'display' } } });
    }
    for (const b of [s.clerk, s.owner, new TestBinding()])
      expect(await s.t.raw(b, 'display.view', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { reason: 'display' } },
      });
    expect((await s.t.raw(displayBinding('0'.repeat(48)), 'display.view', {})).ok).toBe(false);
  });

  it('stops working when the counter pairs a new screen, and when the counter’s session ends', async () => {
    const clerk = new TestBinding();
    await s.t.must(clerk, 'auth.login', { staffId: s.clerkId, pin: CLERK_PIN });
    const first = (await s.t.must(clerk, 'display.pair', {})).token;
    const second = (await s.t.must(clerk, 'display.pair', {})).token;
    expect(await s.t.raw(displayBinding(first), 'display.view', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', details: { reason: 'display' } },
    });
    expect((await view(second)).state).toBe('idle');
    // Another counter window's screen is its own: pairing here leaves the first clerk's alone.
    const other = (await s.t.must(s.clerk, 'display.pair', {})).token;
    await s.t.must(clerk, 'auth.logout', {});
    expect(await s.t.raw(displayBinding(second), 'display.view', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await view(other)).state).toBe('idle');
  });

  it('wakes the screen after each write to the trade it shows or new quotes, and not for another counter’s trade', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const shown = await createTrade(s.t, s.clerk);
    expect(await displayEvents(() => s.t.must(s.clerk, 'display.show', { tradeId: shown.id }))).toBe(1);
    expect(await displayEvents(() => s.t.must(s.clerk, 'display.show', { tradeId: shown.id }))).toBe(0);
    const add = (tradeId: string) =>
      s.t.must(s.clerk, 'trades.addLine', {
        tradeId,
        brand: 'jd',
        form: 'e',
        number: eCard(),
        secret: SECRET,
        faceValueFen: 20_000,
        verifiedHow: 'official',
      });
    expect(await displayEvents(() => add(shown.id))).toBe(1);
    expect(await displayEvents(() => s.t.must(s.clerk, 'trades.offer', { tradeId: shown.id }))).toBe(1);
    expect(await displayEvents(() => s.t.must(s.clerk, 'trades.get', { tradeId: shown.id }))).toBe(0);
    const elsewhere = await createTrade(s.t, s.owner);
    expect(await displayEvents(() => add(elsewhere.id))).toBe(0);
    expect(await displayEvents(() => s.t.must(s.owner, 'quotes.renew', {}))).toBe(1);
    expect((await view(token)).trade?.cards).toHaveLength(1);
  });

  it('drops a card the clerk takes out and shows a corrected value with its new offer, reading again after each', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const tr = await createTrade(s.t, s.clerk);
    await s.t.must(s.clerk, 'display.show', { tradeId: tr.id });
    const add = () =>
      s.t.must(s.clerk, 'trades.addLine', {
        tradeId: tr.id,
        brand: 'jd',
        form: 'e',
        number: eCard(),
        secret: SECRET,
        faceValueFen: 100_000,
        verifiedHow: 'official',
      });
    await add();
    const two = await add();
    await s.t.must(s.clerk, 'trades.offer', { tradeId: tr.id });
    const [first, second] = two.lines;

    // A part-used card: its value and the offer of the group that value puts it in.
    let edited: TradeView | undefined;
    expect(
      await displayEvents(async () => {
        edited = await s.t.must(s.clerk, 'trades.editLine', { tradeId: tr.id, lineId: first!.id, valueFen: 60_000 });
      }),
    ).toBe(1);
    const line = edited!.lines.find((l) => l.id === first!.id)!;
    const group = edited!.groups.find((g) => g.key === line.groupKey)!;
    expect((await view(token)).trade?.cards[0]).toMatchObject({
      position: 1,
      valueFen: 60_000,
      offerBp: group.currentBp,
      payoutFen: linePayout(60_000, group.currentBp),
    });

    // Taken out: the card leaves the customer's screen (it stays on record, marked).
    expect(
      await displayEvents(() => s.t.must(s.clerk, 'trades.removeLine', { tradeId: tr.id, lineId: second!.id })),
    ).toBe(1);
    const after = await view(token);
    expect(after.trade?.cards.map((c) => c.position)).toEqual([1]);
    expect(after.trade?.valueFen).toBe(60_000);
    expect(after.trade?.cards.map((c) => c.masked)).toEqual([`****${first!.last4}`]);
    await s.t.must(s.clerk, 'display.show', { tradeId: null });
  });
});

describe('the customer’s screen over HTTP', () => {
  const TOKEN = 'host-token-0123456789abcdef0123';
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = createHttpServer({ backend: s.t.backend, dispatch: createDispatch(s.t.backend), token: TOKEN });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const post = (name: string, bearer: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/rpc/${name}`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
    });

  it('lets the display token make its one call and refuses it every other call and the contract', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const ok = await post('display.view', token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, value: { shopName: '京东回收店' } });
    for (const name of Object.keys(calls).filter((n) => n !== 'display.view')) {
      const res = await post(name, token, { 'x-carddesk-session': 'a'.repeat(48) });
      expect(res.status, name).toBe(200);
      expect(await res.json(), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await fetch(`${base}/rpc`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await post('display.view', 'f'.repeat(48))).status).toBe(401);
    // The host's own token with a staff session is refused the display call.
    const staff: unknown = await (await post('display.view', TOKEN)).json();
    expect(staff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('streams only its own event to the display token, while a counter window hears them all', async () => {
    const { token } = await s.t.must(s.clerk, 'display.pair', {});
    const tr = await createTrade(s.t, s.clerk);
    await s.t.must(s.clerk, 'display.show', { tradeId: tr.id });
    const open = async (t: string) => {
      const controller = new AbortController();
      const res = await fetch(`${base}/events?token=${t}`, { signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read();
      let text = '';
      return {
        async until(marker: string) {
          while (!text.includes(marker)) text += new TextDecoder().decode((await reader.read()).value);
          return text;
        },
        close: () => controller.abort(),
      };
    };
    const display = await open(token);
    const host = await open(TOKEN);
    await s.t.must(s.clerk, 'trades.addLine', {
      tradeId: tr.id,
      brand: 'jd',
      form: 'e',
      number: eCard(),
      secret: SECRET,
      faceValueFen: 30_000,
      verifiedHow: 'official',
    });
    const all = await host.until('display.changed');
    expect(all).toContain('event: journal.appended');
    const own = await display.until('display.changed');
    expect(own.match(/^event: .+$/gm)).toEqual(['event: display.changed']);
    // Later events that are not the display's never reach its stream.
    await s.t.must(s.owner, 'quotes.renew', {});
    await host.until('quotes.changed');
    const more = await display.until('event: display.changed\ndata: {}\n\nevent: display.changed');
    expect(more).not.toMatch(/quotes\.changed|journal\.appended|trades\.changed/);
    display.close();
    host.close();
  });
});
