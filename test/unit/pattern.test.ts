// A brand's pattern read from its text (shared/domain/pattern.ts): what the owner's screen says before saving and
// the main process checks first; the timed trial (electron/core/catalog/trial.ts) catches what the text hides.
import { describe, expect, it } from 'vitest';
import { hostileInputs, nestedQuantifier, patternProblem } from '../../shared/domain/pattern';
import { checkPattern } from '../../electron/core/catalog/trial';
import shipped from '../../resources/defaults/brands.json';

describe('a repeat inside a repeat', () => {
  it.each([
    '^(a+)+$',
    '(a*)*',
    '^(?:\\d{2,})+$',
    '((ab)*c){2,}',
    '(a+){2}',
    '^(x+x+)+y$',
    '^([0-9A-Z]+-?)*$',
    '(?<part>\\w+\\s?)+$',
    '(x(a)+)+',
  ])('finds one in %s', (p) => expect(nestedQuantifier(p)).toBe(true));

  it.each([
    '^[0-9A-Z]{16}$',
    '^[0-9]{16,19}$',
    '^(ab)+$',
    '^(a|b)*$',
    '^\\d+(-\\d+)?$',
    '^[(+)]+$',
    '^\\(a+\\)+$',
    '^(a+)?$',
    '^\\p{Script=Han}+$',
    '^a{2}(b+)c$',
    '^(TM){1}[0-9]{14}$',
    '^(?=.*\\d)[A-Z0-9]{8}$',
    '((a)+)?b*',
  ])('finds none in %s', (p) => expect(nestedQuantifier(p)).toBe(false));
});

describe('what a pattern’s text shows', () => {
  it('names a pattern too long, not a regular expression, or nesting a repeat; passes the shipped ones', () => {
    expect(patternProblem('x'.repeat(201))).toBe('long');
    expect(patternProblem('x'.repeat(200))).toBe(null);
    expect(patternProblem('^[0-9')).toBe('invalid');
    expect(patternProblem('^(a+)+$')).toBe('nested');
    // The counter compiles with the `u` flag: an escape it refuses is refused here too.
    expect(patternProblem('^\\-\\q$')).toBe('invalid');
    for (const p of ['^[0-9A-Z]{16}$', '^[0-9]{16,19}$']) expect(patternProblem(p)).toBe(null);
  });

  it('builds hostile inputs of 10,000 characters from the pattern’s own characters first', () => {
    const inputs = hostileInputs('^TM[0-9]{14}$');
    expect(inputs.length).toBeGreaterThan(20);
    for (const s of inputs) expect(s).toHaveLength(10_000);
    expect(inputs[0]?.startsWith('TTTT')).toBe(true);
  });
});

describe('the trial at save', () => {
  it('passes every shipped pattern (setup seeds them without the timed trial)', () => {
    const patterns = shipped.brands.flatMap((b) => b.forms.flatMap((f) => [f.numberPattern, f.secretPattern]));
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(checkPattern(p), p).toBe(null);
  });

  it('passes sound patterns and refuses ones that backtrack without nesting a repeat', () => {
    expect(checkPattern('^[0-9A-Z]{16}$')).toBe(null);
    expect(checkPattern('[0-9]{16,19}')).toBe(null);
    expect(checkPattern('^(a|a)*$')).toBe('slow');
    expect(checkPattern('^(\\d|\\d\\d)+$')).toBe('slow');
    expect(checkPattern('^(a+)+$')).toBe('nested');
  });
});
