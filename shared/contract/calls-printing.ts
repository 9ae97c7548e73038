// Receipts and the printer (spec §10).
import { z } from 'zod';
import { call, out } from './define';
import { Id, Reason } from './schemas';
import type { Language } from './views';

export interface PrintJobView {
  id: string;
  kind: 'receipt' | 'test' | 'zreport';
  tradeId: string | null;
  copy: 'customer' | 'shop' | null;
  status: 'pending' | 'printed';
  reprint: number;
  attempts: number;
  lastError: string | null;
  printedAt: string | null;
}

export interface PrinterSettingsView {
  target: string | null;
  cpl: 32 | 48;
  timeoutMs: number;
  shopCopy: boolean;
  drawerOnCash: boolean;
  language: Language;
}

const Target = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .refine(
    (s) => /^tcp:\/\/[^:/\s]+(:\d{1,5})?\/?$/.test(s) || /^\\\\[^\\]+\\[^\\]+$/.test(s) || /^\/dev\/[\w/.-]+$/.test(s),
    'tcp://host:port, \\\\host\\Share or /dev/…',
  );

export const printingCalls = {
  'printing.status': call({
    input: {},
    output: out<{ configured: boolean; pending: number; lastError: string | null }>(),
    role: 'clerk',
    mutates: false,
    summary: 'Whether a printer is set, how many receipts wait, and the last error.',
  }),
  'printing.jobs': call({
    input: { tradeId: Id },
    output: out<PrintJobView[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'The print jobs of a trade.',
  }),
  'printing.preview': call({
    input: { tradeId: Id, copy: z.enum(['customer', 'shop']).default('customer') },
    output: out<{ svg: string }>(),
    role: 'clerk',
    mutates: false,
    summary: 'The receipt as the printer will print it, for the screen.',
  }),
  'printing.reprint': call({
    input: { tradeId: Id, copy: z.enum(['customer', 'shop']).default('customer') },
    output: out<PrintJobView[]>(),
    role: 'clerk',
    mutates: true,
    summary: 'F9: print the receipt again, marked 重印 / REPRINT.',
  }),
  'printing.getSettings': call({
    input: {},
    output: out<PrinterSettingsView>(),
    role: 'owner',
    mutates: false,
    summary: 'The receipt printer settings.',
  }),
  'printing.updateSettings': call({
    input: {
      target: Target.nullable(),
      cpl: z.union([z.literal(32), z.literal(48)]),
      timeoutMs: z.int().min(1000).max(30_000),
      shopCopy: z.boolean(),
      drawerOnCash: z.boolean(),
      language: z.enum(['zh-CN', 'en']),
      /** The owner confirms a printer share on another PC (journaled); a share on this PC needs no confirmation. */
      confirmOtherHost: z.boolean().default(false),
    },
    output: out<PrinterSettingsView>(),
    role: 'owner',
    mutates: true,
    summary: 'Set the receipt printer.',
  }),
  'printing.testPrint': call({
    input: {},
    output: out<{ queued: true }>(),
    role: 'owner',
    mutates: true,
    summary: 'Print a test page.',
  }),
  'printing.openDrawer': call({
    input: { reason: Reason },
    output: out<{ opened: true }>(),
    role: 'owner',
    mutates: false,
    summary: 'Open the cash drawer now (journaled with the reason).',
  }),
};
