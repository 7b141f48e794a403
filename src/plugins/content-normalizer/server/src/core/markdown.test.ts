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
