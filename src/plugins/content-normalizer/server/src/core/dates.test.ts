/** findDate: the four date shapes, and its four-digit shortcut, checked against the patterns run without it. */
import fc from 'fast-check';
import { findDate, localDateOf, normalizeDate, parseDateOnly, shownDate } from './dates';

// The patterns of dates.ts, run without the shortcut: the reference the shortcut must agree with.
const PATTERNS = [
  /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/,
  /(?<![\p{L}])(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u,
  /(?<!\d)(\d{1,2})(?:\.|º|st|nd|rd|th|er)?\s+(?:de\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\d)/u,
  /(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)/,
];

describe('findDate', () => {
  test.each([
    ['Published 2024-03-07 at noon', '2024-03-07'],
    ['By Ana Ruiz | March 7, 2024', '2024-03-07'],
    ['7 de marzo de 2024', '2024-03-07'],
    ['Stand: 07.03.2024, 10:15 Uhr', '2024-03-07'],
    ['03/07/2024', '2024-03-07'],
    ['Le 7 mars 2024', '2024-03-07'],
  ])('%j -> %s', (line, date) => {
    expect(findDate(line)?.date).toBe(date);
    expect(normalizeDate(line)).toBe(date);
  });

  test('no date without a four-digit year; impossible days are refused', () => {
    expect(findDate('March 7, at the harbour, 12 boats')).toBeNull();
    expect(findDate('The council met on Tuesday and voted 7-2.')).toBeNull();
    expect(findDate('February 30, 2024')).toBeNull();
    expect(parseDateOnly('Updated: Tuesday, March 7, 2024 10:15 EST')).toBe('2024-03-07');
  });

  test('the shortcut (no four digits in a row: null) is only taken where no pattern can match (2000 runs)', () => {
    const piece = fc.constantFrom(
      '2024',
      '1999',
      '202',
      '12',
      '7',
      '0',
      '.',
      '/',
      '-',
      ' ',
      ', ',
      'th',
      'March',
      'marzo',
      'de',
      'Mär',
      'x',
      'º',
      '\n',
    );
    let shortcut = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const s = parts.join('');
        if (/\d{4}/.test(s)) return;
        shortcut++;
        expect(PATTERNS.some((re) => re.test(s))).toBe(false);
        expect(findDate(s)).toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(shortcut).toBeGreaterThan(200);
    // Near misses: a three-digit year is no year.
    for (const s of ['March 7, 202', '7.3.202', '202-03-07']) expect(PATTERNS.some((re) => re.test(s))).toBe(false);
  });
});

describe('shownDate', () => {
  test.each([
    ['23.09.22', '2022-09-23'],
    ['Mi., 31.10.23 | 14:00', '2023-10-31'],
    ['26.10.99', '1999-10-26'],
    ['6. Mai 2021', '2021-05-06'],
    ['31.02.22', null],
    ['Version 1.2.3', null],
  ])('%s', (text, want) => expect(shownDate(text)).toBe(want));
});

describe('localDateOf', () => {
  test.each([
    ['2020-02-25T02:25:54Z', '2020-02-24', '2020-02-24'], // New York, UTC−5
    ['2019-10-18T22:04:00+00:00', '2019-10-19', '2019-10-19'], // Vienna, UTC+2
    ['2019-10-18 22:04 UTC', '2019-10-19', '2019-10-19'],
    ['2020-02-18T12:53:40+00:00', '2020-02-19', null], // would take UTC+11.1
    ['2020-02-25T02:25:54Z', '2020-02-25', null], // the same day: nothing to change
    ['2020-02-25T02:25:54Z', '2020-02-22', null],
    ['2020-02-25T02:25:54-05:00', '2020-02-24', null], // a local offset is the newsroom's own day
    ['2020-02-25', '2020-02-24', null], // no time of day
  ])('%s shown as %s', (stamp, shown, want) => expect(localDateOf(stamp, shown)).toBe(want));
});
