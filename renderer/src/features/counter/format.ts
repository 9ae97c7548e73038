import type { TradeGroupView } from '../../../../shared/contract';
import { formatRate, formatWholeYuan, formatYuan } from '../../../../shared/domain/money';

export const yuan = (fen: number) => formatYuan(fen);
export const rate = (bp: number) => formatRate(bp);

/** `¥1,000` for a band's lower edge, the way the counter names groups. */
export function bandName(g: Pick<TradeGroupView, 'bandMinFen' | 'bandMaxFen'>): string {
  return g.bandMaxFen === null ? `${formatWholeYuan(g.bandMinFen)}+` : formatWholeYuan(g.bandMinFen);
}
