// Storing a shop's sealed day exactly once (sync-protocol.md, head-office.md): the days row's primary key decides,
// whichever process or retry arrives first. In the same transaction: the day's cards, the corrections it carries
// applied to earlier cards, and the summaries per shop-day and shop-month (figures.ts) moved by what changed; and,
// for the chain, the cross-shop duplicate alerts its cards make, its customers' payouts (while customer matching is
// on) and the cards recorded invalid proposed for the watch list (alerts.ts).
import { z } from 'zod';
import { noteCustomers, proposeWatch, type ChainSettings } from './alerts';
import { lockCards, raiseDuplicates } from './cards';
import { CardRow, DayRow } from './db/rows';
import type { Db, Queryable } from './db/types';
import { correctionsOf, linesOf, type DayBody, type Trade } from './body';
import { addFigures, Figures, type Card } from './figures';

export type StoreOutcome =
  | { status: 201; warnings: string[] }
  | { status: 200 }
  | { status: 409; held: string; offered: string }
  | { status: 422; reason: string };

const Held = DayRow.pick({ ledger_hash: true });
const Head = DayRow.pick({ journal_head: true });
const Inserted = z.object({ shop_id: z.string() });
const UNIQUE_VIOLATION = '23505';

export type DayCard = Card & { paid_at: string | null; hq_check: string | null };

/** The cards of a body as rows: each trade's lines in order, position from 1 (schema 2 names it). */
export function cardsOf(body: DayBody): DayCard[] {
  return body.trades.flatMap((t: Trade, ti) =>
    linesOf(body, ti).map((l) => ({
      business_date: body.businessDate,
      trade_no: t.tradeNo,
      position: l.position,
      paid_at: t.paidAt ?? null,
      hq_check: l.hqCheck,
      last4: l.last4,
      card_hash: l.cardHash,
      brand: l.brand,
      form: l.form,
      value_fen: l.valueFen,
      rate_bp: l.rateBp,
      payout_fen: l.payoutFen,
      voided: t.status === 'voided',
      outcome: null,
      proceeds_fen: null,
    })),
  );
}

export class Days {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly settings: ChainSettings,
  ) {}

  async store(shopId: string, body: DayBody, text: string): Promise<StoreOutcome> {
    try {
      return await this.db.tx((q) => this.storeIn(q, shopId, body, text));
    } catch (e) {
      // Two trades of this day with a number already held for another day: the body cannot be right.
      if (e instanceof Error && 'code' in e && e.code === UNIQUE_VIOLATION) return { status: 422, reason: 'trades' };
      throw e;
    }
  }

  private async storeIn(q: Queryable, shopId: string, body: DayBody, text: string): Promise<StoreOutcome> {
    const date = body.businessDate;
    const prev = await q.get(
      Head,
      'SELECT journal_head FROM days WHERE shop_id = $1 AND business_date < $2 ORDER BY business_date DESC LIMIT 1',
      [shopId, date],
    );
    const warnings = prev && (body.prevDayJournalHead ?? null) !== prev.journal_head ? ['chain_gap'] : [];
    const inserted = await q.get(
      Inserted,
      `INSERT INTO days (shop_id, business_date, z_number, schema, ledger_hash, journal_head, prev_journal_head,
         grand_total_fen, expected_margin_fen, warnings, body, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (shop_id, business_date) DO NOTHING RETURNING shop_id`,
      [
        shopId,
        date,
        body.zNumber,
        body.schema,
        body.ledgerHash,
        body.journalHead,
        body.prevDayJournalHead ?? null,
        body.summary.grandTotalFen ?? 0,
        body.summary.expectedMarginFen ?? 0,
        JSON.stringify(warnings),
        text,
        this.now(),
      ],
    );
    if (!inserted) {
      // Held already (by a retry, or another process a moment ago): the same ledger is a replay, another a conflict.
      const held = await q.get(Held, 'SELECT ledger_hash FROM days WHERE shop_id = $1 AND business_date = $2', [
        shopId,
        date,
      ]);
      if (held?.ledger_hash === body.ledgerHash) return { status: 200 };
      return { status: 409, held: held?.ledger_hash ?? '', offered: body.ledgerHash };
    }
    const cards = cardsOf(body);
    const figures = new Figures();
    if (cards.length > 0) {
      await q.run(
        `INSERT INTO cards (shop_id, business_date, trade_no, position, last4, card_hash, brand, form, value_fen,
           rate_bp, payout_fen, voided, paid_at, hq_check)
         SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::bigint[], $10::int[], $11::bigint[], $12::boolean[], $13::text[], $14::text[])`,
        [
          shopId,
          date,
          cards.map((c) => c.trade_no),
          cards.map((c) => c.position),
          cards.map((c) => c.last4),
          cards.map((c) => c.card_hash),
          cards.map((c) => c.brand),
          cards.map((c) => c.form),
          cards.map((c) => c.value_fen),
          cards.map((c) => c.rate_bp),
          cards.map((c) => c.payout_fen),
          cards.map((c) => c.voided),
          cards.map((c) => c.paid_at),
          cards.map((c) => c.hq_check),
        ],
      );
    }
    const now = this.now();
    const chained = cards.flatMap((c) =>
      c.card_hash && !c.voided ? [{ tradeNo: c.trade_no, cardHash: c.card_hash, paidAt: c.paid_at }] : [],
    );
    await lockCards(
      q,
      chained.map((c) => c.cardHash),
    );
    await raiseDuplicates(q, shopId, chained, now);
    if (body.schema === 2 && (await this.settings.customerMatching(q))) {
      const customers = body.trades.flatMap((t) =>
        t.status === 'paid' && t.customerHash !== null
          ? [{ customerHash: t.customerHash, payoutFen: t.lines.reduce((s, l) => s + l.payoutFen, 0) }]
          : [],
      );
      await noteCustomers(q, shopId, date, customers, await this.settings.identityDayFen(q), now);
    }
    for (const c of cards) if (!c.voided) figures.add(c, 1);
    figures.day(date, body.summary.expectedMarginFen ?? 0);
    await this.applyCorrections(q, shopId, body, figures);
    await addFigures(q, shopId, figures);
    return { status: 201, warnings };
  }

  /** Every void and after-sale event of the day, applied to the cards they name (any earlier day of the shop). */
  private async applyCorrections(q: Queryable, shopId: string, body: DayBody, figures: Figures): Promise<void> {
    const cardCols =
      'business_date, trade_no, position, brand, form, value_fen, payout_fen, voided, outcome, proceeds_fen, card_hash';
    // Schema 2 names a card by trade and position; schema 1 by trade and last 4 (the first still without an outcome).
    const named = (c: { position?: number; last4?: string }): { where: string; param: number | string } =>
      c.position !== undefined
        ? { where: 'position = $3', param: c.position }
        : { where: 'last4 = $3', param: c.last4 ?? '' };
    for (const c of correctionsOf(body)) {
      if (c.kind === 'void' && c.tradeNo) {
        const voided = await q.all(
          CardRow,
          `UPDATE cards SET voided = true WHERE shop_id = $1 AND trade_no = $2 AND NOT voided RETURNING ${cardCols}`,
          [shopId, c.tradeNo],
        );
        for (const v of voided) figures.add(v, -1);
      } else if (c.kind === 'resold' && c.tradeNo && c.batchId) {
        const n = named(c);
        await q.run(
          `UPDATE cards SET batch_id = $4 WHERE (shop_id, trade_no, position) = (
             SELECT shop_id, trade_no, position FROM cards WHERE shop_id = $1 AND trade_no = $2 AND ${n.where}
             ORDER BY (batch_id IS NULL) DESC, position LIMIT 1)`,
          [shopId, c.tradeNo, n.param, c.batchId],
        );
      } else if (c.kind !== 'void' && c.kind !== 'resold' && c.tradeNo) {
        const n = named(c);
        const card = await q.get(
          CardRow,
          `SELECT ${cardCols} FROM cards WHERE shop_id = $1 AND trade_no = $2 AND ${n.where}
           ORDER BY (outcome IS NULL) DESC, position LIMIT 1`,
          [shopId, c.tradeNo, n.param],
        );
        if (card && c.kind === 'invalid' && card.card_hash)
          await proposeWatch(
            q,
            { hash: card.card_hash, shopId, tradeNo: card.trade_no, position: card.position, date: body.businessDate },
            this.now(),
          );
        if (card)
          await this.settle(
            q,
            shopId,
            card,
            c.kind,
            c.kind === 'own_use' ? card.value_fen : (c.amountFen ?? 0),
            figures,
          );
      } else if (c.kind === 'settled' && c.batchId) {
        // A batch settled as a whole: shared over its cards still waiting by value, the remainder a fen at a time
        // from the first (the shop's own rule, docs/head-office.md).
        const open = await q.all(
          CardRow,
          `SELECT ${cardCols} FROM cards WHERE shop_id = $1 AND batch_id = $2 AND outcome IS NULL AND NOT voided
           ORDER BY business_date, trade_no, position`,
          [shopId, c.batchId],
        );
        for (const [card, share] of shares(open, c.amountFen ?? 0))
          await this.settle(q, shopId, card, 'settled', share, figures);
      }
    }
  }

  private async settle(
    q: Queryable,
    shopId: string,
    card: z.infer<typeof CardRow>,
    outcome: 'settled' | 'invalid' | 'own_use',
    proceeds: number,
    figures: Figures,
  ): Promise<void> {
    await q.run(
      'UPDATE cards SET outcome = $4, proceeds_fen = $5 WHERE shop_id = $1 AND trade_no = $2 AND position = $3',
      [shopId, card.trade_no, card.position, outcome, proceeds],
    );
    if (card.voided) return;
    const before = card.outcome ? (card.proceeds_fen ?? 0) - card.payout_fen : 0;
    figures.realise(card, proceeds - card.payout_fen - before);
  }
}

/** `amount` shared over cards by value, floors first, then the remainder a fen at a time from the first. */
export function shares<C extends { value_fen: number }>(cards: C[], amount: number): [C, number][] {
  const total = cards.reduce((s, c) => s + c.value_fen, 0);
  if (cards.length === 0) return [];
  // In bigint: a batch's amount times a card's value can pass 2^53.
  const out = cards.map((c) => (total > 0 ? Number((BigInt(amount) * BigInt(c.value_fen)) / BigInt(total)) : 0));
  let rest = amount - out.reduce((s, x) => s + x, 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i] = (out[i] ?? 0) + 1;
  return cards.map((c, i) => [c, out[i] ?? 0]);
}
