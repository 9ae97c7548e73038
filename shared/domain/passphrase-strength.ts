// How hard a recovery passphrase is to guess, estimated simply and on the cautious side. The passphrase is compared
// after normalisation (case, spaces and dashes do not count), so the estimate is made on the normalised text: each
// character is worth the bits of its character classes' pool, except where an attacker's first guesses would find
// it — a common word or keyboard row, a repeat of something earlier (`AAAA`, `CRSHCRSH`), a run up or down
// (`1234`, `ABCD`) or a pronounceable stretch of letters — which is priced as the few choices it really is.
import { normalise } from './normalise';

/** What the generator gives: six groups of four from 32 symbols are 120 random bits. A chosen one must reach it. */
export const PASSPHRASE_MIN_BITS = 120;

// Upper case after normalisation; an attacker tries these (and the keyboard's rows) before anything random.
const WORDS = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'ADMIN',
  'ROOT',
  'LOGIN',
  'LETMEIN',
  'WELCOME',
  'SECRET',
  'MASTER',
  'DRAGON',
  'MONKEY',
  'SUNSHINE',
  'PRINCESS',
  'FOOTBALL',
  'BASEBALL',
  'ILOVEYOU',
  'TRUSTNO',
  'HELLO',
  'WORLD',
  'LOVE',
  'SHOP',
  'STORE',
  'CARD',
  'GIFT',
  'DESK',
  'CARDDESK',
  'RECOVERY',
  'BACKUP',
  'OWNER',
  'CHINA',
  'BEIJING',
  'SHANGHAI',
  'WOAINI',
  'NIHAO',
  'QWERTYUIOP',
  'ASDFGHJKL',
  'ZXCVBNM',
  'QAZWSX',
  'ABCDEFG',
  'DEMO',
  'TEST',
];
const WORD_BITS = Math.log2(WORDS.length) + 1;
// Shannon's estimate for English letters in running text, rounded up: a pronounceable stretch is worth about this.
const WORDISH_BITS_PER_LETTER = 2.5;
const MIN_RUN = 3;

function poolSize(text: string): number {
  let pool = 0;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[!-/:-@[-`{-~]/.test(text)) pool += 32;
  // Other scripts (a Chinese IME's characters): the few thousand in common use.
  if (/[^\x20-\x7e]/.test(text)) pool += 3500;
  return Math.max(pool, 1);
}

const isLetter = (c: string) => c >= 'A' && c <= 'Z';
const isVowel = (c: string) => 'AEIOUY'.includes(c);

/** For each position: whether it sits in a run of six or more letters that reads like words (a vowel every few letters). */
function wordishMask(s: string[]): boolean[] {
  const mask = s.map(() => false);
  let i = 0;
  while (i < s.length) {
    if (!isLetter(s[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && isLetter(s[j]!)) j++;
    const run = s.slice(i, j);
    const vowels = run.filter(isVowel).length;
    let consonants = 0;
    let clustered = false;
    for (const c of run) {
      consonants = isVowel(c) ? 0 : consonants + 1;
      if (consonants > 3) clustered = true;
    }
    if (run.length >= 6 && vowels / run.length >= 0.25 && !clustered) for (let k = i; k < j; k++) mask[k] = true;
    i = j;
  }
  return mask;
}

function wordAt(s: string[], i: number): number {
  let best = 0;
  for (const w of WORDS) if (w.length > best && s.slice(i, i + w.length).join('') === w) best = w.length;
  return best;
}

/** The longest stretch from `i` that copies text starting earlier (overlap allowed, so `AAAA` is one repeat). */
function repeatAt(s: string[], i: number): number {
  let best = 0;
  for (let j = 0; j < i; j++) {
    let n = 0;
    while (i + n < s.length && s[j + n] === s[i + n]) n++;
    if (n > best) best = n;
  }
  return best >= MIN_RUN ? best : 0;
}

/** The length of a run going up or down one code point at a time from `i` (`1234`, `ZYX`). */
function sequenceAt(s: string[], i: number): number {
  if (i + 1 >= s.length) return 0;
  const step = s[i + 1]!.codePointAt(0)! - s[i]!.codePointAt(0)!;
  if (step !== 1 && step !== -1) return 0;
  let n = 2;
  while (i + n < s.length && step === s[i + n]!.codePointAt(0)! - s[i + n - 1]!.codePointAt(0)!) n++;
  return n >= MIN_RUN ? n : 0;
}

/** Estimated bits an attacker must search to guess `raw`. */
export function passphraseBits(raw: string): number {
  const text = normalise(raw);
  const s = Array.from(text);
  const perChar = Math.log2(poolSize(text));
  const wordish = wordishMask(s);
  let bits = 0;
  let i = 0;
  while (i < s.length) {
    const word = wordAt(s, i);
    const repeat = repeatAt(s, i);
    const sequence = sequenceAt(s, i);
    const longest = Math.max(word, repeat, sequence);
    if (longest > 0 && longest === word) {
      bits += WORD_BITS;
    } else if (longest > 0 && longest === repeat) {
      // Where the copy starts and how long it is: all an attacker has to choose.
      bits += Math.log2(i) + Math.log2(repeat);
    } else if (longest > 0) {
      bits += perChar + Math.log2(sequence) + 1;
    } else {
      bits += wordish[i] ? Math.min(perChar, WORDISH_BITS_PER_LETTER) : perChar;
      i++;
      continue;
    }
    i += longest;
  }
  return bits;
}

export type PassphraseVerdict = { strong: true; bits: number } | { strong: false; bits: number; need: number };

export function judgePassphrase(raw: string): PassphraseVerdict {
  const bits = Math.floor(passphraseBits(raw));
  return bits >= PASSPHRASE_MIN_BITS ? { strong: true, bits } : { strong: false, bits, need: PASSPHRASE_MIN_BITS };
}
