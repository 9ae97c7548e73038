// After-sale per card (spec §8, issue 16): due dates of resale batches, losses with their trade, clerk and customer,
// money recovered from the customer, the watch list offered for a loss, the counter's warning, and the evidence PDF
// of a trade for a dispute or a police request (协查).
import { z } from 'zod';
import { call, out } from './define';
import { DateStr, Fen, Id, ONE_LINE, PaymentMethod, Reason } from './schemas';
import type { ExportFile } from './calls-day';
import type { CustomerAfterSaleView, LossView, OverdueBatchView, ResaleBatchView } from './views';

export const afterSaleCalls = {
  'resale.setDueDate': call({
    input: { batchId: Id, dueDate: DateStr, reason: Reason },
    output: out<ResaleBatchView>(),
    role: 'owner',
    mutates: true,
    summary: 'Change a batch’s expected settlement date (not before the day it was sent), with a reason.',
  }),
  'resale.overdue': call({
    input: {},
    output: out<OverdueBatchView[]>(),
    role: 'owner',
    mutates: false,
    summary: 'Batches past their expected settlement date with cards still waiting for money (到账延迟).',
  }),
  'resale.losses': call({
    input: { open: z.boolean().default(false), limit: z.int().min(1).max(500).default(200) },
    output: out<LossView[]>(),
    role: 'owner',
    mutates: false,
    summary:
      'Losses (invalid cards, short payments), newest first, with trade, clerk, customer and what was recovered.',
  }),
  'resale.recover': call({
    input: {
      lossId: Id,
      method: PaymentMethod,
      amountFen: Fen,
      reference: z.string().trim().min(1).max(64).regex(ONE_LINE).optional(),
    },
    output: out<LossView>(),
    role: 'owner',
    mutates: true,
    summary:
      'Money recovered from the customer for a loss: an entry on today’s open day naming the trade and the card (cash goes into the drawer as a cash in).',
  }),
  'resale.watchLoss': call({
    input: { lossId: Id, card: z.boolean(), id: z.boolean() },
    output: out<LossView>(),
    role: 'owner',
    mutates: true,
    summary: 'Put a loss’s card and the customer’s ID (if recorded) on the watch list.',
  }),
  'customers.afterSale': call({
    input: { customerId: Id },
    output: out<CustomerAfterSaleView>(),
    role: 'clerk',
    mutates: false,
    summary: 'How many invalid cards and losses are on record for a customer: the counter warns when they come back.',
  }),
  'ledger.evidence': call({
    input: { tradeId: Id },
    output: out<ExportFile>(),
    role: 'owner',
    mutates: false,
    summary:
      'One PDF with a trade’s evidence for a dispute or a police request: the receipt as printed, quotes, balance checks, rounds, approvals, after-sale events and journal entries with their hashes (journaled).',
  }),
};
