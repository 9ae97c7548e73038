// The timed half of a pattern's check (settings.md "Brands"): tried at save against hostile inputs of 10,000
// characters, it must answer each within 50 ms. A regular expression cannot be interrupted from JavaScript, so
// each try runs under `vm`'s timeout, whose watchdog stops even a match that would run for years.
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import {
  compilePattern,
  hostileInputs,
  PATTERN_TRIAL_MS,
  patternProblem,
  type PatternProblem,
} from '../../../shared/domain/pattern';

const TRY = new vm.Script('re.test(input)');

/** One try of one input: whether it answered within the limit. */
function answers(context: vm.Context, limitMs: number): boolean {
  const started = performance.now();
  try {
    TRY.runInContext(context, { timeout: limitMs });
  } catch {
    return false; // stopped by the watchdog
  }
  return performance.now() - started < limitMs;
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
