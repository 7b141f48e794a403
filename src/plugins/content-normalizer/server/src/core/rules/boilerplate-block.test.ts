import { cleanDocument, listRules } from '../index';
import { classifyLine } from './boilerplate-block';

// A news page as a naive scraper flattens it: every text node on its own line, no blank lines.
const MENU = ['Home', 'News', 'Sport', 'Weather', 'Contact', 'Search'];
const PROSE = [
  'The harbour board postponed its vote on the dredging plan on Monday after fishermen packed the public gallery.',
  'Members said they wanted an independent study of the silt before they would commit any of the money to the project.',
  'The board chair told reporters that the delay would not affect the ferry timetable for the summer season at all.',
  'Dredging Plan Delayed',
  'Fishermen have argued for years that the channel is too shallow for the larger boats that now use the port.',
  'A spokesman for the port authority said it would publish the study as soon as it was ready for the board.',
  'The next meeting of the board is planned for July, when the study is expected to be finished and discussed.',
];
const FOOTER = ['Impressum', 'Datenschutz', 'Kontakt', 'Newsletter', 'Facebook', 'Twitter'];
const filler = Array.from(
  { length: 14 },
  (_, i) =>
    `The ${['first', 'second', 'third'][i % 3]} witness said that the water in the harbour was clearer than it had been in the spring.`,
);
const FLAT = ['Harbour Board Delays Dredging Vote', ...MENU, ...PROSE, ...filler, ...FOOTER].join('\n');

describe('boilerplate-block', () => {
  test('is listed and on by default', () => {
    const def = listRules().find((r) => r.id === 'boilerplate-block');
    expect(def?.defaultEnabled).toBe(true);
  });
  test('classifies prose, menus and separators', () => {
    expect(classifyLine(PROSE[0])).toBe('good');
    expect(classifyLine('Weather')).toBe('nav');
    expect(classifyLine('Contact us')).toBe('other'); // a stop word: not counted as menu-like
    expect(classifyLine('|')).toBe('punct');
  });
  test('removes menu and footer runs of a flattened page, each line reported with the rule id', () => {
    const r = cleanDocument({ text: FLAT });
    for (const m of [...MENU, ...FOOTER]) expect(r.body.split('\n')).not.toContain(m);
    // Every line that left is in `removed`; the menu ones that no line rule knows carry this rule's id.
    const gone = new Map(r.removed.map((x) => [x.text, x.rule]));
    for (const m of [...MENU, ...FOOTER]) expect(gone.has(m)).toBe(true);
    expect(gone.get('Weather')).toBe('boilerplate-block');
    expect(gone.get('Impressum')).toBe('boilerplate-block');
    // The short subheading between prose lines stays (context rule).
    expect(r.body).toContain('Dredging Plan Delayed');
    for (const p of PROSE) expect(r.body).toContain(p);
  });
  test('idempotent', () => {
    const r = cleanDocument({ text: FLAT });
    const again = cleanDocument({ text: r.body, title: r.title });
    expect(again.removed).toEqual([]);
    expect(again.body).toBe(r.body);
  });
  test('can be switched off', () => {
    const r = cleanDocument({ text: FLAT }, { rules: { 'boilerplate-block': false } });
    expect(r.removed.some((x) => x.rule === 'boilerplate-block')).toBe(false);
    expect(r.body).toContain('Weather');
  });
  test('leaves documents with blank-line paragraphs alone', () => {
    const md = FLAT.split('\n').join('\n\n');
    const r = cleanDocument({ text: md });
    expect(r.removed.some((x) => x.rule === 'boilerplate-block')).toBe(false);
  });
});
