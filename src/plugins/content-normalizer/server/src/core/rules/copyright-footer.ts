/**
 * Rule `copyright-footer`: rights notices at the foot of an article.
 *
 * Examples:
 * - `Copyright 2024 FN, NewsRoom.`                 -> removed
 * - `© 2023 Harbor Gazette. All rights reserved.`  -> removed
 * - `(c) 2023 Valle Press`                          -> removed
 * - `This material may not be published, broadcast, rewritten or redistributed.` -> removed
 * - `Todos los derechos reservados.` / `Alle Rechte vorbehalten.` -> removed
 * - `Copyright law protects the expression of ideas, not the ideas themselves.` -> kept (a sentence about copyright)
 */
import type { LineRule } from './rule';
import { words } from '../text';

const NOTICE_START = /^(?:copyright\s*(?:©|\(c\)|\d{4}|\p{Lu})|©|\(c\)\s*(?:\d{4}|\p{Lu})|℗)/iu;
const RESERVED =
  /\b(?:all rights reserved|todos los derechos reservados|alle rechte vorbehalten|tous droits réservés|derechos reservados|tutti i diritti riservati|todos os direitos reservados)\b/i;
const NO_REPUBLISH = /^this (?:material|article|content|story) may not be (?:published|reproduced|copied)/i;

export function isCopyrightFooter(plain: string): boolean {
  if (plain.length > 300) return false;
  if (NO_REPUBLISH.test(plain)) return true;
  if (RESERVED.test(plain) && words(plain).length <= 25) return true;
  if (NOTICE_START.test(plain)) {
    // "Copyright Law in Practice" would be a heading; a notice carries a year or the © sign.
    return /©|\(c\)|\b(?:19|20)\d{2}\b/i.test(plain) && words(plain).length <= 20;
  }
  return false;
}

export const copyrightFooterRule: LineRule = {
  id: 'copyright-footer',
  description: 'Removes copyright and rights-reserved notices ("© 2024 X. All rights reserved.", "Todos los derechos reservados").',
  defaultEnabled: true,
  match(line) {
    return isCopyrightFooter(line.plain) ? {} : null;
  },
};
