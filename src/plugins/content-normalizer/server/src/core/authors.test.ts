import { isSiteName, normalizeAuthors } from './authors';

describe('normalizeAuthors', () => {
  test('strips prefixes, splits lists, fixes case', () => {
    expect(normalizeAuthors(['By Jane Doe and JOHN ROE | 3 May 2021'])).toEqual(['Jane Doe', 'John Roe']);
    expect(normalizeAuthors(['Erstellt von Andri Bryner'])).toEqual(['Andri Bryner']);
    expect(normalizeAuthors(['Lars Fischer und Alina Schadwinkel'])).toEqual(['Lars Fischer', 'Alina Schadwinkel']);
    expect(normalizeAuthors(['maria lopez'])).toEqual(['Maria Lopez']);
  });
  test('drops URLs, e-mails, handles, agencies and UI words', () => {
    expect(normalizeAuthors(['https://example.com/author/jane'])).toEqual([]);
    expect(normalizeAuthors(['Jane Doe jane@example.com'])).toEqual(['Jane Doe']);
    expect(normalizeAuthors(['Reuters'])).toEqual([]);
    expect(normalizeAuthors(['Posted on'])).toEqual([]);
    expect(normalizeAuthors(['Jane &amp; John Roe'])).toEqual(['Jane', 'John Roe']);
  });
  test('the site is not an author', () => {
    expect(isSiteName('Badische Zeitung', ['badische-zeitung.de'])).toBe(true);
    expect(isSiteName('Mdr.de', [])).toBe(true);
    expect(normalizeAuthors(['The Riverside Ledger'], ['The Riverside Ledger'])).toEqual([]);
    expect(normalizeAuthors(['Nadia Ferrante'], ['The Riverside Ledger'])).toEqual(['Nadia Ferrante']);
  });
});
