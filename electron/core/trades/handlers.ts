import { AppError } from '../../../shared/contract';
import { normalise } from '../../../shared/domain/normalise';
import type { Ctx, HandlerMap } from '../context';
import type { Journal } from '../journal/service';
import type { Lines } from './lines';
import type { Compliance } from '../compliance/service';
import { customersMatching } from '../compliance/handlers';
import type { Keys } from '../keys/service';
import type { Sql } from '../db/sql';
import type { Printing } from '../printing/service';
import type { Act, Trades } from './service';

/**
 * The actor as the trade service sees it. An override (a watch-list hit let through) needs the owner and a
 * reason: the owner's own, or the approval's; it is journaled as `compliance.override` with the change.
 */
export function act(ctx: Ctx, ref: string | null = null): Act {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'log in first');
  return {
    staffId: actor.id,
    requireOwner: (w) => ctx.requireOwner(w),
    approvedBy: () => ctx.approval?.ownerId ?? null,
    override: (what, reason) => {
      if (!reason && !ctx.approvalOffered()) return null;
      ctx.requireOwner(what);
      const why = reason ?? ctx.approval?.reason ?? null;
      if (why) ctx.record('compliance.override', ref, { what, reason: why, ownerName: ctx.approval?.ownerName ?? actor.name });
      return why;
    },
  };
}

const TRADE_NO = /^[A-Z0-9]{2,8}-\d{8}-\d{4}$/;

type Names =
  | 'trades.create' | 'trades.get' | 'trades.journal' | 'trades.list' | 'trades.addLine' | 'trades.removeLine' | 'trades.verify'
  | 'trades.offer' | 'trades.ask' | 'trades.accept' | 'trades.pay' | 'trades.void' | 'trades.revealCard';

export function tradeHandlers(trades: Trades, lines: Lines, journal: Journal, compliance: Compliance, keys: Keys, sql: Sql, printing: Printing): HandlerMap<Names> {
  const ref = (id: string) => trades.views.get(id);
  return {
    'trades.create': (ctx) => {
      const t = trades.create(act(ctx).staffId);
      ctx.record('trade.created', t.id, {});
      return t;
    },
    'trades.get': (_ctx, i) => (trades.row(i.tradeId), ref(i.tradeId)),
    'trades.journal': (_ctx, i) => (trades.row(i.tradeId), journal.byRef(i.tradeId)),
    'trades.list': (_ctx, i) => {
      const raw = i.query?.normalize('NFKC').trim().toUpperCase();
      const filters = { from: i.from, to: i.to, staffId: i.staffId, limit: i.limit };
      if (!raw) return trades.views.list(filters);
      // A trade number or the last 4 (of a card or a trade number) directly; a full card number by its hash.
      if (TRADE_NO.test(raw)) return trades.views.list({ ...filters, query: raw });
      // A customer's phone or ID number finds their trades (spec §5 search by customer).
      const customers = customersMatching(compliance, keys, sql, raw);
      if (customers.length > 0) return trades.views.list({ ...filters, customerIds: customers.map((c) => c.id) });
      const q = normalise(raw);
      if (q.length >= 8) return trades.views.list({ ...filters, numberHash: lines.hashOf(q) });
      return trades.views.list({ ...filters, query: q });
    },
    'trades.addLine': (ctx, i) => {
      const { tradeId, ...line } = i;
      const t = trades.addLine(tradeId, line, act(ctx, tradeId));
      const added = t.lines[t.lines.length - 1];
      ctx.record('trade.lineAdded', tradeId, { line: added?.position ?? 0, brand: i.brand, form: i.form, last4: added?.last4 ?? '', valueFen: added?.valueFen ?? 0, verifiedHow: i.verifiedHow });
      return t;
    },
    'trades.removeLine': (ctx, i) => {
      const t = trades.removeLine(i.tradeId, i.lineId);
      ctx.record('trade.lineRemoved', i.tradeId, { lineId: i.lineId });
      return t;
    },
    'trades.verify': (ctx, i) => {
      const t = trades.verify(i.tradeId, i.lineId, i.how);
      ctx.record('trade.lineVerified', i.tradeId, { lineId: i.lineId, how: i.how });
      return t;
    },
    'trades.offer': (ctx, i) => {
      const t = trades.offer(i.tradeId, act(ctx), i.manualExit);
      ctx.record('trade.offered', i.tradeId, {
        groups: t.groups.map((g) => ({ key: g.key, bestExitBp: g.bestExitBp, openingBp: g.openingBp })),
        ...(i.manualExit ? { manualExitBp: i.manualExit.exitBp, manualReason: i.manualExit.reason } : {}),
      });
      return t;
    },
    'trades.ask': (ctx, i) => {
      const r = trades.ask(i.tradeId, i.groupKey, i.askBp, act(ctx));
      ctx.record('trade.asked', i.tradeId, { groupKey: i.groupKey, askBp: i.askBp, outcome: r.outcome, rateBp: r.rateBp });
      return r;
    },
    'trades.accept': (ctx, i) => {
      const t = trades.accept(i.tradeId, i.groupKey, i.rateBp, act(ctx));
      ctx.record('trade.agreed', i.tradeId, { groupKey: i.groupKey, rateBp: t.groups.find((g) => g.key === i.groupKey)?.agreedBp ?? 0 });
      return t;
    },
    'trades.pay': (ctx, i) => {
      const a = act(ctx);
      const { trade: t, paid } = trades.pay(i.tradeId, i.requestId, i.parts, a);
      if (paid) {
        ctx.record('trade.paid', i.tradeId, {
          tradeNo: t.tradeNo ?? '', payoutFen: t.payoutFen, roundingFen: t.roundingFen,
          parts: t.payments.map((p) => ({ method: p.method, amountFen: p.amountFen })), cards: t.lines.length,
        });
        ctx.emit('trades.changed', { tradeId: t.id });
        // The receipts are written with the payment; the worker sends them after the commit.
        printing.enqueuePaid(t, a.staffId);
        printing.kick();
      }
      return t;
    },
    'trades.void': (ctx, i) => {
      const t = trades.void(i.tradeId, i.reason, act(ctx));
      ctx.record('trade.voided', i.tradeId, { tradeNo: t.tradeNo, reason: i.reason, afterPayment: t.paidAt !== null });
      ctx.emit('trades.changed', { tradeId: t.id });
      return t;
    },
    'trades.revealCard': (ctx, i) => {
      const r = trades.revealSecret(i.lineId);
      ctx.record('trade.cardRevealed', i.lineId, {});
      return r;
    },
  };
}
