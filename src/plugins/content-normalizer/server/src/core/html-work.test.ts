/**
 * Linear work on hostile HTML, counted rather than timed: the characters read from text nodes during a whole
 * cleanDocument (linkedom's textContent, Readability's measures and the Markdown walker all read them there),
 * for a page of N repeats and one of 2N. Quadratic behaviour shows as a ratio near 4; linear as about 2.
 * The counting wraps linkedom's CharacterData `data` getter in this test file's own copy of linkedom (jest
 * loads modules per test file).
 */
import { parseHTML } from 'linkedom';
import { cleanDocument } from './clean';

let charsRead = 0;
beforeAll(() => {
  const { document } = parseHTML('<!doctype html><html><body>x</body></html>') as unknown as { document: { body: { firstChild: object } } };
  let proto = Object.getPrototypeOf(document.body.firstChild) as object | null;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'data')) proto = Object.getPrototypeOf(proto) as object | null;
  const desc = Object.getOwnPropertyDescriptor(proto as object, 'data') as PropertyDescriptor;
  Object.defineProperty(proto, 'data', {
    ...desc,
    get(this: unknown) {
      const v = (desc.get as () => string).call(this);
      charsRead += v.length;
      return v;
    },
  });
});

function work(html: string): number {
  charsRead = 0;
  cleanDocument({ html });
  return charsRead;
}

/**
 * Shapes, and the most text the whole cleaning may read per character of the page. Where Readability builds
 * the text of every level of a nested chain of scored elements (paragraphs, cells, sections), that is about
 * the depth cap (256) times; elsewhere a few times. Before the linear measures, the nested lists read 144
 * characters per character of the page, the links 250, the deep-then-wide page 297.
 */
const SHAPES: [string, (n: number) => string, number][] = [
  ['unclosed p/b/i', (n) => '<p><b><i>word '.repeat(n), 300],
  ['nested divs', (n) => '<div>word '.repeat(n), 20],
  ['unclosed lists', (n) => '<ul><li>word, '.repeat(n), 20],
  ['unclosed tables', (n) => '<table><tr><td>word '.repeat(n), 600],
  ['unclosed links', (n) => '<a href=x>word '.repeat(n), 20],
  ['deep then wide, with links', (n) => '<div>'.repeat(250) + '<p><a href="/x">a link</a> and words, more words here.</p>'.repeat(n), 30],
  ['deep then text', (n) => '<section>'.repeat(300) + 'words and words, '.repeat(n), 1000],
  ['flat paragraphs', (n) => '<p>A paragraph of words, long enough to be scored by Readability here.</p>'.repeat(n), 20],
];

test.each(SHAPES)('%s: twice the page, about twice the text read', (_name, shape, perChar) => {
  const n = 1500;
  const once = work(shape(n));
  const page = shape(2 * n);
  const twice = work(page);
  expect(once).toBeGreaterThan(0);
  expect(twice / once).toBeLessThan(2.6);
  expect(twice / page.length).toBeLessThan(perChar);
});
