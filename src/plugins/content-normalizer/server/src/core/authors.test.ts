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
  test('particles inside a name are not the labels they spell', () => {
    expect(normalizeAuthors(['Christoph von Ritter'])).toEqual(['Christoph von Ritter']);
    expect(normalizeAuthors(['Von Jane Doe'])).toEqual(['Jane Doe']);
    expect(normalizeAuthors(['Eingestellt von Weinlachgummi'])).toEqual(['Weinlachgummi']);
  });
  test('a date glued on after the names is cut off', () => {
    expect(normalizeAuthors(['Tomas Spahn Fr, 18. Oktober 2019'])).toEqual(['Tomas Spahn']);
    expect(normalizeAuthors(['Joshua Sokol May 3, 2021'])).toEqual(['Joshua Sokol']);
    expect(normalizeAuthors(['By GILLIAN MOHNEY\n March 11, 2015 3:46 PM'])).toEqual(['Gillian Mohney']);
    // A first name that is a month, and a surname that is a German weekday abbreviation, stay.
    expect(normalizeAuthors(['May Smith'])).toEqual(['May Smith']);
    expect(normalizeAuthors(['Anh Do, 3 items'])).toEqual(['Anh Do']);
  });
  test('labels: alone they are no name; after a name they are cut off; company words drop the whole string', () => {
    expect(normalizeAuthors(['Donnerstag'])).toEqual([]);
    expect(normalizeAuthors(['Link'])).toEqual([]);
    expect(normalizeAuthors(['Last Updated: January 7, 2025'])).toEqual([]);
    expect(normalizeAuthors(['Anna Kubišta mot-clé'])).toEqual(['Anna Kubišta']);
    expect(normalizeAuthors(['Written by Rob Ewaschuk Edited by Betsy Beyer'])).toEqual(['Rob Ewaschuk']);
    expect(normalizeAuthors(['Web Commerce GmbH'])).toEqual([]);
    expect(normalizeAuthors(['Rechtsanwalt Sebastian Einbock'])).toEqual(['Sebastian Einbock']);
    expect(normalizeAuthors(['FOCUS-Online-Experte Robin Tschöpe'])).toEqual(['Robin Tschöpe']);
    expect(normalizeAuthors(['Grant Tinsley, PhD'])).toEqual(['Grant Tinsley']);
    expect(normalizeAuthors(['Dr. Tim Loppe'])).toEqual(['Dr. Tim Loppe']);
    expect(normalizeAuthors(['Eine Publikation der Galledia'])).toEqual([]);
    // A newsroom's desk named as the author of record stays; the bare word is a staff credit.
    expect(normalizeAuthors(['Redaktion Polizeiticker Schweiz'])).toEqual(['Redaktion Polizeiticker Schweiz']);
    expect(normalizeAuthors(['Redaktion'])).toEqual([]);
  });
});
