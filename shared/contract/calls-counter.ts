// The counter's calls: catalogue, reference quotes, pricing, the business day and trades.
import { z } from 'zod';
import { approvableCall, call, out } from './define';
import { Count } from './calls-day';
import { Bp, Brand, DateStr, Fen, FenOrZero, Form, Id, ONE_LINE, PaymentMethod, Reason } from './schemas';
import type {
  BrandView,
  DayView,
  JournalEntryView,
  Page,
  PricingView,
  QuoteView,
  TradeListItem,
  TradeView,
} from './views';

const CardText = z.string().min(1).max(64);

const QuoteInput = {
  source: z.string().trim().min(1).max(40).regex(ONE_LINE),
  brand: Brand,
  form: Form,
  minValueFen: FenOrZero,
  maxValueFen: z
    .int()
    .min(1)
    .max(10 ** 11)
    .nullable(),
  rateBp: Bp,
  feeBp: Bp.default(0),
  feeFixedFen: z
    .int()
    .min(0)
    .max(10 ** 9)
    .default(0),
  minAmountFen: FenOrZero.default(0),
  settlementDays: z.int().min(0).max(90).default(0),
  observedAt: z.iso.datetime({ offset: true }).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
};

const BrandForm = z.strictObject({
  form: Form,
  nameZh: z.string().trim().min(1).max(30).regex(ONE_LINE),
  nameEn: z.string().trim().min(1).max(60).regex(ONE_LINE),
  numberPattern: z.string().min(1).max(200),
  numberHint: z.string().max(60).regex(ONE_LINE),
  secretPattern: z.string().min(1).max(200),
  secretHint: z.string().max(60).regex(ONE_LINE),
  secretRequired: z.boolean(),
  maxValueFen: Fen,
  /** Switched off: the counter no longer offers it; cards already bought keep it. */
  active: z.boolean().default(true),
});

const Part = z.strictObject({
  method: PaymentMethod,
  amountFen: Fen,
  reference: z.string().trim().max(64).regex(ONE_LINE).optional(),
});

export const counterCalls = {
  'catalog.list': call({
    input: {},
    output: out<BrandView[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'Brands and forms with their card shapes.',
  }),
  'catalog.upsert': call({
    input: {
      code: Brand,
      nameZh: z.string().trim().min(1).max(30).regex(ONE_LINE),
      nameEn: z.string().trim().min(1).max(60).regex(ONE_LINE),
      active: z.boolean(),
      forms: z.array(BrandForm).min(1).max(2),
    },
    output: out<BrandView[]>(),
    role: 'owner',
    mutates: true,
    summary: 'Add, change or switch off a brand and its forms; each pattern is tried before it is saved.',
  }),
  'quotes.list': call({
    input: {},
    output: out<QuoteView[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'Live reference quotes, stale ones marked.',
  }),
  'quotes.add': call({
    input: QuoteInput,
    output: out<QuoteView>(),
    role: 'owner',
    mutates: true,
    summary: 'Enter a reference quote by hand.',
  }),
  'quotes.update': call({
    input: { quoteId: Id, ...QuoteInput },
    output: out<QuoteView>(),
    role: 'owner',
    mutates: true,
    summary: 'Change a quote (the old one is retired).',
  }),
  'quotes.expire': call({
    input: { quoteId: Id },
    output: out<QuoteView>(),
    role: 'owner',
    mutates: true,
    summary: 'Make a quote stale now.',
  }),
  'quotes.remove': call({
    input: { quoteId: Id },
    output: out<{ removed: true }>(),
    role: 'owner',
    mutates: true,
    summary: 'Retire a quote.',
  }),
  'quotes.renew': call({
    input: { quoteIds: z.array(Id).max(500).optional() },
    output: out<QuoteView[]>(),
    role: 'owner',
    mutates: true,
    summary: '“Quotes still valid”: renew the chosen (default all) quotes.',
  }),
  'quotes.import': call({
    input: { format: z.enum(['csv', 'json']), text: z.string().max(512 * 1024) },
    output: out<{ imported: number; problems: { row: number; field: string; reason: string }[] }>(),
    role: 'owner',
    mutates: true,
    summary: 'Import quotes from CSV or JSON: all rows or none, with a per-row report.',
  }),
  'pricing.preview': call({
    input: { brand: Brand, form: Form, valueFen: Fen },
    output: out<PricingView>(),
    role: 'clerk',
    mutates: false,
    summary: 'Price one card without recording anything.',
  }),
  'days.current': call({
    input: {},
    output: out<DayView | null>(),
    role: 'clerk',
    mutates: false,
    summary: 'The open business day, or the last one.',
  }),
  'days.open': call({
    input: { count: Count },
    output: out<DayView>(),
    role: 'clerk',
    mutates: true,
    summary: 'Open the day with the float counted by denomination.',
  }),
  'trades.create': call({
    input: {},
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary: 'F2: a new trade.',
  }),
  'trades.get': call({
    input: { tradeId: Id },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: false,
    summary: 'One trade with its cards (masked), negotiation and payments.',
  }),
  'trades.journal': call({
    input: { tradeId: Id },
    output: out<JournalEntryView[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'The journal entries of one trade.',
  }),
  'trades.list': call({
    input: {
      query: z.string().trim().max(64).optional(),
      from: DateStr.optional(),
      to: DateStr.optional(),
      staffId: Id.optional(),
      limit: z.int().min(1).max(200).default(50),
    },
    output: out<TradeListItem[]>(),
    role: 'clerk',
    mutates: false,
    summary: 'Search by trade number, last 4, full card number, staff and dates.',
  }),
  'trades.page': call({
    input: {
      query: z.string().trim().max(64).optional(),
      from: DateStr.optional(),
      to: DateStr.optional(),
      staffId: Id.optional(),
      numbered: z.boolean().optional(),
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(200).default(50),
    },
    output: out<Page<TradeListItem>>(),
    role: 'clerk',
    mutates: false,
    summary:
      'The same search a page at a time, with how many trades it finds in all; `numbered` keeps only paid trades (a day’s trades in the ledger).',
  }),
  'trades.addLine': approvableCall({
    role: 'clerk',
    input: {
      tradeId: Id,
      brand: Brand,
      form: Form,
      number: CardText,
      secret: CardText.optional(),
      faceValueFen: Fen,
      valueFen: Fen.optional(),
      expiry: DateStr.optional(),
      notes: z.string().max(200).regex(ONE_LINE).optional(),
      verifiedHow: z.enum(['official', 'customer_screen', 'none']),
      overrideReason: Reason.optional(),
    },
    output: out<TradeView>(),
    mutates: true,
    summary:
      'F3: add a card (number, secret, value, how its balance was checked); a watch-list hit needs the owner and a reason.',
  }),
  'trades.removeLine': call({
    input: { tradeId: Id, lineId: Id },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary:
      'Take a card out before payment: the card is marked, its group offered again, the rounds already made kept.',
  }),
  'trades.editLine': call({
    input: {
      tradeId: Id,
      lineId: Id,
      valueFen: Fen.optional(),
      expiry: DateStr.nullable().optional(),
      notes: z.string().max(200).regex(ONE_LINE).optional(),
    },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary:
      'Correct a card before payment: its value (never above its face value; the card is priced again and every group whose cards change is offered again), expiry or notes.',
  }),
  'trades.verify': call({
    input: { tradeId: Id, lineId: Id.optional(), how: z.enum(['official', 'customer_screen']) },
    output: out<TradeView>(),
    role: 'clerk',
    mutates: true,
    summary: 'Record that a card’s balance (or every card’s, without a line) was just checked.',
  }),
  'trades.offer': approvableCall({
    role: 'clerk',
    input: {
      tradeId: Id,
      manualExit: z
        .strictObject({ exitBp: Bp, reason: Reason, lineIds: z.array(Id).min(1).max(100).optional() })
        .optional(),
    },
    output: out<TradeView>(),
    mutates: true,
    summary:
      'F4: price the cards and make opening offers (a card no quote prices waits, named, without blocking the others); a manual exit rate for the named cards (or every unpriced one) needs the owner.',
  }),
  'trades.ask': call({
    input: { tradeId: Id, groupKey: z.string().min(1).max(200), askBp: Bp },
    output: out<{ outcome: 'agreed' | 'proposal' | 'final'; rateBp: number; trade: TradeView }>(),
    role: 'clerk',
    mutates: true,
    summary: 'F5: the customer asks a rate; the service agrees, proposes or gives a final offer.',
  }),
  'trades.accept': approvableCall({
    role: 'clerk',
    input: { tradeId: Id, groupKey: z.string().min(1).max(200), rateBp: Bp.optional() },
    output: out<TradeView>(),
    mutates: true,
    summary: 'F6: agree at the current offer or the ask; above the ceiling needs the owner.',
  }),
  'trades.pay': approvableCall({
    role: 'clerk',
    input: {
      tradeId: Id,
      requestId: z.string().min(8).max(64),
      parts: z.array(Part).min(1).max(4),
      /** The owner lets through a card another shop of the chain bought (head office's card check), with why. */
      overrideReason: Reason.optional(),
    },
    output: out<TradeView>(),
    mutates: true,
    summary:
      'F8: pay once (safe to retry with the same request id); every card verified within the balance-check window unless the owner approves; a card another shop of the chain bought only with the owner’s reason.',
  }),
  'trades.void': approvableCall({
    role: 'clerk',
    input: { tradeId: Id, reason: Reason },
    output: out<TradeView>(),
    mutates: true,
    summary: 'Void a trade; after payment the owner must approve.',
  }),
  'trades.revealCard': call({
    input: { lineId: Id },
    output: out<{ number: string; secret: string | null }>(),
    role: 'owner',
    mutates: true,
    summary: 'Show a card’s full number and secret (journaled).',
  }),
};
