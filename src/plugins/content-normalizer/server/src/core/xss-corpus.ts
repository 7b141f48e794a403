/**
 * Test support (no tests here): a corpus of XSS vectors for Markdown bodies, and a checker that renders Markdown
 * with two real renderers (marked, and markdown-it with HTML on) and lists what in the result could run code.
 * Used by the sanitizer's own tests and by the API test that imports the vectors and reads them back.
 */
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';
import { parseHTML } from 'linkedom';

const markdownIt = new MarkdownIt({ html: true });

/** marked 18.2.1 throws on some plain inputs (`1) x\n      > - \n===`): a renderer that throws shows nothing. */
const orNothing = (render: (md: string) => string) => (md: string) => {
  try {
    return render(md);
  } catch {
    return '';
  }
};
const RENDERERS: Array<[string, (md: string) => string]> = [
  ['marked', orNothing((md) => marked.parse(md, { async: false }))],
  ['markdown-it', orNothing((md) => markdownIt.render(md))],
];

const BAD_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'style',
  'svg',
  'math',
  'form',
  'base',
  'meta',
  'link',
  'frame',
  'frameset',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** What makes this HTML unsafe to show: bad elements, event handlers, URLs with a scheme that can run code. */
export function unsafeIn(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const found: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*')) as Element[]) {
    const tag = el.localName.toLowerCase();
    if (BAD_ELEMENTS.has(tag)) found.push(`<${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
      if (name === 'srcdoc') found.push(`<${tag} srcdoc>`); // HTML in an attribute: never wanted
      if (URL_ATTRIBUTES.has(name)) {
        const value = attr.value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(value);
        if (scheme && !SAFE_SCHEMES.has(scheme[1])) found.push(`<${tag} ${name}="${value.slice(0, 40)}">`);
      }
    }
  }
  return found;
}

/** Problems of `md` rendered by each renderer, labelled. */
export function renderProblems(md: string): string[] {
  return RENDERERS.flatMap(([name, render]) => unsafeIn(render(md)).map((p) => `${name}: ${p}`));
}

export const indentRest = (v: string, prefix: string) => v.split('\n').join('\n' + prefix);
/** Where a vector is tried: alone, in prose, in a list item (continued and lazy), in a quote, in a table cell. */
export const CONTEXTS: Array<[string, (v: string) => string]> = [
  ['alone', (v) => v],
  ['paragraph', (v) => `Officials said on Tuesday ${v} and then left.`],
  ['list item', (v) => `- first\n- ${indentRest(v, '  ')}\n- last`],
  ['lazy list item', (v) => `1. ${v}\n2. next`],
  ['blockquote', (v) => `> Quote: ${indentRest(v, '> ')}`],
  ['table cell', (v) => `| a | b |\n|---|---|\n| ${v} | c |`],
];

/** Sanitizes `md`, checks idempotence, returns what the renderers still find unsafe. */
const deepParens = '('.repeat(40) + '1' + ')'.repeat(40);

export const VECTORS: string[] = [
  // Broke the line-based sanitizer with marked.
  '[x](javascript:alert((1)))',
  '[a [b] c](javascript:alert(1))',
  '[x](\njavascript:alert(1))',
  '[x][r]\n\n[r]:\n  javascript:alert(1)',
  '[x](javascript:alert`1`)',
  // Scheme spellings.
  '[x](jav&#x61;script:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#0000106avascript:alert(1))',
  '[x](java&Tab;script:alert(1))',
  '[x](<java\tscript:alert(1)>)',
  '[x](java\tscript:alert(1))',
  '[x](<java&#x0A;script:alert(1)>)',
  '[x](JaVaScRiPt:alert(1))',
  '[x](<\u0001 javascript:alert(1)>)',
  '[x]( \u0001javascript:alert(1))',
  '[x](javascript\\:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](made-up+scheme:payload)',
  '[x](javascript:alert(1) "title")',
  '[x]( <javascript:alert(1)> )',
  '[x](  \n  javascript:alert(1)  \n  "t")',
  `[x](javascript:${deepParens})`,
  // Images.
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](DATA:text/html,<script>alert(1)</script>)',
  '![x *y*](vbscript:msgbox(1) "t")',
  // Autolinks.
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  // Raw HTML.
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=javascript&colon;alert(1)>x</a>',
  '<a\nhref="javascript:alert(1)"\n>x</a>',
  '<img\nsrc=x\nonerror=alert(1)\n>',
  '<!-- x --><script>alert(1)</script>',
  '<!--\n<img src=x onerror=alert(1)>\n-->',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<script>alert(1)</script>',
  '<script>\nalert(1)\n</script>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p onclick="alert(1)">x</p>',
  'text <b onmouseover=alert(1)>hover</b> text',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<x onclick=alert(1)>x</x>',
  '<scr<script>ipt>alert(1)</script>',
  '<?xml version="1.0"?><svg onload=alert(1)>',
  '<![CDATA[x]]><img src=x onerror=alert(1)>',
  '<!DOCTYPE html><img src=x onerror=alert(1)>',
  '<div>\n\n<img src=x onerror=alert(1)>\n\n</div>',
  // Mixed, nested, references.
  '[<img src=x onerror=alert(1)>](https://example.com)',
  '[x](https://example.com "<img src=x onerror=alert(1)>")',
  '[![img](javascript:alert(1))](javascript:alert(2))',
  '[[x](javascript:alert(1))](javascript:alert(2))',
  '[`code`](javascript:alert(1))',
  '[x][r]\n\n[r]: javascript:alert(1)',
  '![x][r]\n\n[r]: javascript:alert(1)',
  '[r][]\n\n[r]: javascript:alert(1)',
  '[r]\n\n[r]: javascript:alert(1)',
  '[R]\n\n[r]: <javascript:alert(1)> "t"',
  '[x][r]\n\n[r]: data:text/html,x\n[r]: https://example.com',
  // Renderer differentials found by the property test (see the report).
  'http://example.com<img src=x onerror=alert(1)>',
  'http://example.com\\<img src=x onerror=alert(1)>',
  'http://example.com`<img src=x onerror=alert(1)>`',
  '| a | b |\n|---|---|\n| `x|[y](javascript:alert(1))` | z |',
  '| a | b |\n|---|---|\n| `x|<img src=x onerror=alert(1)>` | z |',
  '| a | b |\n|---|---|\n| `x\n[y](javascript:alert(1))` | z |',
  '| a |\n|---|\n| b |\n-\n    <img src=x onerror=alert(1)>',
  '| a | b |\n|---|---|\n| \n- \n    <img src=x onerror=alert(1)>',
  '| a | b |\r|---|---|\r| \r- \r    <img src=x onerror=alert(1)>',
  '| a | b |\r\n|---|---|\r\n| \r\n- \r\n    <img src=x onerror=alert(1)>',
  '| a |\n|---|\n-\n   ```\n<javascript:alert(1)>',
  '[x](ftp://example.com/file)',
  'ftp://example.com/file',
  ' > \t```\n>  <img src=x onerror=alert(1)>\n```',
  '>\t\n      > - <script>alert(1)</script>',
  '    ```\n1. -\t\n     ```\n    <img src=x onerror=alert(1)>\n```',
];
