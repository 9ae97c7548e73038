// Prices one card (spec §3): best exit from live quotes (or the owner's manual exit), the shop's adjustments,
// the policy levels, the group key and an explanation that can be stored with the agreed rate.
import { AppError, type PricingView } from '../../../shared/contract';
import { adjustments, bestExit, levels, type Exit, type Form } from '../../../shared/domain/pricing';
import type { Clock } from '../ports';
import type { Days } from '../days/service';
import type { Quotes } from '../quotes/service';
import type { Settings } from '../settings/service';

export interface ManualExit {
  exitBp: number;
  reason: string;
}

export class Pricing {
  constructor(
    private readonly quotes: Quotes,
    private readonly settings: Settings,
    private readonly days: Days,
    private readonly clock: Clock,
  ) {}

  policy(brand: string, form: Form) {
    const p = this.settings.get('pricing');
    return p.policies[`${brand}/${form}`] ?? p.defaultPolicy;
  }

  price(brand: string, form: Form, valueFen: number, manual?: ManualExit): PricingView {
    const now = this.clock.now();
    const s = this.settings.get('pricing');
    const quotes = this.quotes.forBrand(brand);
    let exit: Exit;
    if (manual) {
      const probe = bestExit(quotes, {
        brand,
        form,
        valueFen,
        nowMs: now,
        capitalCostBpPerDay: s.capitalCostBpPerDay,
        physicalFallbackBp: s.physicalFallbackBp,
      });
      exit = {
        bestExitBp: manual.exitBp,
        basis: { kind: 'manual', reason: manual.reason },
        verdicts: probe.ok ? probe.exit.verdicts : probe.verdicts,
      };
    } else {
      const r = bestExit(quotes, {
        brand,
        form,
        valueFen,
        nowMs: now,
        capitalCostBpPerDay: s.capitalCostBpPerDay,
        physicalFallbackBp: s.physicalFallbackBp,
      });
      if (!r.ok) {
        const why =
          r.code === 'STALE_QUOTES'
            ? 'no fresh reference quote for this card'
            : 'no fresh reference quote takes this card';
        throw new AppError(r.code, why, { brand, form, valueFen });
      }
      exit = r.exit;
    }
    const adj = adjustments(s, { valueFen, businessDate: this.days.businessDateAt(now), nowMs: now, brand, form });
    const policy = this.policy(brand, form);
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
