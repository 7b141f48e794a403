/**
 * The linear replacements against Readability's own functions: every call compared, on the fixture pages,
 * pages built to exercise them (nested blocks, links, lists, tables, embeds, templates, headings) and, when
 * the evaluation corpus is beside the clone, a few of its pages.
 */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { elementsByNames, isSpace, linearizeReadability, type ReaderLike, type RNode } from './readability-linear';
import { capHtmlDepth } from './html-depth';

describe('white space', () => {
  test('isSpace is exactly \\s, and exactly what trim() removes', () => {
    const wrong: number[] = [];
    let spaces = 0;
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (isSpace(c)) spaces++;
      if (isSpace(c) !== /\s/.test(s) || isSpace(c) !== (`a${s}`.trim() === 'a')) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    expect(spaces).toBe(25);
  });
});

/** A Readability whose measures are checked against the linear ones at every call. */
function checkedReader(html: string, mismatches: string[]): { reader: Readability; calls: () => number } {
  const { document } = parseHTML(html) as unknown as { document: Document };
  const reader = new Readability(document, { keepClasses: false, serializer: (el: Node) => el as unknown as string });
  const r = reader as unknown as ReaderLike & Record<string, unknown>;
  const original = {
    getAll: r._getAllNodesWithTag,
    text: r._getTextDensity,
    link: r._getLinkDensity,
    clean: r._cleanConditionally,
  };
  const linear = Object.create(r) as ReaderLike;
  linearizeReadability(linear);
  let calls = 0;
  const same = (what: string, a: unknown, b: unknown) => {
    calls++;
    if (!Object.is(a, b)) mismatches.push(`${what}: ${String(a)} != ${String(b)}`);
  };
  r._getAllNodesWithTag = function (node, tags) {
    const a = original.getAll.call(this, node, tags);
    const b = linear._getAllNodesWithTag.call(this, node, tags);
    same(`getAll ${tags.join()} length`, a.length, b.length);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) same(`getAll ${tags.join()} [${i}]`, 'a', 'b');
    return a;
  };
  r._getTextDensity = function (e, tags) {
    const a = original.text.call(this, e, tags);
    same(`textDensity ${tags.join()}`, a, linear._getTextDensity.call(this, e, tags));
    return a;
  };
  r._getLinkDensity = function (e) {
    const a = original.link.call(this, e);
    same('linkDensity', a, linear._getLinkDensity.call(this, e));
    return a;
  };
  r._cleanConditionally = function (e, tag) {
    // The linear filter, captured on the same subtree before Readability's own pass changes it.
    let filter: ((node: RNode) => boolean) | null = null;
    const capture = Object.create(this) as ReaderLike;
    capture._removeNodes = (_list, f) => {
      filter = f;
    };
    linear._cleanConditionally.call(capture, e, tag);
    const removeNodes = this._removeNodes;
    this._removeNodes = function (list, f) {
      this._removeNodes = removeNodes;
      return removeNodes.call(this, list, function (this: ReaderLike, node: RNode) {
        const a = f.call(this, node);
        if (filter) same(`clean ${tag} ${node.tagName}`, a, (filter as (this: ReaderLike, n: RNode) => boolean).call(this, node));
        return a;
      });
    };
    try {
      original.clean.call(this, e, tag);
    } finally {
      this._removeNodes = removeNodes;
    }
  };
  return { reader, calls: () => calls };
}

function article(html: string, linear: boolean): unknown {
  const { document } = parseHTML(html) as unknown as { document: Document };
  const reader = new Readability(document, { keepClasses: false });
  if (linear) linearizeReadability(reader as unknown as ReaderLike);
  return reader.parse();
}

const page = (body: string) => `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`;
const para = (i: number) => `<p>Paragraph ${i}, with commas, words and <a href="/l${i}">a link</a> or <a href="#h${i}">an anchor</a>.</p>`;
const PAGES: [string, string][] = [
  ['nested blocks', page('<div class="content">x '.repeat(60) + Array.from({ length: 30 }, (_, i) => para(i)).join(''))],
  ['nested lists', page('<ul><li>item, with words and more words here '.repeat(80))],
  ['nested tables', page('<table><tr><td>cell text, long enough to count for something '.repeat(60))],
  [
    'lists in divs with links',
    page(
      '<div id="main">' +
        Array.from(
          { length: 20 },
          (_, i) => `<div><h2>H${i}</h2>${para(i)}<ul><li><a href="/x">link ${i}</a></li><li>text ${i}</li></ul></div>`,
        ).join('') +
        '</div><div class="sidebar"><a href="/a">a</a> <a href="/b">b</a></div>',
    ),
  ],
  [
    'embeds, images, forms, templates',
    page(
      '<article>' +
        Array.from({ length: 12 }, (_, i) => para(i)).join('') +
        '<div><iframe src="https://www.youtube.com/embed/x"></iframe></div><div><embed src="/e"><object data="/o"></object></div>' +
        '<div><img src="a.png"><img src="b.png"><p>short</p></div><form><input><input><p>Form text, here.</p></form>' +
        '<div><template><p>Template text, hidden, long enough to matter for density.</p><ul><li>t</li></ul></template>visible words</div>' +
        '<div><section>Visible words only here, and</section><template><p>a paragraph inside a template</p></template></div>' +
        '<div>Advertisement</div><div>Loading...</div><figure><div><img src="f.png"></div><figcaption>Caption</figcaption></figure>' +
        '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><code><div>in code</div></code>' +
        '<div>\u00a0 spaced\u2003 out \n\n text , , , , , , , , , , , ,</div>' +
        '</article>',
    ),
  ],
];

describe('linear Readability measures', () => {
  const fixtures = path.resolve(__dirname, '../../../fixtures');
  const corpus = path.resolve(__dirname, '../../../../../../../shared/corpus/readability/pages');
  const pages = [...PAGES];
  for (const f of fs.readdirSync(fixtures).filter((n) => n.endsWith('.html')))
    pages.push([f, fs.readFileSync(path.join(fixtures, f), 'utf8')]);
  if (fs.existsSync(corpus))
    for (const name of ['ars-1', 'bbc-1', 'cnet', 'wikipedia', 'lazy-image-1', 'nytimes-2', 'medium-1', 'hukumusume'])
      if (fs.existsSync(path.join(corpus, name, 'source.html')))
        pages.push([name, fs.readFileSync(path.join(corpus, name, 'source.html'), 'utf8')]);

  test.each(pages)('%s: every call gives what Readability gives, and so does the article', (_name, html) => {
    const capped = capHtmlDepth(html).html;
    const mismatches: string[] = [];
    const { reader, calls } = checkedReader(capped, mismatches);
    reader.parse();
    expect(mismatches).toEqual([]);
    expect(calls()).toBeGreaterThan(5);
    expect(article(capped, true)).toEqual(article(capped, false));
  });

  test('elementsByNames is querySelectorAll on random trees', () => {
    const tag = fc.constantFrom('div', 'p', 'SPAN', 'li', 'ul', 'template', 'a', 'h1');
    const tree: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant('text'),
        fc.tuple(tag, fc.array(tie('node'), { maxLength: 4 })).map(([t, kids]) => `<${t}>${(kids as string[]).join('')}</${t}>`),
      ),
    })).node as fc.Arbitrary<string>;
    fc.assert(
      fc.property(tree, fc.subarray(['div', 'p', 'span', 'li', 'ul', 'template', 'a', 'h1'], { minLength: 1 }), (html, names) => {
        const { document } = parseHTML(page(`<main>${html}</main>`)) as unknown as {
          document: { querySelector(s: string): RNode & { querySelectorAll(s: string): ArrayLike<RNode> } };
        };
        const root = document.querySelector('main');
        expect(elementsByNames(root, new Set(names))).toEqual(Array.from(root.querySelectorAll(names.join(','))));
      }),
      { numRuns: 300 },
    );
  });
});
