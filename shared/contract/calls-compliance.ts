// Compliance calls: customers and identity, the watch list, alerts and the owner's report.
import { z } from 'zod';
import { approvableCall, call, out } from './define';
import { DateStr, FundsSourceInput, Id, IdType, ONE_LINE, PersonName, Reason } from './schemas';
import type {
  AlertGroupsView,
  AlertView,
  ComplianceReportPage,
  CustomerHistory,
  CustomerView,
  TradeView,
} from './views';
import type { ExportFile } from './calls-day';

/** One refused row of a watch-list file: its number (0 = the whole file) and why, for the owner's words. */
export interface WatchImportProblem {
  row: number;
  field: 'kind' | 'number' | 'reason' | '(file)';
  reason: 'card_or_id' | 'format' | 'too_short' | 'empty';
}

export const complianceCalls = {
  'customers.attach': call({
    input: { tradeId: Id, phone: z.string().trim().min(5).max(24) },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary: 'F7: the customer’s phone number on this trade.',
  }),
  'customers.setIdentity': approvableCall({
    role: 'clerk',
    input: {
      tradeId: Id,
      name: PersonName,
      idType: IdType,
      idNumber: z.string().trim().min(5).max(40).regex(ONE_LINE),
    },
    output: out<TradeView>(),
    mutates: true,
    summary:
      'F7: the customer’s name and identity document; replacing one on record, or an ID on the watch list, needs the owner.',
  }),
  'customers.setFundsSource': call({
    input: {
      tradeId: Id,
      fundsSource: FundsSourceInput,
      fundsNote: z.string().trim().max(100).regex(ONE_LINE).optional(),
    },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary:
      'F7: where the customer’s cards came from (spec §5), asked whenever identity is required; “other” needs a few words.',
  }),
  'customers.find': call({
    input: { query: z.string().trim().min(4).max(40) },
    output: out<CustomerHistory[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'Find customers by phone or ID number, with their trades and day totals.',
  }),
  'customers.block': call({
    input: { customerId: Id, reason: Reason },
    output: out<CustomerView>(),
    role: 'owner',
    mutates: true,
    summary: 'Block a customer.',
  }),
  'customers.unblock': call({
    input: { customerId: Id, reason: Reason },
    output: out<CustomerView>(),
    role: 'owner',
    mutates: true,
    summary: 'Unblock a customer.',
  }),
  'customers.reveal': call({
    input: { customerId: Id, tradeId: Id.optional() },
    output: out<{ phone: string; idNumber: string | null }>(),
    role: 'owner',
    mutates: true,
    summary:
      'Show a customer’s full phone and ID number, or with a trade the ID that trade was paid under (journaled).',
  }),
  'watchlist.list': call({
    input: {},
    output: out<
      {
        id: string;
        kind: 'card' | 'id';
        hashPrefix: string;
        hashKey: string;
        reason: string;
        source: string;
        addedAt: string;
      }[]
    >(),
    role: 'owner',
    mutates: false,
    summary: 'The watch list (hashes only).',
  }),
  'watchlist.add': call({
    input: { kind: z.enum(['card', 'id']), number: z.string().trim().min(6).max(40).regex(ONE_LINE), reason: Reason },
    output: out<{ id: string }>(),
    role: 'owner',
    mutates: true,
    summary: 'Report a card or ID number lost or stolen (kept as a hash).',
  }),
  'watchlist.import': call({
    input: { text: z.string().max(512 * 1024) },
    output: out<{ imported: number; problems: WatchImportProblem[] }>(),
    role: 'owner',
    mutates: true,
    summary: 'Import `kind,number,reason` rows (kind in English or Chinese): all or none, with a per-row report.',
  }),
  'watchlist.remove': call({
    input: { entryId: Id },
    output: out<{ removed: true }>(),
    role: 'owner',
    mutates: true,
    summary: 'Take an entry off the watch list.',
  }),
  'compliance.alerts': call({
    input: { from: DateStr, to: DateStr },
    output: out<AlertView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Alerts for a range of business dates.',
  }),
  'compliance.alertGroups': call({
    input: {
      from: DateStr,
      to: DateStr,
      kind: z.string().trim().min(1).max(30).optional(),
      customer: z.string().trim().max(64).optional(),
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(200).default(20),
    },
    output: out<AlertGroupsView>(),
    role: 'owner',
    mutates: false,
    summary:
      'Alerts for a range of business dates grouped by kind and customer, with counts; filtered by kind and by a customer’s phone or ID number; a page of groups at a time.',
  }),
  'compliance.report': call({
    input: {
      from: DateStr,
      to: DateStr,
      offsets: z
        .strictObject({
          threshold: z.int().min(0).max(1_000_000).optional(),
          hits: z.int().min(0).max(1_000_000).optional(),
          refusals: z.int().min(0).max(1_000_000).optional(),
          overrides: z.int().min(0).max(1_000_000).optional(),
          alerts: z.int().min(0).max(1_000_000).optional(),
        })
        .optional(),
      limit: z.int().min(1).max(500).default(100),
    },
    output: out<ComplianceReportPage>(),
    role: 'owner',
    mutates: false,
    summary:
      'Threshold trades, watch-list hits, overrides, refusals and alerts, each list a page long with how many in all; identity numbers masked.',
  }),
  'compliance.export': call({
    input: { from: DateStr, to: DateStr, format: z.enum(['csv', 'xlsx']) },
    output: out<ExportFile>(),
    role: 'owner',
    mutates: false,
    summary: 'The compliance report as CSV or XLSX (the export is journaled).',
  }),
};
