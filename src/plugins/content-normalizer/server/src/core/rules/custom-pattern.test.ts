import { compilePatterns, customPatternRule } from './custom-pattern';
import type { Problem } from '../types';
import type { LineView } from './rule';
import { cleanDocument } from '../index';

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
          { pattern: '^Caf\\u00e9 corner\\b', flags: 'u' },
        ],
        problems,
      ),
    );
    expect(problems).toEqual([]);
    expect(rule.match(view('sign up for the harbor brief today'), { title: '' })).toEqual({ rule: 'custom-pattern' });
    expect(rule.match(view('PHOTO: Lena Brook'), { title: '' })).toEqual({ rule: 'custom-pattern' });
    expect(rule.match(view('Listen (4 min)'), { title: '' })).toEqual({ rule: 'audio-prompt' });
    expect(rule.match(view('Café corner opens'), { title: '' })).toEqual({ rule: 'custom-pattern' });
    expect(rule.match(view('The photo was taken at dawn.'), { title: '' })).toBeNull();
    expect(rule.match(view('Listen (four min)'), { title: '' })).toBeNull();
  });

  test('a pattern that hangs a backtracking engine runs in linear time on RE2', () => {
    const problems: Problem[] = [];
    const [nested] = compilePatterns([{ pattern: '/^((\\w+\\s?))*$/' }, { pattern: '(a+)+$', flags: '' }], problems);
    expect(problems).toEqual([]);
    // On V8's backtracking engine this line takes longer than the age of the universe: 2^n ways to split it.
    const sentence = 'The harbour master said the new quay would open next spring after the storms!';
    expect(nested.test(sentence)).toBe(false);
    expect(nested.test('The harbour master said')).toBe(true);
    const r = cleanDocument(
      { text: `Harbour Notes\n\n${sentence}\n\nA line of only words\n\nThe quay reopened on Monday after repairs.` },
      { customPatterns: [{ pattern: '^((\\w+\\s?))*$', flags: '' }] },
    );
    expect(r.removed.map((x) => [x.text, x.rule])).toEqual([
      ['Harbour Notes', 'custom-pattern'],
      ['A line of only words', 'custom-pattern'],
    ]);
  });

  test('what RE2 cannot run, and bad patterns, go to problems with the reason; never throw', () => {
    const problems: Problem[] = [];
    const out = compilePatterns(
      [
        { pattern: '(unclosed', flags: '' },
        { pattern: '(a)\\1', flags: '' },
        { pattern: 'Photo(?=:)', flags: '' },
        { pattern: '(?<!x)y', flags: '' },
        { pattern: '' },
        { pattern: 'x', flags: 'zz' },
        { pattern: 'x', flags: 'v' },
      ],
      problems,
    );
    expect(out).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(Array(7).fill('custom-pattern-invalid'));
    expect(problems[1].message).toMatch(/backreferences and lookahead\/lookbehind are not supported/);
    expect(problems[2].message).toMatch(/not supported/);
    expect(problems[6].message).toMatch(/flag "v"/);
  });
});
