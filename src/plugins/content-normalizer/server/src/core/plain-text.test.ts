import { markdownToPlainText } from './plain-text';

describe('markdownToPlainText', () => {
  it('gives one line per block and drops the Markdown syntax', () => {
    const markdown = '# A heading\n\nA *first* paragraph with [a link](https://example.org/x).\n\n- one\n- two\n\n> quoted   words';
    expect(markdownToPlainText(markdown)).toBe('A heading\nA first paragraph with a link.\none\ntwo\nquoted words');
  });

  it('decodes entities and shows raw HTML as the text it is, never as markup', () => {
    expect(markdownToPlainText('Fish &amp; chips <script>alert(1)</script>')).toBe('Fish & chips <script>alert(1)</script>');
  });

  it('is empty for nothing', () => {
    expect(markdownToPlainText(undefined)).toBe('');
    expect(markdownToPlainText('')).toBe('');
    expect(markdownToPlainText('\n\n  \n')).toBe('');
  });
});
