// Prices one card (spec §3): best exit from live quotes (or the owner's manual exit), the shop's adjustments,
// the policy levels, the group key and an explanation that can be stored with the agreed rate.
import { AppError, type CompareSide, type PricingCompareView, type PricingView } from '../../../shared/contract';
import type { ChainPricingView } from '../../../shared/contract/calls-pricing';
import { FORMS } from '../../../shared/domain/codes';
import { z } from 'zod';
import { compilePricing, type CompiledPricing, type PricingValues } from '../../../shared/domain/pricing-settings';
import { adjustments, bestExit, levels, type Exit, type Form, type Quote } from '../../../shared/domain/pricing';
import type { OwnerSettings } from '../settings/owner';
import type { Clock } from '../ports';
import type { Days } from '../days/service';
import type { Quotes } from '../quotes/service';

type Adjusted = ReturnType<typeof adjustments>;
import type { Settings } from '../settings/service';

export interface ManualExit {
  exitBp: number;
  reason: string;
}

/** The sample cards the owner sees before saving a pricing change (settings.md). */
export const SAMPLE_VALUES_FEN = [10_000, 50_000, 100_000, 500_000] as const;

/** What one price needs besides the card: the settings in force, the brand's quotes, the moment and the date. */
interface Basis {
  s: CompiledPricing;
  quotes: Quote[];
  nowMs: number;
  businessDate: string;
}

/** A brand of head office's pricing, as far as the pricing screen names it. */
const ChainBrand = z.looseObject({
  code: z.string().max(40),
  nameZh: z.string().max(80).optional(),
  nameEn: z.string().max(80).optional(),
});

/**
 * Head office's calendar demand and promotions for this shop's group come after the owner's own (sync-protocol.md
 * v2 "Pulls"): both apply; the owner edits only their own.
 */
export function withChain(
  v: PricingValues,
  chain: { calendar: PricingValues['calendar']; promotions: PricingValues['promotions'] },
): PricingValues {
  if (chain.calendar.length + chain.promotions.length === 0) return v;
  return { ...v, calendar: [...v.calendar, ...chain.calendar], promotions: [...v.promotions, ...chain.promotions] };
}

export class Pricing {
  /** Compiled once per stored value: the settings cache hands out a new object after every write or rollback. */
  private readonly compiled = new WeakMap<PricingValues, CompiledPricing>();
  /** Adjustments worked out per compiled settings (see `adjustmentsFor`). */
  private readonly adjusted = new WeakMap<
    CompiledPricing,
    Map<string, { from: number; until: number; value: Adjusted }>
  >();

  constructor(
    private readonly quotes: Quotes,
    private readonly settings: Settings,
    private readonly days: Days,
    private readonly clock: Clock,
    private readonly owner: OwnerSettings,
  ) {}

  /** The live quotes a price used, as stored (for its snapshot); null when one of them is no longer live. */
  quotesUsed(brand: string, ids: readonly string[]): ReturnType<Quotes['liveRows']> {
    return this.quotes.liveRows(brand, ids);
  }

  /** The pricing settings in force, compiled for the maths: the owner's, with head office's entries added. */
  inForce(): CompiledPricing {
    const v = this.settings.get('pricing');
    const chain = this.settings.get('hqPricing');
    if (this.chainCompiled?.owner === v && this.chainCompiled.chain === chain) return this.chainCompiled.c;
    let c = chain.calendar.length + chain.promotions.length === 0 ? this.compiled.get(v) : undefined;
    if (!c) {
      c = compilePricing(withChain(v, chain));
      if (chain.calendar.length + chain.promotions.length === 0) this.compiled.set(v, c);
    }
    this.chainCompiled = { owner: v, chain, c };
    return c;
  }
  /** Head office's entries as last pulled (read-only at the shop). */
  chain(): ChainPricingView {
    const c = this.settings.get('hqPricing');
    return {
      calendar: c.calendar,
      promotions: c.promotions,
      brands: c.brands.flatMap((b) => {
        const r = ChainBrand.safeParse(b);
        if (!r.success) return [];
        const { code, nameZh, nameEn } = r.data;
        return [
          {
            code,
            nameZh: nameZh ?? code,
            nameEn: nameEn ?? nameZh ?? code,
            inCatalogue: c.appliedBrands.includes(code),
          },
        ];
      }),
    };
  }
  private chainCompiled: { owner: PricingValues; chain: unknown; c: CompiledPricing } | null = null;

  private basis(brand: string, s: CompiledPricing = this.inForce()): Basis {
    const nowMs = this.clock.now();
    return { s, quotes: this.quotes.forBrand(brand), nowMs, businessDate: this.days.businessDateAt(nowMs) };
  }

  price(brand: string, form: Form, valueFen: number, manual?: ManualExit): PricingView {
    return this.priceAt(this.basis(brand), brand, form, valueFen, manual);
  }

  /**
   * What the counter would offer for the sample cards of `brand`, with the settings in force and with the
   * proposed change (the keys given over the values in force, checked as saving them would be; nothing is saved).
   */
  compare(brand: string, change: Partial<PricingValues>): PricingCompareView {
    const values = this.owner.proposed('pricing', change);
    const now = this.basis(brand);
    const after = { ...now, s: compilePricing(withChain(values, this.settings.get('hqPricing'))) };
    const side = (b: Basis, form: Form, valueFen: number): CompareSide => {
      try {
        const p = this.priceAt(b, brand, form, valueFen);
        return { ok: true, openingBp: p.openingBp, targetBp: p.targetBp, ceilingBp: p.ceilingBp, adjBp: p.adjBp };
      } catch (e) {
        if (e instanceof AppError && (e.code === 'STALE_QUOTES' || e.code === 'NO_ELIGIBLE_QUOTE'))
          return { ok: false, code: e.code };
        throw e;
      }
    };
    return {
      brand,
      rows: FORMS.flatMap((form) =>
        SAMPLE_VALUES_FEN.map((valueFen) => ({
          form,
          valueFen,
          now: side(now, form, valueFen),
          after: side(after, form, valueFen),
        })),
      ),
    };
  }

  /**
   * The adjustments in force for a card: the same for every card of one brand, form and value tier on one business
   * date until a promotion starts or ends, so they are worked out once per compiled settings and kept until then
   * (the lines are never changed by a reader).
   */
  private adjustmentsFor(s: CompiledPricing, o: Parameters<typeof adjustments>[1]): Adjusted {
    let tier = -1;
    for (const t of s.tiers) if (o.valueFen >= t.minValueFen && t.minValueFen > tier) tier = t.minValueFen;
    let table = this.adjusted.get(s);
    if (!table) {
      table = new Map();
      this.adjusted.set(s, table);
    }
    const key = `${o.businessDate}|${o.brand}|${o.form}|${tier}`;
    const kept = table.get(key);
    if (kept && o.nowMs >= kept.from && o.nowMs < kept.until) return kept.value;
    let until = Infinity;
    for (const p of s.promotions) {
      if (p.fromMs > o.nowMs) until = Math.min(until, p.fromMs);
      else if (p.toMs > o.nowMs) until = Math.min(until, p.toMs);
    }
    const value = adjustments(s, o);
    if (table.size >= 256) table.clear();
    table.set(key, { from: o.nowMs, until, value });
    return value;
  }

  private priceAt(b: Basis, brand: string, form: Form, valueFen: number, manual?: ManualExit): PricingView {
    const { s } = b;
    const exitOptions = {
      brand,
      form,
      valueFen,
      nowMs: b.nowMs,
      capitalCostBpPerDay: s.capitalCostBpPerDay,
      physicalFallbackBp: s.physicalFallbackBp,
    };
    let exit: Exit;
    if (manual) {
      const probe = bestExit(b.quotes, exitOptions);
      exit = {
        bestExitBp: manual.exitBp,
        basis: { kind: 'manual', reason: manual.reason },
        verdicts: probe.ok ? probe.exit.verdicts : probe.verdicts,
      };
    } else {
      const r = bestExit(b.quotes, exitOptions);
      if (!r.ok) {
        const why =
          r.code === 'STALE_QUOTES'
            ? 'no fresh reference quote for this card'
            : 'no fresh reference quote takes this card';
        throw new AppError(r.code, why, { brand, form, valueFen });
      }
      exit = r.exit;
    }
    const adj = this.adjustmentsFor(s, { valueFen, businessDate: b.businessDate, nowMs: b.nowMs, brand, form });
    const { maxRounds, ...policy } = s.policyOf(brand, form);
    const lv = levels(exit.bestExitBp, adj.totalBp, policy);
    const tier = adj.lines.find((l) => l.kind === 'tier')?.bp ?? 0;
    const band = exit.basis.kind === 'quote' ? exit.basis.band : ([0, null] as [number, number | null]);
    const basis = exit.basis.kind === 'quote' ? `q${band[0]}-${band[1] ?? 'x'}` : exit.basis.kind;
    const groupKey = `${brand}:${form}:${basis}:t${tier}:${lv.hardCapBp}/${lv.ceilingBp}/${lv.targetBp}/${lv.openingBp}`;
    return {
      brand,
      form,
      valueFen,
      groupKey,
      bandMinFen: band[0],
      bandMaxFen: band[1],
      tierBp: tier,
      bestExitBp: exit.bestExitBp,
      adjBp: adj.totalBp,
      stepBp: policy.stepBp,
      maxRounds,
      ...lv,
      explanation: {
        basis: exit.basis,
        verdicts: exit.verdicts,
        adjustments: adj.lines,
        capitalCostBpPerDay: s.capitalCostBpPerDay,
        policy,
      },
    };
  }
}
