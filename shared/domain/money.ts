// Money is integer fen, rates integer basis points (spec §1). No floats for money anywhere.

export type CashRounding = 'none' | 'jiao' | 'yuan';
const UNIT: Record<CashRounding, number> = { none: 1, jiao: 10, yuan: 100 };

/** floor(V × rate / 10000): a line's payout. V ≤ 10^11 fen keeps the product exact in a double. */
export function linePayout(valueFen: number, rateBp: number): number {
  return Math.floor((valueFen * rateBp) / 10000);
}

/** Rounds a cash amount down to the shop's unit; the rest is the 抹零 kept on the trade. */
/** Average rate anywhere (spec §1): floor(Σ payout × 10000 / Σ V); 0 when nothing was bought. */
export function averageRateBp(payoutFen: number, valueFen: number): number {
  if (valueFen <= 0) return 0;
  // A chain's year of payouts times 10,000 passes 2^53: then in bigint, exactly.
  if (Math.abs(payoutFen) * 10000 <= Number.MAX_SAFE_INTEGER) return Math.floor((payoutFen * 10000) / valueFen);
  const q = (BigInt(payoutFen) * 10000n) / BigInt(valueFen);
  return Number(payoutFen < 0 && (BigInt(payoutFen) * 10000n) % BigInt(valueFen) !== 0n ? q - 1n : q);
}

export function roundCashDown(amountFen: number, rounding: CashRounding): { cashFen: number; roundingFen: number } {
  const unit = UNIT[rounding];
  const cashFen = Math.floor(amountFen / unit) * unit;
  return { cashFen, roundingFen: amountFen - cashFen };
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `¥1,234.50` on screen (receipts use the full-width `￥`). */
export function formatYuan(fen: number, symbol = '¥'): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${symbol}${groupThousands(String(yuan))}.${cents}`;
}

/** `¥1,000` for whole yuan, `¥1,000.50` otherwise: how bands and thresholds are named. */
export function formatWholeYuan(fen: number): string {
  return fen % 100 === 0 ? formatYuan(fen).slice(0, -3) : formatYuan(fen);
}

/** `3000` or `3000.50`: a fen amount as typed into an input (no symbol, no separators). */
export function yuanInput(fen: number): string {
  const s = formatYuan(fen, '').replaceAll(',', '');
  return fen % 100 === 0 ? s.slice(0, -3) : s;
}

/** `93.50%` from 9350 bp. */
export function formatRate(bp: number): string {
  return `${Math.floor(bp / 100)}.${String(Math.abs(bp) % 100).padStart(2, '0')}%`;
}

/** Parses what a clerk types as yuan (`1000`, `999.99`, `1,000.5`) into fen, or null if it is not whole fen. */
export function parseYuan(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,\s¥￥]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Parses a rate typed as a percentage (`91.6`, `91.60%`) into bp, or null. */
export function parseRate(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[%\s]/g, '');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}
