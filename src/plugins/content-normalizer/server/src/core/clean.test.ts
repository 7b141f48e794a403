import { cleanDocument, listRules } from './index';

const DOC = [
  'Harbor Board Delays Vote on Dredging Plan',
  '',
  'By Lena Brook | June 3, 2024',
  '',
  'The harbor board postponed its vote on the dredging plan on Monday after fishermen packed the public gallery and asked for an independent study.',
  '',
  'Photo: Harbor Board archive',
  '',
  'Advertisement',
  '',
  'The board will meet again in July, when the study is expected to be ready for councillors.',
].join('\n');

describe('cleanDocument options and known fields', () => {
  test('listRules describes every rule', () => {
    const ids = listRules().map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'title',
        'byline',
        'keyword-line',
        'copyright-footer',
        'ad-line',
        'prompt-line',
        'scraper-junk',
        'custom-pattern',
        'unsafe-html',
      ]),
    );
    for (const r of listRules()) expect(typeof r.description === 'string' && typeof r.defaultEnabled === 'boolean').toBe(true);
  });
  test('rules can be switched off globally and per source', () => {
    expect(cleanDocument({ text: DOC }).body).not.toContain('Advertisement');
    expect(cleanDocument({ text: DOC }, { rules: { 'ad-line': false } }).body).toContain('Advertisement');
    const opts = { sources: { 'harbor-weekly': { rules: { 'ad-line': false } } } };
    expect(cleanDocument({ text: DOC, source: 'harbor-weekly' }, opts).body).toContain('Advertisement');
    expect(cleanDocument({ text: DOC, source: 'other' }, opts).body).not.toContain('Advertisement');
  });
  test('custom patterns per source, with their own rule id; bad ones become problems', () => {
    const r = cleanDocument(
      { text: DOC, source: 'harbor-weekly' },
      {
        customPatterns: [{ pattern: '([', flags: '' }],
        sources: { 'harbor-weekly': { customPatterns: [{ pattern: '^Photo:', flags: '', rule: 'photo-credit' }] } },
      },
    );
    expect(r.removed.find((x) => x.line === 7)?.rule).toBe('photo-credit');
    expect(r.problems.some((p) => p.code === 'custom-pattern-invalid')).toBe(true);
  });
  test('known fields win', () => {
    const r = cleanDocument({
      text: DOC,
      title: 'Dredging Vote Put Off',
      authors: ['Ed Wharf'],
      publishedDate: '2024-06-04T10:00:00Z',
      tags: ['Harbor', 'harbor'],
    });
    expect(r.title).toBe('Dredging Vote Put Off');
    expect(r.authors).toEqual(['Ed Wharf']);
    expect(r.publishedDate).toBe('2024-06-04');
    expect(r.tags).toEqual([{ name: 'Harbor', slug: 'harbor' }]);
    // the original first line is not the known title, so it stays as a heading
    expect(r.body.startsWith('## Harbor Board Delays Vote on Dredging Plan')).toBe(true);
  });
  test('no byline means no authors; reading time from words-per-minute', () => {
    const r = cleanDocument({ text: 'Quiet Week at the Quay\n\n' + 'The quay was quiet all week. '.repeat(100) }, { wordsPerMinute: 100 });
    expect(r.authors).toEqual([]);
    expect(r.wordCount).toBe(600);
    expect(r.readingTimeMinutes).toBe(6);
  });
  test('nothing leaves the body without a removed entry', () => {
    const r = cleanDocument({ text: DOC });
    const lines = DOC.split('\n');
    const gone = new Set(r.removed.map((x) => x.line));
    lines.forEach((l, i) => {
      if (l.trim() && !gone.has(i + 1)) expect(r.body).toContain(l.trim());
    });
  });
  test('empty and odd input', () => {
    expect(cleanDocument({ text: '' })).toMatchObject({
      title: '',
      body: '',
      wordCount: 0,
      readingTimeMinutes: 0,
      authors: [],
      tags: [],
      removed: [],
    });
    expect(() => cleanDocument(null as never)).not.toThrow();
    expect(() => cleanDocument({ html: '' })).not.toThrow();
    const r = cleanDocument({ text: 'Tide\u0000 Tables\uD800 Update\n\nThe tide tables were updated.' });
    expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['control-characters', 'lone-surrogates']));
    expect(r.body + r.title).not.toMatch(/[\u0000\uD800]/);
  });
});
