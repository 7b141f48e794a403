/**
 * Rule `ad-line`: advertising labels and product lines left between paragraphs.
 *
 * Examples:
 * - `Advertisement`, `ADVERTISEMENT`, `Sponsored content`, `Advertisement - Continue Reading Below`,
 *   `Story continues below advertisement`, `PUBLICIDAD`, `Anuncio`, `Anzeige` -> removed
 * - `WATERPROOF TRAIL RUNNER GTX 2` glued to another line (no blank line around it) -> removed:
 *   a short all-caps line with no sentence in it is a product name, not a heading
 * - `THE VERDICT` standing alone between blank lines -> kept (a heading)
 * - `The advertisement ran for three weeks before the council pulled it.` -> kept (a sentence)
 */
import type { LineRule } from './rule';
import { isAllCaps, words } from '../text';

const LABELS = new Set([
  'advertisement',
  'advertisements',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'sponsored post',
  'sponsored links',
  'paid content',
  'paid post',
  'promoted',
  'promoted content',
  'partner content',
  'presented by our sponsor',
  'advertisement continue reading below',
  'advertisement scroll to continue',
  'story continues below advertisement',
  'article continues below advertisement',
  'continue reading below',
  'ad feedback',
  'advertise with us',
  'ad choices',
  'adchoices',
  'publicidad',
  'anuncio',
  'anuncios',
  'contenido patrocinado',
  'patrocinado',
  'espacio publicitario',
  'contenido de marca',
  'anzeige',
  'werbung',
  'publicité',
  'publicite',
  'pubblicità',
]);

export function isAdLabel(plain: string): boolean {
  if (plain.length > 60) return false;
  const key = plain
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return LABELS.has(key);
}

/** A short all-caps line with no sentence punctuation, e.g. a product name dropped in by a shop widget. */
export function isCapsProductLine(plain: string): boolean {
  if (plain.length < 6 || plain.length > 60) return false;
  const n = words(plain).length;
  if (n < 2 || n > 8) return false;
  if (!isAllCaps(plain)) return false;
  return !/[.,;:!?"“”'’«»()]/.test(plain);
}

export const adLineRule: LineRule = {
  id: 'ad-line',
  description:
    'Removes advertising labels ("Advertisement", "Sponsored content", "PUBLICIDAD") and short all-caps product lines glued to other lines.',
  defaultEnabled: true,
  match(line) {
    if (isAdLabel(line.plain)) return {};
    if (!line.isHeading && line.glued && isCapsProductLine(line.plain)) return {};
    return null;
  },
};
