import type { HandlerMap } from '../context';
import type { Resale } from './service';

export function resaleHandlers(
  resale: Resale,
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
> {
  return {
    'resale.stock': (_ctx, i) => resale.stock(i.state, i.limit),
    'resale.batches': () => resale.batches(),
    'resale.stockPage': (_ctx, i) => resale.stockPage(i.states, i.offset, i.limit),
    'resale.batchPage': (_ctx, i) => resale.batchPage(i.offset, i.limit),
    'resale.createBatch': (ctx, i) => {
      const b = resale.createBatch(i.platform, i.rateBp, i.lineIds, ctx.act());
      ctx.record('resale.batchCreated', b.id, {
        platform: b.platform,
        rateBp: b.rateBp,
        cards: b.cards,
        expectedFen: b.expectedFen,
      });
      return b;
    },
    'resale.reveal': (ctx, i) => {
      const cards = resale.reveal(i.batchId);
      ctx.record('resale.secretsRevealed', i.batchId, { cards: cards.length });
      return cards;
    },
    'resale.settle': (ctx, i) => {
      const b = resale.settleBatch(i.batchId, i.amountFen, ctx.act());
      ctx.record('resale.settled', b.id, {
        amountFen: i.amountFen,
        cards: b.cards,
        realisedMarginFen: b.realisedMarginFen ?? 0,
      });
      return b;
    },
    'resale.settleCard': (ctx, i) => {
      const c = resale.settleCard(i.lineId, i.amountFen, ctx.act());
      ctx.record('resale.cardSettled', i.lineId, { tradeNo: c.tradeNo, last4: c.last4, amountFen: i.amountFen });
      return c;
    },
    'resale.invalid': (ctx, i) => {
      const c = resale.invalid(i.lineId, i.reason, ctx.act());
      ctx.record('resale.invalid', i.lineId, {
        tradeNo: c.tradeNo,
        last4: c.last4,
        reason: i.reason,
        lossFen: c.payoutFen,
      });
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
  };
}
