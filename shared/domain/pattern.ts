// A brand's card-number and secret patterns (settings.md "Brands"): what makes one unfit for the counter, read
// from its text alone, so the owner's screen says it before saving and the main process refuses it on save. The
// timed trial against hostile inputs (electron/core/catalog/trial.ts) runs only in the main process.

/** The longest pattern the counter takes. */
export const PATTERN_MAX_LENGTH = 200;
/** A pattern must answer each hostile input within this many milliseconds when tried at save. */
export const PATTERN_TRIAL_MS = 50;
/** The length of each hostile input. */
export const HOSTILE_LENGTH = 10_000;

/** Why a pattern is refused: not a regular expression, too long, a repeat inside a repeat, too slow when tried. */
export type PatternProblem = 'invalid' | 'long' | 'nested' | 'slow';

/** The counter compiles patterns with the `u` flag; so does every check. */
export const compilePattern = (source: string): RegExp => new RegExp(source, 'u');

/** The problem the text of a pattern shows without running it, or null. */
export function patternProblem(source: string): Exclude<PatternProblem, 'slow'> | null {
  if (source.length > PATTERN_MAX_LENGTH) return 'long';
  try {
    compilePattern(source);
  } catch {
    return 'invalid';
  }
  return nestedQuantifier(source) ? 'nested' : null;
}

/** The quantifier starting at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`): its length and whether it repeats. */
function quantifierAt(s: string, i: number): { length: number; repeats: boolean } | null {
  const c = s[i];
  if (c === '*' || c === '+') return { length: 1, repeats: true };
  if (c === '?') return { length: 1, repeats: false };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, repeats: max > 1 };
}

/**
 * Whether a repeated group holds a repeat of its own — `(a+)+`, `(?:\d{2,})*`, `((ab)*c){2,}` — the shape behind
 * catastrophic backtracking. Expects a pattern that compiles.
 */
export function nestedQuantifier(source: string): boolean {
  const s = source;
  // One frame per open group: whether a repeat was seen inside it (at any depth).
  const frames: boolean[] = [false];
  let lastGroupRepeats: boolean | null = null;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      const next = s[i + 1] ?? '';
      i += 2;
      if ('pPu'.includes(next) && s[i] === '{') i = s.indexOf('}', i) + 1 || s.length;
      else if (next === 'k' && s[i] === '<') i = s.indexOf('>', i) + 1 || s.length;
      lastGroupRepeats = null;
      continue;
    }
    if (c === '[') {
      i += 1;
      while (i < s.length && s[i] !== ']') i += s[i] === '\\' ? 2 : 1;
      i += 1;
      lastGroupRepeats = null;
      continue;
    }
    if (c === '(') {
      frames.push(false);
      i += 1;
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(s.slice(i));
      if (prefix) i += prefix[0].length;
      lastGroupRepeats = null;
      continue;
    }
    if (c === ')') {
      const inner = frames.pop() ?? false;
      if (inner && frames.length > 0) frames[frames.length - 1] = true;
      lastGroupRepeats = inner;
      i += 1;
      continue;
    }
    const q = quantifierAt(s, i);
    if (q) {
      if (q.repeats) {
        if (lastGroupRepeats) return true;
        frames[frames.length - 1] = true;
      }
      i += q.length;
      if (s[i] === '?') i += 1; // lazy
      lastGroupRepeats = null;
      continue;
    }
    lastGroupRepeats = null;
    i += 1;
  }
  return false;
}

const META = new Set('\\^$.|?*+()[]{}'.split(''));
/** Characters that stand for the common classes and shapes of card numbers. */
const BASE_SEEDS = ['a', '0', 'A', '1', '9', 'z', 'Z', '_', '-', ' ', '.', 'x', 'X', '中'];

/**
 * Inputs of `length` characters built to make a backtracking pattern struggle: one character repeated, or two
 * alternating, then a character that fails the match. Seeds are the pattern's own literal characters first.
 */
export function hostileInputs(source: string, length = HOSTILE_LENGTH): string[] {
  const literal: string[] = [];
  for (const ch of source) if (!META.has(ch) && /\S/u.test(ch)) literal.push(ch);
  const seeds = [...new Set([...literal, ...BASE_SEEDS])].slice(0, 24);
  const out: string[] = [];
  for (const seed of seeds) for (const end of ['!', '\u0000']) out.push(seed.repeat(length - 1) + end);
  const few = seeds.slice(0, 6);
  for (const a of few)
    for (const b of few) if (a !== b) out.push((a + b).repeat(Math.floor((length - 1) / 2)).padEnd(length, '!'));
  return out;
}
