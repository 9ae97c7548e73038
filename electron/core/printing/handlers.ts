import { AppError } from '../../../shared/contract';
import type { HandlerMap } from '../context';
import type { Settings } from '../settings/service';
import type { Printing } from './service';
import { printerTargetProblem, thisPc, type TargetHost } from './target';

export function printingHandlers(
  printing: Printing,
  settings: Settings,
  pc: TargetHost = thisPc(),
): HandlerMap<
  | 'printing.status'
  | 'printing.jobs'
  | 'printing.preview'
  | 'printing.reprint'
  | 'printing.getSettings'
  | 'printing.updateSettings'
  | 'printing.testPrint'
  | 'printing.openDrawer'
> {
  return {
    'printing.status': () => printing.status(),
    'printing.jobs': (_ctx, i) => printing.jobs(i.tradeId),
    'printing.preview': (_ctx, i) => ({ svg: printing.preview(i.tradeId, i.copy) }),
    'printing.reprint': (ctx, i) => {
      printing.enqueueReprint(i.tradeId, i.copy, ctx.act().staffId);
      ctx.record('print.reprint', i.tradeId, { copy: i.copy });
      printing.kick();
      return printing.jobs(i.tradeId);
    },
    'printing.getSettings': () => settings.get('printer'),
    'printing.updateSettings': (ctx, { confirmOtherHost, ...i }) => {
      // A share on another PC is the one problem the owner may wave through, and that yes goes into the journal.
      const problem = i.target === null ? null : printerTargetProblem(i.target, { host: pc });
      const otherHostConfirmed = problem === 'other_host' && confirmOtherHost;
      if (problem && !otherHostConfirmed)
        throw new AppError('VALIDATION', 'receipts cannot be sent to this printer address', {
          field: 'target',
          problem,
        });
      settings.set('printer', i);
      ctx.record('printer.settings', null, {
        target: i.target,
        cpl: i.cpl,
        timeoutMs: i.timeoutMs,
        shopCopy: i.shopCopy,
        drawerOnCash: i.drawerOnCash,
        ...(otherHostConfirmed ? { otherHostConfirmed } : {}),
      });
      printing.kick();
      return settings.get('printer');
    },
    'printing.testPrint': (ctx) => {
      printing.enqueueTest(ctx.act().staffId);
      ctx.record('print.test', null, {});
      printing.kick();
      return { queued: true as const };
    },
    // Sending is asynchronous, so the journal entry is written in its own transaction first: an attempt to open
    // the drawer is on record whether or not the printer answers.
    'printing.openDrawer': async (ctx, i) => {
      ctx.recordNow('drawer.opened', null, { reason: i.reason });
      await printing.openDrawer();
      return { opened: true as const };
    },
  };
}
