/**
 * Rule `unsafe-html`: keeps the Markdown body safe to render.
 *
 * Removed lines (with a `removed` entry):
 * - script/style/iframe/object blocks written as raw HTML, e.g. `<script>track()</script>` or a multi-line `<style> … </style>`
 * - Markdown link reference definitions pointing at `javascript:` / `vbscript:` / `data:` URLs: `[x]: javascript:alert(1)`
 * Everything else unsafe is rewritten in place by the engine's sanitize stage (sanitize-markdown.ts), not
 * removed: `[Click](javascript:alert(1))` keeps `Click`, raw tags become escaped text.
 */
import type { LineRule } from './rule';
import { isSafeUrl } from '../sanitize-markdown';

const BLOCK_OPEN = /<(script|style|iframe|object|embed|noscript|template|svg|math)\b/i;
/** Where a raw HTML block that must go starts: returns the closing tag name to look for, or null. */
export function unsafeBlockStart(raw: string): string | null {
  const m = BLOCK_OPEN.exec(raw);
  return m ? m[1].toLowerCase() : null;
}

const REF_DEF = /^ {0,3}\[[^\]]{1,200}\]:\s*(\S+)/;

export const unsafeHtmlRule: LineRule = {
  id: 'unsafe-html',
  description: 'Removes raw script/style/iframe blocks and javascript: link definitions; escapes other raw HTML so the Markdown is safe.',
  defaultEnabled: true,
  match(line) {
    const m = REF_DEF.exec(line.raw);
    if (m && !isSafeUrl(m[1], 'link')) return {};
    return null;
  },
};
