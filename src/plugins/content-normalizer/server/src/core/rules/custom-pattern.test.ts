import { compilePatterns, customPatternRule } from './custom-pattern';
import type { Problem } from '../types';
import type { LineView } from './rule';

const view = (plain: string): LineView => ({ index: 0, raw: plain, plain, inTop: false, glued: false, isHeading: false });

describe('custom-pattern', () => {
  test('plain text prefix, regex, /source/flags with a custom rule id', () => {
    const problems: Problem[] = [];
    const rule = customPatternRule(
      compilePatterns(
        [
          { pattern: 'Sign up for The Harbor Brief' },
          { pattern: '^Photo: .*$', flags: 'i' },
          { pattern: '/^Listen \\(\\d+ min\\)$/i', rule: 'audio-prompt' },
        ],
        problems,
      ),
    );
    expect(problems).toEqual([]);
    expect(rule.id).toBe('custom-pattern');
    expect(rule.match(view('sign up for the harbor brief today'), { title: '' })).toEqual({ rule: 'custom-pattern' });
    expect(rule.match(view('PHOTO: Lena Brook'), { title: '' })).toEqual({ rule: 'custom-pattern' });
    expect(rule.match(view('Listen (4 min)'), { title: '' })).toEqual({ rule: 'audio-prompt' });
    expect(rule.match(view('The photo was taken at dawn.'), { title: '' })).toBeNull();
  });
  test('bad and dangerous patterns go to problems, never throw', () => {
    const problems: Problem[] = [];
    const out = compilePatterns(
      [{ pattern: '(unclosed', flags: '' }, { pattern: '(a+)+$', flags: '' }, { pattern: '' }, { pattern: 'x', flags: 'zz' }],
      problems,
    );
    expect(out).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual([
      'custom-pattern-invalid',
      'custom-pattern-unsafe',
      'custom-pattern-invalid',
      'custom-pattern-invalid',
    ]);
  });
});
