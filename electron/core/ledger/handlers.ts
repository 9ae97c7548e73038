// The owner's review (spec §9): the calls over the Review service and the day's printed Z-report.
import type { HandlerMap } from '../context';
import type { Days } from '../days/service';
import type { Ledger } from '../days/ledger';
import type { Printing } from '../printing/service';
import { pdfFile } from '../exports';
import type { Evidence } from './evidence';
import type { Review } from './service';

export function ledgerHandlers(
  review: Review,
  days: Days,
  ledger: Ledger,
  printing: Printing,
  evidence: Evidence,
): HandlerMap<
  | 'ledger.days'
  | 'ledger.report'
  | 'ledger.print'
  | 'ledger.export'
  | 'ledger.exportDays'
  | 'ledger.charts'
  | 'ledger.verify'
  | 'ledger.evidence'
> {
  return {
    'ledger.days': (_ctx, i) => review.daysList(i.before, i.offset, i.limit),
    'ledger.report': (_ctx, i) => {
      const d = days.byDate(i.businessDate);
      return { report: ledger.report(d.id), svg: printing.zPreview(d.id) };
    },
    'ledger.print': (ctx, i) => {
      const d = review.sealedDay(i.businessDate);
      printing.enqueueZ(d.id, ctx.act().staffId);
      ctx.record('day.zPrinted', d.id, { businessDate: d.business_date, zNumber: d.z_number ?? 0 });
      printing.kick();
      return { queued: true };
    },
    // Writing XLSX and PDF is asynchronous, so these calls are not one transaction: the export is journaled in its own.
    'ledger.export': async (ctx, i) => {
      const d = review.sealedDay(i.businessDate);
      ctx.recordNow('ledger.exported', d.id, { businessDate: d.business_date, format: i.format });
      return review.dayFile(d, i.format);
    },
    'ledger.exportDays': async (ctx, i) => {
      const rows = review.daysRows(i.from, i.to);
      ctx.recordNow('ledger.exported', null, { from: i.from, to: i.to, format: i.format, rows: rows.length - 1 });
      return review.daysFile(i.from, i.to, i.format, rows);
    },
    'ledger.charts': () => review.charts(),
    'ledger.verify': () => review.verify(),
    // Writing the PDF is asynchronous, so the export is journaled in its own transaction (as the day's files are).
    'ledger.evidence': async (ctx, i) => {
      const act = ctx.act();
      const { bytes, tradeNo } = await evidence.pdf(i.tradeId, act.name);
      ctx.recordNow('trade.evidenceExported', i.tradeId, { tradeNo: tradeNo ?? '' });
      return pdfFile(`evidence-${tradeNo ?? i.tradeId}.pdf`, bytes);
    },
  };
}
