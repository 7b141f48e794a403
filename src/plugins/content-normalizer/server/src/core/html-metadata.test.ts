import { bylineNode, datelineAuthor, labelledAuthor, labelledDate, parseMetaDate, readJsonLd } from './html-metadata';
import { cleanDocument } from './clean';

describe('readJsonLd', () => {
  test('an author given as an @id reference to a Person in the @graph', () => {
    const ld = JSON.stringify({
      '@graph': [
        { '@type': 'Person', '@id': 'https://blog.example/#me', name: 'Ada Quill' },
        {
          '@type': 'BlogPosting',
          headline: 'On gardens',
          author: { '@id': 'https://blog.example/#me' },
          datePublished: '2021-04-03T08:00:00Z',
        },
      ],
    });
    const r = readJsonLd([ld], []);
    expect(r.authors).toEqual(['Ada Quill']);
    expect(r.date).toBe('2021-04-03T08:00:00Z');
    expect(r.headline).toBe('On gardens');
  });
  test('arrays of Person objects; an Organization is not an author; an Article wins over a WebPage', () => {
    const page = { '@type': 'WebPage', author: 'Site Team', datePublished: '2020-01-01' };
    const art = {
      '@type': 'NewsArticle',
      author: [{ '@type': 'Person', name: 'Bo Lind' }, { '@type': 'Organization', name: 'Daily Example' }, 'Cy Moss'],
      dateCreated: '2020-02-02',
    };
    const r = readJsonLd([JSON.stringify([page, art])], []);
    expect(r.authors).toEqual(['Bo Lind', 'Cy Moss']);
    expect(r.date).toBe('2020-02-02');
  });
  test('a block that is not JSON is reported', () => {
    const problems: { code?: string }[] = [];
    readJsonLd(['{oops'], problems as never);
    expect(problems.map((p) => p.code)).toEqual(['json-ld-invalid']);
  });
});

describe('parseMetaDate', () => {
  test.each([
    ['2022-05-04T02:41:00Z', '2022-05-04'],
    ['Wed, 04 May 2022 02:41:00 GMT', '2022-05-04'],
    ['Fri Feb 18 10:27:24 2022', '2022-02-18'],
    ['1651632060', '2022-05-04'],
    ['soon', null],
  ])('%s', (v, want) => expect(parseMetaDate(v)).toBe(want));
});

describe('labelled dates and authors in page text', () => {
  test('a publication label followed by a date', () => {
    expect(labelledDate('Veröffentlicht am 06.10.2023 (Letztes Update: 07.10.2023)')).toBe('2023-10-06');
    expect(labelledDate('Datum: 03.11.2021')).toBe('2021-11-03');
    expect(labelledDate('Posted on March 3, 2020 by Jo')).toBe('2020-03-03');
    expect(labelledDate('Updated 2020-03-03')).toBeNull();
    expect(labelledDate('The date of the meeting is not known')).toBeNull();
  });
  test('an author label followed by a name', () => {
    expect(labelledAuthor('Auteur : Kossivi Example')).toBe('Kossivi Example');
    expect(labelledAuthor('Author: Jane Doe')).toBe('Jane Doe');
    expect(labelledAuthor('No label here')).toBeNull();
  });
  test('a two-word label without a colon counts only where it opens its text node', () => {
    expect(labelledAuthor('Posted by Konstantin @ 12:00 am')).toBe('Konstantin');
    expect(labelledAuthor('Text von Christian Seiler')).toBe('Christian Seiler');
    expect(labelledAuthor('Angereichert wird ihr persönlicher Text von einigen Rückmeldungen.')).toBeNull();
    // What follows the label's own text node is the page going on.
    expect(labelledAuthor('Posted by Konstantin 21.10.2019 Sharing this example', 'Posted by Konstantin')).toBe('Konstantin');
  });
  test('a text node that is only a byline', () => {
    expect(bylineNode('Von Leonora Holling')).toBe('Leonora Holling');
    expect(bylineNode('By Jane van der Berg')).toBe('Jane van der Berg');
    expect(bylineNode('Von Bismarck')).toBeNull(); // one word: a name in a sentence's opening as often
    expect(bylineNode('by the river Thames')).toBeNull();
    expect(bylineNode('Von Leonora Holling und anderen Autoren der Redaktion heute')).toBeNull();
  });
  test.each([
    ['11.12.2019 - Amelie Loevenich', 'Amelie Loevenich'],
    ['04.02.2022 | 13:10 Uhr | Uta Helkenberg', 'Uta Helkenberg'],
    ['06.11.2023 13:30 von Olga', 'Olga'],
    ['Posted on September 21, 2020 by Adi Tzlil', 'Adi Tzlil'],
    ['3. Mai 2021 - Jean-Luc von Picard', 'Jean-Luc von Picard'],
    // A place before the date, one bare word, a listing with more separators, a band written like a hyphen run.
    ['New York, March 3, 2020', null],
    ['12.03.2020 - Placebo', null],
    ['16.11.2022 - Press Club - Chelsea', null],
    ['17.11.2022 - Aymz- Grelle Forelle', null],
    ['11.12.2019 - 3 Kommentare', null],
  ])('the name after the date in %s', (text, want) => expect(datelineAuthor(text)).toBe(want));
});

describe('page metadata through cleanDocument', () => {
  const body = '<p>' + 'A sentence of the article that is long enough to count as prose here. '.repeat(8) + '</p>';
  test('meta name=author, RDFa date', () => {
    const r = cleanDocument({
      html: `<html><head><meta name="author" content="By Rita Vale"></head><body><article><h1>T</h1>${body}<span property="schema:dateCreated" content="2023-10-06T03:46:34+00:00"></span></article></body></html>`,
    });
    expect(r.authors).toEqual(['Rita Vale']);
    expect(r.publishedDate).toBe('2023-10-06');
  });
  test('rel=author link and a labelled date in the text', () => {
    const r = cleanDocument({
      html: `<html><body><article><h1>T</h1><div class="meta"><span>Erschienen am: 01.11.2023</span> <a rel="author" href="/a/tom">Tom Weber</a></div>${body}</article></body></html>`,
    });
    expect(r.authors).toEqual(['Tom Weber']);
    expect(r.publishedDate).toBe('2023-11-01');
  });
  test('a date only in a date-classed element beside the headline, outside the article', () => {
    // The element walk once used getElementsByTagName('*'), which linkedom answers with no element at all.
    const r = cleanDocument({
      html: `<html><body><div class="header"><h1>T</h1></div><div class="news-detail-information"><span class="news-list-date">12. Januar 2022,</span></div><article>${body}</article><footer><p>Page built 03.03.2024</p></footer></body></html>`,
    });
    expect(r.publishedDate).toBe('2022-01-12');
  });
  test('a UTC timestamp gives way to the day the page shows, when some newsroom time zone makes it that day', () => {
    const page = (stamp: string, shown: string) =>
      cleanDocument({
        html: `<html><head><meta property="article:published_time" content="${stamp}"></head><body><article><h1>T</h1><div class="byline"><time class="published">${shown}</time></div>${body}</article></body></html>`,
      }).publishedDate;
    // 05:30 UTC on the 9th is the evening of the 8th in the Americas, where the page says November 8.
    expect(page('2023-11-09T05:30:59Z', 'November 8, 2023')).toBe('2023-11-08');
    expect(page('2019-10-18T22:04:00+00:00', '19.10.2019')).toBe('2019-10-19');
    // A local offset is already the newsroom's day; a shown day no time zone reaches is some other date.
    expect(page('2023-11-09T05:30:59-05:00', 'November 8, 2023')).toBe('2023-11-09');
    expect(page('2015-12-12T05:00:37+00:00', '13.12.2015')).toBe('2015-12-12');
  });
  test('a byline that names the site gives way to the next source; on a personal blog the site is the author', () => {
    const page = (head: string, article: string, url: string) =>
      cleanDocument({ url, html: `<html><head>${head}</head><body><article><h1>T</h1>${article}${body}</article></body></html>` }).authors;
    // The text's byline names the site; JSON-LD names the writer.
    const ld =
      '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Christoph von Ritter"}}</script>';
    expect(page(ld, '<p>Die Tagespost</p>', 'https://www.die-tagespost.de/leben/demut')).toEqual(['Christoph von Ritter']);
    // <meta name=author> names the site (its host); the byline element names the writer.
    const meta = '<meta name="author" content="Digitalcourage">';
    expect(page(meta, '<span class="author-name">Leena Simon</span>', 'https://digitalcourage.de/blog/x')).toEqual(['Leena Simon']);
    // Every source names the site: it is kept.
    expect(page('<meta name="author" content="Wolfgang Michal">', '', 'https://www.wolfgangmichal.de/2020/x')).toEqual(['Wolfgang Michal']);
  });
  test('author-classed elements: text nodes read apart, a bare "By" label skipped, Twitter label/data pairs', () => {
    const authors = (head: string, article: string) =>
      cleanDocument({ html: `<html><head>${head}</head><body><article><h1>T</h1>${article}${body}</article></body></html>` }).authors;
    // WordPress themes: a screen-reader label glued to the name, and a "By" span classed like the byline.
    expect(
      authors(
        '',
        '<span class="byline"><span class="screen-reader-text">Veröffentlicht von</span><span class="author vcard"><a class="url fn n">Chris Jung</a></span></span>',
      ),
    ).toEqual(['Chris Jung']);
    expect(
      authors('', '<span class="meta-prep meta-prep-author">By </span><span class="author vcard"><a class="url fn n">Daniel</a></span>'),
    ).toEqual(['Daniel']);
    expect(authors('<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karoline Herr">', '')).toEqual([
      'Karoline Herr',
    ]);
    expect(
      authors('<meta name="twitter:label1" content="Geschätzte Lesezeit"><meta name="twitter:data1" content="3 Minuten">', ''),
    ).toEqual([]);
    // JSON-LD whose author is only "admin" does not stop the search of the page.
    const ld = '<script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Person","name":"admin"}}</script>';
    expect(authors(ld, '<a rel="author" href="/u/1">Walter von Aachen</a>')).toEqual(['Walter von Aachen']);
  });
  test('a name after the date in a metadata line, when nothing else names the author', () => {
    const r = cleanDocument({
      html: `<html><body><article><h1>Variablen</h1><p class="text-muted">11.12.2019 - Amelie Loevenich</p>${body}</article></body></html>`,
    });
    expect(r.authors).toEqual(['Amelie Loevenich']);
  });
  test('with no metadata, the first text of the page that is only a date; uploadDate microdata; data-testid', () => {
    const date = (html: string) => cleanDocument({ html }).publishedDate;
    expect(date(`<html><body><article><h1>T</h1>${body}<p>Benni<br> 10. September 2017</p></article></body></html>`)).toBe('2017-09-10');
    // Metadata outrank it.
    expect(
      date(
        `<html><head><meta property="article:published_time" content="2020-01-02"></head><body><article><h1>T</h1>${body}<p>Benni<br> 10. September 2017</p></article></body></html>`,
      ),
    ).toBe('2020-01-02');
    expect(
      date(
        `<html><head><meta itemprop="uploadDate" content="2019-10-16T18:15:00Z"></head><body><article><h1>T</h1>${body}</article></body></html>`,
      ),
    ).toBe('2019-10-16');
    expect(
      date(
        `<html><body><article><h1>T</h1><span class="overline" data-testid="article-details-date">3.11.2023</span>${body}</article></body></html>`,
      ),
    ).toBe('2023-11-03');
  });
  test('<meta name="date"> alone gives way to an earlier day the page shows; a UTC stamp is checked against a bare date', () => {
    const date = (head: string, article: string) =>
      cleanDocument({ html: `<html><head>${head}</head><body><article><h1>T</h1>${article}${body}</article></body></html>` }).publishedDate;
    // The CMS wrote the build day into <meta name="date">; the article's own line says when it ran.
    expect(date('<meta name="date" content="2020-04-30">', '<ul><li class="date"><time>29.04.2020, 12:01 Uhr</time></li></ul>')).toBe(
      '2020-04-29',
    );
    // A later shown day is an update, and a specific metadata name is not second-guessed.
    expect(date('<meta name="date" content="2020-04-30">', '<span class="date">02.05.2020</span>')).toBe('2020-04-30');
    expect(date('<meta property="article:published_time" content="2020-04-30">', '<span class="date">29.04.2020</span>')).toBe(
      '2020-04-30',
    );
    // 23:11 UTC on New Year's Eve, and the page's heading says the first of January.
    expect(date('<meta property="article:published_time" content="2018-12-31T23:11:59+00:00">', '<h2>2019-01-01</h2>')).toBe('2019-01-01');
  });
  test('a two-digit year in a date-classed element', () => {
    const r = cleanDocument({
      html: `<html><body><article><h1>T</h1><div class="uploaded-date"> 23.09.22 </div>${body}</article></body></html>`,
    });
    expect(r.publishedDate).toBe('2022-09-23');
  });
  test('soft hyphens are removed', () => {
    const r = cleanDocument({ html: `<html><body><article><p>Mit&shy;tel\u00adalter ${body.slice(3)}</article></body></html>` });
    expect(r.body).toContain('Mittelalter');
  });
});
