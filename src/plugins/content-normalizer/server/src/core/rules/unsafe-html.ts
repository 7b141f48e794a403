/**
 * Rule `unsafe-html`: keeps the Markdown body safe to render.
 *
 * Removed lines (with a `removed` entry):
 * - script/style/iframe/object blocks written as raw HTML, e.g. `<script>track()</script>` or a multi-line `<style> … </style>`
 * - Markdown link reference definitions pointing at `javascript:` / `vbscript:` / `data:` URLs: `[x]: javascript:alert(1)`
 * Rewritten in place (reported once in `problems`, text kept):
 * - `[Click](javascript:alert(1))` -> `Click`
 * - any other raw tag is escaped: `<img src=x onerror=alert(1)>` -> `\<img src=x onerror=alert(1)>` (shown as text, never run)
 */
import type { LineRule } from './rule';

const BLOCK_OPEN = /<(script|style|iframe|object|embed|noscript|template|svg|math)\b/i;
const UNSAFE_SCHEME = /^(?:javascript|vbscript|data|file|livescript|mocha):/;

/** True when a URL would run code or smuggle content when clicked. */
export function isUnsafeUrl(url: string): boolean {
  let u = url.trim().replace(/^<|>$/g, '');
  // Decode numeric entities and drop whitespace/controls that browsers ignore inside schemes ("java\tscript:").
  u = u.replace(/&#x([0-9a-f]{1,6});?/gi, (_m, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)));
  u = u.replace(/&#(\d{1,7});?/g, (_m, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)));
  u = u.replace(/&colon;/gi, ':').replace(/&tab;|&newline;/gi, '');
  u = u.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
  if (u.startsWith('data:image/') && !u.startsWith('data:image/svg')) return false;
  return UNSAFE_SCHEME.test(u);
}

/** Where a raw HTML block that must go starts: returns the closing tag name to look for, or null. */
export function unsafeBlockStart(raw: string): string | null {
  const m = BLOCK_OPEN.exec(raw);
  return m ? m[1].toLowerCase() : null;
}

const REF_DEF = /^ {0,3}\[[^\]]{1,200}\]:\s*(\S+)/;

const LINK_RE = /(!?)\[([^\]\n]{0,500})\]\(([^()\n]{0,1000}(?:\([^()\n]{0,200}\)[^()\n]{0,500})*)\)/g;

/**
 * Makes one kept line safe: unsafe links lose their URL, raw tags are escaped outside code spans.
 * Returns the line unchanged when there is nothing to do (so cleaning twice changes nothing).
 */
export function sanitizeMarkdownLine(line: string): string {
  if (line.indexOf('<') === -1 && line.indexOf('](') === -1) return line;
  const parts = line.split(/(`+[^`]*`+)/);
  for (let i = 0; i < parts.length; i += 2) {
    let p = parts[i];
    if (p.indexOf('](') !== -1) {
      p = p.replace(LINK_RE, (whole, bang: string, text: string, dest: string) => {
        const url = dest.trim().split(/\s+/)[0] ?? '';
        if (!isUnsafeUrl(url)) return whole;
        return bang ? text : text;
      });
    }
    // Escape "<" that opens a tag, comment or autolink, unless already escaped.
    p = p.replace(/(^|[^\\])<(?=[A-Za-z/!?])/g, '$1\\<');
    parts[i] = p;
  }
  return parts.join('');
}

export const unsafeHtmlRule: LineRule = {
  id: 'unsafe-html',
  description: 'Removes raw script/style/iframe blocks and javascript: link definitions; escapes other raw HTML so the Markdown is safe.',
  defaultEnabled: true,
  match(line) {
    const m = REF_DEF.exec(line.raw);
    if (m && isUnsafeUrl(m[1])) return {};
    return null;
  },
};
