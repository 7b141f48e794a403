import { parseHTML } from 'linkedom';
import { containerCandidate, elementAt, findBoilerplate, measure, pruneBoilerplate, type PruneEl } from './html-prune';
import { cleanDocument } from './clean';

const prose = (n: number) => 'This is a sentence of the article, written to be long enough to read as prose. '.repeat(n);
function bodyOf(html: string): PruneEl {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: { body: PruneEl } };
  return document.body;
}
const textOf = (el: PruneEl) => (el as unknown as { textContent: string }).textContent.replace(/\s+/g, ' ').trim();

describe('measure', () => {
  test('text, link text and paragraph text, in one walk', () => {
    const root = bodyOf('<div><p>abc <a href="/x">de</a></p>fg</div>');
    const s = measure(root).get(root);
    expect(s).toMatchObject({ text: 8, link: 2, para: 6, order: 0 }); // 'abc ' + 'de' + 'fg'
  });
  test('elementAt finds an element by the order measure gives it', () => {
    const root = bodyOf('<div><p>a</p><span id="t">b</span></div>');
    const stats = measure(root);
    const target = [...stats.keys()].find((el) => el.getAttribute?.('id') === 't') as PruneEl;
    expect(elementAt(root, (stats.get(target) as { order: number }).order)).toBe(target);
  });
});

describe('pruneBoilerplate: each decision', () => {
  const cases: [string, string][] = [
    ['navigation', '<nav><a href="/a">Home</a> <a href="/b">World</a></nav>'],
    ['a form', '<form><label>Email</label><input name="e"><button>Sign up</button></form>'],
    ['a share bar by class', '<div class="share-buttons">Share on Facebook Share on X</div>'],
    ['a newsletter box by class', '<div class="newsletter">Get our newsletter every morning</div>'],
    ['a comment section by id', '<section id="comments"><p>Great article, thanks a lot for writing it!</p></section>'],
    ['a link-dense list', '<ul><li><a href="/1">Story one</a></li><li><a href="/2">Story two</a></li></ul>'],
    ['a link-dense block', '<div><a href="/1">Another story you should read</a> | <a href="/2">And one more</a></div>'],
    ['a hidden block', '<div style="display:none">Hidden text</div>'],
  ];
  test.each(cases)('%s is removed, the article stays', (_name, junk) => {
    const root = bodyOf(`<p>${prose(3)}</p>${junk}<p>${prose(2)}</p>`);
    pruneBoilerplate(root, measure(root));
    expect(textOf(root)).toBe(`${prose(3)}${prose(2)}`.replace(/\s+/g, ' ').trim());
  });
  test('a related-articles heading goes with the link list after it', () => {
    const root = bodyOf(
      `<p>${prose(3)}</p><h3>Weitere Artikel</h3><div><a href="/1">Erster Artikel</a> und <a href="/2">zweiter</a></div>`,
    );
    pruneBoilerplate(root, measure(root));
    expect(textOf(root)).toBe(prose(3).trim());
  });
  test('kept: a paragraph with a link in it, a list of prose items, a heading of the article', () => {
    const html = `<h2>How it began</h2><p>${prose(2)} See <a href="/r">the report</a>.</p><ul><li>${prose(1)}</li><li>${prose(1)}</li></ul>`;
    const root = bodyOf(html);
    expect(findBoilerplate(root, measure(root))).toEqual([]);
  });
  test('a block holding most of the text is not removed for its class alone', () => {
    const root = bodyOf(`<div class="content-with-sidebar"><p>${prose(5)}</p></div><p>short</p>`);
    expect(findBoilerplate(root, measure(root))).toEqual([]);
  });
});

describe('containerCandidate', () => {
  test('prefers an articleBody container; ignores one inside a comment section', () => {
    const root = bodyOf(
      `<div><div itemprop="articleBody"><p>${prose(8)}</p></div><div id="comments"><article><p>${prose(20)}</p></article></div></div>`,
    );
    const c = containerCandidate(measure(root));
    expect(c?.el.getAttribute?.('itemprop')).toBe('articleBody');
  });
  test('none when no container holds 400 characters of paragraphs', () => {
    const root = bodyOf('<article><p>short</p></article>');
    expect(containerCandidate(measure(root))).toBeNull();
  });
});

describe('main-content fallback through cleanDocument', () => {
  test("the page's article container is used when Readability settles on a boxed teaser", () => {
    const teaser = `<div class="disclosure"><p>${prose(2)}</p></div>`;
    const art = `<div class="entry-content"><p>${prose(4)}</p><p>${prose(4)}</p><p>${prose(4)}</p></div>`;
    const r = cleanDocument({ html: `<html><body><div>${teaser}</div><article>${art}</article></body></html>` });
    expect(r.body.length).toBeGreaterThan(prose(10).length);
  });
});
