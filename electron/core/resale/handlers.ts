import type { Ctx, HandlerMap } from '../context';
import type { Losses } from './losses';
import type { Resale } from './service';

export function resaleHandlers(
  resale: Resale,
  losses: Losses,
): HandlerMap<
  | 'resale.stock'
  | 'resale.batches'
  | 'resale.stockPage'
  | 'resale.batchPage'
  | 'resale.createBatch'
  | 'resale.reveal'
  | 'resale.settle'
  | 'resale.settleCard'
  | 'resale.invalid'
  | 'resale.ownUse'
  | 'resale.setDueDate'
  | 'resale.overdue'
  | 'resale.losses'
  | 'resale.recover'
  | 'resale.watchLoss'
  | 'customers.afterSale'
> {
  /** The watch list offered with a loss, in the same step: one journal entry per entry added. */
  const watch = (ctx: Ctx, lossId: string, card: boolean, id: boolean) => {
    if (!card && !id) return;
    for (const w of losses.watch(lossId, card, id))
      ctx.record('watchlist.added', w.entryId, { kind: w.kind, reason: w.reason, lossId });
  };
  return {
    'resale.stock': (_ctx, i) => resale.stock(i.state, i.limit),
    'resale.batches': () => resale.batches(),
    'resale.stockPage': (_ctx, i) => resale.stockPage(i.states, i.offset, i.limit),
    'resale.batchPage': (_ctx, i) => resale.batchPage(i.offset, i.limit),
    'resale.createBatch': (ctx, i) => {
      const b = resale.createBatch(i.platform, i.rateBp, i.lineIds, i.settlementDays, ctx.act());
      ctx.record('resale.batchCreated', b.id, {
        platform: b.platform,
        rateBp: b.rateBp,
        cards: b.cards,
        expectedFen: b.expectedFen,
        dueDate: b.dueDate,
      });
      return b;
    },
    'resale.reveal': (ctx, i) => {
      const cards = resale.reveal(i.batchId);
      ctx.record('resale.secretsRevealed', i.batchId, { cards: cards.length });
      return cards;
    },
    'resale.settle': (ctx, i) => {
      const b = resale.settleBatch(i.batchId, i.amountFen, i.reason, ctx.act());
      const shortFen = b.lines.reduce((s, l) => s + l.shortFen, 0);
      ctx.record('resale.settled', b.id, {
        amountFen: i.amountFen,
        cards: b.cards,
        realisedMarginFen: b.realisedMarginFen ?? 0,
        ...(shortFen > 0 ? { lossFen: shortFen, reason: i.reason ?? '' } : {}),
      });
      return b;
    },
    'resale.settleCard': (ctx, i) => {
      const { card: c, eventId } = resale.settleCard(i.lineId, i.amountFen, i.reason, ctx.act());
      ctx.record('resale.cardSettled', i.lineId, {
        tradeNo: c.tradeNo,
        last4: c.last4,
        amountFen: i.amountFen,
        reason: i.reason,
        ...(c.shortFen > 0 ? { lossFen: c.shortFen } : {}),
      });
      if (c.shortFen > 0) watch(ctx, eventId, i.watchCard, i.watchId);
      return c;
    },
    'resale.invalid': (ctx, i) => {
      const { card: c, eventId, clawedBackFen } = resale.invalid(i.lineId, i.reason, ctx.act());
      ctx.record('resale.invalid', i.lineId, {
        tradeNo: c.tradeNo,
        last4: c.last4,
        reason: i.reason,
        lossFen: c.payoutFen,
        ...(clawedBackFen !== 0 ? { clawedBackFen } : {}),
      });
      watch(ctx, eventId, i.watchCard, i.watchId);
      return c;
    },
    'resale.ownUse': (ctx, i) => {
      const c = resale.ownUse(i.lineId, i.reason, ctx.act());
      ctx.record('resale.ownUse', i.lineId, {
        tradeNo: c.tradeNo,
        last4: c.last4,
        reason: i.reason,
        valueFen: c.valueFen,
      });
      return c;
    },
    'resale.setDueDate': (ctx, i) => {
      const { batch, from } = resale.setDueDate(i.batchId, i.dueDate);
      ctx.record('resale.dueDateChanged', i.batchId, {
        platform: batch.platform,
        from,
        to: batch.dueDate,
        reason: i.reason,
      });
      return batch;
    },
    'resale.overdue': () => resale.overdue(),
    'resale.losses': (_ctx, i) => losses.list(i.open, i.limit),
    'resale.recover': (ctx, i) => {
      const { loss } = losses.recover(i.lossId, i.method, i.amountFen, i.reference, ctx.act());
      ctx.record('resale.lossRecovered', i.lossId, {
        tradeNo: loss.tradeNo,
        last4: loss.last4,
        method: i.method,
        amountFen: i.amountFen,
        lossFen: loss.lossFen,
        recoveredFen: loss.recoveredFen,
      });
      ctx.emit('day.changed', {});
      return loss;
    },
    'resale.watchLoss': (ctx, i) => {
      watch(ctx, i.lossId, i.card, i.id);
      return losses.loss(i.lossId);
    },
    'customers.afterSale': (_ctx, i) => losses.customerRecord(i.customerId),
  };
}
