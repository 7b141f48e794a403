/**
 * The search box's query language, parsed once and handed to each database's engine:
 *
 * - plain words must all match: `harbour strike`;
 * - `"quoted phrases"` match as phrases;
 * - `-word` and `-"a phrase"` exclude;
 * - `OR` (upper case, between two terms) matches either: `ferry OR harbour strike` is
 *   (ferry or harbour) and strike.
 *
 * Pure: no database, no Strapi. Anything the syntax does not know is read as words, never as an engine's own
 * operator (`NEAR`, `*`, `:` and `^` are text here), so no query can reach the engines' parsers unquoted.
 */

export interface SearchTerm {
  /** The words of the term, in order: one for a word, several for a phrase. */
  words: string[];
  phrase: boolean;
}

export interface ParsedQuery {
  /** All of these groups must match; a group matches when any of its terms does. */
  required: SearchTerm[][];
  /** None of these may match. */
  excluded: SearchTerm[];
}

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 16;

/** Letters and digits (any script) with the apostrophes and dots inside words; everything else separates words. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.][\p{L}\p{N}\p{M}]+)*/gu;

export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((word) => word.replace(/’/g, "'"));
}

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i])) i += 1;
    if (i >= q.length) break;
    let negated = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1])) {
      negated = true;
      i += 1;
    }
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      // An unclosed quote runs to the end of the query, as search boxes usually read it.
      const stop = end === -1 ? q.length : end;
      tokens.push({ text: q.slice(i + 1, stop), quoted: true, negated });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < q.length && !/\s/.test(q[j]) && q[j] !== '"') j += 1;
    tokens.push({ text: q.slice(i, j), quoted: false, negated });
    i = j;
  }
  return tokens;
}

/**
 * Parses `q`. Throws SearchQueryError for a query that is empty, too long, or has nothing to look for
 * (only excluded terms, or only punctuation).
 */
export function parseSearchQuery(q: unknown): ParsedQuery {
  if (typeof q !== 'string' || q.trim() === '') throw new SearchQueryError('q: give the words to search for');
  if (q.length > MAX_QUERY_LENGTH) throw new SearchQueryError(`q: at most ${MAX_QUERY_LENGTH} characters`);
  const required: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  let joinNext = false;
  let terms = 0;
  for (const token of tokenize(q.normalize('NFC'))) {
    if (!token.quoted && !token.negated && token.text === 'OR') {
      joinNext = required.length > 0;
      continue;
    }
    const words = wordsOf(token.text);
    if (words.length === 0) continue;
    const term: SearchTerm = { words, phrase: token.quoted || words.length > 1 };
    terms += 1;
    if (terms > MAX_TERMS) throw new SearchQueryError(`q: at most ${MAX_TERMS} terms`);
    if (token.negated) {
      excluded.push(term);
      joinNext = false;
    } else if (joinNext) {
      required[required.length - 1].push(term);
      joinNext = false;
    } else {
      required.push([term]);
    }
  }
  if (required.length === 0) throw new SearchQueryError('q: give at least one word to search for (not only excluded ones)');
  return { required, excluded };
}

/** Every word the query looks for, for highlighting. */
export function positiveWords(query: ParsedQuery): string[] {
  return query.required.flat().flatMap((term) => term.words);
}
