import { LINE_RULES } from '../rules';
import { customPatternRule, compilePatterns } from '../rules/custom-pattern';
import type { LineRule } from '../rules/rule';
import { classify, firstHit } from './classify';
import { segment } from './segment';

const DOC = [
  'Harbor Board Delays Vote on Dredging Plan',
  '',
  'By Lena Brook | June 3, 2024',
  '',
  'The harbor board postponed its vote on the dredging plan on Monday after fishermen packed the public gallery.',
  '',
  'Advertisement',
  '',
  '<script>track()</script>',
  '',
  'Tags: harbor, dredging',
  '',
  'The board will meet again in July, when the study is expected to be ready for councillors.',
];

function run(lines: string[], rules: readonly LineRule[] = LINE_RULES, title = 'Harbor Board Delays Vote on Dredging Plan') {
  return classify(segment(lines, rules, true), rules, title);
}

describe('stage classify', () => {
  test('each removed line is recorded with the first rule that matched it, in line order', () => {
    const { removed, keep } = run(DOC);
    expect(removed.map((r) => [r.line, r.rule])).toEqual([
      [1, 'title'],
      [3, 'byline'],
      [7, 'ad-line'],
      [9, 'unsafe-html'],
      [11, 'keyword-line'],
    ]);
    expect(keep[4]).toBe(true);
    expect(keep[12]).toBe(true);
    expect(keep[1]).toBe(true); // blank lines are not removed
  });
  test('what removed lines said is collected: authors, date, tags', () => {
    const { found } = run(DOC);
    expect(found.authors).toEqual(['Lena Brook']);
    expect(found.date).toBe('2024-06-03');
    expect(found.tags).toEqual(['harbor', 'dredging']);
  });
  test('without a title the title rule removes nothing', () => {
    expect(run(DOC, LINE_RULES, '').removed.map((r) => r.rule)).not.toContain('title');
  });
  test('a custom pattern records its own rule id; an earlier rule still wins', () => {
    const rules = [
      ...LINE_RULES,
      customPatternRule(compilePatterns([{ pattern: '^(Photo|Advertisement)', flags: '', rule: 'photo-credit' }], [])),
    ];
    const lines = ['Photo: Harbor Board archive', '', 'Advertisement'];
    const { removed } = run(lines, rules, '');
    expect(removed.map((r) => r.rule)).toEqual(['photo-credit', 'ad-line']);
    const view = { index: 0, raw: 'Advertisement', plain: 'Advertisement', inTop: false, glued: false, isHeading: false };
    expect(firstHit(view, rules, { title: '' })?.rule).toBe('ad-line');
  });
});
