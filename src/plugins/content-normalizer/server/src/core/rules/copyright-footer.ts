/**
 * Rule `copyright-footer`: rights notices at the foot of an article.
 *
 * Examples:
 * - `Copyright 2024 FN, NewsRoom.`                 -> removed
 * - `© 2023 Harbor Gazette. All rights reserved.`  -> removed
 * - `(c) 2023 Valle Press`                          -> removed
 * - `This material may not be published, broadcast, rewritten or redistributed.` -> removed
 * - `Todos los derechos reservados.` / `Alle Rechte vorbehalten.` / `Riproduzione riservata © Copyright ANSA` -> removed
 * - `© EFE 2024. Está expresamente prohibida la redistribución …` -> removed (a long notice, but it opens with ©)
 * - Wire agencies' standards lines: `Our Standards: The Thomson Reuters Trust Principles.`,
 *   `Learn more about AP's standards and practices.`, `AFP's editorial standards and charter` -> removed
 * - `Copyright law protects the expression of ideas, not the ideas themselves.` -> kept (a sentence about copyright)
 * - `The agency said its standards had not changed since 2019.` -> kept (prose about standards)
 */
import type { LineRule } from './rule';
import { isAttributed, words } from '../text';

const NOTICE_START = /^(?:copyright\s*(?:©|\(c\)|\d{4}|\p{Lu})|©|\(c\)\s*(?:\d{4}|\p{Lu})|℗)/iu;
const RESERVED =
  /\b(?:all rights reserved|todos los derechos reservados|alle rechte vorbehalten|tous droits réservés|derechos reservados|tutti i diritti riservati|diritti riservati|riproduzione riservata|todos os direitos reservados|reproduction interdite|reproducción prohibida|prohibida (?:su|la) reproducción)\b/i;
const NO_REPUBLISH =
  /^(?:this (?:material|article|content|story) may not be (?:published|reproduced|copied)|(?:está |queda )?(?:expresamente )?prohibida la (?:reproducción|redistribución))/i;

// Wire agencies whose standards/trust footers follow their stories.
const AGENCY =
  '(?:(?:thomson )?reuters|ap|the associated press|associated press|afp|agence france[- ]presse|dpa|ansa|efe|agencia efe|europa press|bloomberg|xinhua|kyodo|yonhap|anadolu|pa media|aap|cp|the canadian press|upi)';
/**
 * A standards/trust line: "Our Standards: …", "<Agency>'s standards …", "The <Agency> Trust Principles",
 * "Learn more about <agency>'s standards". All are short footers; prose about standards runs longer or lacks the
 * possessive agency.
 */
const STANDARDS_RE = new RegExp(
  '^(?:' +
    [
      'our (?:standards|editorial standards|principles)\\s*[:.]',
      // Ends at the standards word, or goes on with a list or a colon: "Reuters' standards editor said …" is news.
      '(?:learn more about |read |see |about )?' +
        AGENCY +
        "[’']s? (?:editorial |news )?(?:standards|values|principles|charter|code)(?:\\s*[:.,–—-]|\\s+(?:and|&) |$)",
      '(?:the )?(?:thomson )?reuters trust principles\\b',
      '(?:learn more about |read about |about )(?:our |the )?(?:editorial )?(?:standards|trust principles|news values)\\b',
      '(?:nuestros|nuestras) (?:principios|normas|estándares)\\s*:',
      'unsere (?:standards|grundsätze)\\s*:',
      'nos (?:standards|principes)\\s*:',
    ].join('|') +
    ')',
  'i',
);

/**
 * Wire and republication credits at the foot: "The Associated Press contributed to this report.",
 * "This article was originally published on The Conversation."
 */
const CONTRIBUTED_RE =
  /^(?:\S+(?:\s+\S+){0,9}\s+)?contributed (?:to this (?:report|story|article)|(?:additional )?reporting)(?:\s+(?:from|in)\s[^.]{1,60})?\.?$|^this (?:article|story|piece) (?:was |is |has been )?(?:(?:originally|first) (?:published|appeared)|republished) (?:on|in|by|with|from)\b/i;

/** What every CONTRIBUTED_RE line holds; one cheap scan rules out the rest before the word-run pattern. */
const CONTRIBUTION_HINT = /contributed|^this (?:article|story|piece)/i;

export function isWireCreditLine(plain: string): boolean {
  return (
    plain.length <= 200 && CONTRIBUTION_HINT.test(plain) && CONTRIBUTED_RE.test(plain) && words(plain).length <= 20 && !isAttributed(plain)
  );
}

export function isAgencyStandardsLine(plain: string): boolean {
  return plain.length <= 240 && STANDARDS_RE.test(plain) && words(plain).length <= 30 && !isAttributed(plain);
}

export function isCopyrightFooter(plain: string): boolean {
  if (plain.length > 400) return false;
  if (NO_REPUBLISH.test(plain)) return true;
  if (isAgencyStandardsLine(plain) || isWireCreditLine(plain)) return true;
  const notice = NOTICE_START.test(plain);
  const reserved = RESERVED.test(plain);
  if ((!notice && !reserved) || isAttributed(plain)) return false;
  // A long line with the phrase in it is a notice only when it also opens like one or names a year.
  if (reserved && (words(plain).length <= 12 || (words(plain).length <= 40 && (notice || /\b(?:19|20)\d{2}\b/.test(plain))))) return true;
  if (notice) {
    // "Copyright Law in Practice" would be a heading; a notice carries a year or the © sign.
    if (!/©|\(c\)|\b(?:19|20)\d{2}\b/i.test(plain)) return false;
    // "© EFE 2024. Está expresamente prohibida …": a long notice is still one when it opens with the sign and a year.
    return (
      words(plain).length <= 20 ||
      /^(?:©|\(c\)|copyright\s*(?:©|\(c\)))\s*\S+(?:\s+\S+){0,4}\s+(?:19|20)\d{2}\b|^(?:©|\(c\)|copyright)\s*(?:19|20)\d{2}\b/i.test(
        plain,
      )
    );
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
