import type { CleanInput, Problem } from '../types';
import { cleanString, decode, normalizeInput } from './decode';

describe('stage decode', () => {
  test('text input: a byte-order mark, control characters and CR line ends are repaired, then split', () => {
    const problems: Problem[] = [];
    const { lines, meta } = decode({ text: '\uFEFFHarbor vote\r\n\r\nThe board\u0007 met.\rDone.' }, problems);
    expect(lines).toEqual(['Harbor vote', '', 'The board met.', 'Done.']);
    expect(meta).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['control-characters']);
  });
  test('HTML input becomes Markdown lines, with what the page head said', () => {
    const page =
      '<!doctype html><html lang="en"><head><title>Ferry Fares Rise | Lake Gazette</title></head><body><article>' +
      '<h1>Ferry Fares Rise</h1>' +
      '<p>The lake ferry company raised its fares on Monday for the first time in six years, citing the cost of fuel and repairs.</p>' +
      '<p>Commuters who cross twice a day will pay about forty euros more each month, the company said in a statement.</p>' +
      '</article></body></html>';
    const { lines, meta } = decode({ html: page, url: 'https://lake.example/ferry' }, []);
    expect(lines.some((l) => l.startsWith('The lake ferry company raised its fares'))).toBe(true);
    expect(lines.some((l) => l.includes('<p>'))).toBe(false);
    expect(meta?.lang).toBe('en');
    expect(meta?.title).toContain('Ferry Fares Rise');
  });
  test('odd inputs: a bare string is text, the input’s source wins over the options’', () => {
    expect(normalizeInput('Hello' as unknown as CleanInput, undefined)).toEqual({ input: { text: 'Hello' }, source: undefined });
    expect(normalizeInput(null as unknown as CleanInput, 'opts').source).toBe('opts');
    expect(normalizeInput({ text: 'x', source: 'lake' }, 'opts').source).toBe('lake');
    expect(decode({ text: 42 } as unknown as CleanInput, []).lines).toEqual(['']);
  });
  test('known string fields are put on one line; anything else is empty', () => {
    expect(cleanString('  Ferry\n Fares\tRise ', [])).toBe('Ferry Fares Rise');
    expect(cleanString(7, [])).toBe('');
  });
});
