// What screens, receipts and sync may show of a number: `138****5678`, or `****1234`.
export function maskPhone(digits: string): string {
  const d = digits.replace(/\D/g, '');
  if (d.length === 0) return '';
  if (d.length >= 11) return `${d.slice(0, 3)}****${d.slice(-4)}`;
  return `****${d.slice(-Math.min(4, Math.max(1, d.length - 2)))}`;
}

export function last4(value: string): string {
  return `****${value.slice(-4)}`;
}
