// The shop's adjustments as the clerk's explanation names them: each a line with its name and signed rate
// ("面额 ≥ ¥1,000 +0.20%", "春节 +0.30%", "周末促销 +0.20%"), read from the group's snapshot.
import type { Lang } from './lang';
import { percent, yuanShort } from './settings';

export interface AdjustmentLike {
  kind: 'tier' | 'calendar' | 'promotion';
  name: string;
  bp: number;
  minValueFen?: number;
}

const TIER: Record<Lang, (from: string) => string> = {
  'zh-CN': (from) => `面额 ≥ ${from}`,
  en: (from) => `value ≥ ${from}`,
};

/** A tier's lower bound: carried since the owner's pricing settings, in the name (`≥100000`) before. */
function tierFrom(a: AdjustmentLike): number | null {
  if (a.minValueFen !== undefined) return a.minValueFen;
  const m = /^≥(\d+)$/.exec(a.name);
  return m ? Number(m[1]) : null;
}

/** One adjustment as a named line of the explanation. */
export function adjustmentLine(a: AdjustmentLike, lang: Lang): string {
  const from = a.kind === 'tier' ? tierFrom(a) : null;
  const name = a.kind === 'tier' && from !== null ? TIER[lang](yuanShort(from)) : a.name;
  return `${name} ${percent(a.bp, true)}`;
}
