import type { Problem } from '../types';
import { isBodyHeading, keptBlocks, promoteHeadings, render } from './render';

describe('stage render', () => {
  test('what reads as a section heading', () => {
    expect(isBodyHeading('Dredging Plan Delayed')).toBe(true);
    expect(isBodyHeading('WHAT COMES NEXT')).toBe(true);
    expect(isBodyHeading('U.S. Criminals Sent Abroad')).toBe(true);
    expect(isBodyHeading('The board met on Monday.')).toBe(false);
    expect(isBodyHeading('Done. Next Steps')).toBe(false);
    expect(isBodyHeading('- Harbor News')).toBe(false);
    expect(isBodyHeading('the quiet harbor')).toBe(false);
  });
  test('blocks: removed lines leave no gap, blank lines end a block except inside fenced code', () => {
    const lines = ['First line.  ', 'Advertisement', 'Second line.', '', '```', 'a', '', 'b', '```'];
    const keep = lines.map((_, i) => i !== 1);
    const inFence = lines.map((_, i) => i >= 4);
    expect(keptBlocks(lines, inFence, keep)).toEqual([
      { lines: ['First line.', 'Second line.'], fenced: false },
      { lines: ['```', 'a', '', 'b', '```'], fenced: true },
    ]);
  });
  test('a lone heading-like line becomes a heading, except in the last block', () => {
    const blocks = [
      { lines: ['Dredging Plan Delayed'], fenced: false },
      { lines: ['The board will meet in July.'], fenced: false },
      { lines: ['Harbor Weekly'], fenced: false },
    ];
    promoteHeadings(blocks);
    expect(blocks.map((b) => b.lines[0])).toEqual(['## Dredging Plan Delayed', 'The board will meet in July.', 'Harbor Weekly']);
  });
  test('the body is made safe, and that is reported', () => {
    const problems: Problem[] = [];
    const lines = ['Read the [full report](javascript:alert(1)) online.', '', 'The board met.'];
    const body = render(lines, [false, false, false], [true, true, true], problems);
    expect(body).not.toContain('javascript:');
    expect(body).toContain('full report');
    expect(problems.map((p) => p.code)).toEqual(['html-escaped']);
    const clean: Problem[] = [];
    expect(render(['Plain text.'], [false], [true], clean)).toBe('Plain text.');
    expect(clean).toEqual([]);
  });
});
