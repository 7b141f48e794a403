/**
 * Stage 1, decode: whatever came in becomes safe text split into lines. A web page is first converted to
 * Markdown (html.ts: Readability picks the article, so what it leaves out never reaches the line rules and is
 * not listed in `removed`); then control characters, lone surrogates and odd line breaks are repaired
 * (text.ts sanitizeText, each repair reported in `problems`).
 */
import type { CleanInput, Problem } from '../types';
import { sanitizeText } from '../text';
import { htmlToMarkdown, type PageMeta } from '../html';

export interface Decoded {
  /** The document's lines (for HTML: of the Markdown the page became); `removed[].line` counts in these. */
  lines: string[];
  /** What the page's markup said (title, authors, dates, tags, language); null for text input. */
  meta: PageMeta | null;
}

/**
 * The input as an object (callers may pass what JSON gave them: a bare string or null becomes `{ text }`) and
 * the source name for per-source settings: the input's, else the options'.
 */
export function normalizeInput(input: CleanInput, optionsSource: unknown): { input: CleanInput; source: string | undefined } {
  const inp = (input && typeof input === 'object' ? input : { text: String(input ?? '') }) as CleanInput;
  const source = typeof inp.source === 'string' ? inp.source : typeof optionsSource === 'string' ? optionsSource : undefined;
  return { input: inp, source };
}

/** `inp` as normalizeInput returns it. */
export function decode(inp: CleanInput, problems: Problem[]): Decoded {
  let raw: string;
  let meta: PageMeta | null = null;
  if (typeof inp.html === 'string') {
    const page = htmlToMarkdown(sanitizeText(inp.html, problems), inp.url, problems);
    raw = page.markdown;
    meta = page.meta;
  } else {
    raw = typeof inp.text === 'string' ? inp.text : '';
  }
  const lines = sanitizeText(raw, problems).split('\n');
  return { lines, meta };
}

/** A known string field made safe and put on one line; '' for anything that is not a string. */
export function cleanString(v: unknown, problems: Problem[]): string {
  return typeof v === 'string' ? sanitizeText(v, problems).replace(/\s+/g, ' ').trim() : '';
}
