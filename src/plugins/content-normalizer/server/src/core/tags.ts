/**
 * Tag normalisation: one display name and one stable slug per tag.
 * `Café` -> cafe, `U.S. Criminals` -> us-criminals, `MS-13` -> ms-13, `A.I.` -> ai;
 * Thai/Japanese names that slugify cannot transliterate get a stable hash slug ("tag-…").
 */
import slugify from 'slugify';
import type { NormalizedTag, Problem } from './types';
import { isAllCaps, isAllLower, shortHash } from './text';

export const MAX_TAG_LENGTH = 64;

const LEADING_JUNK = /^[\s\p{P}\p{S}]+/u;
const TRAILING_JUNK = /[\s\p{P}\p{S}]+$/u;
// "U.S." or "A.I." keep their final dot: it belongs to the abbreviation.
const TRAILING_ABBR = /(?:^|[\s-])(?:\p{L}\.){2,}$/u;

function cleanName(raw: string): string {
  let s = String(raw ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > 500) s = s.slice(0, 500);
  // Keep an opening bracket/quote when its partner stays inside the name.
  s = s.replace(LEADING_JUNK, '');
  if (TRAILING_ABBR.test(s)) return s;
  const m = TRAILING_JUNK.exec(s);
  if (m) {
    let cut = m[0];
    if (cut.startsWith(')') && s.includes('(')) cut = cut.slice(1);
    s = s.slice(0, s.length - cut.length);
  }
  return s.trim();
}

function slugOf(name: string): string {
  const s = slugify(name, { lower: true, strict: true, trim: true });
  if (s) return s;
  return 'tag-' + shortHash(name.toLowerCase());
}

export interface TagOutcome {
  tag: NormalizedTag | null;
  problem?: Problem;
}

// A newsroom repeats the same tags all day: remember recent outcomes (pure function of the raw string).
const CACHE_MAX = 5000;
const cache = new Map<string, TagOutcome>();

function normalizeOne(raw: string): TagOutcome {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit.problem ? { tag: null, problem: { ...hit.problem } } : { tag: hit.tag && { ...hit.tag } };
  const out = normalizeUncached(raw);
  if (raw.length <= 200) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(raw, out.problem ? { tag: null, problem: { ...out.problem } } : { tag: out.tag && { ...out.tag } });
  }
  return out;
}

function normalizeUncached(raw: string): TagOutcome {
  const name = cleanName(raw);
  if (!name) return { tag: null, problem: { code: 'tag-empty', message: 'Dropped an empty tag.', tag: String(raw ?? '') } };
  if (name.length > MAX_TAG_LENGTH) {
    return {
      tag: null,
      problem: { code: 'tag-too-long', message: `Dropped a tag over ${MAX_TAG_LENGTH} characters.`, tag: name.slice(0, 80) },
    };
  }
  if (!/\p{L}/u.test(name)) {
    return { tag: null, problem: { code: 'tag-not-a-word', message: `Dropped tag "${name}": only digits or punctuation.`, tag: name } };
  }
  return { tag: { name, slug: slugOf(name) } };
}

/** Normalises one tag; null when it must be dropped (empty, over 64 characters, no letter). */
export function normalizeTag(raw: string): NormalizedTag | null {
  return normalizeOne(raw).tag;
}

/** Mixed case reads most naturally; short acronyms (CECOT, NASA) are natural in caps; shouted phrases least. */
function naturalness(name: string): number {
  if (isAllLower(name)) return 1;
  if (isAllCaps(name)) return name.length <= 6 && !name.includes(' ') ? 3 : 0;
  return 3;
}

/** Normalises a list, merging variants with the same slug (first position wins, most natural name kept). */
export function normalizeTags(list: readonly string[]): { tags: NormalizedTag[]; problems: Problem[] } {
  const tags: NormalizedTag[] = [];
  const problems: Problem[] = [];
  const bySlug = new Map<string, number>();
  for (const raw of Array.isArray(list) ? list : []) {
    const out = normalizeOne(typeof raw === 'string' ? raw : String(raw ?? ''));
    if (out.problem) problems.push(out.problem);
    if (!out.tag) continue;
    const at = bySlug.get(out.tag.slug);
    if (at === undefined) {
      bySlug.set(out.tag.slug, tags.length);
      tags.push(out.tag);
    } else if (naturalness(out.tag.name) > naturalness(tags[at].name)) {
      tags[at] = out.tag;
    }
  }
  return { tags, problems };
}
