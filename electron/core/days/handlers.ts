// The business day's calls: open, cash in/out, handover, the counts for the close, the unpaid trades, close and
// seal (with the Z-report printed), the morning rollover of a day left open, and the owner's approval of a pending
// discrepancy.
import { AppError, type DayClosed } from '../../../shared/contract';
import type { Ctx, HandlerMap } from '../context';
import type { Printing } from '../printing/service';
import type { Ledger } from './ledger';
import type { Count, Days } from './service';

export function dayHandlers(
  days: Days,
  ledger: Ledger,
  printing: Printing,
): HandlerMap<
  | 'days.current'
  | 'days.open'
  | 'days.count'
  | 'days.unpaid'
  | 'days.close'
  | 'days.rollover'
  | 'days.cash'
  | 'days.handover'
  | 'days.approve'
> {
  const open = (ctx: Ctx, count: Count) => {
    const d = days.open(ctx.act(), count);
    ctx.record('day.opened', d.id, { businessDate: d.businessDate, floatFen: d.floatFen });
    ctx.emit('day.changed', {});
    return d;
  };
  const counted = (ctx: Ctx, count: Count, limit: boolean) => {
    const c = days.recordCount(ctx.act(), count, limit);
    ctx.record('day.counted', days.requireOpen().id, {
      seq: c.seq,
      countedFen: c.countedFen,
      expectedFen: c.expectedFen,
      discrepancyFen: c.discrepancyFen,
    });
    return c;
  };
  const close = (ctx: Ctx, i: { count?: Count; reason?: string; voidReason?: string }, asFound: boolean): DayClosed => {
    const act = ctx.act();
    // Before the seal reads the journal head: the voids and the count are the day's last entries before it.
    const voided = days.voidUnpaid(i.voidReason);
    for (const v of voided) {
      ctx.record('trade.voided', v.id, {
        tradeNo: null,
        reason: i.voidReason ?? '',
        afterPayment: false,
        atClose: true,
      });
      ctx.emit('trades.changed', { tradeId: v.id });
    }
    if (i.count) counted(ctx, i.count, false);
    const unpaidVoided = voided.length > 0 && i.voidReason ? { count: voided.length, reason: i.voidReason } : null;
    let ledgerHash = '';
    const row = days.close(i.reason, act, asFound, unpaidVoided, (d, closing) => {
      const s = ledger.seal(d, closing);
      ledgerHash = s.ledgerHash;
      return s;
    });
    ctx.record('day.sealed', row.id, {
      businessDate: row.business_date,
      zNumber: row.z_number ?? 0,
      countedFen: row.counted_fen ?? 0,
      expectedFen: row.expected_fen ?? 0,
      discrepancyFen: row.discrepancy_fen ?? 0,
      pendingOwner: row.pending_owner === 1,
      asFound,
      ledgerHash,
      journalHead: row.journal_head ?? '',
      ...(row.close_reason ? { reason: row.close_reason } : {}),
    });
    // The Z-report is written with the seal; the worker sends it after the commit.
    printing.enqueueZ(row.id, act.staffId);
    printing.kick();
    ctx.emit('day.changed', {});
    ctx.emit('day.sealed', { dayId: row.id });
    return { day: days.viewOf(row), report: ledger.report(row.id) };
  };
  return {
    'days.current': (ctx) => days.currentFor(ctx.act()),
    'days.open': (ctx, i) => open(ctx, i.count),
    'days.count': (ctx, i) => {
      const c = counted(ctx, i.count, true);
      ctx.emit('day.changed', {});
      return c;
    },
    'days.unpaid': () => days.unpaid(),
    'days.close': (ctx, i) => close(ctx, i, false),
    'days.rollover': (ctx, i) => {
      const d = days.requireOpen();
      if (!days.viewOf(d).leftOpen)
        throw new AppError('CONFLICT', 'the open day is today’s: close it the usual way', {
          businessDate: d.business_date,
        });
      const closed = close(ctx, i, true);
      return { closed, opened: open(ctx, i.count) };
    },
    'days.cash': (ctx, i) => {
      const m = days.cashMove(i.kind, i.amountFen, i.reason, ctx.act());
      ctx.record(i.kind === 'in' ? 'day.cashIn' : 'day.cashOut', m.id, { amountFen: m.amountFen, reason: m.reason });
      ctx.emit('day.changed', {});
      return m;
    },
    'days.handover': (ctx, i) => {
      const s = days.handover(ctx.act(), i.count);
      ctx.record('day.handover', days.requireOpen().id, {
        seq: s.seq,
        countedFen: s.countedFen,
        expectedFen: s.expectedFen,
        discrepancyFen: s.discrepancyFen,
      });
      ctx.emit('day.changed', {});
      return s;
    },
    'days.approve': (ctx, i) => {
      const d = days.byDate(i.businessDate);
      days.approvePending(d.id, ctx.act(), i.reason);
      ctx.record('day.discrepancyApproved', d.id, {
        businessDate: d.business_date,
        discrepancyFen: d.discrepancy_fen ?? 0,
        reason: i.reason,
      });
      ctx.emit('day.changed', {});
      return days.viewFor(ctx.act(), days.requireOpen());
    },
  };
}
