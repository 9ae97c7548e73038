import type { HandlerMap } from '../context';
import type { Journal } from '../journal/service';
import type { Printing } from '../printing/service';
import type { ChainCards } from '../sync/cards';
import type { TradeSearch } from './search';
import type { Trades } from './service';

type Names =
  | 'trades.create'
  | 'trades.get'
  | 'trades.journal'
  | 'trades.list'
  | 'trades.page'
  | 'trades.addLine'
  | 'trades.removeLine'
  | 'trades.editLine'
  | 'trades.verify'
  | 'trades.offer'
  | 'trades.ask'
  | 'trades.accept'
  | 'trades.pay'
  | 'trades.void'
  | 'trades.revealCard';

export function tradeHandlers(
  trades: Trades,
  search: TradeSearch,
  journal: Journal,
  printing: Printing,
  chain: Pick<ChainCards, 'checkLater' | 'kick'>,
): HandlerMap<Names> {
  const ref = (id: string) => trades.views.get(id);
  return {
    'trades.create': (ctx) => {
      const t = trades.create(ctx.act());
      ctx.record('trade.created', t.id, {});
      return t;
    },
    'trades.get': (_ctx, i) => (trades.row(i.tradeId), ref(i.tradeId)),
    'trades.journal': (_ctx, i) => (trades.row(i.tradeId), journal.byRef(i.tradeId)),
    'trades.list': (_ctx, i) => search.list(i),
    'trades.page': (_ctx, i) => search.page(i),
    'trades.addLine': (ctx, i) => {
      const { tradeId, ...line } = i;
      const t = trades.addLine(tradeId, line, ctx.act());
      const added = t.lines[t.lines.length - 1];
      ctx.record('trade.lineAdded', tradeId, {
        line: added?.position ?? 0,
        brand: i.brand,
        form: i.form,
        last4: added?.last4 ?? '',
        valueFen: added?.valueFen ?? 0,
        verifiedHow: i.verifiedHow,
      });
      // Head office's card check runs after the answer: adding never waits on the network.
      chain.checkLater(tradeId);
      return t;
    },
    'trades.removeLine': (ctx, i) => {
      const { trade, line } = trades.removeLine(i.tradeId, i.lineId, ctx.act());
      ctx.record('trade.lineRemoved', i.tradeId, {
        lineId: i.lineId,
        line: line.position,
        last4: line.last4,
        valueFen: line.value_fen,
      });
      return trade;
    },
    'trades.editLine': (ctx, i) => {
      const { tradeId, lineId, ...change } = i;
      const { trade, before, after } = trades.editLine(tradeId, lineId, change, ctx.act());
      ctx.record('trade.lineEdited', tradeId, {
        lineId,
        line: before.position,
        last4: before.last4,
        ...(after.value_fen !== before.value_fen ? { fromValueFen: before.value_fen, valueFen: after.value_fen } : {}),
        ...(after.expiry !== before.expiry ? { fromExpiry: before.expiry, expiry: after.expiry } : {}),
        ...(after.notes !== before.notes ? { fromNotes: before.notes, notes: after.notes } : {}),
      });
      return trade;
    },
    'trades.verify': (ctx, i) => {
      const { trade, lines } = trades.verify(i.tradeId, i.lineId, i.how);
      ctx.record('trade.lineVerified', i.tradeId, {
        ...(i.lineId ? { lineId: i.lineId } : {}),
        lines: lines.map((l) => l.position),
        how: i.how,
      });
      return trade;
    },
    'trades.offer': (ctx, i) => {
      const t = trades.offer(i.tradeId, ctx.act(), i.manualExit);
      const waiting = t.lines.filter((l) => l.unpriced !== null).map((l) => l.position);
      ctx.record('trade.offered', i.tradeId, {
        groups: t.groups.map((g) => ({ key: g.key, bestExitBp: g.bestExitBp, openingBp: g.openingBp })),
        ...(i.manualExit ? { manualExitBp: i.manualExit.exitBp, manualReason: i.manualExit.reason } : {}),
        ...(i.manualExit?.lineIds
          ? { manualLines: t.lines.filter((l) => i.manualExit?.lineIds?.includes(l.id)).map((l) => l.position) }
          : {}),
        ...(waiting.length > 0 ? { unpriced: waiting } : {}),
      });
      return t;
    },
    'trades.ask': (ctx, i) => {
      const r = trades.ask(i.tradeId, i.groupKey, i.askBp, ctx.act());
      ctx.record('trade.asked', i.tradeId, {
        groupKey: i.groupKey,
        askBp: i.askBp,
        outcome: r.outcome,
        rateBp: r.rateBp,
      });
      return r;
    },
    'trades.accept': (ctx, i) => {
      const t = trades.accept(i.tradeId, i.groupKey, i.rateBp, ctx.act());
      ctx.record('trade.agreed', i.tradeId, {
        groupKey: i.groupKey,
        rateBp: t.groups.find((g) => g.key === i.groupKey)?.agreedBp ?? 0,
      });
      return t;
    },
    'trades.pay': (ctx, i) => {
      const a = ctx.act();
      const { trade: t, paid } = trades.pay(i.tradeId, i.requestId, i.parts, a, i.overrideReason);
      if (paid) {
        ctx.record('trade.paid', i.tradeId, {
          tradeNo: t.tradeNo ?? '',
          payoutFen: t.payoutFen,
          roundingFen: t.roundingFen,
          parts: t.payments.map((p) => ({ method: p.method, amountFen: p.amountFen })),
          cards: t.lines.length,
        });
        ctx.emit('trades.changed', t.paidAt ? { tradeId: t.id, paidAt: t.paidAt } : { tradeId: t.id });
        // The receipts are written with the payment; the worker sends them after the commit.
        printing.enqueuePaid(t, a.staffId);
        printing.kick();
        chain.kick();
      }
      return t;
    },
    'trades.void': (ctx, i) => {
      const t = trades.void(i.tradeId, i.reason, ctx.act());
      ctx.record('trade.voided', i.tradeId, { tradeNo: t.tradeNo, reason: i.reason, afterPayment: t.paidAt !== null });
      ctx.emit('trades.changed', { tradeId: t.id });
      chain.kick();
      return t;
    },
    'trades.revealCard': (ctx, i) => {
      const r = trades.revealSecret(i.lineId);
      ctx.record('trade.cardRevealed', i.lineId, {});
      return r;
    },
  };
}
