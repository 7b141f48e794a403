import { unsafeBlockStart, unsafeHtmlRule } from './unsafe-html';
import { cleanDocument } from '../index';
import type { LineView } from './rule';

const view = (raw: string): LineView => ({ index: 0, raw, plain: raw, inTop: false, glued: false, isHeading: false });

describe('unsafe-html', () => {
  test('matches definitions to script URLs, not ordinary ones', () => {
    expect(unsafeHtmlRule.match(view('[x]: javascript:alert(1)'), { title: '' })).toEqual({});
    expect(unsafeHtmlRule.match(view('[x]:  VBScript:msgbox(1)'), { title: '' })).toEqual({});
    expect(unsafeHtmlRule.match(view('[x]: data:text/html,<b>'), { title: '' })).toEqual({});
    expect(unsafeHtmlRule.match(view('[docs]: https://example.org/a'), { title: '' })).toBeNull();
    expect(unsafeHtmlRule.match(view('[home]: /about'), { title: '' })).toBeNull();
    expect(unsafeBlockStart('<SCRIPT src=x>')).toBe('script');
    expect(unsafeBlockStart('<p>text</p>')).toBeNull();
  });

  test('script blocks in text input leave the body with a removed entry', () => {
    const r = cleanDocument({
      text: 'Harbor News\n\n<script>\nsteal()\n</script>\n\nThe quay reopened on Monday after three weeks of repairs to the sea wall.\n\n[x]: javascript:alert(1)',
    });
    expect(r.body).toBe('The quay reopened on Monday after three weeks of repairs to the sea wall.');
    expect(r.removed.filter((x) => x.rule === 'unsafe-html').map((x) => x.line)).toEqual([3, 4, 5, 9]);
  });

  test('other unsafe Markdown is defused in place by the sanitize stage, its words kept', () => {
    const r = cleanDocument({
      text: 'Harbor News\n\nSee [the form](javascript:alert(1)) and <img src=x onerror=alert(1)> today.\n\nUse `<div>` here, 3 < 4.',
    });
    expect(r.body).toBe('See the form and \\<img src=x onerror=alert(1)> today.\n\nUse `<div>` here, 3 < 4.');
    expect(r.problems.map((p) => p.code)).toContain('html-escaped');
    const again = cleanDocument({ text: r.body, title: r.title });
    expect(again.body).toBe(r.body);
  });
});
