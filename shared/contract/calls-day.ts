// The business day (spec §7), the owner's review (§9), resale (§8) and backups: drawer, shifts, close and seal,
// Z-reports, exports, charts, resale batches and events, backups and restore.
import { z } from 'zod';
import { approvableCall, call, out } from './define';
import { Bp, DateStr, Fen, FenOrZero, Id, ONE_LINE, Passphrase, Reason } from './schemas';
import type {
  CashMovementView,
  ChartPoint,
  DayCounted,
  DayListItem,
  DayView,
  JournalVerifyView,
  Page,
  ResaleBatchView,
  ShiftView,
  StockCardView,
  UnpaidTradeView,
  ZReportView,
} from './views';

export const Count = z.partialRecord(
  z.enum(['10000', '5000', '2000', '1000', '500', '100', '50', '10']),
  z.int().min(0).max(100_000),
);

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
}

export interface DayClosed {
  day: DayView;
  report: ZReportView;
}

export interface LedgerCheck {
  ok: boolean;
  journal: JournalVerifyView;
  days: { businessDate: string; zNumber: number; ok: boolean; problem: string | null }[];
}

export interface BackupFile {
  name: string;
  kind: 'intra' | 'daily' | 'monthly' | 'before-restore';
  at: string;
  bytes: number;
  /** The folder it is in: the data folder's backups, or the second target. */
  where: 'data' | 'target';
}

export interface BackupsView {
  target: string | null;
  /** Set when the second target is unset or the last copy to it failed. */
  warning: 'no_target' | 'target_failed' | null;
  lastError: string | null;
  lastBackupAt: string | null;
  files: BackupFile[];
  retention: { intra: number; daily: number; monthly: number };
}

export const dayCalls = {
  'days.count': approvableCall({
    role: 'clerk',
    input: { count: Count },
    output: out<DayCounted>(),
    mutates: true,
    summary:
      'Count the drawer blind for the close: journaled and printed on the Z-report, answered with the expected cash and the discrepancy; one recount is the clerk’s, more need the owner.',
  }),
  'days.unpaid': call({
    input: {},
    output: out<UnpaidTradeView[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'The trades not yet paid (nor voided): listed at handover and at close, which voids them.',
  }),
  'days.close': approvableCall({
    role: 'clerk',
    input: { count: Count.optional(), reason: Reason.optional(), voidReason: Reason.optional() },
    output: out<DayClosed>(),
    mutates: true,
    summary:
      'Close and seal the day with its last count (or this blind count); a discrepancy above the threshold needs a reason and the owner; unpaid trades are voided with one reason.',
  }),
  'days.rollover': call({
    input: { count: Count, reason: Reason.optional(), voidReason: Reason.optional() },
    output: out<{ closed: DayClosed; opened: DayView }>(),
    role: 'clerk',
    mutates: true,
    summary:
      'A day left open: close it with the drawer as found (a large discrepancy sealed pending the owner) and open today with that count.',
  }),
  'days.cash': approvableCall({
    role: 'clerk',
    input: { kind: z.enum(['in', 'out']), amountFen: Fen, reason: Reason },
    output: out<CashMovementView>(),
    mutates: true,
    summary: 'Cash in (a top-up) or cash out (needs the owner).',
  }),
  'days.handover': call({
    input: { count: Count },
    output: out<ShiftView>(),
    role: 'clerk',
    mutates: true,
    summary: 'Shift handover: the outgoing person counts the drawer blind; the expected amount is shown after.',
  }),
  'days.approve': call({
    input: { businessDate: DateStr, reason: Reason },
    output: out<DayView>(),
    role: 'owner',
    mutates: true,
    summary: 'Approve a discrepancy sealed pending the owner: an entry on today’s open day.',
  }),
  'ledger.days': call({
    input: {
      before: DateStr.optional(),
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(400).default(30),
    },
    output: out<Page<DayListItem>>(),
    role: 'owner',
    mutates: false,
    summary: 'Business days, newest first, a page at a time: their figures, state and sync state, and how many in all.',
  }),
  'ledger.report': call({
    input: { businessDate: DateStr },
    output: out<{ report: ZReportView; svg: string }>(),
    role: 'owner',
    mutates: false,
    summary: 'A day’s Z-report (the open day’s figures so far) and the printout as SVG.',
  }),
  'ledger.print': call({
    input: { businessDate: DateStr },
    output: out<{ queued: true }>(),
    role: 'owner',
    mutates: true,
    summary:
      'Print a sealed day’s Z-report again (owner, as its figures and margins are; the close prints it for whoever closed).',
  }),
  'ledger.export': call({
    input: { businessDate: DateStr, format: z.enum(['csv', 'xlsx', 'pdf']) },
    output: out<ExportFile>(),
    role: 'owner',
    mutates: false,
    summary: 'A sealed day as CSV or XLSX (figures and trades) or its Z-report as PDF (journaled).',
  }),
  'ledger.exportDays': call({
    input: { from: DateStr, to: DateStr, format: z.enum(['csv', 'xlsx']) },
    output: out<ExportFile>(),
    role: 'owner',
    mutates: false,
    summary: 'One row per sealed day in a date range (journaled).',
  }),
  'ledger.charts': call({
    input: {},
    output: out<{ days: ChartPoint[]; months: ChartPoint[] }>(),
    role: 'owner',
    mutates: false,
    summary: 'The last 30 days and 12 months: volume, payout, average rate, expected and realised margin.',
  }),
  'ledger.verify': call({
    input: {},
    output: out<LedgerCheck>(),
    role: 'owner',
    mutates: false,
    summary: 'Verify the journal chain and every sealed day’s frozen body against its hash and journal head.',
  }),
  'resale.stock': call({
    input: {
      state: z.enum(['in_stock', 'resold', 'settled', 'invalid', 'own_use']).optional(),
      limit: z.int().min(1).max(2000).default(500),
    },
    output: out<StockCardView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Bought cards with their resale state, oldest first.',
  }),
  'resale.batches': call({
    input: {},
    output: out<ResaleBatchView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Resale batches, newest first.',
  }),
  'resale.stockPage': call({
    input: {
      states: z
        .array(z.enum(['in_stock', 'resold', 'settled', 'invalid', 'own_use']))
        .min(1)
        .max(5)
        .optional(),
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(500).default(100),
    },
    output: out<Page<StockCardView> & { inStock: number }>(),
    role: 'owner',
    mutates: false,
    summary: 'Bought cards in the given states, oldest first, a page at a time, with how many in all and in stock.',
  }),
  'resale.batchPage': call({
    input: {
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(100).default(20),
    },
    output: out<Page<ResaleBatchView>>(),
    role: 'owner',
    mutates: false,
    summary: 'Resale batches, newest first, a page at a time, with how many in all.',
  }),
  'resale.createBatch': call({
    input: {
      platform: z.string().trim().min(1).max(40).regex(ONE_LINE),
      rateBp: Bp,
      lineIds: z.array(Id).min(1).max(500),
      settlementDays: z.int().min(0).max(90).optional(),
    },
    output: out<ResaleBatchView>(),
    role: 'owner',
    mutates: true,
    summary:
      'Group cards in stock into a batch for a platform at a rate (each card marked resold); it is due the platform’s settlement days later (from its quotes unless given).',
  }),
  'resale.reveal': call({
    input: { batchId: Id },
    output: out<{ lineId: string; last4: string; number: string; secret: string | null }[]>(),
    role: 'owner',
    mutates: true,
    summary: 'The numbers and secrets of a batch’s cards, to enter on the platform (journaled).',
  }),
  'resale.settle': call({
    input: { batchId: Id, amountFen: FenOrZero, reason: Reason.optional() },
    output: out<ResaleBatchView>(),
    role: 'owner',
    mutates: true,
    summary:
      'Money received for a whole batch, shared by value across its cards still good; paid below V × rate needs a reason (余额不符).',
  }),
  'resale.settleCard': call({
    input: {
      lineId: Id,
      amountFen: FenOrZero,
      reason: Reason,
      watchCard: z.boolean().default(false),
      watchId: z.boolean().default(false),
    },
    output: out<StockCardView>(),
    role: 'owner',
    mutates: true,
    summary:
      'Money received for one card, with a reason; below V × the batch rate it is a loss (余额不符), and the card and the customer’s ID may go on the watch list in the same step.',
  }),
  'resale.invalid': call({
    input: { lineId: Id, reason: Reason, watchCard: z.boolean().default(false), watchId: z.boolean().default(false) },
    output: out<StockCardView>(),
    role: 'owner',
    mutates: true,
    summary:
      'The platform rejected a card, in stock, in a batch or already paid for (the money is clawed back): its cost is a loss linked to its trade, clerk and customer; the card and the customer’s ID may go on the watch list in the same step.',
  }),
  'resale.ownUse': call({
    input: { lineId: Id, reason: Reason },
    output: out<StockCardView>(),
    role: 'owner',
    mutates: true,
    summary: 'A card bound to the shop’s own account: an exit at its value.',
  }),
  'backups.list': call({
    input: {},
    output: out<BackupsView>(),
    role: 'owner',
    mutates: false,
    summary: 'Backups in the data folder and the second target, and the retention.',
  }),
  'backups.run': call({
    input: {},
    output: out<BackupsView>(),
    role: 'owner',
    mutates: false,
    summary: 'Back up now.',
  }),
  'backups.setTarget': call({
    input: { path: z.string().trim().min(1).max(1000).nullable() },
    output: out<BackupsView>(),
    role: 'owner',
    mutates: true,
    summary: 'The second backup folder (a USB stick or a network folder); null removes it.',
  }),
  'backups.restore': call({
    input: {
      name: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/),
      where: z.enum(['data', 'target']),
      confirmOlder: z.boolean().default(false),
      lastPrintedZ: z
        .int()
        .min(0)
        .max(10 ** 9)
        .optional(),
    },
    output: out<{ restored: string; zNumber: number }>(),
    role: 'owner',
    mutates: false,
    summary:
      'Restore a backup (the current database is backed up first); an older backup than the last sealed day needs confirmation.',
  }),
  'setup.restore': call({
    input: {
      path: z.string().trim().min(1).max(1000),
      passphrase: Passphrase,
      confirmOlder: z.boolean().default(false),
      lastPrintedZ: z
        .int()
        .min(0)
        .max(10 ** 9)
        .optional(),
    },
    output: out<{ restored: string; shopName: string; zNumber: number }>(),
    role: 'public',
    mutates: false,
    summary:
      'First run on a new PC: restore a local backup file with the recovery passphrase (only before setup); the last printed Z number when head office cannot be asked, and a confirmation for a backup older than the last sealed day.',
  }),
};
