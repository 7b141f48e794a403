import { parseHTML } from 'linkedom';
import { domToMarkdown, type MdNode } from './markdown';

const md = (html: string) => {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: { body: MdNode } };
  return domToMarkdown(document.body);
};

describe('domToMarkdown', () => {
  test('paragraphs, headings, lists, quotes, code', () => {
    expect(md('<h2>Barriers First</h2><p>One <b>bold</b> and <em>soft</em> word.</p><ul><li>a</li><li>b</li></ul>')).toBe(
      '## Barriers First\n\nOne **bold** and _soft_ word.\n\n- a\n- b',
    );
    expect(md('<blockquote><p>Quoted.</p></blockquote><pre>x = 1\ny = 2</pre>')).toBe('> Quoted.\n\n```\nx = 1\ny = 2\n```');
    expect(md('<ol start="3"><li>three</li><li>four</li></ol>')).toBe('3. three\n4. four');
  });
  test('safe: no script, no handler, no javascript: URL', () => {
    const out = md(
      '<p onclick="x()">Hi <a href="javascript:alert(1)">there</a> <img src="x.png" onerror="alert(2)" alt="pic"><script>alert(3)</script></p>',
    );
    expect(out).toBe('Hi there ![pic](x.png)');
  });
  test('escapes Markdown in text', () => {
    expect(md('<p>1. not a list * star _under_</p>')).toBe('1\\. not a list \\* star \\_under\\_');
  });
});

describe('domToMarkdown on nested inline elements', () => {
  test('spaces at the edges of emphasis and links come from the first and last text inside', () => {
    expect(md('<p>a<b> <i>bold</i> </b>c</p>')).toBe('a **_bold_** c');
    expect(md('<p>a<strong><em> x</em><span>y </span></strong>b</p>')).toBe('a **_x_y** b');
    expect(md('<p>a<b><i></i><!-- c --> x<i>y</i><i></i></b>b</p>')).toBe('a **x_y_**b');
    expect(md('<p><a href="/u"><b> </b></a>z <b>  </b> w</p>')).toBe('z w');
  });

  /** A chain of `depth` nested elements (b, i, a, …), each with one text node: a plain-object DOM that counts text reads. */
  function chain(depth: number, text: (i: number) => string): { root: MdNode; reads: () => number } {
    let reads = 0;
    interface Fake extends MdNode {
      kids: Fake[];
    }
    const make = (nodeType: number, nodeName: string, data = ''): Fake => {
      const n: Fake = {
        nodeType,
        nodeName,
        kids: [],
        parentNode: null,
        get firstChild() {
          return this.kids[0] ?? null;
        },
        get lastChild() {
          return this.kids[this.kids.length - 1] ?? null;
        },
        get nextSibling() {
          const p = this.parentNode as Fake | null;
          return p ? (p.kids[p.kids.indexOf(this) + 1] ?? null) : null;
        },
        get previousSibling() {
          const p = this.parentNode as Fake | null;
          return p ? (p.kids[p.kids.indexOf(this) - 1] ?? null) : null;
        },
        get textContent(): string {
          if (nodeType === 3) {
            reads++;
            return data;
          }
          return this.kids.map((k) => k.textContent).join('');
        },
        getAttribute: (name: string) => (name === 'href' ? '/x' : null),
      };
      return n;
    };
    const add = (parent: Fake, child: Fake) => {
      child.parentNode = parent;
      parent.kids.push(child);
      return child;
    };
    const root = make(1, 'BODY');
    let cur = root;
    for (let i = 0; i < depth; i++) {
      cur = add(cur, make(1, ['B', 'I', 'A', 'EM'][i % 4]));
      add(cur, make(3, '#text', text(i)));
    }
    return { root, reads: () => reads };
  }

  test('the text of a deep chain is read a bounded number of times per node (a count, not a timing)', () => {
    for (const depth of [100, 200, 400]) {
      const { root, reads } = chain(depth, (i) => (i % 3 === 0 ? ` w${i} ` : `w${i}`));
      const out = domToMarkdown(root);
      expect(out).toContain(`w${depth - 1}`);
      // Each text node is written once and looked at a few times by its nearest ancestors' edge checks, not
      // once per ancestor (which would be depth² / 2 reads: 80,000 at 400).
      expect(reads()).toBeLessThanOrEqual(6 * depth);
    }
  });

  test('a chain nested deeper than the parser cap still converts (no stack overflow at the cap)', () => {
    const { root } = chain(600, () => 'w ');
    expect(domToMarkdown(root).match(/w/g)).toHaveLength(600);
  });
});
