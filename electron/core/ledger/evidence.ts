// Evidence of a trade for a dispute or a police request (协查, spec §8): one PDF with the receipt as printed, the
// quotes and explanation behind each price, the balance checks (how, when, who), the negotiation rounds, the
// owner's approvals, the after-sale events and losses, the customer (masked) and every journal entry of the trade
// with its hash. Card numbers show their last 4 only; no card secret and no full ID number is ever read here.
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { AppError, type JournalEntryView, type TradeView } from '../../../shared/contract';
import { localDateTime } from '../../../shared/domain/dates';
import { formatRate, formatWholeYuan, formatYuan } from '../../../shared/domain/money';
import {
  ADJUSTMENT_WORDS,
  describeJournal,
  FORM_WORDS,
  fundsText,
  ID_TYPE_WORDS,
  INELIGIBLE_WORDS,
  METHOD_WORDS,
  VERIFIED_WORDS,
  wordOf,
  type Lang,
} from '../../../shared/words';
import { LineEventRow, TradeIdentityRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { LineEventPayload, QuoteSnapshotItem, readJson } from '../db/stored';
import type { Journal } from '../journal/service';
import type { Clock } from '../ports';
import { receiptText } from '../receipts/layout';
import type { Losses } from '../resale/losses';
import type { Settings } from '../settings/service';
import type { Shop } from '../shop/service';
import type { TradeViews } from '../trades/views';

const FACE = 'WenQuanYiMicroHei';
const MONO = 'WenQuanYiMicroHeiMono';

const EventLine = LineEventRow.pick({ id: true, line_id: true, kind: true, at: true, payload: true }).extend({
  last4: z.string(),
  staff_name: z.string().nullable(),
  platform: z.string().nullable(),
});
const Identity = TradeIdentityRow.pick({ name: true, id_type: true, id_masked: true });

export const EVIDENCE_WORDS = {
  'zh-CN': {
    title: '协查证据',
    made: '生成时间',
    by: '生成人',
    masked: '卡号只显示后 4 位；不含卡密，不含完整证件号码。',
    trade: '交易',
    tradeNo: '单号',
    status: '状态',
    statuses: { draft: '草稿', quoted: '已报价', agreed: '已谈妥', paid: '已付款', voided: '已作废' },
    date: '营业日',
    created: '开单时间',
    paid: '付款时间',
    clerk: '店员',
    value: '价值合计',
    payout: '付出合计',
    rounding: '抹零',
    payments: '付款',
    voided: '作废',
    customer: '顾客',
    phone: '手机',
    name: '姓名',
    identity: '证件',
    funds: '资金来源',
    none: '无',
    receipt: '小票（商户存根，按打印）',
    cards: '卡片与余额核验',
    face: '面值',
    cardValue: '价值',
    rate: '回收率',
    linePayout: '付出',
    check: '核验',
    quotes: '报价依据',
    bestExit: '最佳出口',
    agreed: '谈妥',
    basis: '依据',
    manual: '手工出货价',
    fallback: '实体卡按电子卡出口价减',
    net: '净',
    adjustments: '调整',
    snapshot: '报价快照',
    settlementDays: '天到账',
    rounds: '议价记录',
    actors: { shop: '店方', customer: '顾客' },
    roundKinds: { opening: '开价', ask: '顾客要价', proposal: '建议', final: '最终报价', agreed: '谈妥' },
    approvals: '店主授权',
    afterSale: '售后记录',
    kinds: { resold: '转售', settled: '回款', invalid: '卡片无效', own_use: '自用' },
    causes: { balance_mismatch: '余额不符', batch_short: '整批少付', clawback: '平台追回' },
    losses: '损失',
    loss: '损失',
    recovered: '已追回',
    journal: '日志（含哈希）',
    chain: '日志链校验',
    chainOk: '完整',
    chainBad: '有问题，第一条有问题的日志',
  },
  en: {
    title: 'EVIDENCE',
    made: 'Made',
    by: 'Made by',
    masked: 'Card numbers show their last 4 only; no card secret and no full ID number.',
    trade: 'Trade',
    tradeNo: 'Trade',
    status: 'Status',
    statuses: { draft: 'draft', quoted: 'quoted', agreed: 'agreed', paid: 'paid', voided: 'voided' },
    date: 'Business date',
    created: 'Created',
    paid: 'Paid',
    clerk: 'Clerk',
    value: 'Value',
    payout: 'Payout',
    rounding: 'Rounded off',
    payments: 'Payments',
    voided: 'Voided',
    customer: 'Customer',
    phone: 'Phone',
    name: 'Name',
    identity: 'ID',
    funds: 'Source of funds',
    none: 'none',
    receipt: 'Receipt (shop copy, as printed)',
    cards: 'Cards and balance checks',
    face: 'Face value',
    cardValue: 'Value',
    rate: 'Rate',
    linePayout: 'Payout',
    check: 'Checked',
    quotes: 'Quotes and explanation',
    bestExit: 'Best exit',
    agreed: 'Agreed',
    basis: 'Basis',
    manual: 'Manual exit rate',
    fallback: 'Physical card: e-card exit less',
    net: 'net',
    adjustments: 'Adjustments',
    snapshot: 'Quote snapshot',
    settlementDays: 'days to pay',
    rounds: 'Negotiation',
    actors: { shop: 'shop', customer: 'customer' },
    roundKinds: {
      opening: 'opening',
      ask: 'customer asks',
      proposal: 'proposal',
      final: 'final offer',
      agreed: 'agreed',
    },
    approvals: 'Owner approvals',
    afterSale: 'After-sale events',
    kinds: { resold: 'resold', settled: 'money received', invalid: 'card invalid', own_use: 'own use' },
    causes: {
      balance_mismatch: 'balance mismatch',
      batch_short: 'batch paid short',
      clawback: 'taken back by the platform',
    },
    losses: 'Losses',
    loss: 'Loss',
    recovered: 'Recovered',
    journal: 'Journal (with hashes)',
    chain: 'Journal chain',
    chainOk: 'intact',
    chainBad: 'broken, first bad entry',
  },
} as const;

type Item = { t: 'title' | 'section' | 'text' | 'mono'; text: string };

export class Evidence {
  constructor(
    private readonly sql: Sql,
    private readonly trades: TradeViews,
    private readonly journal: Journal,
    private readonly shop: Shop,
    private readonly settings: Settings,
    private readonly losses: Losses,
    private readonly clock: Clock,
    private readonly fontFile: string,
  ) {}

  /** The trade's own entries, its cards' (after-sale, a card revealed) and its losses' (recoveries), by sequence. */
  private entries(t: TradeView, lossIds: string[]): JournalEntryView[] {
    const refs = [t.id, ...t.lines.map((l) => l.id), ...lossIds];
    const seen = new Map<number, JournalEntryView>();
    for (const ref of refs) for (const e of this.journal.byRef(ref)) seen.set(e.seq, e);
    return [...seen.values()].sort((a, b) => a.seq - b.seq);
  }

  /** What the PDF says, in the language the shop prints in. */
  items(tradeId: string, madeBy: string): { items: Item[]; tradeNo: string | null } {
    if (!this.sql.exists('SELECT 1 FROM trades WHERE id = ?', tradeId))
      throw new AppError('NOT_FOUND', 'no such trade', { tradeId });
    const t = this.trades.get(tradeId);
    const printer = this.settings.get('printer');
    const lang: Lang = printer.language;
    const w = EVIDENCE_WORDS[lang];
    const tz = this.settings.get('timeZone');
    const when = (iso: string | null) => (iso ? localDateTime(Date.parse(iso), tz) : '');
    const money = (fen: number) => formatYuan(fen);
    const out: Item[] = [];
    const section = (text: string) => out.push({ t: 'section', text });
    const text = (...parts: (string | null | false | undefined)[]) =>
      out.push({ t: 'text', text: parts.filter((p) => p).join(' · ') });
    const shop = this.shop.get();
    const losses = this.losses.ofTrade(tradeId);
    const entries = this.entries(
      t,
      losses.map((l) => l.id),
    );

    out.push({ t: 'title', text: `${w.title} · ${t.tradeNo ?? t.id}` });
    text(shop ? `${shop.name} (${shop.code})` : null);
    text(`${w.made}: ${when(new Date(this.clock.now()).toISOString())}`, `${w.by}: ${madeBy}`);
    text(w.masked);

    section(w.trade);
    text(`${w.tradeNo}: ${t.tradeNo ?? '—'}`, `${w.status}: ${w.statuses[t.status]}`, `${w.date}: ${t.businessDate}`);
    text(
      `${w.created}: ${when(t.createdAt)}`,
      t.paidAt && `${w.paid}: ${when(t.paidAt)}`,
      `${w.clerk}: ${t.staffName}`,
    );
    text(
      `${w.value}: ${money(t.valueFen)}`,
      `${w.payout}: ${money(t.payoutFen)}`,
      `${w.rounding}: ${money(t.roundingFen)}`,
    );
    for (const p of t.payments)
      text(`${w.payments}: ${wordOf(METHOD_WORDS[lang], p.method, p.method)} ${money(p.amountFen)}`, p.reference);
    if (t.void)
      text(
        `${w.voided}: ${when(t.void.at)}`,
        t.void.reason,
        t.void.staffName,
        t.void.approvedBy && `✓ ${t.void.approvedBy}`,
      );

    section(w.customer);
    // The identity the trade was paid under (its copy never changes), else the customer as on record: masked.
    const id = this.sql.get(Identity, 'SELECT name, id_type, id_masked FROM trade_identities WHERE trade_id = ?', t.id);
    const c = t.customer;
    if (!c && !id) text(w.none);
    else {
      text(c && `${w.phone}: ${c.phoneMasked}`, `${w.name}: ${id?.name ?? c?.name ?? '—'}`);
      const idType = id?.id_type ?? c?.idType;
      const idMasked = id?.id_masked ?? c?.idMasked;
      if (idMasked) text(`${w.identity}: ${wordOf(ID_TYPE_WORDS[lang], idType, '')} ${idMasked}`);
    }
    if (t.fundsSource) text(`${w.funds}: ${fundsText(lang, t.fundsSource.source, t.fundsSource.note)}`);

    if (shop && t.paidAt) {
      section(w.receipt);
      const printedAt = localDateTime(Date.parse(t.paidAt), tz);
      out.push({
        t: 'mono',
        text: receiptText(
          { shop, trade: t, copy: 'shop', reprint: 0, language: lang, printedAt },
          { cpl: printer.cpl },
        ),
      });
    }

    section(w.cards);
    // Who checked a balance: the journal entry that added the card, or the last one that checked it again.
    const checkedBy = new Map<string, string>();
    for (const e of entries) {
      const p = e.payload as Record<string, unknown>;
      if (e.kind === 'trade.lineAdded') {
        const line = t.lines.find((l) => l.position === p.line);
        if (line && !checkedBy.has(line.id)) checkedBy.set(line.id, e.staffName ?? '');
      }
      if (e.kind === 'trade.lineVerified' && typeof p.lineId === 'string') checkedBy.set(p.lineId, e.staffName ?? '');
    }
    for (const l of t.lines) {
      const name = lang === 'en' ? l.nameEn : l.nameZh;
      text(
        `${l.position}. ${name} ${wordOf(FORM_WORDS[lang], l.form, l.form)} ****${l.last4}`,
        `${w.face} ${money(l.faceValueFen)}`,
        `${w.cardValue} ${money(l.valueFen)}`,
        l.rateBp !== null && `${w.rate} ${formatRate(l.rateBp)}`,
        l.payoutFen !== null && `${w.linePayout} ${money(l.payoutFen)}`,
      );
      text(
        `   ${w.check}: ${wordOf(VERIFIED_WORDS[lang], l.verifiedHow, l.verifiedHow)}`,
        when(l.verifiedAt),
        checkedBy.get(l.id),
      );
    }

    section(w.quotes);
    for (const g of t.groups) {
      const cards = t.lines.filter((l) => l.groupKey === g.key).map((l) => `****${l.last4}`);
      text(
        `${wordOf(FORM_WORDS[lang], g.form, g.form)} ${cards.join(' ')}`,
        `${w.bestExit} ${formatRate(g.bestExitBp)}`,
        g.agreedBp !== null && `${w.agreed} ${formatRate(g.agreedBp)}`,
      );
      const b = g.explanation.basis;
      if (b.kind === 'quote') text(`   ${w.basis}: ${b.source}`, `${b.settlementDays} ${w.settlementDays}`);
      else if (b.kind === 'manual') text(`   ${w.basis}: ${w.manual} · ${b.reason}`);
      else text(`   ${w.basis}: ${w.fallback} ${formatRate(b.discountBp)}`);
      for (const v of g.explanation.verdicts)
        text(
          `   ${v.source} ${wordOf(FORM_WORDS[lang], v.form, v.form)} ${formatRate(v.rateBp)}`,
          v.netBp !== null
            ? `${w.net} ${formatRate(v.netBp)}`
            : wordOf(INELIGIBLE_WORDS[lang], v.reason, v.reason ?? ''),
        );
      if (g.explanation.adjustments.length > 0)
        text(
          `   ${w.adjustments}: ${g.explanation.adjustments
            .map((a) => {
              const what =
                a.kind === 'tier' && a.minValueFen !== undefined
                  ? `${ADJUSTMENT_WORDS[lang].tier} ≥ ${formatWholeYuan(a.minValueFen)}`
                  : a.name;
              return `${what} ${a.bp >= 0 ? '+' : ''}${a.bp} bp`;
            })
            .join(', ')}`,
        );
      for (const raw of g.quoteSnapshot) {
        const q = QuoteSnapshotItem.safeParse(raw);
        if (!q.success) continue;
        text(
          `   ${w.snapshot}: ${q.data.source}${q.data.best ? ' ★' : ''}`,
          formatRate(q.data.rate_bp),
          q.data.settlement_days !== undefined && `${q.data.settlement_days} ${w.settlementDays}`,
          q.data.observed_at && when(q.data.observed_at),
        );
      }
    }

    section(w.rounds);
    if (t.rounds.length === 0) text(w.none);
    for (const r of t.rounds)
      text(
        `${when(r.at)} #${r.n}`,
        wordOf(w.actors, r.actor, r.actor),
        wordOf(w.roundKinds, r.kind, r.kind),
        formatRate(r.rateBp),
        r.staffName,
        r.approvedBy && `${w.approvals}: ${r.approvedBy}`,
      );

    section(w.approvals);
    const approvals = entries.filter(
      (e) =>
        e.kind === 'compliance.override' ||
        (typeof e.payload === 'object' && e.payload !== null && 'approval' in e.payload),
    );
    if (approvals.length === 0) text(w.none);
    for (const e of approvals) text(when(e.at), describeJournal(e.kind, e.payload, lang), e.staffName);

    section(w.afterSale);
    const events = this.sql.all(
      EventLine,
      `SELECT e.id, e.line_id, e.kind, e.at, e.payload, l.last4, s.name AS staff_name, b.platform
       FROM line_events e JOIN trade_lines l ON l.id = e.line_id LEFT JOIN staff s ON s.id = e.staff_id
       LEFT JOIN resale_batch_lines bl ON bl.line_id = l.id LEFT JOIN resale_batches b ON b.id = bl.batch_id
       WHERE l.trade_id = ? ORDER BY e.at, e.rowid`,
      t.id,
    );
    if (events.length === 0) text(w.none);
    for (const e of events) {
      const p = readJson(LineEventPayload, e.payload);
      text(
        when(e.at),
        `****${e.last4}`,
        w.kinds[e.kind],
        p.cause && w.causes[p.cause],
        e.platform,
        p.amountFen !== undefined && money(p.amountFen),
        p.lossFen !== undefined && `${w.loss} ${money(p.lossFen)}`,
        p.reason,
        e.staff_name,
      );
    }
    if (losses.length > 0) {
      section(w.losses);
      for (const l of losses) {
        text(
          `****${l.last4}`,
          l.kind === 'invalid' ? w.kinds.invalid : w.causes.balance_mismatch,
          `${w.loss} ${money(l.lossFen)}`,
          `${w.recovered} ${money(l.recoveredFen)}`,
          `${w.clerk}: ${l.clerkName}`,
          l.reason,
        );
        for (const r of l.recoveries)
          text(
            `   ${when(r.at)}`,
            wordOf(METHOD_WORDS[lang], r.method, r.method),
            money(r.amountFen),
            r.reference,
            r.staffName,
          );
      }
    }

    section(w.journal);
    const chain = this.journal.verify();
    text(`${w.chain}: ${chain.ok ? w.chainOk : `${w.chainBad} #${chain.firstBad?.seq ?? ''}`}`, `${chain.count}`);
    for (const e of entries) {
      text(`#${e.seq}`, when(e.at), e.staffName, describeJournal(e.kind, e.payload, lang));
      out.push({ t: 'mono', text: `   ${e.hash}` });
    }
    return { items: out, tradeNo: t.tradeNo };
  }

  /** The PDF, drawn with the shipped CJK font (and its monospaced face for the receipt and the hashes). */
  async pdf(tradeId: string, madeBy: string): Promise<{ bytes: Buffer; tradeNo: string | null }> {
    const { items, tradeNo } = this.items(tradeId, madeBy);
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 48, bottom: 48, left: 56, right: 56 },
      info: { Title: `${EVIDENCE_WORDS['zh-CN'].title} ${tradeNo ?? tradeId}`, Author: this.shop.get()?.name ?? '' },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.registerFont('cjk', this.fontFile, FACE);
    doc.registerFont('mono', this.fontFile, MONO);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const it of items) {
      if (it.t === 'title') doc.font('cjk').fontSize(16).text(it.text, left, undefined, { width }).moveDown(0.3);
      else if (it.t === 'section') doc.moveDown(0.5).font('cjk').fontSize(12).text(it.text, left).moveDown(0.15);
      else if (it.t === 'mono') doc.font('mono').fontSize(8).text(it.text, left, undefined, { width });
      else doc.font('cjk').fontSize(9).text(it.text, left, undefined, { width });
    }
    doc.end();
    return { bytes: await done, tradeNo };
  }
}
