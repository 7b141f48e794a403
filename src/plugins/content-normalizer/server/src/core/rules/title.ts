/**
 * Rule `title`: the first heading-like line becomes the title when none is given, and lines that repeat
 * the title are removed.
 *
 * Examples (title "El Niño Returns to the Pacific Coast"):
 * - `El Niño Returns to the Pacific Coast`      -> removed (the title itself)
 * - `# El Niño Returns to the Pacific Coast`    -> removed (with markup)
 * - `el niño returns to the pacific`            -> removed near the top (lower-cased prefix)
 * - `EL NIÑO RETURNS TO THE PACIFIC COAST | Coastal Times` -> removed near the top (title + site name)
 * - `El Niño returns every few years, and …`   -> kept (a sentence, not a repeat)
 */
import type { LineRule } from './rule';
import { comparable, isProse, words } from '../text';

/** Could this line be an article title? Short, no sentence end, starts like a title. */
export function looksLikeTitle(plain: string): boolean {
  if (!plain || plain.length > 200) return false;
  const n = words(plain).length;
  if (n === 0 || n > 30) return false;
  if (isProse(plain) && n > 20) return false;
  if (/[.,;:]$/.test(plain) && !/(?:\b\p{L}\.){2,}$/u.test(plain)) return false;
  return /^["'“‘¿¡(]?[\p{Lu}\p{N}]/u.test(plain) || /^[\p{Lo}]/u.test(plain);
}

const FIRST_ALNUM = /[\p{L}\p{N}]/u;
let lastTitle = '';
let lastComparable = '';

export function isTitleRepeat(plain: string, title: string, inTop: boolean): boolean {
  // A repeat is never much longer than the title; skip the string work for body paragraphs.
  if (plain.length > title.length + 60 || plain.length < 3) return false;
  if (title !== lastTitle) {
    lastTitle = title;
    lastComparable = comparable(title);
  }
  // Every kind of repeat starts with the title's first letter or digit: most lines fail here cheaply.
  const first = FIRST_ALNUM.exec(plain);
  if (!first || !lastComparable || !lastComparable.startsWith(first[0].toLowerCase())) return false;
  const t = lastComparable;
  const c = comparable(plain);
  if (!t || !c) return false;
  if (c === t) return true;
  if (!inTop) return false;
  // A lower-cased or truncated repeat: a prefix of the title of at least three words.
  if (t.startsWith(c + ' ') && words(c).length >= 3 && c.length >= t.length * 0.3) return true;
  // The title with a site name glued after a separator.
  if (c.startsWith(t + ' ') && plain.length <= title.length + 40 && /[|–—:-]/.test(plain.slice(Math.max(0, title.length - 2)))) return true;
  return false;
}

export const titleRule: LineRule = {
  id: 'title',
  description: 'Takes the first heading-like line as the title when none is given and removes lines that repeat the title.',
  defaultEnabled: true,
  match(line, ctx) {
    return ctx.title && isTitleRepeat(line.plain, ctx.title, line.inTop) ? {} : null;
  },
};
