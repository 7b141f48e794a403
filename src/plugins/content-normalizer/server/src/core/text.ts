/** Small string helpers shared by the rules. All linear; none throws. */

import type { Problem } from './types';

/** Rules never look past this many characters of a line: junk lines are short, and it bounds regex work. */
export const MAX_EXAMINED = 1000;

// C0 controls except \t \n \r, DEL, and C1 controls.
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one place that removes what no stored text should carry: control characters (C0 except tab, line feed
 * and carriage return; DEL; C1) are dropped, lone surrogates become U+FFFD. Each kind of repair is reported
 * once in `problems` when given. Used by the engine (through sanitizeText), the import validation and the
 * search index.
 */
export function stripUnsafeCharacters(input: string, problems?: Problem[]): string {
  let s = input;
  let controls = 0;
  CONTROL_RE.lastIndex = 0;
  if (CONTROL_RE.test(s)) {
    CONTROL_RE.lastIndex = 0;
    s = s.replace(CONTROL_RE, () => {
      controls++;
      return '';
    });
  }
  if (controls > 0 && problems) {
    problems.push({ code: 'control-characters', message: `Removed ${controls} control character(s).`, count: controls });
  }
  const wellFormed = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  LONE_SURROGATE_RE.lastIndex = 0;
  if (wellFormed ? !wellFormed.call(s) : LONE_SURROGATE_RE.test(s)) {
    let n = 0;
    LONE_SURROGATE_RE.lastIndex = 0;
    s = s.replace(LONE_SURROGATE_RE, () => {
      n++;
      return '\uFFFD';
    });
    if (problems) problems.push({ code: 'lone-surrogates', message: `Replaced ${n} lone surrogate(s) with U+FFFD.`, count: n });
  }
  return s;
}

/**
 * Makes any string safe to process: drops a leading byte-order mark, strips unsafe characters
 * (stripUnsafeCharacters, reported in `problems`), normalises line breaks to \n.
 */
export function sanitizeText(input: string, problems: Problem[]): string {
  let s = typeof input === 'string' ? input : String(input ?? '');
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  s = stripUnsafeCharacters(s, problems);
  // Unicode line/paragraph separators behave as line breaks in editors but not in Markdown.
  if (/[\r\u2028\u2029]/.test(s)) s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  return s;
}

/** Strips Markdown decoration a rule should not care about: heading hashes, quote markers, emphasis, link syntax. */
export function plainOf(line: string): string {
  let s = line.length > MAX_EXAMINED ? line.slice(0, MAX_EXAMINED) : line;
  s = s.trim();
  // Most lines carry no Markdown at all.
  if (!/[#>[*_`]/.test(s)) return /\s\s|[\t\n]/.test(s) ? s.replace(/\s+/g, ' ') : s;
  s = s.replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, '');
  s = s.replace(/^(?:>\s*)+/, '');
  // [text](url) -> text ; ![alt](src) -> alt
  s = s.replace(/!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/g, '$1');
  s = s.replace(/(\*\*|__)(?=\S)([^*_\n]{0,500}?\S)\1/g, '$2');
  s = s.replace(/^[*_]+(?=\S)|(?<=\S)[*_]+$/g, '');
  s = s.replace(/`/g, '');
  return s.replace(/\s+/g, ' ').trim();
}

// The rules ask for the words of one line several times in a row (each rule's length test): the last split is kept.
let lastWordsOf: string | null = null;
let lastWords: readonly string[] = [];

/** The whitespace-separated tokens of `s`. Read-only: the array is shared with the next caller for the same string. */
export function words(s: string): readonly string[] {
  if (s === lastWordsOf) return lastWords;
  const t = s.trim();
  lastWords = t ? t.split(/\s+/) : [];
  lastWordsOf = s;
  return lastWords;
}

const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /\p{Lu}/u;

/** True when the text has cased letters and none of them is lower case. */
export function isAllCaps(s: string): boolean {
  return HAS_UPPER.test(s) && !HAS_LOWER.test(s);
}

export function isAllLower(s: string): boolean {
  return HAS_LOWER.test(s) && !HAS_UPPER.test(s);
}

const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'van',
  'der',
  'den',
  'von',
  'la',
  'le',
  'y',
  'e',
  'bin',
  'al',
  'ibn',
  'ten',
  'ter',
  'zu',
]);

export function isParticle(w: string): boolean {
  return PARTICLES.has(w.toLowerCase());
}

/** `JANE DOE` -> `Jane Doe`, `mary o'NEIL` untouched parts keep their case unless the whole name is one case. */
export function naturalCaseName(name: string): string {
  if (!isAllCaps(name) && !isAllLower(name)) return name;
  return name
    .toLowerCase()
    .split(' ')
    .map((w, i) => {
      if (i > 0 && isParticle(w)) return w;
      return w.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

/** A line that reads as running prose: enough words and a sentence end. Used to bound the document's "top". */
export function isProse(plain: string): boolean {
  if (plain.length < 40) return false;
  const n = words(plain).length;
  return n >= 10 && /[.!?…。]["'”’»)\]]*$/.test(plain);
}

const ATTRIBUTION_RE =
  /\b(?:said|says|told|tells|asked|asks|added|adds|wrote|writes|explained|warned|admitted|insisted|replied|according to|dijo|afirmó|explicó|aseguró|sagte|erklärte|a déclaré|ha detto)\b/i;

/** True when the line attributes speech or writing to someone ("…, the mayor said."): news prose, not page chrome. */
export function isAttributed(plain: string): boolean {
  return ATTRIBUTION_RE.test(plain);
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'for',
  'of',
  'in',
  'on',
  'at',
  'to',
  'by',
  'with',
  'from',
  'as',
  'vs',
  'vs.',
  'via',
  'per',
  'into',
  'over',
  'after',
  'than',
  'de',
  'del',
  'la',
  'las',
  'el',
  'los',
  'y',
  'e',
  'en',
  'con',
  'por',
  'para',
  'un',
  'una',
  'al',
  'o',
  'der',
  'die',
  'das',
  'und',
  'im',
  'von',
  'mit',
  'für',
  'zu',
  'le',
  'les',
  'et',
  'du',
  'des',
]);

export function isSmallWord(w: string): boolean {
  return SMALL_WORDS.has(w.toLowerCase());
}

/** Title-ish: every word starts upper case (or is a digit / small connector), first word capitalised. */
export function isTitleCase(s: string): boolean {
  const ws = words(s);
  if (ws.length === 0) return false;
  let significant = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i].replace(/^["'“‘(¿¡]+|["'”’),:]+$/g, '');
    if (!w) continue;
    const first = w[0];
    if (/\p{Lu}|\p{N}/u.test(first)) {
      significant++;
      continue;
    }
    if (i > 0 && isSmallWord(w)) continue;
    if (!/\p{L}/u.test(first)) continue;
    return false;
  }
  return significant > 0;
}

/** Collapse spaces and lower-case: for comparing a line with the title. */
export function comparable(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** FNV-1a 32-bit, base36: a stable short hash for fallback slugs. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Whitespace-separated tokens containing a letter or digit (link URLs excluded). One pass over the chars. */
export function countWords(body: string): number {
  const text = body.indexOf('](') === -1 ? body : body.replace(/\]\([^)\n]*\)/g, ']');
  let count = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
    if (space) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (
      !counted &&
      ((c >= 48 && c <= 57) ||
        (c >= 65 && c <= 90) ||
        (c >= 97 && c <= 122) ||
        (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f)))
    ) {
      count++;
      counted = true;
    }
  }
  return count;
}
