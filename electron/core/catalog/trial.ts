// The timed half of a pattern's check (settings.md "Brands"): tried at save against hostile inputs of 10,000
// characters, it must answer each within 50 ms of processor time. A regular expression cannot be interrupted from JavaScript, so
// each try runs under `vm`'s timeout, whose watchdog stops even a match that would run for years.
import vm from 'node:vm';
import {
  compilePattern,
  hostileInputs,
  PATTERN_TRIAL_MS,
  patternProblem,
  type PatternProblem,
} from '../../../shared/domain/pattern';

const TRY = new vm.Script('re.test(input)');

/** How long the watchdog lets one try run on the clock, as a multiple of the limit (see `answers`). */
const WATCHDOG = 20;

/**
 * One try of one input: whether it answered within the limit of processor time. The limit is the work the match
 * did (CPU time), not the clock: a PC busy with other programs slows the clock, never the work, so it cannot get a
 * sound pattern refused. The watchdog stops a match that runs past `WATCHDOG` times the limit on the clock.
 */
function answers(context: vm.Context, limitMs: number): boolean {
  const before = process.cpuUsage();
  try {
    TRY.runInContext(context, { timeout: limitMs * WATCHDOG });
  } catch {
    return false; // stopped by the watchdog
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 < limitMs;
}

/**
 * Whether the pattern answers every hostile input in time. An input that misses the limit is tried once more, so
 * a busy PC pausing the check does not refuse a sound pattern; a backtracking one misses both tries by far.
 * Expects a pattern that compiles.
 */
export function answersInTime(source: string, limitMs = PATTERN_TRIAL_MS): boolean {
  const context = vm.createContext({ re: compilePattern(source), input: '' });
  for (const input of hostileInputs(source)) {
    context.input = input;
    if (!answers(context, limitMs) && !answers(context, limitMs)) return false;
  }
  return true;
}

/** The problem that keeps a pattern off the counter, or null: its text first, then the timed trial. */
export function checkPattern(source: string): PatternProblem | null {
  return patternProblem(source) ?? (answersInTime(source) ? null : 'slow');
}
