// Evidence for a dispute or a police request (协查, spec §8), made by the built app (dist/host.cjs) over its HTTP API
// and read back with pdftotext: the trade number, the masked cards, the rounds, the owner's approval, the after-sale
// events with the loss and its recovery, and the journal entries with their full hashes — and never a card number,
// a secret or the full ID number.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { residentCheckChar } from '../../shared/domain/identity';
import { PASSPHRASE } from '../support/backend';
import { useBrowser } from '../support/browser';
import { startHost, type Host } from '../support/host';
import { LoginPage, ZH } from './pages/app';
import { CounterPage } from './pages/counter';

const OWNER_PIN = '246810';
const CLERK_PIN = '135790';
const NUMBERS = ['JDE5550000000001', 'JDE5550000000002'];
const SECRET = 'SECRETXYZ9876543';
const ID17 = '31010119850512123';
const ID = ID17 + residentCheckChar(ID17);

const browser = useBrowser();

describe('the evidence of a trade', () => {
  let host: Host;
  const sessions: { owner: string | null; clerk: string | null } = { owner: null, clerk: null };
  const as =
    (who: keyof typeof sessions) =>
    async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
      const r = await host.call(name, input, sessions[who]);
      sessions[who] = r.session ?? sessions[who];
      if (!r.result.ok) throw new Error(`${name}: ${r.result.error.code} ${JSON.stringify(r.result.error.details)}`);
      return r.result.value;
    };
  const owner = as('owner');
  const clerk = as('clerk');

  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('is one PDF from the built app with the receipt, checks, rounds, approvals, after-sale events and journal hashes, masked', async () => {
    const set = await host.call('setup.complete', {
      shop: { name: '协查测试回收店', code: 'EV01', address: '人民路 9 号', phone: '021-5555 0109', licenceNo: 'EV-1' },
      owner: { name: '王老板', pin: OWNER_PIN },
      passphrase: PASSPHRASE,
    });
    sessions.owner = set.session;
    if (!set.result.ok) throw new Error('setup failed');
    const ownerId = set.result.value.staffId;
    const added = await owner('staff.add', { name: '张三', role: 'clerk', pin: CLERK_PIN });
    await clerk('auth.login', { staffId: added.id, pin: CLERK_PIN });
    await owner('quotes.renew', {});
    await clerk('days.open', { count: { '10000': 100 } });

    // The clerk buys two ¥1,000 e-cards from a customer with an ID; one was never checked, so the owner approves.
    const t = await clerk('trades.create', {});
    await clerk('customers.attach', { tradeId: t.id, phone: '13912345678' });
    await clerk('customers.setIdentity', { tradeId: t.id, name: '陈明', idType: 'resident', idNumber: ID });
    await clerk('customers.setFundsSource', { tradeId: t.id, fundsSource: 'gift' });
    for (const [i, number] of NUMBERS.entries())
      await clerk('trades.addLine', {
        tradeId: t.id,
        brand: 'jd',
        form: 'e',
        number,
        secret: SECRET,
        faceValueFen: 100_000,
        verifiedHow: i === 0 ? 'official' : 'none',
      });
    const offered = await clerk('trades.offer', { tradeId: t.id });
    const group = offered.groups[0]!;
    await clerk('trades.ask', { tradeId: t.id, groupKey: group.key, askBp: group.currentBp + 100 });
    const agreed = await clerk('trades.accept', { tradeId: t.id, groupKey: group.key });
    const paid = await clerk('trades.pay', {
      tradeId: t.id,
      requestId: 'evidence-pay-1',
      parts: [{ method: 'bank', amountFen: agreed.payoutFen, reference: 'BANK-EV-1' }],
      ownerApproval: { ownerId, pin: OWNER_PIN, reason: '店主电话核实过余额' },
    });
    const tradeNo = paid.tradeNo!;

    // After the sale: both cards go to 平台A, the money comes, then the platform rejects one (claw-back); the
    // customer pays part of the loss back in cash.
    const batch = await owner('resale.createBatch', {
      platform: '平台A',
      rateBp: 9400,
      lineIds: paid.lines.map((l) => l.id),
    });
    await owner('resale.settle', { batchId: batch.id, amountFen: batch.expectedFen });
    const rejected = paid.lines[1]!;
    await owner('resale.invalid', {
      lineId: rejected.id,
      reason: '平台提示卡密已被使用',
      watchCard: true,
      watchId: true,
    });
    const [loss] = await owner('resale.losses', {});
    await owner('resale.recover', { lossId: loss!.id, method: 'cash', amountFen: 10_000 });

    const entries = await owner('trades.journal', { tradeId: t.id });
    const file = await owner('ledger.evidence', { tradeId: t.id });
    expect(file).toMatchObject({ fileName: `evidence-${tradeNo}.pdf`, mime: 'application/pdf' });
    const pdfPath = path.join(host.dataDir, file.fileName);
    fs.writeFileSync(pdfPath, Buffer.from(file.base64, 'base64'));
    fs.mkdirSync('test-results', { recursive: true });
    fs.copyFileSync(pdfPath, path.resolve('test-results', file.fileName));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');

    expect(flat).toContain(`协查证据·${tradeNo}`);
    // The receipt as printed (the shop copy) and the cards masked.
    expect(flat).toContain('收卡凭证·商户存根');
    for (const l of paid.lines) expect(flat).toContain(`****${l.last4}`);
    // Balance checks: how, when, who.
    expect(flat).toContain('核验:官方渠道已查');
    expect(flat).toContain('核验:未核验');
    // The rounds: the opening, the customer's ask, the agreement.
    expect(flat).toContain('议价记录');
    for (const w of ['开价', '顾客要价', '谈妥']) expect(flat).toContain(w);
    // The owner's approval with its reason.
    expect(flat).toContain('店主电话核实过余额');
    // After-sale: resold, money received, taken back, invalid, the loss and its recovery.
    for (const w of ['转售', '回款', '平台追回', '卡片无效', '平台提示卡密已被使用', '损失', '已追回¥100.00'])
      expect(flat, w).toContain(w);
    // The customer masked, the source of funds.
    expect(flat).toContain('139****5678');
    expect(flat).toContain('陈明');
    expect(flat).toContain('亲友赠送');
    // Every journal entry of the trade with its whole hash.
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) expect(flat).toContain(e.hash);
    expect(flat).toContain('日志链校验:完整');
    // Never a card number, a secret or the full ID number.
    for (const n of NUMBERS) expect(flat).not.toContain(n);
    expect(flat).not.toContain(SECRET);
    expect(flat).not.toContain(ID);
    expect(execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })).toContain('WenQuanYiMicroHei');
    // Exporting it is journaled.
    expect((await owner('journal.list', { limit: 1 }))[0]).toMatchObject({
      kind: 'trade.evidenceExported',
      ref: t.id,
    });
    // Pictures of the first page, to look at.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      pdfPath,
      path.resolve('test-results/evidence'),
    ]);
  });

  it('warns the counter when the customer of that loss comes back', async () => {
    const p = await browser.open(host.url);
    await new LoginPage(p).login('张三', CLERK_PIN);
    const c = new CounterPage(p);
    await c.newTrade();
    await c.customer('139 1234 5678');
    const note = p.getByTestId('customer-record');
    await expect
      .poll(() => note.textContent())
      .toBe(ZH.customer.record.replace('{{invalid}}', '1').replace('{{losses}}', '1').replace('{{open}}', '1'));
    await browser.shot(p, 'counter-customer-record');
  });
});
