import type { HandlerMap } from '../context';
import type { TradeCustomer } from '../trades/customer';
import type { TradeSearch } from '../trades/search';
import { customerView } from '../trades/views';
import { csvFile, xlsxFile } from '../exports';
import { alertGroups, reportPage, reportRows, type ComplianceReports } from './report';
import type { Compliance } from './service';

type Names =
  | 'customers.attach'
  | 'customers.setIdentity'
  | 'customers.setFundsSource'
  | 'customers.find'
  | 'customers.block'
  | 'customers.unblock'
  | 'customers.reveal'
  | 'watchlist.list'
  | 'watchlist.add'
  | 'watchlist.import'
  | 'watchlist.remove'
  | 'compliance.alerts'
  | 'compliance.alertGroups'
  | 'compliance.report'
  | 'compliance.export';

export function complianceHandlers(d: {
  compliance: Compliance;
  reports: ComplianceReports;
  customers: TradeCustomer;
  search: TradeSearch;
}): HandlerMap<Names> {
  const { compliance, reports, customers, search } = d;
  return {
    'customers.attach': (ctx, i) => {
      const { customer: c, trade } = customers.attach(i.tradeId, i.phone, ctx.act());
      ctx.record('customer.attached', i.tradeId, { customerId: c.id, phoneMasked: c.phone_masked });
      return trade;
    },
    'customers.setIdentity': (ctx, i) => {
      const { tradeId, ...identity } = i;
      const { customer: c, trade, version, replacedIdMasked } = customers.identify(tradeId, identity, ctx.act());
      if (replacedIdMasked !== null) {
        ctx.record('customer.identityChanged', tradeId, {
          customerId: c.id,
          idType: c.id_type ?? '',
          idMasked: c.id_masked ?? '',
          previousIdMasked: replacedIdMasked,
          version: version ?? 0,
        });
      } else if (version !== null) {
        ctx.record('customer.identified', tradeId, {
          customerId: c.id,
          idType: c.id_type ?? '',
          idMasked: c.id_masked ?? '',
        });
      }
      return trade;
    },
    'customers.setFundsSource': (ctx, i) => {
      const r = customers.fundsSource(i.tradeId, i.fundsSource, i.fundsNote);
      if (r.changed) ctx.record('customer.fundsSource', i.tradeId, { fundsSource: i.fundsSource, fundsNote: r.note });
      return r.trade;
    },
    'customers.find': (_ctx, i) => search.customers(i.query),
    'customers.block': (ctx, i) => {
      const c = compliance.setStatus(i.customerId, 'blocked', i.reason);
      ctx.record('customer.blocked', i.customerId, { reason: i.reason });
      return customerView(c);
    },
    'customers.unblock': (ctx, i) => {
      const c = compliance.setStatus(i.customerId, 'active', i.reason);
      ctx.record('customer.unblocked', i.customerId, { reason: i.reason });
      return customerView(c);
    },
    'customers.reveal': (ctx, i) => {
      const r = compliance.revealId(i.customerId, i.tradeId);
      ctx.record('customer.revealed', i.customerId, i.tradeId ? { tradeId: i.tradeId } : {});
      return r;
    },
    'watchlist.list': () => compliance.watchList(),
    'watchlist.add': (ctx, i) => {
      const id = compliance.watchAdd(i.kind, i.number, i.reason, 'hand');
      ctx.record('watchlist.added', id, { kind: i.kind, reason: i.reason });
      return { id };
    },
    'watchlist.import': (ctx, i) => {
      const r = compliance.watchImport(i.text);
      if (r.imported > 0) ctx.record('watchlist.imported', null, { count: r.imported });
      return r;
    },
    'watchlist.remove': (ctx, i) => {
      compliance.watchRemove(i.entryId);
      ctx.record('watchlist.removed', i.entryId, {});
      return { removed: true as const };
    },
    'compliance.alerts': (_ctx, i) => reports.alerts(i.from, i.to),
    'compliance.alertGroups': (_ctx, i) =>
      alertGroups(reports.alerts(i.from, i.to), (id) => compliance.phoneMasked(id), {
        kind: i.kind,
        customerIds: i.customer ? compliance.matching(i.customer).map((c) => c.id) : undefined,
        offset: i.offset,
        limit: i.limit,
      }),
    'compliance.report': (_ctx, i) => reportPage(reports.report(i.from, i.to), i.offsets ?? {}, i.limit),
    // Writing XLSX is asynchronous, so this call is not one transaction: the export is journaled in its own.
    'compliance.export': async (ctx, i) => {
      const rows = reportRows(reports.report(i.from, i.to), reports.paperLanguage());
      const fileName = `compliance-${i.from}-${i.to}.${i.format}`;
      ctx.recordNow('compliance.exported', null, { from: i.from, to: i.to, format: i.format, rows: rows.length - 1 });
      if (i.format === 'csv') return csvFile(fileName, rows);
      return xlsxFile(fileName, [{ name: '合规报告', rows }]);
    },
  };
}
