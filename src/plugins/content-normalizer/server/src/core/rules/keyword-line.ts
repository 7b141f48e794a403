/**
 * Rule `keyword-line`: a line listing keywords becomes tags and leaves the body.
 *
 * Examples:
 * - `Tags: harbor, fishing quotas, Lake Verin`      -> 3 tags
 * - `Topics: Elections | Local Government`          -> 2 tags
 * - `Filed under: Weather, Coastline`
 * - `Etiquetas: Sequía, Agricultura, Valle Ardiente`, `Keywords — drought, water`, `Tagged with: ferries, strikes`
 * - `#harbor #ferries` -> 2 tags; `Tags:` alone on its line -> removed, no tag
 * - `Harbor Authority,Fishing Quotas,Port Verin,MS-13,Trade Policy` (a bare list of short title-ish phrases, anywhere)
 * - `Boats, nets, and crates lined the quay.`       -> kept: an ordinary sentence
 */
import type { LineRule, RuleHit } from './rule';
import { findDate } from '../dates';
import { isTitleCase, words } from '../text';

// The label, then a colon or a spaced dash ("Keywords — a, b"); "Topics discussed: …" is prose, not a label.
const EXPLICIT_RE =
  /^(?:tags?|tagged(?:\s+(?:with|in|as))?|topics?|related topics|filed under|posted in|keywords?|key words|categories|category|etiquetas?|temas?|palabras clave|categorías|schlagwörter|schlagworte|stichwörter|stichworte|themen|mots[- ]clés|parole chiave|argomenti)(?:\s*[:：]|\s+[—–-])\s*(.+)$/i;
/**
 * A label left alone on its line with its colon, the list on the next line or gone with the page's links. Without
 * the colon ("Tags") it is left to boilerplate-block, for which such a word is the evidence that a run is chrome.
 */
const LABEL_ONLY_RE = /^(?:tags?|topics?|related topics|keywords?|filed under|etiquetas|temas|schlagwörter)\s*[:：]$/i;
/** `#harbor #ferries #PortVerin`: two or more hashtags and nothing else. */
const HASHTAGS_RE = /^#[\p{L}\p{N}_]+(?:[\s,]+#[\p{L}\p{N}_]+)+$/u;

function splitList(s: string): string[] {
  return s
    .split(/\s*[,;|·•，、]\s*/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Each item of a bare list: 1–5 words, title-ish, no sentence punctuation. */
function isKeywordItem(item: string): boolean {
  if (item.length > 40) return false;
  const n = words(item).length;
  if (n === 0 || n > 5) return false;
  if (/[!?;:"“”«»()[\]]/.test(item)) return false;
  // A trailing dot is only fine in an abbreviation such as "U.S.".
  if (/\.$/.test(item) && !/(?:^|\s)(?:\p{L}\.){2,}$/u.test(item)) return false;
  return isTitleCase(item);
}

export function parseKeywordLine(plain: string): RuleHit | null {
  if (plain.length > 600) return null;
  if (LABEL_ONLY_RE.test(plain)) return { tags: [] };
  if (HASHTAGS_RE.test(plain)) return { tags: plain.split(/[\s,]+/).map((t) => t.slice(1)) };
  const m = EXPLICIT_RE.exec(plain);
  if (m) {
    const items = splitList(m[1]);
    if (items.length > 0 && items.every((i) => i.length <= 80)) return { tags: items };
    return null;
  }
  const firstComma = plain.indexOf(',');
  if (firstComma === -1 && !plain.includes('，')) return null;
  // Cheap rejections before splitting: a sentence end, or a first item longer than any keyword.
  if (/[!?…"”:;]$/.test(plain) || (plain.endsWith('.') && !/(?:^|[\s,])(?:\p{L}\.){2,}$/u.test(plain))) return null;
  if (firstComma > 40) return null;
  const items = plain.split(/\s*[,，]\s*/).map((x) => x.trim());
  if (items.length < 3 || items.some((i) => !i)) return null;
  if (!items.every(isKeywordItem)) return null;
  // "Paris, Texas, June 5, 2024" is a dateline, not keywords.
  if (findDate(plain)) return null;
  return { tags: items };
}

export const keywordLineRule: LineRule = {
  id: 'keyword-line',
  description: 'Turns "Tags:/Topics:/Filed under:/Etiquetas:" lines and bare comma-separated keyword lines into tags and removes them.',
  defaultEnabled: true,
  match(line) {
    if (line.isHeading) return null;
    return parseKeywordLine(line.plain);
  },
};
