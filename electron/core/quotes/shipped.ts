// The shipped reference quotes, expanded from resources/defaults/quotes.json (the seed's platforms).
import shipped from '../../../resources/defaults/quotes.json';
import type { Form, QuoteTerms } from '../../../shared/domain/pricing';

export const SHIPPED_QUOTES: QuoteTerms[] = shipped.rows.flatMap((r) =>
  shipped.bandsFen.map(([min, max], i) => ({
    source: r.source,
    brand: shipped.brand,
    form: r.form as Form,
    minValueFen: min ?? 0,
    maxValueFen: max ?? null,
    rateBp: r.ratesBp[i] ?? 0,
    feeBp: r.feeBp,
    feeFixedFen: r.feeFixedFen,
    minAmountFen: r.minAmountFen,
    settlementDays: r.settlementDays,
  })),
);
