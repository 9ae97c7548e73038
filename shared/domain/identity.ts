// Identity documents (spec §5): the 18-digit resident ID is checked with GB 11643-1999's check digit and a
// real birth date; other documents by their shape. Numbers are normalised first (`x` → `X`, full width → ASCII).
import { normalise } from './normalise';

import type { IdType } from './codes';

export type { IdType } from './codes';
export type IdProblem = 'length' | 'format' | 'birthdate' | 'checksum';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function residentCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

function realDate(yyyymmdd: string, todayIso: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return y >= 1900 && iso <= todayIso;
}

const SHAPES: Record<Exclude<IdType, 'resident'>, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macau: /^[HM]\d{8,10}$/,
  taiwan: /^\d{8}$|^\d{10}$/,
};

/** Null when the number is acceptable; otherwise what is wrong with it. `todayIso` is the shop's date. */
export function checkIdNumber(
  type: IdType,
  raw: string,
  todayIso: string,
): { normalised: string; problem: IdProblem | null } {
  const n = normalise(raw);
  if (type !== 'resident') return { normalised: n, problem: SHAPES[type].test(n) ? null : 'format' };
  if (n.length !== 18) return { normalised: n, problem: 'length' };
  if (!/^[1-9]\d{16}[\dX]$/.test(n)) return { normalised: n, problem: 'format' };
  if (!realDate(n.slice(6, 14), todayIso)) return { normalised: n, problem: 'birthdate' };
  if (residentCheckChar(n.slice(0, 17)) !== n[17]) return { normalised: n, problem: 'checksum' };
  return { normalised: n, problem: null };
}

/** What screens show of an ID number: the first 3 and the last 4 (`110***********123X`). */
export function maskId(n: string): string {
  return n.length <= 7 ? '*'.repeat(n.length) : `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`;
}
