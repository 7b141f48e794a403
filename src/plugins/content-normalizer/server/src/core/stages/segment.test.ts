import { LINE_RULES } from '../rules';
import { lineViews, markBlocks, markTop, segment } from './segment';

describe('stage segment', () => {
  test('fenced code: the fence lines and everything up to the matching close', () => {
    const lines = ['Intro line.', '```js', '~~~', 'Advertisement', '```', 'After.'];
    const { inFence, forced } = markBlocks(lines, true);
    expect(inFence).toEqual([false, true, true, true, true, false]);
    expect(forced.every((f) => f === null)).toBe(true);
    // A rule never sees fenced lines.
    expect(lineViews(lines, inFence, forced).map((v) => v !== null)).toEqual([true, false, false, false, false, true]);
  });
  test('a raw script block is forced out whole, up to its closing tag', () => {
    const lines = ['Story text.', '<script type="text/javascript">', 'track("view");', '</script>', 'More text.'];
    expect(markBlocks(lines, true).forced).toEqual([null, 'unsafe-html', 'unsafe-html', 'unsafe-html', null]);
    // With the rule off nothing is forced (the sanitize stage still escapes the markup).
    expect(markBlocks(lines, false).forced.every((f) => f === null)).toBe(true);
  });
  test('an unsafe block whose close is missing loses only its first line', () => {
    const lines = ['<style>', 'The council met on Tuesday.', 'It agreed the budget.'];
    expect(markBlocks(lines, true).forced).toEqual(['unsafe-html', null, null]);
  });
  test('line views: plain text, glued to a neighbour, heading', () => {
    const lines = ['## **Harbor** news', '', 'By Lena Brook', 'June 3, 2024'];
    const { inFence, forced } = markBlocks(lines, true);
    const views = lineViews(lines, inFence, forced);
    expect(views[0]).toMatchObject({ index: 0, plain: 'Harbor news', isHeading: true, glued: false, inTop: true });
    expect(views[1]).toBeNull();
    expect(views[2]).toMatchObject({ plain: 'By Lena Brook', glued: true, isHeading: false });
  });
  test('the top ends at the first prose line no rule removes; a byline before it stays in the top', () => {
    const lines = [
      'Harbor Board Delays Vote',
      '',
      'By Lena Brook | June 3, 2024',
      '',
      'The harbor board postponed its vote on the dredging plan on Monday after fishermen packed the gallery.',
      '',
      'The board will meet again in July.',
    ];
    const seg = segment(lines, LINE_RULES, true);
    expect(seg.firstProse).toBe(4);
    expect(seg.views.map((v) => v?.inTop ?? null)).toEqual([true, null, true, null, false, null, false]);
    // No prose at all: the whole document is top.
    const { inFence, forced } = markBlocks(['Home', 'News'], true);
    expect(markTop(lineViews(['Home', 'News'], inFence, forced), LINE_RULES)).toBe(2);
  });
});
