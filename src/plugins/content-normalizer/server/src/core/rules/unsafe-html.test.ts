import { isUnsafeUrl, sanitizeMarkdownLine, unsafeHtmlRule } from './unsafe-html';
import { cleanDocument } from '../index';

describe('unsafe-html', () => {
  test('id', () => expect(unsafeHtmlRule.id).toBe('unsafe-html'));
  test('unsafe URLs', () => {
    expect(isUnsafeUrl('javascript:alert(1)')).toBe(true);
    expect(isUnsafeUrl(' JaVa\tScRiPt:alert(1)')).toBe(true);
    expect(isUnsafeUrl('&#106;avascript:alert(1)')).toBe(true);
    expect(isUnsafeUrl('data:text/html;base64,xx')).toBe(true);
    expect(isUnsafeUrl('https://example.org/a')).toBe(false);
  });
  test('lines are defused and stay stable', () => {
    const a = sanitizeMarkdownLine('See [the form](javascript:alert(1)) and <img src=x onerror=alert(1)>');
    expect(a).toBe('See the form and \\<img src=x onerror=alert(1)>');
    expect(sanitizeMarkdownLine(a)).toBe(a);
    expect(sanitizeMarkdownLine('Use `<div>` here, 3 < 4')).toBe('Use `<div>` here, 3 < 4');
  });
  test('script blocks in text input leave the body with a removed entry', () => {
    const r = cleanDocument({
      text: 'Harbor News\n\n<script>\nsteal()\n</script>\n\nThe quay reopened on Monday after three weeks of repairs to the sea wall.\n\n[x]: javascript:alert(1)',
    });
    expect(r.body).toBe('The quay reopened on Monday after three weeks of repairs to the sea wall.');
    expect(r.removed.filter((x) => x.rule === 'unsafe-html').map((x) => x.line)).toEqual([3, 4, 5, 9]);
  });
});
