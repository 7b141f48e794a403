import type { CleanInput, Problem } from '../types';
import type { PageMeta } from '../html';
import { LINE_RULES } from '../rules';
import type { Found } from './classify';
import { segment } from './segment';
import { detectTitle, documentFields, readingMinutes } from './metadata';

const LINES = [
  'Harbor Board Delays Vote',
  '',
  'By Lena Brook | June 3, 2024',
  '',
  'The harbor board postponed its vote on the dredging plan on Monday after fishermen packed the gallery.',
];
const seg = segment(LINES, LINE_RULES, true);
const page = (over: Partial<PageMeta>): PageMeta => ({ title: null, authors: [], date: null, tags: [], lang: null, ...over });
const nothing: Found = { authors: [], date: null, dateIsUpdate: false, readingTime: undefined, tags: [] };

describe('stage metadata', () => {
  test('title: known, then the page’s, then the first title-like line of the top', () => {
    expect(detectTitle({ text: '', title: ' Dredging  Vote ' }, page({ title: 'Page' }), seg, LINE_RULES, [])).toBe('Dredging Vote');
    expect(detectTitle({ text: '' }, page({ title: 'Page Title' }), seg, LINE_RULES, [])).toBe('Page Title');
    expect(detectTitle({ text: '' }, null, seg, LINE_RULES, [])).toBe('Harbor Board Delays Vote');
  });
  test('no title found is a problem; a byline is never the title', () => {
    const problems: Problem[] = [];
    const lines = ['By Lena Brook', '', 'The harbor board postponed its vote on the dredging plan on Monday after fishermen came.'];
    expect(detectTitle({ text: '' }, null, segment(lines, LINE_RULES, true), LINE_RULES, problems)).toBe('');
    expect(problems.map((p) => p.code)).toEqual(['no-title']);
  });
  test('known fields win; a known date that is not a date is reported and ignored', () => {
    const problems: Problem[] = [];
    const inp: CleanInput = { text: '', authors: ['Ed Wharf', ''], tags: ['Harbor'], publishedDate: 'last week' };
    const found: Found = { ...nothing, authors: ['Lena Brook'], date: '2024-06-03', tags: ['fishing'] };
    const f = documentFields(inp, null, found, 'The board met.', {}, problems);
    expect(f.authors).toEqual(['Ed Wharf']);
    expect(f.tags.map((t) => t.name)).toEqual(['Harbor']);
    expect(f.publishedDate).toBe('2024-06-03');
    expect(problems.map((p) => p.code)).toEqual(['bad-date']);
  });
  test('dates: structured page data, then the byline, then a date-like element of the page', () => {
    const found: Found = { ...nothing, date: '2024-06-03' };
    expect(documentFields({ text: '' }, page({ date: '2024-06-01', weakDate: '2024-05-01' }), found, '', {}, []).publishedDate).toBe(
      '2024-06-01',
    );
    expect(documentFields({ text: '' }, page({ weakDate: '2024-05-01' }), found, '', {}, []).publishedDate).toBe('2024-06-03');
    expect(documentFields({ text: '' }, page({ weakDate: '2024-05-01' }), nothing, '', {}, []).publishedDate).toBe('2024-05-01');
  });
  test('authors from the text before the page’s; tags from both', () => {
    const meta = page({ authors: ['Page Author'], tags: ['Lake'] });
    const f = documentFields({ text: '' }, meta, { ...nothing, authors: ['Lena Brook'], tags: ['Harbor'] }, '', {}, []);
    expect(f.authors).toEqual(['Lena Brook']);
    expect(f.tags.map((t) => t.name)).toEqual(['Harbor', 'Lake']);
    expect(documentFields({ text: '' }, meta, nothing, '', {}, []).authors).toEqual(['Page Author']);
  });
  test('reading time: a stated one wins, else words at the given speed, at least a minute', () => {
    expect(readingMinutes(450, undefined, undefined)).toBe(3);
    expect(readingMinutes(450, undefined, 150)).toBe(3);
    expect(readingMinutes(451, undefined, 150)).toBe(4);
    expect(readingMinutes(10, undefined, -5)).toBe(1);
    expect(readingMinutes(0, undefined, undefined)).toBe(0);
    expect(readingMinutes(450, 7, undefined)).toBe(7);
  });
  test('word count and language from the body; the page’s lang wins when it is a two-letter code', () => {
    const body = 'The harbor board postponed its vote on the dredging plan after fishermen packed the public gallery on Monday.';
    const f = documentFields({ text: '' }, null, nothing, body, {}, []);
    expect(f.wordCount).toBe(18);
    expect(f.language).toBe('en');
    expect(documentFields({ text: '' }, page({ lang: 'de' }), nothing, body, {}, []).language).toBe('de');
    expect(documentFields({ text: '' }, page({ lang: 'en-US' }), nothing, body, {}, []).language).toBe('en');
  });
});
