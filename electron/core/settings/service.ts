// Shop settings and preferences with their shipped defaults; values stored as JSON.
import type { Language, PrinterSettingsView, SettingsView } from '../../../shared/contract';
import type { CashRounding } from '../../../shared/domain/money';
import { DEFAULT_PRICING_VALUES, type PricingValues } from '../../../shared/domain/pricing-settings';
import { PricingValuesInput } from '../../../shared/contract/calls-pricing';
import type { ComplianceValues } from '../../../shared/domain/settings';
import { z } from 'zod';
import { LANGUAGES } from '../../../shared/domain/codes';
import { SettingRow } from '../db/rows';
import type { Sql } from '../db/sql';
import { readJson } from '../db/stored';

/** The owner's pricing levers (shared/domain/pricing-settings.ts); stored as one value, read by the pricing service. */
export type PricingSettings = PricingValues;
export const DEFAULT_PRICING: PricingSettings = DEFAULT_PRICING_VALUES;

/** Spec §5 thresholds (inclusive; basis = the trade's payout at its current offer; day = business date). */
export type ComplianceSettings = ComplianceValues;
export const DEFAULT_COMPLIANCE: ComplianceSettings = {
  phoneFromFen: 0,
  identityTradeFen: 500_000,
  identityDayFen: 1_000_000,
  noCashDayFen: 5_000_000,
  maxCardsPerDay: 10,
  unsoldHoursE: 2,
  unsoldHoursPhysical: 48,
};

/** The receipt printer (spec §10, printing.md). `target`: tcp://host:port, a Windows share path, or a device file. */
export type PrinterSettings = PrinterSettingsView;
export const DEFAULT_PRINTER: PrinterSettings = {
  target: null,
  cpl: 48,
  timeoutMs: 5000,
  shopCopy: true,
  drawerOnCash: true,
  language: 'zh-CN',
};

const DEFAULTS = {
  language: 'zh-CN' as Language,
  idleLockMinutes: 5,
  timeZone: 'Asia/Shanghai',
  /** Past this many minutes after local midnight a still-open business day shows a warning (spec §1). */
  cutoffMinutes: 240,
  /** A quote is stale at the end of the business day this many days after the one it was observed on (spec §2). */
  quoteStaleDays: 1,
  cashRounding: 'jiao' as CashRounding,
  /** Every line verified within this many minutes before payment, unless the owner approves. */
  verifyWindowMinutes: 10,
  /** Above this drawer discrepancy (either way) a close needs a reason and the owner's PIN. */
  discrepancyThresholdFen: 1000,
  pricing: DEFAULT_PRICING,
  compliance: DEFAULT_COMPLIANCE,
  printer: DEFAULT_PRINTER,
  /** The second backup folder (spec §7); a warning shows while it is unset. */
  backupTarget: null as string | null,
  /** A backup after every this many paid trades, besides the one after each seal. */
  backupEveryTrades: 20,
  /** Head office (sync-protocol.md): secrets stored encrypted (base64 of the sealed bytes). */
  sync: {
    hqBaseUrl: null as string | null,
    enabled: false,
    shopSecret: null as string | null,
    chainKey: null as string | null,
    requestTimeoutMs: 15_000,
    wakeEveryMs: 60_000,
    /** The card check at the counter waits no longer than this before payment (sync-protocol.md v2). */
    checkTimeoutMs: 1_500,
    /** Customer matching across shops: sealed trades carry `customerHash` (off until the owner switches it on). */
    customerMatching: false,
  },
  /**
   * Head office's pricing for this shop's group (sync-protocol.md v2 "Pulls"): its calendar demand and promotions,
   * applied beside the owner's own and shown as head office's (read-only here); its brands as sent, with the ETag.
   */
  hqPricing: {
    etag: null as string | null,
    brands: [] as unknown[],
    calendar: [] as PricingValues['calendar'],
    promotions: [] as PricingValues['promotions'],
    /** The brands of that pricing the shop took into its catalogue (it had none of that code): head office's. */
    appliedBrands: [] as string[],
  },
  /** What the client remembers between runs: the quotes feed's ETag, the watch-list cursor, the last success. */
  syncState: {
    quotesEtag: null as string | null,
    watchCursor: null as string | null,
    lastSuccessAt: null as string | null,
  },
};
export type Key = keyof typeof DEFAULTS;
export type Stored<K extends Key> = (typeof DEFAULTS)[K];

// Each stored value is parsed with its key's schema (values are stored as JSON).
const int = z.number();
const text = z.string();
const SCHEMAS: { [K in Key]: z.ZodType<(typeof DEFAULTS)[K]> } = {
  language: z.enum(LANGUAGES),
  idleLockMinutes: int,
  timeZone: text,
  cutoffMinutes: int,
  quoteStaleDays: int,
  cashRounding: z.enum(['none', 'jiao', 'yuan']),
  verifyWindowMinutes: int,
  discrepancyThresholdFen: int,
  pricing: PricingValuesInput,
  compliance: z.object({
    phoneFromFen: int,
    identityTradeFen: int,
    identityDayFen: int,
    noCashDayFen: int,
    maxCardsPerDay: int,
    unsoldHoursE: int,
    unsoldHoursPhysical: int,
  }),
  printer: z.object({
    target: text.nullable(),
    cpl: z.union([z.literal(32), z.literal(48)]),
    timeoutMs: int,
    shopCopy: z.boolean(),
    drawerOnCash: z.boolean(),
    language: z.enum(LANGUAGES),
  }),
  backupTarget: text.nullable(),
  backupEveryTrades: int,
  sync: z.object({
    hqBaseUrl: text.nullable(),
    enabled: z.boolean(),
    shopSecret: text.nullable(),
    chainKey: text.nullable(),
    requestTimeoutMs: int,
    wakeEveryMs: int,
    // Both added with cards across the chain: a value stored before reads with the shipped default.
    checkTimeoutMs: int.default(1_500),
    customerMatching: z.boolean().default(false),
  }),
  syncState: z.object({ quotesEtag: text.nullable(), watchCursor: text.nullable(), lastSuccessAt: text.nullable() }),
  hqPricing: z.object({
    etag: text.nullable(),
    brands: z.array(z.unknown()),
    calendar: PricingValuesInput.shape.calendar,
    promotions: PricingValuesInput.shape.promotions,
    appliedBrands: z.array(text).default([]),
  }),
};
const Value = SettingRow.pick({ value: true });

export class Settings {
  /** Parsed values; dropped on every write and whenever a transaction rolls back (see dispatch). */
  private readonly cache = new Map<Key, unknown>();
  constructor(private readonly sql: Sql) {}
  get<K extends Key>(key: K): (typeof DEFAULTS)[K] {
    if (this.cache.has(key)) return this.cache.get(key) as (typeof DEFAULTS)[K];
    const row = this.sql.get(Value, 'SELECT value FROM settings WHERE key = ?', key);
    const value = row ? readJson(SCHEMAS[key], row.value) : DEFAULTS[key];
    this.cache.set(key, value);
    return value;
  }
  invalidate(): void {
    this.cache.clear();
  }
  set<K extends Key>(key: K, value: (typeof DEFAULTS)[K]): void {
    this.cache.delete(key);
    this.sql.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value),
    );
  }
  /** The shipped value of a key. */
  shipped<K extends Key>(key: K): (typeof DEFAULTS)[K] {
    return DEFAULTS[key];
  }
  view(): SettingsView {
    const c = this.get('compliance');
    return {
      idleLockMinutes: this.get('idleLockMinutes'),
      language: this.get('language'),
      cashRounding: this.get('cashRounding'),
      verifyWindowMinutes: this.get('verifyWindowMinutes'),
      cutoffMinutes: this.get('cutoffMinutes'),
      identityTradeFen: c.identityTradeFen,
      identityDayFen: c.identityDayFen,
      noCashDayFen: c.noCashDayFen,
      unsoldHoursE: c.unsoldHoursE,
      unsoldHoursPhysical: c.unsoldHoursPhysical,
    };
  }
  idleLockMs(): number {
    return this.get('idleLockMinutes') * 60_000;
  }
}
