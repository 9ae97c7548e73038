// The customer's screen in Chromium against the built host (issue 15 item 9): opened from the counter with the
// keyboard, it shows today's rates between customers, then follows the trade live — each card masked with the
// offer made and the payout, the haggle, the payment — and never shows the clerk's ceiling. Its token is refused
// every other call of the contract the host lists.
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { useHost } from '../support/host';
import { WizardPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const OWNER = { name: '王老板', pin: '246810' };
const SECRET = 'ABCD1234EFGH5678';
const browser = useBrowser();

/** Keys a customer must never be sent (ux.md): ceiling, cap, step, margin, target, net exit, secrets. */
const FORBIDDEN_KEYS = /ceiling|cap|step|margin|target|exit|net|secret|explanation|snapshot|hash|phone|idMasked/i;
function keysOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(keysOf);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]);
  return [];
}

/** Every answer the customer's screen received, as it arrived. */
function recordAnswers(screen: Page): unknown[] {
  const seen: unknown[] = [];
  screen.on('response', (r: Response) => {
    if (r.url().endsWith('/rpc/display.view')) void r.json().then((j: unknown) => seen.push(j));
  });
  return seen;
}

/** The rows of the cards in the trade on the customer's screen. */
const cards = (screen: Page) => screen.getByRole('table', { name: ZH.display.cards }).locator('tbody tr');
const state = (screen: Page) => screen.locator('main.display').getAttribute('data-state');

describe('the customer’s screen', () => {
  const host = useHost();

  it('opens from the counter, shows the rates, follows a haggled trade to payment, and never the ceiling', async () => {
    const p = await browser.open(host().url);
    await new WizardPage(p).complete({ name: '京东回收店', code: 'SH05' }, OWNER);
    const c = new CounterPage(p);
    await c.openDay(100);

    // 顾客屏, from the keyboard: the button takes the focus, Enter opens the screen in its own window.
    const [screen] = await Promise.all([
      p.waitForEvent('popup'),
      (async () => {
        await p.getByRole('button', { name: ZH.display.open }).focus();
        await c.key('Enter');
      })(),
    ]);
    await screen.setViewportSize({ width: 1366, height: 768 });
    const answers = recordAnswers(screen);
    await screen.locator('main.display[data-state=idle]').waitFor();
    expect(new URL(screen.url()).pathname).toBe('/display');
    expect(screen.url()).not.toContain('#');
    const idle = screen.getByRole('table', { name: `${ZH.display.ratesTitle} 京东E卡` });
    await idle.waitFor();
    expect(await idle.textContent()).toContain(ZH.display.shopRate);
    expect(await idle.locator('tbody tr').count()).toBe(4);
    expect(await screen.locator('.display-welcome').textContent()).toBe(ZH.display.welcome);
    await browser.shot(screen, 'customer-screen-idle');

    // A trade: cards appear as they are added, masked, "to be offered" until F4.
    await c.newTrade();
    await c.customer('13600136000');
    await c.key('F3');
    await c.addCard('e', 'JDE0000000001001', SECRET, '1000');
    await screen.locator('main.display[data-state=trade]').waitFor();
    await expect.poll(() => cards(screen).first().textContent()).toContain('****1001');
    expect(await screen.getByRole('table', { name: ZH.display.cards }).textContent()).toContain(ZH.display.pending);
    await c.addCard('e', 'JDE0000000001002', SECRET, '1000');
    await c.addCard('physical', '6200000000001003', SECRET, '500');
    await expect.poll(() => cards(screen).count()).toBe(3);
    await c.key('F4');
    await p.locator('section.group').nth(1).waitFor();
    await expect.poll(() => cards(screen).first().textContent()).toContain('%');
    // The haggle: the customer's screen shows the offer the customer was made, as it moves.
    const before = await c.group('京东E卡 ×2').getByTestId('current-offer').textContent();
    await c.ask('92.10');
    const proposal = (await c.group('京东E卡 ×2').locator('.outcome').textContent()) ?? '';
    const proposed = /(\d+\.\d\d%)/.exec(proposal)?.[1] ?? '';
    expect(proposed).not.toBe(before);
    await expect.poll(() => cards(screen).first().textContent()).toContain(proposed);
    await browser.shot(screen, 'customer-screen-trade');
    await browser.shot(p, 'customer-screen-counter');

    // The clerk's ceiling is on the counter and nowhere on the customer's screen.
    const ceilings = (await p.locator('.limit').allTextContents()).map((t) => /(\d+\.\d\d%)/.exec(t)?.[1] ?? '');
    expect(ceilings.length).toBeGreaterThan(0);
    const shown = (await screen.locator('main.display').textContent()) ?? '';
    for (const ceiling of ceilings) if (ceiling !== proposed) expect(shown).not.toContain(ceiling);

    // Agreed and paid in cash: the screen shows the money and how it was handed over.
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(1);
    await c.key('F6');
    await expect.poll(() => c.agreedCount()).toBe(2);
    const tradeNo = await c.pay();
    await screen.locator('main.display[data-state=paid]').waitFor();
    const paid = screen.locator('.display-paid');
    expect(await paid.textContent()).toContain(ZH.display.paidTitle);
    expect(await paid.textContent()).toContain(ZH.display.methods.cash);
    expect(await screen.locator('.display-head').textContent()).toContain(tradeNo);
    const handOver = (await p.locator('.hand-over').textContent()) ?? '';
    const cash = /¥[\d,]+\.\d\d/.exec(handOver)?.[0] ?? '';
    expect(cash).not.toBe('');
    expect(await paid.textContent()).toContain(cash);
    await browser.shot(screen, 'customer-screen-paid');

    // F2, the next customer: the screen is between customers again.
    await c.newTrade();
    await screen.locator('main.display[data-state=idle]').waitFor();

    // Nothing the customer may not see ever reached the screen.
    expect(answers.length).toBeGreaterThan(5);
    for (const a of answers) expect(keysOf(a).filter((k) => FORBIDDEN_KEYS.test(k))).toEqual([]);
    const all = JSON.stringify(answers);
    for (const n of ['JDE0000000001001', 'JDE0000000001002', '6200000000001003', SECRET, '13600136000'])
      expect(all).not.toContain(n);

    // The screen's token, from its window: refused every call the host lists but its one read.
    const token = await screen.evaluate(() => sessionStorage.getItem('carddesk.display') ?? '');
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const listed = (await (
      await fetch(`${host().origin}/rpc`, { headers: { authorization: `Bearer ${host().token}` } })
    ).json()) as { calls: { name: string }[] };
    expect(listed.calls.length).toBeGreaterThan(80);
    for (const { name } of listed.calls) {
      const res = await fetch(`${host().origin}/rpc/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await res.json()) as { ok: boolean; error?: { code: string } };
      if (name === 'display.view') expect(body.ok, name).toBe(true);
      else expect(body, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await fetch(`${host().origin}/rpc`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    // Logging out ends the pairing: the screen says to open it again from the counter.
    await p.getByRole('button', { name: ZH.top.logout }).click();
    await screen.reload();
    await screen.getByText(ZH.display.unpaired).waitFor();
    expect(await state(screen)).toBeNull();
  });
});
