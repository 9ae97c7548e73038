// Pieces every console screen uses: a refusal in words next to its cause, a coloured dot, times, templates.
import type { ReactNode } from 'react';
import { CONSOLE_ERRORS, CONSOLE_FIELDS, type Lang } from '../../../shared/words';
import { Refusal } from './api';

export const when = (s: number | null, lang: Lang, never: string) =>
  s === null ? never : new Date(s * 1000).toLocaleString(lang, { hour12: false });
export const fill = (t: string, v: Record<string, string | number>) =>
  t.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
/** The rest of a list entry's path in words: a nested list's entry by its number (`forms.1` → 形式 #2), then the
 *  field, by the name it has in that list (`brands.maxValueFen`) or its own. */
function entryField(names: Record<string, string>, head: string, rest: string[]): string {
  const last = rest.at(-1) ?? '';
  const nested =
    rest.length === 3 && /^\d+$/.test(rest[1] ?? '')
      ? `${names[rest[0] ?? ''] ?? rest[0]} #${Number(rest[1]) + 1} · `
      : '';
  return `${nested}${names[`${head}.${last}`] ?? names[last] ?? last}`;
}

/** A refusal in words, next to what caused it. */
export function Problem({ error, lang }: { error: Refusal | null; lang: Lang }) {
  if (!error) return null;
  // A list's entry (`promotions.0.to`): the list's name and the entry's number, then the field's own name.
  const [head = '', index, ...rest] = (error.field ?? '').split('.');
  const names = CONSOLE_FIELDS[lang];
  const field = !error.field
    ? null
    : index !== undefined && /^\d+$/.test(index)
      ? `${names[head] ?? head} #${Number(index) + 1}${rest.length ? ` · ${entryField(names, head, rest)}` : ''}`
      : (names[error.field] ?? null);
  const wait = error.retryAfter ? ` (${error.retryAfter} s)` : '';
  return (
    <p className="problem" role="alert">
      {fill(CONSOLE_ERRORS[lang][error.code] ?? CONSOLE_ERRORS[lang].server ?? '', { row: error.row ?? '' })}
      {field ? ` — ${field}` : ''}
      {wait}
    </p>
  );
}
export const asRefusal = (e: unknown) => (e instanceof Refusal ? e : new Refusal('server', null, null));

export function Dot({ tone, children }: { tone: 'ok' | 'warn' | 'bad' | 'muted'; children: ReactNode }) {
  return (
    <span className={`dot ${tone}`}>
      <i aria-hidden="true">●</i> {children}
    </span>
  );
}
