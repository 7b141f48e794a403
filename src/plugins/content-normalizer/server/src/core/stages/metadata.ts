/**
 * Stage 6, metadata: the document's fields. A value the caller gave (known title, authors, publishedDate, tags) wins;
 * otherwise, field by field:
 * - title: the page's metadata, then the first heading-like line of the top. Decided before classification
 *   (detectTitle), because rule `title` removes the lines repeating it;
 * - authors: what bylines said (lines the rules removed), then the page's metadata;
 * - date: the page's structured data, then a byline or dateline, then a date-like element of the page;
 * - tags: keyword lines and the page's metadata together (tags.ts normalizes and dedupes them);
 * - reading time: a stated one ("5 min read"), else the body's words at options.wordsPerMinute;
 * - language: the page's `lang` when it is a two-letter code, else detected from the body (language.ts).
 */
import type { CleanInput, CleanOptions, CleanResult, Problem } from '../types';
import type { LineRule } from '../rules/rule';
import type { PageMeta } from '../html';
import { isSiteName } from '../authors';
import { looksLikeTitle } from '../rules/title';
import { countWords, sanitizeText } from '../text';
import { normalizeTags } from '../tags';
import { normalizeDate } from '../dates';
import { detectLanguage } from '../language';
import { cleanString } from './decode';
import { NO_TITLE, type Segments } from './segment';
import type { Found } from './classify';

export const DEFAULT_WPM = 200;

/**
 * Title: the known one, then the page's, then the first line of the top that no other rule removes, if it
 * looks like a title (rules/title.ts looksLikeTitle). None found is reported as `no-title`.
 */
export function detectTitle(
  inp: CleanInput,
  meta: PageMeta | null,
  seg: Segments,
  rules: readonly LineRule[],
  problems: Problem[],
): string {
  let title = cleanString(inp.title, problems) || (meta?.title ? cleanString(meta.title, problems) : '');
  if (title) return title;
  for (let i = 0; i < seg.firstProse; i++) {
    const v = seg.views[i];
    if (!v) continue;
    if (rules.some((r) => r.id !== 'title' && r.match(v, NO_TITLE))) continue;
    if (looksLikeTitle(v.plain)) title = v.plain;
    break;
  }
  if (!title) problems.push({ code: 'no-title', message: 'No title given and no heading-like line found near the top.' });
  return title;
}

/** The metadata part of the result this stage fills in. */
export type Fields = Pick<CleanResult, 'authors' | 'publishedDate' | 'readingTimeMinutes' | 'wordCount' | 'language' | 'tags'>;

function publishedDateOf(inp: CleanInput, meta: PageMeta | null, found: Found, problems: Problem[]): string | null {
  let publishedDate: string | null = null;
  if (typeof inp.publishedDate === 'string' && inp.publishedDate.trim()) {
    publishedDate = normalizeDate(inp.publishedDate);
    if (!publishedDate)
      problems.push({
        code: 'bad-date',
        message: `Ignored known publishedDate ${JSON.stringify(inp.publishedDate.slice(0, 40))}: not a date.`,
      });
  }
  // Structured page data beats a byline date; a visible date-like element on the page comes last.
  return publishedDate || (meta?.date ?? found.date ?? meta?.weakDate ?? null);
}

/** Reading time: a stated one ("5 min read") wins; else the words at `wordsPerMinute` (default 200), at least 1. */
export function readingMinutes(wordCount: number, stated: number | undefined, wordsPerMinute: unknown): number {
  const wpm = typeof wordsPerMinute === 'number' && wordsPerMinute > 0 && Number.isFinite(wordsPerMinute) ? wordsPerMinute : DEFAULT_WPM;
  return stated ?? (wordCount > 0 ? Math.max(1, Math.ceil(wordCount / wpm)) : 0);
}

/** Every field but the title, from the rendered body and what the earlier stages found. */
export function documentFields(
  inp: CleanInput,
  meta: PageMeta | null,
  found: Found,
  body: string,
  options: CleanOptions,
  problems: Problem[],
): Fields {
  const knownAuthors = Array.isArray(inp.authors) ? inp.authors.map((a) => cleanString(a, problems)).filter((a) => a) : [];
  // A byline in the text that names only the site ("Die Tagespost") gives way to the page's metadata.
  const textAuthors = meta?.sites?.length ? found.authors.filter((a) => !isSiteName(a, meta.sites ?? [])) : found.authors;
  const pageAuthors = meta?.authors ?? [];
  const authors = knownAuthors.length ? knownAuthors : textAuthors.length ? textAuthors : pageAuthors.length ? pageAuthors : found.authors;
  const publishedDate = publishedDateOf(inp, meta, found, problems);
  const tagSource = Array.isArray(inp.tags) && inp.tags.length ? inp.tags : [...found.tags, ...(meta?.tags ?? [])];
  const { tags, problems: tagProblems } = normalizeTags(tagSource.map((t) => (typeof t === 'string' ? sanitizeText(t, problems) : '')));
  problems.push(...tagProblems);
  const wordCount = countWords(body);
  const readingTimeMinutes = readingMinutes(wordCount, found.readingTime, options.wordsPerMinute);
  const language = meta?.lang && /^[a-z]{2}$/.test(meta.lang) ? meta.lang : detectLanguage(body);
  return { authors, publishedDate, readingTimeMinutes, wordCount, language, tags };
}
