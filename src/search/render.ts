import { micromark } from 'micromark';
import { stripUnsafeCharacters } from '../plugins/content-normalizer/server/src/core/text';
import { markdownToPlainText as plainTextOfMarkdown } from '../plugins/content-normalizer/server/src/core/plain-text';

/**
 * Stored bodies are Markdown (already sanitized by the content-normalizer on every write). Feeds need them as
 * HTML, search needs them as plain text. micromark follows CommonMark exactly and is safe by default: raw HTML
 * is escaped, and link and image destinations with other schemes than http(s), mailto (links) and relative
 * ones are dropped, so what it renders carries nothing executable even if a body somehow were not sanitized.
 */
export function markdownToHtml(markdown: string | null | undefined): string {
  return micromark(markdown ?? '');
}

/** Private-use characters the search engines use to mark highlighted words; never part of indexed text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

/** The text a reader sees of a Markdown body (the engine's rendering, core/plain-text.ts), without highlight marks. */
export function markdownToPlainText(markdown: string | null | undefined): string {
  return plainTextOfMarkdown((markdown ?? '').replace(MARKS, ''));
}

/** Text for an index column: no highlight markers, no control characters. */
export function indexText(text: string | null | undefined): string {
  return stripUnsafeCharacters((text ?? '').replace(MARKS, ''));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** A snippet from an engine, with its private marks, as HTML-escaped text with the matches in `<mark>`. */
export function highlightHtml(snippet: string | null | undefined): string {
  let open = false;
  let out = '';
  for (const char of (snippet ?? '').replace(/\s+/g, ' ').trim()) {
    if (char === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (char === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += ESCAPES[char] ?? char;
    }
  }
  return open ? `${out}</mark>` : out;
}
