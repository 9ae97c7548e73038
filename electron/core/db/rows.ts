// One schema per table, matching the migrated schema column for column (test/unit/architecture-rows.test.ts holds
// them against `PRAGMA table_info`). Every read parses its rows with one of these, or with a `pick`/`extend` of
// one for a query that selects fewer columns or joins; nothing read from SQLite is cast.
import { z } from 'zod';
import { FORMS, FUNDS_SOURCES, ID_TYPES, PAYMENT_METHODS } from '../../../shared/domain/codes';

const text = z.string();
const int = z.number();
const blob = z.instanceof(Buffer);
/** 0 or 1: SQLite has no booleans. */
const flag = z.number();

export const BrandFormRow = z.object({
  brand: text,
  form: z.enum(FORMS),
  name_zh: text,
  name_en: text,
  number_pattern: text,
  number_hint: text,
  secret_pattern: text,
  secret_hint: text,
  secret_required: flag,
  max_value_fen: int,
  active: flag,
});
export const BrandRow = z.object({ code: text, name_zh: text, name_en: text, active: flag });
export const CashMovementRow = z.object({
  id: text,
  day_id: text,
  kind: z.enum(['in', 'out']),
  amount_fen: int,
  reason: text,
  at: text,
  staff_id: text,
  approved_by: text.nullable(),
});
export const CounterRow = z.object({ name: text, value: int });
export const CustomerRow = z.object({
  id: text,
  phone_hash: text,
  phone_enc: blob,
  phone_masked: text,
  name: text.nullable(),
  id_type: z.enum(ID_TYPES).nullable(),
  id_enc: blob.nullable(),
  id_hash: text.nullable(),
  id_masked: text.nullable(),
  status: z.enum(['active', 'blocked']),
  block_reason: text.nullable(),
  created_at: text,
});
export const CustomerIdentityRow = z.object({
  id: text,
  customer_id: text,
  version: int,
  name: text,
  id_type: z.enum(ID_TYPES),
  id_enc: blob,
  id_hash: text,
  id_masked: text,
  recorded_at: text,
  staff_id: text.nullable(),
  approved_by: text.nullable(),
});
export const DayApprovalRow = z.object({
  id: text,
  day_id: text,
  on_day_id: text,
  at: text,
  owner_id: text,
  reason: text,
});
export const DayRow = z.object({
  id: text,
  business_date: text,
  status: z.enum(['open', 'closed']),
  opened_at: text,
  opened_by: text,
  float_fen: int,
  float_count: text,
  closed_at: text.nullable(),
  closed_by: text.nullable(),
  counted_fen: int.nullable(),
  close_count: text.nullable(),
  expected_fen: int.nullable(),
  discrepancy_fen: int.nullable(),
  close_reason: text.nullable(),
  z_number: int.nullable(),
  journal_head: text.nullable(),
  pending_owner: flag,
  closed_as_found: flag,
  close_approved_by: text.nullable(),
});
export const JournalRow = z.object({
  seq: int,
  at: text,
  staff: text.nullable(),
  kind: text,
  ref: text.nullable(),
  payload: text,
  prev_hash: text,
  hash: text,
});
export const KeyWrapRow = z.object({ id: int, kdf: text, salt: blob, sealed: blob, key_check: text });
export const LineEventRow = z.object({
  id: text,
  line_id: text,
  kind: z.enum(['resold', 'settled', 'invalid', 'own_use']),
  at: text,
  day_id: text.nullable(),
  staff_id: text.nullable(),
  payload: text,
});
export const LossRecoveryRow = z.object({
  id: text,
  event_id: text,
  day_id: text,
  at: text,
  staff_id: text,
  method: z.enum(PAYMENT_METHODS),
  amount_fen: int,
  reference: text.nullable(),
  cash_movement_id: text.nullable(),
});
export const MetaRow = z.object({ key: text, value: text });
export const PaymentRow = z.object({
  id: text,
  trade_id: text,
  method: z.enum(PAYMENT_METHODS),
  amount_fen: int,
  reference: text,
});
export const PrintJobRow = z.object({
  id: text,
  kind: z.enum(['receipt', 'test', 'zreport']),
  trade_id: text.nullable(),
  day_id: text.nullable(),
  copy: z.enum(['customer', 'shop']).nullable(),
  status: z.enum(['pending', 'printed']),
  reprint: int,
  drawer: flag,
  attempts: int,
  last_error: text.nullable(),
  next_attempt_at: int,
  created_at: text,
  printed_at: text.nullable(),
  staff_id: text.nullable(),
});
export const QuoteRow = z.object({
  id: text,
  origin: z.enum(['shipped', 'owner', 'import', 'feed']),
  source: text,
  brand: text,
  form: z.enum(FORMS),
  min_value_fen: int,
  max_value_fen: int.nullable(),
  rate_bp: int,
  fee_bp: int,
  fee_fixed_fen: int,
  min_amount_fen: int,
  settlement_days: int,
  observed_at: text,
  expires_at: text,
  retired_at: text.nullable(),
});
export const ResaleBatchLineRow = z.object({ batch_id: text, line_id: text });
export const ResaleBatchRow = z.object({
  id: text,
  platform: text,
  rate_bp: int,
  expected_fen: int,
  created_at: text,
  day_id: text.nullable(),
  staff_id: text,
  settled_fen: int.nullable(),
  settled_at: text.nullable(),
  settled_day: text.nullable(),
  settlement_days: int,
  due_date: text,
});
export const RoundRow = z.object({
  id: int,
  trade_id: text,
  group_key: text,
  n: int,
  actor: z.enum(['shop', 'customer']),
  kind: z.enum(['opening', 'ask', 'proposal', 'final', 'agreed']),
  rate_bp: int,
  at: text,
  staff_id: text,
  approved_by: text.nullable(),
});
export const SettingRow = z.object({ key: text, value: text });
export const ShiftRow = z.object({
  id: text,
  day_id: text,
  seq: int,
  at: text,
  staff_id: text,
  count: text,
  counted_fen: int,
  expected_fen: int,
  discrepancy_fen: int,
  note: text.nullable(),
});
export const DayCountRow = z.object({
  id: text,
  day_id: text,
  seq: int,
  at: text,
  staff_id: text,
  count: text,
  counted_fen: int,
  expected_fen: int,
  discrepancy_fen: int,
});
export const RecoveryThrottleRow = z.object({ id: int, failures: int, lockouts: int, locked_until: int.nullable() });
export const ShopRow = z.object({
  id: int,
  code: text,
  name: text,
  address: text,
  phone: text,
  licence_no: text,
  created_at: text,
});
export const StaffRow = z.object({
  id: text,
  name: text,
  role: z.enum(['clerk', 'owner']),
  pin_hash: text,
  active: flag,
  phone_enc: blob.nullable(),
  phone_masked: text,
  failed_pins: int,
  locked_until: int.nullable(),
  created_at: text,
  /** Lockouts in a row since the last correct PIN: the next one waits 5 minutes × 2^pin_lockouts. */
  pin_lockouts: int,
});
export const SyncOutboxRow = z.object({
  day_id: text,
  business_date: text,
  z_number: int,
  body: text,
  ledger_hash: text,
  status: z.enum(['pending', 'sent', 'conflict', 'rejected']),
  attempts: int,
  last_error: text.nullable(),
  next_attempt_at: int,
  sent_at: text.nullable(),
});
export const TradeGroupRow = z.object({
  trade_id: text,
  group_key: text,
  brand: text,
  form: z.enum(FORMS),
  band_min_fen: int,
  band_max_fen: int.nullable(),
  tier_bp: int,
  best_exit_bp: int,
  adj_bp: int,
  hard_cap_bp: int,
  ceiling_bp: int,
  target_bp: int,
  opening_bp: int,
  step_bp: int,
  current_bp: int,
  last_ask_bp: int.nullable(),
  rounds: int,
  final: flag,
  agreed_bp: int.nullable(),
  explanation: text,
  quote_snapshot: text,
  max_rounds: int,
});
export const TradeIdentityRow = z.object({
  trade_id: text,
  customer_id: text,
  version: int,
  name: text,
  id_type: z.enum(ID_TYPES),
  id_enc: blob,
  id_masked: text,
  fixed_at: text,
  funds_source: z.enum(FUNDS_SOURCES).nullable(),
  funds_note: text.nullable(),
});
export const TradeLineRow = z.object({
  id: text,
  trade_id: text,
  position: int,
  brand: text,
  form: z.enum(FORMS),
  face_value_fen: int,
  value_fen: int,
  number_enc: blob,
  number_hash: text,
  last4: text,
  secret_enc: blob.nullable(),
  expiry: text.nullable(),
  notes: text,
  verified_how: z.enum(['official', 'customer_screen', 'none']),
  verified_at: text.nullable(),
  group_key: text.nullable(),
  rate_bp: int.nullable(),
  payout_fen: int.nullable(),
  removed: flag,
  watch_override: text.nullable(),
  consecutive_with: int.nullable(),
  unpriced: z.enum(['STALE_QUOTES', 'NO_ELIGIBLE_QUOTE']).nullable(),
  chain_hash: text.nullable(),
  hq_check: z.enum(['clear', 'hit', 'hit_overridden', 'unchecked']).nullable(),
  hq_seen: text.nullable(),
});
export const TradeVoidRow = z.object({
  id: text,
  trade_id: text,
  day_id: text,
  at: text,
  staff_id: text,
  approved_by: text.nullable(),
  reason: text,
  refund_cash_fen: int,
});
export const TradeRow = z.object({
  id: text,
  trade_no: text.nullable(),
  status: z.enum(['draft', 'quoted', 'agreed', 'paid', 'voided']),
  staff_id: text,
  created_at: text,
  business_date: text,
  paid_at: text.nullable(),
  paid_day: text.nullable(),
  pay_request_id: text.nullable(),
  payout_fen: int.nullable(),
  rounding_fen: int.nullable(),
  void_reason: text.nullable(),
  cards: int,
  value_fen: int,
  offer_fen: int,
  customer_id: text.nullable(),
  compliance: text.nullable(),
  funds_source: z.enum(FUNDS_SOURCES).nullable(),
  funds_note: text.nullable(),
});
export const WatchlistRow = z.object({
  id: text,
  kind: z.enum(['card', 'id']),
  hash: text,
  hash_key: z.enum(['shop', 'chain']),
  reason: text,
  source: z.enum(['hand', 'import', 'hq']),
  added_at: text,
  removed_at: text.nullable(),
});
export const ZReportRow = z.object({
  day_id: text,
  z_number: int,
  business_date: text,
  body: text,
  journal_head: text,
  grand_total_fen: int,
  created_at: text,
});

/** Every table's row schema, by table name: what the schema test walks. */
/** A live report to head office (sync-protocol.md v2): a paid trade's cards, or its void. */
export const LiveReportRow = z.object({
  seq: int,
  kind: z.enum(['bought', 'voided']),
  trade_id: text,
  trade_no: text,
  body: text,
  status: z.enum(['pending', 'sent', 'unsupported', 'rejected']),
  attempts: int,
  next_attempt_at: int,
  last_error: text.nullable(),
  created_at: text,
  sent_at: text.nullable(),
});
export const TABLES = {
  brand_forms: BrandFormRow,
  brands: BrandRow,
  cash_movements: CashMovementRow,
  counters: CounterRow,
  customer_identities: CustomerIdentityRow,
  customers: CustomerRow,
  day_approvals: DayApprovalRow,
  day_counts: DayCountRow,
  days: DayRow,
  journal: JournalRow,
  key_wrap: KeyWrapRow,
  line_events: LineEventRow,
  live_reports: LiveReportRow,
  loss_recoveries: LossRecoveryRow,
  meta: MetaRow,
  payments: PaymentRow,
  print_jobs: PrintJobRow,
  quotes: QuoteRow,
  recovery_throttle: RecoveryThrottleRow,
  resale_batch_lines: ResaleBatchLineRow,
  resale_batches: ResaleBatchRow,
  rounds: RoundRow,
  settings: SettingRow,
  shifts: ShiftRow,
  shop: ShopRow,
  staff: StaffRow,
  sync_outbox: SyncOutboxRow,
  trade_groups: TradeGroupRow,
  trade_identities: TradeIdentityRow,
  trade_lines: TradeLineRow,
  trade_voids: TradeVoidRow,
  trades: TradeRow,
  watchlist: WatchlistRow,
  z_reports: ZReportRow,
} as const;

export type DayRow = z.infer<typeof DayRow>;
export type CustomerRow = z.infer<typeof CustomerRow>;
export type StaffRow = z.infer<typeof StaffRow>;
export type TradeRow = z.infer<typeof TradeRow>;
export type TradeLineRow = z.infer<typeof TradeLineRow>;
export type TradeGroupRow = z.infer<typeof TradeGroupRow>;

/** One number a query computes (a COUNT, a SUM, a MAX): `SELECT … AS n`. */
export const N = z.object({ n: z.number() });
/** A counter's value (`SELECT value FROM counters …`). */
export const CounterValue = CounterRow.pick({ value: true });
/** One nullable number a query computes. */
export const MaybeN = z.object({ n: z.number().nullable() });
