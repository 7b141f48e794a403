import { prestrip, urlDate } from './html';

describe('prestrip', () => {
  test('cuts script, style, svg and comments; keeps JSON-LD in the page and hands it over', () => {
    const r = prestrip(
      '<p>a</p><script>x()</script><style>p{}</style><!-- c --><svg><path/></svg><script type="application/ld+json">{"a":1}</script><p>b</p>',
    );
    expect(r.html).toBe('<p>a</p>    <script type="application/ld+json">{"a":1}</script><p>b</p>');
    expect(r.jsonLd).toEqual(['{"a":1}']);
  });
  test('an end tag with space runs to the next ">" as in a browser; an unclosed script runs to the end', () => {
    expect(prestrip('<script>x()</script\n <!--note--><p>kept</p>').html).toBe(' <p>kept</p>');
    expect(prestrip('<p>a</p><script>never closed <p>b</p>').html).toBe('<p>a</p> ');
  });
});

describe('urlDate', () => {
  test('dates in URL paths', () => {
    expect(urlDate('https://example.com/2019/03/14/story')).toBe('2019-03-14');
    expect(urlDate('https://example.com/news/2021-11-05-flood.html')).toBe('2021-11-05');
    expect(urlDate('https://example.com/20200229/x')).toBe('2020-02-29');
    expect(urlDate('https://example.com/2019/13/40/x')).toBeNull();
    expect(urlDate(undefined)).toBeNull();
  });
});
