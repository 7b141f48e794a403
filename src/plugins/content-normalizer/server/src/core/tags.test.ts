import { normalizeTag, normalizeTags } from './tags';

describe('normalizeTag', () => {
  test.each([
    ['Café', 'Café', 'cafe'],
    ['U.S. Criminals', 'U.S. Criminals', 'us-criminals'],
    ['MS-13', 'MS-13', 'ms-13'],
    ['A.I.', 'A.I.', 'ai'],
    ['  trade   policy ', 'trade policy', 'trade-policy'],
    ['#Elections!', 'Elections', 'elections'],
    ['"Harbor"', 'Harbor', 'harbor'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth', 'fullwidth'],
  ])('%j', (raw, name, slug) => expect(normalizeTag(raw)).toEqual({ name, slug }));
  test('scripts slugify cannot transliterate get a stable hash slug', () => {
    const a = normalizeTag('ภาษาไทย');
    expect(a?.slug).toMatch(/^tag-[0-9a-z]+$/);
    expect(normalizeTag('ภาษาไทย')).toEqual(a);
    expect(normalizeTag('日本語')?.slug).not.toBe(a?.slug);
  });
  test('drops empty, over-long, numeric/punctuation tags', () => {
    expect(normalizeTag('   ')).toBeNull();
    expect(normalizeTag('x'.repeat(65))).toBeNull();
    expect(normalizeTag('2024')).toBeNull();
    expect(normalizeTag('!!!')).toBeNull();
  });
});

describe('normalizeTags', () => {
  test('merges variants by slug, keeping the most natural name, first position', () => {
    const { tags, problems } = normalizeTags([
      'semiconductors',
      'Trade Policy',
      'Semiconductors',
      ' trade   policy ',
      'TRADE POLICY',
      '',
      '123',
      'CECOT',
      'cecot',
    ]);
    expect(tags).toEqual([
      { name: 'Semiconductors', slug: 'semiconductors' },
      { name: 'Trade Policy', slug: 'trade-policy' },
      { name: 'CECOT', slug: 'cecot' },
    ]);
    expect(problems.map((p) => p.code)).toEqual(['tag-empty', 'tag-not-a-word']);
  });
});
