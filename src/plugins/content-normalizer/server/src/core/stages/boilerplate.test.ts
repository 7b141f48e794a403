import { LINE_RULES } from '../rules';
import { classify } from './classify';
import { blockCandidates, looksFlattened, removeBoilerplateRuns } from './boilerplate';
import { segment } from './segment';

// A small news page as a naive scraper flattens it: every text node on its own line, no blank lines.
const MENU = ['Home', 'News', 'Sport', 'Weather', 'Contact'];
const PROSE = Array.from(
  { length: 24 },
  (_, i) => `Witness ${i + 1} told the harbour board that the water near the old pier was clearer than it had been in the spring.`,
);
const FOOTER = ['Impressum', 'Datenschutz', 'Kontakt', 'Newsletter'];
const FLAT = [...MENU, ...PROSE, ...FOOTER];

function stage(lines: string[], fromHtml = false, enabled = true) {
  const seg = segment(lines, LINE_RULES, true);
  const classified = classify(seg, LINE_RULES, '');
  removeBoilerplateRuns(seg, classified, fromHtml, enabled);
  return classified;
}

describe('stage boilerplate runs', () => {
  test('the gate: plain text, rule on, 30+ non-empty lines, under one blank line per ten', () => {
    expect(looksFlattened(FLAT, false, true)).toBe(true);
    expect(looksFlattened(FLAT, true, true)).toBe(false);
    expect(looksFlattened(FLAT, false, false)).toBe(false);
    expect(looksFlattened(FLAT.slice(0, 29), false, true)).toBe(false);
    expect(looksFlattened(FLAT.join('\n\n').split('\n'), false, true)).toBe(false);
  });
  test('candidates: the kept lines, structure marked, blank lines counted outside fences', () => {
    const lines = ['## Harbour', 'Home', 'Menu', '', '- one item', '```', '', '```'];
    const seg = segment(lines, LINE_RULES, true);
    const keep = lines.map((_, i) => i !== 2);
    const { candidates, blank } = blockCandidates(seg, keep);
    expect(blank).toBe(1);
    expect(candidates.map((c) => [c.index, c.structural, c.afterBlank])).toEqual([
      [0, true, false],
      [1, false, false],
      [4, true, true],
      [5, true, false],
      [7, true, false],
    ]);
  });
  test('menu and footer runs of a flattened page go, recorded in line order', () => {
    const { removed, keep } = stage(FLAT);
    const gone = removed.filter((r) => r.rule === 'boilerplate-block').map((r) => r.text);
    expect(gone).toEqual(expect.arrayContaining(['Weather', 'Impressum']));
    for (let i = MENU.length; i < MENU.length + PROSE.length; i++) expect(keep[i]).toBe(true);
    expect(removed.map((r) => r.line)).toEqual([...removed.map((r) => r.line)].sort((a, b) => a - b));
  });
  test('nothing happens on HTML input, with the rule off, or with paragraphs', () => {
    const byRuns = (lines: string[], fromHtml = false, enabled = true) =>
      stage(lines, fromHtml, enabled).removed.filter((r) => r.rule === 'boilerplate-block');
    expect(byRuns(FLAT, true)).toEqual([]);
    expect(byRuns(FLAT, false, false)).toEqual([]);
    expect(byRuns(FLAT.join('\n\n').split('\n'))).toEqual([]);
  });
});
