// What calls answer with. Plain data: ids, integers, ISO times; never a secret.
import type { MinRole } from './define';
import type { Form, QuoteTerms } from '../domain/pricing';
import type { FundsSource, IdType, Language, PaymentMethod } from '../domain/codes';
import type { DayFigures } from '../domain/day-figures';

export type StaffRole = Exclude<MinRole, 'public' | 'display'>;
export type { Language } from '../domain/codes';
export type { DayFigures, DayFigureKey } from '../domain/day-figures';

export interface SessionView {
  staffId: string;
  name: string;
  role: StaffRole;
  locked: boolean;
  /** Milliseconds of inactivity before the session locks. */
  idleLockMs: number;
}

/** A wrong PIN typed against an owner for an approval in someone else's session. */
export interface FailedApprovalView {
  at: string;
  /** The call the approval was for. */
  call: string;
  /** Who sent it, when known. */
  byName: string | null;
}

export interface LoginView extends SessionView {
  /** Since this person's last login: shown to them once. */
  failedApprovals: FailedApprovalView[];
  /** The PIN just typed is one a guesser tries first (one digit repeated, a run): the window asks for a new one. */
  weakPin: boolean;
}

export interface ShopView {
  name: string;
  code: string;
  address: string;
  phone: string;
  licenceNo: string;
}

export interface StatusView {
  setup: 'needed' | 'done';
  keys: 'ready' | 'locked' | 'none';
  keyStore: { kind: string; osEncrypted: boolean };
  shop: ShopView | null;
  language: Language;
  session: SessionView | null;
  testMode: boolean;
  schemaVersion: number;
}

export interface StaffListItem {
  id: string;
  name: string;
  role: StaffRole;
}

export interface StaffView extends StaffListItem {
  active: boolean;
  /** `138****5678`, or '' when none was given. */
  phoneMasked: string;
  lockedUntil: string | null;
  failedPins: number;
  createdAt: string;
}

/** What the counter and the shell read (any staff): the settings their words and checks quote. */
export interface SettingsView {
  idleLockMinutes: number;
  language: Language;
  cashRounding: 'none' | 'jiao' | 'yuan';
  verifyWindowMinutes: number;
  /** Minutes after local midnight past which a still-open day warns (04:00 = 240). */
  cutoffMinutes: number;
  identityTradeFen: number;
  identityDayFen: number;
  noCashDayFen: number;
  unsoldHoursE: number;
  unsoldHoursPhysical: number;
}

export interface JournalEntryView {
  seq: number;
  at: string;
  staff: string | null;
  staffName: string | null;
  kind: string;
  ref: string | null;
  payload: unknown;
  hash: string;
}

export interface JournalVerifyView {
  ok: boolean;
  count: number;
  head: string;
  firstBad: { seq: number; reason: 'hash' | 'prevHash' | 'seq' } | null;
}

export interface QuoteView extends QuoteTerms {
  id: string;
  origin: 'shipped' | 'owner' | 'import' | 'feed';
  observedAt: string;
  expiresAt: string;
  stale: boolean;
}

export interface Explanation {
  basis:
    | { kind: 'quote'; quoteId: string; source: string; settlementDays: number; band: [number, number | null] }
    | { kind: 'fallback'; fromBp: number; discountBp: number }
    | { kind: 'manual'; reason: string };
  verdicts: {
    quoteId: string;
    source: string;
    form: Form;
    rateBp: number;
    netBp: number | null;
    reason: string | null;
  }[];
  adjustments: { kind: 'tier' | 'calendar' | 'promotion'; name: string; bp: number; minValueFen?: number }[];
  capitalCostBpPerDay: number;
  policy: { targetMarginBp: number; minMarginBp: number; openingDiscountBp: number; stepBp: number };
}

export interface PricingView {
  brand: string;
  form: Form;
  valueFen: number;
  groupKey: string;
  bandMinFen: number;
  bandMaxFen: number | null;
  tierBp: number;
  bestExitBp: number;
  adjBp: number;
  stepBp: number;
  /** The round limit a group offered at this price keeps. */
  maxRounds: number;
  hardCapBp: number;
  ceilingBp: number;
  targetBp: number;
  openingBp: number;
  explanation: Explanation;
}

export interface DayView {
  id: string;
  businessDate: string;
  status: 'open' | 'closed';
  openedAt: string;
  floatFen: number;
  /** What the drawer should hold; null for a clerk while the day is open: the count is blind (spec §7). */
  expectedCashFen: number | null;
  closedAt: string | null;
  countedFen: number | null;
  discrepancyFen: number | null;
  /** The open day's cut-off has passed (spec §1): it takes no more payments and is rolled over. */
  pastCutoff: boolean;
  /**
   * The open day was left open past its cut-off: whoever arrives closes it with the drawer as found and opens
   * today (spec §7). The same as `pastCutoff`; between midnight and the cut-off the day is still today's.
   */
  leftOpen: boolean;
  /** Local midnight has passed since the day's date (the open day runs on until `cutoff`). */
  pastMidnight: boolean;
  /** The shop's cut-off, local `HH:mm`: the morning after its date the day takes no more payments. */
  cutoff: string;
  /** A sealed day whose business period runs until the cut-off: the counter says so and opens the next date. */
  sealedToday: boolean;
  /** The drawer counts taken to close it (spec §7); a clerk's view of the open day has no figures but the count. */
  counts: DayCountLine[];
  zNumber: number | null;
  /** Sealed with a discrepancy above the threshold that the owner has not yet approved. */
  pendingOwner: boolean;
  closedAsFound: boolean;
  cashInFen: number;
  cashOutFen: number;
  movements: CashMovementView[];
  shifts: DayShiftView[];
}

export interface CashMovementView {
  id: string;
  kind: 'in' | 'out';
  amountFen: number;
  reason: string;
  at: string;
  staffName: string;
  approvedByName: string | null;
}

export interface ShiftView {
  seq: number;
  at: string;
  staffName: string;
  countedFen: number;
  expectedFen: number;
  discrepancyFen: number;
}

/** A count of the drawer for the close: what was counted, what the drawer should have held then, the difference. */
export interface DayCountView {
  seq: number;
  at: string;
  staffName: string;
  countedFen: number;
  expectedFen: number;
  discrepancyFen: number;
}

/** A close count in a day view: the figures are null in a clerk's view of the open day, as a handover's are. */
export type DayCountLine = Omit<DayCountView, 'expectedFen' | 'discrepancyFen'> & {
  expectedFen: number | null;
  discrepancyFen: number | null;
};

/** The answer to a count for the close (shown after the count is entered, spec §7). */
export interface DayCounted extends DayCountView {
  /** Above the shop's threshold either way: closing needs a reason and the owner. */
  aboveThreshold: boolean;
  thresholdFen: number;
  /** Whether one more count is the clerk's (one recount; after that the owner's). */
  recountAllowed: boolean;
}

/** A trade not paid (nor voided) while the day is open: listed at handover and close, voided by the close. */
export interface UnpaidTradeView {
  id: string;
  status: 'draft' | 'quoted' | 'agreed';
  createdAt: string;
  staffName: string;
  cards: number;
  valueFen: number;
  /** What the customer was offered so far (0 before an offer). */
  offerFen: number;
}

/** A handover in a day view: the figures are null in a clerk's view of the open day (an earlier one would tell the expected cash). */
export type DayShiftView = Omit<ShiftView, 'expectedFen' | 'discrepancyFen'> & {
  expectedFen: number | null;
  discrepancyFen: number | null;
};

export type SyncState = 'pending' | 'sent' | 'conflict' | 'rejected';

/** One page of a long list: the items, how many there are in all, and where this page starts. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface DayListItem {
  id: string;
  businessDate: string;
  status: 'open' | 'closed';
  zNumber: number | null;
  /** The day's figures as its Z-report states them (the open day's so far): shared/domain/day-figures.ts. */
  figures: DayFigures;
  discrepancyFen: number | null;
  pendingOwner: boolean;
  /** null for the open day and for days closed before the seal existed. */
  sync: SyncState | null;
}

/** The Z-report (spec §7): every figure in fen and bp; what is sealed is exactly this. */
export interface ZReportView {
  shop: { name: string; code: string };
  businessDate: string;
  /** null while the day is open (an X-report: the same figures so far). */
  zNumber: number | null;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  brands: {
    brand: string;
    form: Form;
    name: string;
    cards: number;
    valueFen: number;
    payoutFen: number;
    averageRateBp: number;
  }[];
  totals: { trades: number; cards: number; valueFen: number; payoutFen: number; averageRateBp: number };
  payments: { method: PaymentMethod; count: number; amountFen: number }[];
  roundingFen: number;
  staff: { name: string; trades: number; payoutFen: number }[];
  voids: {
    tradeNo: string;
    paidDate: string;
    at: string;
    payoutFen: number;
    refundCashFen: number;
    reason: string;
    staffName: string;
    approvedBy: string | null;
  }[];
  voidedPayoutFen: number;
  netPayoutFen: number;
  /**
   * After-sale rows recorded on the day: line events by kind (a settlement without the claw-backs), then `clawback`
   * (cards, the money taken back as a negative amount) and `recovered` (recoveries from customers, their amount).
   */
  resale: {
    kind: 'resold' | 'settled' | 'invalid' | 'own_use' | 'clawback' | 'recovered';
    cards: number;
    amountFen: number;
  }[];
  /** `tradeNo` and `amountFen` since the Z-report named them (absent from those sealed before). */
  approvals: {
    at: string;
    what: string;
    ownerName: string;
    reason: string;
    tradeNo?: string | null;
    amountFen?: number | null;
  }[];
  cash: {
    floatFen: number;
    cashInFen: number;
    cashOutFen: number;
    payoutsFen: number;
    refundsFen: number;
    expectedFen: number;
    countedFen: number | null;
    discrepancyFen: number | null;
    reason: string | null;
    pendingOwner: boolean;
    closedAsFound: boolean;
    movements: CashMovementView[];
    shifts: ShiftView[];
  };
  expectedMarginFen: number;
  alerts: { kind: string; tradeNo: string | null; detail: string }[];
  journalHead: string | null;
  grandTotalFen: number;
  /** Every count of the drawer for the close, a recount included (absent from Z-reports sealed before). */
  closeCounts?: DayCountView[];
  /** The unpaid trades the close voided, with the one reason given (absent from Z-reports sealed before). */
  unpaidVoided?: { count: number; reason: string } | null;
  /**
   * Every change of the owner's settings and brands since the previous seal; absent from the Z-reports sealed
   * before the shop kept this list, which print as they did.
   */
  settingsChanges?: ZSettingChange[];
  /** After-sale events recorded on this day (absent from Z-reports sealed before the shop kept them). */
  afterSale?: ZAfterSale;
}

/**
 * The day's after-sale figures, by the day each event was **recorded** (not the day the card was bought, which is
 * what the charts' realised margin follows): the two are labelled apart and are not compared.
 */
export interface ZAfterSale {
  /** Cards found invalid today (卡片无效) and their cost, the loss. */
  invalid: { cards: number; lossFen: number };
  /** Cards paid below V × the batch rate today, one by one (余额不符), and the shortfall, the loss. */
  shortPaid: { cards: number; shortFen: number };
  /** Batches paid short as a whole today (no card named: a platform's fee or discount) and the shortfall. */
  batchShort?: { batches: number; shortFen: number };
  /** Money platforms took back today for cards they had paid for and then rejected. */
  clawedBack: { cards: number; amountFen: number };
  /** Money recovered from customers today for losses; the cash part is in the drawer's cash in. */
  recovered: { count: number; amountFen: number; cashFen: number };
  /** The realised margin of today's after-sale events (each card's cost counted on the event that ended it). */
  realisedMarginFen: number;
  /** Batches past their expected settlement date today with cards still waiting for money (到账延迟). */
  overdueBatches: number;
}

/**
 * One change of a setting, a brand, the printer, head office or the backup place, as its journal entry recorded
 * it: the words come from the kind and payload (shared/words), the group is what paper counts by.
 */
export interface ZSettingChange {
  at: string;
  staffName: string | null;
  kind: string;
  /** `compliance`, `day`, `pricing`, `brands` or `other`. */
  group: string;
  /** The entry's reference: a brand's code for `catalog.upserted`. */
  ref: string | null;
  payload: Record<string, unknown>;
}

export interface ChartPoint {
  /** YYYY-MM-DD for days, YYYY-MM for months. */
  key: string;
  trades: number;
  valueFen: number;
  payoutFen: number;
  averageRateBp: number;
  expectedMarginFen: number;
  realisedMarginFen: number;
}

export type CardState = 'in_stock' | 'resold' | 'settled' | 'invalid' | 'own_use';

export interface StockCardView {
  lineId: string;
  tradeNo: string;
  paidAt: string;
  brand: string;
  form: Form;
  last4: string;
  valueFen: number;
  payoutFen: number;
  state: CardState;
  batchId: string | null;
  /** Proceeds expected (at the batch rate) or received; null while in stock. */
  proceedsFen: number | null;
  realisedMarginFen: number | null;
  customerPhoneMasked: string | null;
  /** The ID the trade was paid under (else the customer's), masked: whether it can go on the watch list. */
  customerIdMasked: string | null;
  /** Who bought the card. */
  clerkName: string;
  /** V × the batch rate, for a card in a batch. */
  expectedFen: number | null;
  /** Paid below what was expected, alone (余额不符, a loss) or as its part of a batch paid short; 0 otherwise. */
  shortFen: number;
  /** Money a platform took back after rejecting the card it had paid for; 0 otherwise. */
  clawedBackFen: number;
}

export interface ResaleBatchView {
  id: string;
  platform: string;
  rateBp: number;
  createdAt: string;
  cards: number;
  valueFen: number;
  costFen: number;
  expectedFen: number;
  settledFen: number | null;
  realisedMarginFen: number | null;
  lines: StockCardView[];
  /** Days the platform takes to pay (from its reference quotes unless the owner said otherwise). */
  settlementDays: number;
  /** The expected settlement date: the business date it was sent plus its settlement days (editable). */
  dueDate: string;
  /** Cards still waiting for money. */
  waitingCards: number;
  /** Money received for its cards so far (net of claw-backs). */
  receivedFen: number;
  /** Past its due date with cards still waiting (到账延迟); days late as of today's business date. */
  overdue: boolean;
  daysLate: number;
}

/** A batch past its expected settlement date with cards still waiting (到账延迟), for the owner's home page. */
export interface OverdueBatchView {
  batchId: string;
  platform: string;
  createdAt: string;
  dueDate: string;
  daysLate: number;
  waitingCards: number;
  /** What the waiting cards should bring at the batch rate. */
  waitingFen: number;
}

/**
 * A loss (spec §8): a card the platform rejected (its whole cost) or paid short (the difference), with the trade,
 * the clerk who bought it and the customer who sold it; what has been recovered from the customer so far.
 */
export interface LossView {
  /** The after-sale event that recorded it. */
  id: string;
  kind: 'invalid' | 'balance_mismatch';
  at: string;
  /** The business date it was recorded on. */
  businessDate: string;
  lineId: string;
  tradeId: string;
  tradeNo: string;
  /** The business date the card was bought. */
  boughtOn: string;
  brand: string;
  form: Form;
  last4: string;
  valueFen: number;
  payoutFen: number;
  clerkName: string;
  customer: { id: string; phoneMasked: string; name: string | null; idMasked: string | null } | null;
  reason: string;
  lossFen: number;
  recoveredFen: number;
  recoveries: { at: string; method: PaymentMethod; amountFen: number; reference: string | null; staffName: string }[];
  /** On the watch list now (by the shop's own hash). */
  watched: { card: boolean; id: boolean };
}

/** What the counter says when a customer with losses on record comes back (spec §8). */
export interface CustomerAfterSaleView {
  invalidCards: number;
  /** Losses on record (invalid cards and short payments), and how many are not yet fully recovered. */
  losses: number;
  openLosses: number;
}

export interface TradeLineView {
  id: string;
  position: number;
  brand: string;
  form: Form;
  nameZh: string;
  nameEn: string;
  last4: string;
  faceValueFen: number;
  valueFen: number;
  verifiedHow: 'official' | 'customer_screen' | 'none';
  verifiedAt: string | null;
  groupKey: string | null;
  rateBp: number | null;
  payoutFen: number | null;
  expiry: string | null;
  notes: string;
  /** Why the last offer could not price this card (it waits for fresh quotes or the owner's manual exit). */
  unpriced: 'STALE_QUOTES' | 'NO_ELIGIBLE_QUOTE' | null;
  /**
   * Head office's card check (sync-protocol.md v2): `clear`, `hit` (another shop of the chain bought it; payment is
   * refused unless the owner lets it through), `hit_overridden`, `unchecked` (no answer by payment); null while no
   * answer came or no check applies (no chain key, or a head office without the v2 paths).
   */
  hqCheck: 'clear' | 'hit' | 'hit_overridden' | 'unchecked' | null;
  /** The other shop's purchase head office named on a hit. */
  hqSeen: HqSeenView | null;
}

/** Another shop of the chain bought this card (head office's card check). */
export interface HqSeenView {
  shopId: string;
  shopName: string;
  tradeNo: string;
  paidAt: string;
}

export interface TradeGroupView {
  key: string;
  brand: string;
  form: Form;
  bandMinFen: number;
  bandMaxFen: number | null;
  tierBp: number;
  bestExitBp: number;
  adjBp: number;
  hardCapBp: number;
  /** For the clerk's eyes only: never printed or shown to the customer. */
  ceilingBp: number;
  targetBp: number;
  openingBp: number;
  stepBp: number;
  currentBp: number;
  lastAskBp: number | null;
  rounds: number;
  /** The round limit as it was when the group was offered (or offered again, F4). */
  maxRounds: number;
  final: boolean;
  agreedBp: number | null;
  explanation: Explanation;
  quoteSnapshot: unknown[];
}

export interface TradeView {
  id: string;
  tradeNo: string | null;
  status: 'draft' | 'quoted' | 'agreed' | 'paid' | 'voided';
  staffId: string;
  staffName: string;
  createdAt: string;
  businessDate: string;
  paidAt: string | null;
  valueFen: number;
  /** Σ line payouts (exact, before cash rounding). */
  payoutFen: number;
  /** Σ line payouts at the agreed rate, or at the current offer where not agreed yet (the compliance basis). */
  offerPayoutFen: number;
  roundingFen: number;
  lines: TradeLineView[];
  groups: TradeGroupView[];
  rounds: {
    groupKey: string;
    n: number;
    actor: 'shop' | 'customer';
    kind: string;
    rateBp: number;
    at: string;
    staffName: string;
    approvedBy: string | null;
  }[];
  payments: { method: PaymentMethod; amountFen: number; reference: string }[];
  void: {
    at: string | null;
    reason: string;
    refundCashFen: number;
    staffName: string;
    approvedBy: string | null;
  } | null;
  customer: CustomerView | null;
  /** Where the cards came from (spec §5), once recorded; fixed with the trade's identity when it is paid. */
  fundsSource: { source: FundsSource; note: string | null } | null;
  compliance: TradeCompliance;
  /** The shop's clock when this answer was made: how long ago each card's balance was checked is counted from it. */
  asOf: string;
}

export interface TradeListItem {
  id: string;
  tradeNo: string | null;
  status: TradeView['status'];
  businessDate: string;
  staffName: string;
  createdAt: string;
  paidAt: string | null;
  cards: number;
  valueFen: number;
  payoutFen: number;
}

export interface BrandFormView {
  form: Form;
  nameZh: string;
  nameEn: string;
  numberPattern: string;
  numberHint: string;
  secretPattern: string;
  secretHint: string;
  secretRequired: boolean;
  maxValueFen: number;
  active: boolean;
}

export interface BrandView {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  forms: BrandFormView[];
}

export interface CustomerView {
  id: string;
  phoneMasked: string;
  name: string | null;
  idType: IdType | null;
  idMasked: string | null;
  status: 'active' | 'blocked';
  blockReason: string | null;
}

export interface TradeCompliance {
  /** The trade's payout at the current offers (the basis of spec §5). */
  basisFen: number;
  /** The customer's day total including this trade at its basis. */
  dayTotalFen: number;
  phoneRequired: boolean;
  identityRequired: boolean;
  identityBecause: 'trade' | 'day' | null;
  cashAllowed: boolean;
}

export interface AlertView {
  kind: 'structuring' | 'cards_per_day' | 'consecutive' | 'unsold' | 'overdue';
  businessDate: string;
  customerId: string | null;
  phoneMasked: string | null;
  tradeNo: string | null;
  detail: Record<string, string | number>;
}

export interface ComplianceReport {
  from: string;
  to: string;
  thresholdTrades: {
    tradeNo: string;
    businessDate: string;
    payoutFen: number;
    dayTotalFen: number;
    identity: boolean;
    because: string | null;
    cashAllowed: boolean;
    phoneMasked: string | null;
    name: string | null;
    idType: string | null;
    idMasked: string | null;
    /** From the trade's identity snapshot; null for trades paid before it was asked. */
    fundsSource: FundsSource | null;
    fundsNote: string | null;
  }[];
  hits: { seq: number; at: string; staffName: string | null; ref: string | null; detail: Record<string, unknown> }[];
  refusals: {
    seq: number;
    at: string;
    staffName: string | null;
    ref: string | null;
    detail: Record<string, unknown>;
  }[];
  overrides: {
    seq: number;
    at: string;
    staffName: string | null;
    ref: string | null;
    detail: Record<string, unknown>;
  }[];
  alerts: AlertView[];
}

/** The report as a call answers it: each list one page long, with how many there are in all. */
export interface ComplianceReportPage extends ComplianceReport {
  totals: { thresholdTrades: number; hits: number; refusals: number; overrides: number; alerts: number };
  offsets: { threshold: number; hits: number; refusals: number; overrides: number; alerts: number };
  limit: number;
}

/** Alerts of one kind about one customer in a date range (never one line per card). */
export interface AlertGroupView {
  kind: AlertView['kind'];
  /** null: trades without a customer on record. */
  customerId: string | null;
  phoneMasked: string | null;
  alerts: number;
  trades: number;
  firstDate: string;
  lastDate: string;
  /** The trades named, oldest first, at most 20. */
  tradeNos: string[];
}

export interface AlertGroupsView {
  /** Every kind found in the range (before the kind filter), with its alerts and groups. */
  kinds: { kind: AlertView['kind']; alerts: number; groups: number }[];
  /** The alerts the filters keep. */
  alerts: number;
  groups: Page<AlertGroupView>;
}

export interface CustomerHistory {
  customer: CustomerView;
  days: { businessDate: string; trades: number; totalFen: number }[];
  trades: TradeListItem[];
}

export interface SyncStatusView {
  /** Enabled, with an address, a shop secret and keys to read it. */
  configured: boolean;
  enabled: boolean;
  pending: number;
  sent: number;
  conflict: number;
  rejected: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Sending stops until the settings change (bad_signature) or the PC clock is right again (clock_skew). */
  paused: 'bad_signature' | 'clock_skew' | null;
  /** PC clock minus head office's clock, in seconds, from the last answer that told. */
  skewSeconds: number;
  online: boolean | null;
  nextAttemptAt: string | null;
  warnings: string[];
  /** This shop's `X-CardDesk-Version` (`{app version}/{schema version}`) and chain-key fingerprint (null: no key). */
  version: string;
  chainFingerprint: string | null;
  /** What head office said of itself in its last signed answer (null until one came). */
  hqVersion: string | null;
  hqChainFingerprint: string | null;
  /** Both fingerprints known and different: a mistyped chain key, which would silently stop cross-shop matching. */
  chainMismatch: boolean;
  /** Live reports of bought and voided cards waiting to be sent (sync-protocol.md v2). */
  liveWaiting: number;
}

export interface SyncSettingsView {
  hqBaseUrl: string | null;
  enabled: boolean;
  shopSecretSet: boolean;
  chainKeySet: boolean;
  /** Customer matching across shops: sealed trades carry the customer's chain hash (off by default). */
  customerMatching: boolean;
}

export interface SyncDayView {
  businessDate: string;
  zNumber: number;
  status: SyncState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

/**
 * The customer's screen (ux.md): what the customer may see of the counter's trade in hand and of today's rates.
 * Built field by field for the customer: never the ceiling, the hard cap, the target, a margin, a net exit, a step,
 * a full card number or secret, or the customer's own phone and ID.
 */
export interface CustomerScreenView {
  shopName: string;
  /** idle: no card in hand (between customers); trade: cards being priced or agreed; paid: the money handed over. */
  state: 'idle' | 'trade' | 'paid';
  trade: CustomerTradeView | null;
  /** Today's fresh reference rates per brand, form and value band, as the platforms quote them. */
  rates: CustomerRatesView[];
}

export interface CustomerTradeView {
  tradeNo: string | null;
  cards: {
    position: number;
    nameZh: string;
    nameEn: string;
    form: Form;
    /** `****1234` */
    masked: string;
    valueFen: number;
    /** The rate the shop offered or agreed; null before the first offer. */
    offerBp: number | null;
    agreed: boolean;
    /** The card's payout at that rate. */
    payoutFen: number | null;
  }[];
  valueFen: number;
  /** Σ payouts at the offers (the paid payout once paid). */
  payoutFen: number;
  roundingFen: number;
  payments: { method: PaymentMethod; amountFen: number }[];
}

export interface CustomerRatesView {
  brand: string;
  nameZh: string;
  nameEn: string;
  form: Form;
  bands: {
    minValueFen: number;
    maxValueFen: number | null;
    /** The platforms' own quoted rates, highest first. */
    platforms: { source: string; rateBp: number }[];
    /** What the shop opens at for a card at the band's lowest value it can price; null when it cannot. */
    shopBp: number | null;
  }[];
}
