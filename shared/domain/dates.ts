// Business dates in the shop's time zone (spec §1, default Asia/Shanghai). Dates are `YYYY-MM-DD`.

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, tz: string): Record<string, number> {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

export function localDate(ms: number, tz: string): string {
  const p = parts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function localHour(ms: number, tz: string): number {
  return parts(ms, tz).hour ?? 0;
}

/** Minutes after local midnight in `tz` (09:30 = 570). */
export function localMinutes(ms: number, tz: string): number {
  const p = parts(ms, tz);
  return (p.hour ?? 0) * 60 + (p.minute ?? 0);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one date to a later one (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant of `date` at `hour`:00 local time in `tz`. */
export function zonedTime(date: string, hour: number, tz: string): number {
  return zonedMinutes(date, hour * 60, tz);
}

/** The instant of `date` at so many minutes after local midnight in `tz` (the cut-off 04:30 = 270). */
export function zonedMinutes(date: string, minutes: number, tz: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const p = parts(guess, tz);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return guess - (asUtc - guess);
}

export function compact(date: string): string {
  return date.replaceAll('-', '');
}

/** `YYYY-MM-DD HH:mm` in the shop's time zone. */
export function localDateTime(ms: number, tz: string): string {
  const p = parts(ms, tz);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${localDate(ms, tz)} ${two(p.hour)}:${two(p.minute)}`;
}
