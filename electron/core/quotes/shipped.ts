// The shipped reference quotes: the seed's three platforms, as spec §2 gives them (bands in yuan
// [0,500) [500,1000) [1000,5000) [5000,∞)). Loaded stale until the owner confirms them.
import type { Form } from '../../../shared/domain/pricing';

const BANDS: [number, number | null][] = [[0, 50_000], [50_000, 100_000], [100_000, 500_000], [500_000, null]];

interface Row {
  source: string;
  form: Form;
  rates: [number, number, number, number];
  feeBp: number;
  minAmountFen: number;
  settlementDays: number;
}

const ROWS: Row[] = [
  { source: '平台A', form: 'e', rates: [9200, 9300, 9400, 9500], feeBp: 0, minAmountFen: 10_000, settlementDays: 2 },
  { source: '平台B', form: 'e', rates: [9000, 9100, 9200, 9300], feeBp: 100, minAmountFen: 5_000, settlementDays: 0 },
  { source: '平台C', form: 'e', rates: [8800, 8900, 9000, 9100], feeBp: 0, minAmountFen: 20_000, settlementDays: 1 },
  { source: '平台A', form: 'physical', rates: [9000, 9100, 9200, 9300], feeBp: 0, minAmountFen: 10_000, settlementDays: 2 },
  { source: '平台C', form: 'physical', rates: [8600, 8700, 8800, 8900], feeBp: 0, minAmountFen: 20_000, settlementDays: 1 },
];

export interface ShippedQuote {
  source: string;
  form: Form;
  minValueFen: number;
  maxValueFen: number | null;
  rateBp: number;
  feeBp: number;
  feeFixedFen: number;
  minAmountFen: number;
  settlementDays: number;
}

export const SHIPPED_QUOTES: ShippedQuote[] = ROWS.flatMap((r) =>
  BANDS.map(([min, max], i) => ({
    source: r.source, form: r.form, minValueFen: min, maxValueFen: max, rateBp: r.rates[i] ?? 0,
    feeBp: r.feeBp, feeFixedFen: 0, minAmountFen: r.minAmountFen, settlementDays: r.settlementDays,
  })),
);
