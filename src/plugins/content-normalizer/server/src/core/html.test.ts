import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { prestrip, probablyVisible, urlDate, wrap, type VisibleNode } from './html';
import { capHtmlDepth, MAX_HTML_DEPTH } from './html-depth';
import { cleanDocument } from './clean';

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

describe('wrap: pages linkedom would read as an empty body', () => {
  const prose = '<p>' + 'The council met on Tuesday and voted on the budget for the coming year. '.repeat(6) + '</p>';
  const bodyText = (html: string) => (parseHTML(wrap(html)) as unknown as { document: Document }).document.body.textContent ?? '';
  test('a fragment is wrapped; a page with a body is left as it is', () => {
    expect(wrap('<p>x</p>')).toBe('<!doctype html><html><head></head><body><p>x</p></body></html>');
    const page = '<!doctype html><!--[if IE 7]><html class="ie7"><![endif]--><html><head></head><body><p>x</p></body></html>';
    expect(wrap(page)).toBe(page);
  });
  test('PHP warnings printed before <html>', () => {
    const html = `<br />\n<b>Warning</b>: mysql_connect(): Access denied<br />\n<!DOCTYPE html><html><head><title>T</title></head><body><article>${prose}</article></body></html>`;
    expect(parseHTML(html).document.body.querySelectorAll('*').length).toBe(0); // the failure this undoes
    expect(bodyText(html)).toContain('voted on the budget');
    expect(bodyText(html)).not.toContain('Warning');
  });
  test('no <body> tag: the head ends at the first element that cannot be in one, past a <noscript>', () => {
    const html = `<!DOCTYPE html><html><head><title>T</title><meta charset="utf-8"><noscript><div><img src="t.gif"></div></noscript><link rel="x" href="y"><div id="page"><h1>Budget</h1>${prose}</div></html>`;
    expect(bodyText(html)).toContain('voted on the budget');
    expect(cleanDocument({ html }).body).toContain('voted on the budget');
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

/** Element nesting depth of a parsed page (html = 1), with an explicit stack. */
function treeDepth(html: string): number {
  const { document } = parseHTML(html) as unknown as { document: { documentElement: El } };
  let max = 0;
  const stack: [El, number][] = [[document.documentElement, 1]];
  while (stack.length) {
    const [n, d] = stack.pop() as [El, number];
    if (d > max) max = d;
    for (let c = n.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return max;
}
interface El {
  firstElementChild: El | null;
  nextElementSibling: El | null;
}
interface TNode {
  nodeType: number;
  data?: string;
  firstChild: TNode | null;
  nextSibling: TNode | null;
}
/** The non-space characters of all the text of a parsed page (also any after </html>), in order. */
function solidText(html: string): string {
  const { document } = parseHTML(html) as unknown as { document: { documentElement: TNode } };
  const parts: string[] = [];
  // From <html> on (linkedom's doctype node has no next sibling), and whatever follows </html>.
  const stack: TNode[] = [];
  for (let n: TNode | null = document.documentElement; n; n = n.nextSibling) stack.unshift(n);
  while (stack.length) {
    const n = stack.pop() as TNode;
    if (n.nodeType === 3 || n.nodeType === 4) parts.push(n.data ?? '');
    const kids: TNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return parts.join('').replace(/\s+/g, '');
}
const page = (body: string) => `<!doctype html><html><head></head><body>${body}</body></html>`;

const HOSTILE: [string, (n: number) => string][] = [
  ['unclosed p/b/i', (n) => '<p><b><i>x '.repeat(n)],
  ['unclosed divs', (n) => '<div>x '.repeat(n)],
  ['closed divs', (n) => '<div>x '.repeat(n) + '</div>'.repeat(n)],
  ['unclosed lists', (n) => '<ul><li>x '.repeat(n)],
  ['unclosed tables', (n) => '<table><tr><td>x '.repeat(n)],
  ['unclosed links', (n) => '<a href=x>x '.repeat(n)],
  ['unclosed b, no text', (n) => '<b>'.repeat(n)],
  ['mixed with stray end tags', (n) => '<div><span>x</p><li>y</span><td>z</br><textarea>t</textarea><img src=i>'.repeat(n)],
  ['foreign content left open', (n) => '<div><math><mi>m</div><p>x</p>'.repeat(n)],
];

describe('capHtmlDepth', () => {
  test('a page within the cap is handed back unchanged, and its depth measured', () => {
    const html = page('<div><p>One <b>two</b></p><ul><li>a<li>b</ul></div>');
    const r = capHtmlDepth(html);
    expect(r.html).toBe(html);
    expect(r).toMatchObject({ unwrapped: 0, foreignDropped: 0, rawTextCut: 0, depth: treeDepth(html) });
    expect(MAX_HTML_DEPTH).toBe(256);
  });

  test.each(HOSTILE)('%s: the parsed tree is at most cap + 1 deep, and the text is kept', (_name, shape) => {
    for (const cap of [8, MAX_HTML_DEPTH]) {
      const html = page(shape(1000));
      const r = capHtmlDepth(html, cap);
      expect(treeDepth(r.html)).toBeLessThanOrEqual(cap + 1);
      expect(solidText(r.html)).toBe(solidText(html));
      // Cutting again finds nothing more to cut.
      expect(capHtmlDepth(r.html, cap).html).toBe(r.html);
    }
  });

  test('the depth reported is the uncut depth; words of cut blocks stay apart', () => {
    const r = capHtmlDepth(page('<div>a'.repeat(20)), 10);
    expect(r.depth).toBe(22); // html, body, 20 divs
    expect(r.unwrapped).toBe(12); // the divs at depth 11 to 22
    const { document } = parseHTML(r.html) as unknown as { document: { body: { textContent: string } } };
    expect(document.body.textContent.replace(/\s+/g, ' ').trim()).toBe('a'.repeat(8) + ' a'.repeat(12));
  });

  test('a cut tag never joins the text around it into markup or a character reference', () => {
    const html = page('<b>'.repeat(12) + 'a <<b>b x &amp<i>;y &#6<i>5; z</i></i></b>'.repeat(2));
    const r = capHtmlDepth(html, 6);
    expect(treeDepth(r.html)).toBeLessThanOrEqual(7);
    expect(solidText(r.html)).toBe(solidText(html));
  });

  test('a <textarea> that would close a kept <select> from under cut elements is cut with its text', () => {
    const html = page('<select><div><div><div><textarea>a</b>b</textarea>c</div></div></div>d</select>e');
    const r = capHtmlDepth(html, 3);
    expect(r).toMatchObject({ unwrapped: 4, rawTextCut: 1 });
    expect(solidText(r.html)).toBe('cde');
    expect(treeDepth(r.html)).toBeLessThanOrEqual(4);
  });

  test('random tag soup: the model stays in step with the parser', () => {
    const tags = ['div', 'p', 'b', 'li', 'ul', 'td', 'tr', 'tbody', 'table', 'select', 'option', 'textarea', 'title', 'xmp'];
    const more = ['math', 'mi', 'svg', 'desc', 'a', 'h1', 'dd', 'dt', 'body', 'head', 'html', 'form', 'button', 'rt', 'DIV', 'Li'];
    const name = fc.constantFrom(...tags, ...more);
    const token = fc.oneof(
      name.map((t) => `<${t}>`),
      name.map((t) => `</${t}>`),
      name.map((t) => `<${t}/>`),
      name.map((t) => `<${t} a="x>y" b=c>`),
      name.map((t) => `</${t} x>`),
      fc.constantFrom('<br>', '</br>', '</p>', '<img src=x>', '<hr>', '<input>', 'x', ' y ', '&amp', '<', '&#6', '5;'),
      fc.constantFrom('<!-- c -->', '</ x>', '<![CDATA[z]]>', '<?pi?>', '&', '>', '</', '<<', 'z&lt;'),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 20, maxLength: 300 }), fc.integer({ min: 1, max: 12 }), (tokens, cap) => {
        const html = page(tokens.join(''));
        const r = capHtmlDepth(html, cap);
        expect(treeDepth(r.html)).toBeLessThanOrEqual(cap + 1);
        if (r.rawTextCut === 0) expect(solidText(r.html)).toBe(solidText(html));
        if (r.unwrapped + r.foreignDropped === 0) expect(r.html).toBe(html);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile HTML through cleanDocument', () => {
  test.each(HOSTILE)('%s: text kept, the cap reported once', (_name, shape) => {
    const html = shape(2000);
    const r = cleanDocument({ html });
    expect(r.problems.map((p) => p.code)).not.toContain('internal-error');
    const capped = r.problems.filter((p) => p.code === 'html-depth-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]).toMatchObject({ limit: MAX_HTML_DEPTH });
    expect(capped[0].message).toMatch(/deeper than 256 levels|past 256 open ones/);
    // Readability may leave out the outer levels (boilerplate to it); the unwrapped text is all there.
    if (/x/.test(html)) expect((r.body.match(/x/g) ?? []).length).toBeGreaterThanOrEqual(2000 - MAX_HTML_DEPTH);
  });

  test('a normal page reports no cap', () => {
    const r = cleanDocument({
      html: page('<article><h1>Title here</h1><p>' + 'Some words, and more words. '.repeat(20) + '</p></article>'),
    });
    expect(r.problems.map((p) => p.code)).not.toContain('html-depth-capped');
  });
});

describe('probablyVisible', () => {
  test("returns exactly what Readability's _isProbablyVisible returns, element by element", () => {
    const original = (Readability.prototype as unknown as { _isProbablyVisible(n: VisibleNode): unknown })._isProbablyVisible;
    const fast = probablyVisible(original);
    const styles = [
      '',
      ' style=""',
      ' style="display:none"',
      ' style="DISPLAY: none"',
      ' style="visibility: hidden; color: red"',
      ' style="display : none"',
      ' style="color:red"',
    ];
    const others = [
      '',
      ' hidden',
      ' aria-hidden="true"',
      ' aria-hidden="false"',
      ' aria-hidden="true" class="fallback-image x"',
      ' aria-hidden="true" class=""',
      ' class="a"',
    ];
    const tags = ['div', 'p', 'span', 'svg', 'math', 'td'];
    const cells = tags.flatMap((t) => styles.flatMap((st) => others.map((o) => `<${t}${st}${o}>x</${t}>`)));
    const { document } = parseHTML(`<!doctype html><html><body>${cells.join('')}</body></html>`);
    const all = Array.from(document.body.querySelectorAll('*')) as unknown as VisibleNode[];
    expect(all.length).toBeGreaterThanOrEqual(cells.length);
    let hidden = 0;
    for (const el of all) {
      const want = original.call(null, el);
      expect(fast.call(null, el)).toBe(want);
      if (!want) hidden++;
    }
    expect(hidden).toBeGreaterThan(100);
  });
});
