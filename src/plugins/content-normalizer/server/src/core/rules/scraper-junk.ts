/**
 * Rule `scraper-junk`: text left by copy-protection scripts, JavaScript warnings and page chrome.
 *
 * Examples:
 * - `error: Content is protected !!`, `Alert: Content is protected !!`
 * - `Please enable JavaScript to view the comments powered by Disqus.`
 * - `JavaScript is disabled in your browser.`, `Skip to main content`, `Toggle navigation`
 * - `We use cookies to improve your experience. Accept`, `We value your privacy`, `Accept all`, `Manage cookie preferences`
 * - Page chrome: `Skip to footer`, `Back to top`, `Sign in to continue reading`, `Already a subscriber? Log in`,
 *   `Leave a comment`, `View comments (12)`, `Print this page`, `Report an error`
 * - Picture credits left without their picture: `Image: Ana Ruiz/Getty Images`, `Photo: AFP via Getty Images`,
 *   `(Photo by Ana Ruiz/AFP via Getty Images)`, `Foto: EFE`
 * - `Photo: the harbour at dawn, before the ferries leave` -> kept (a caption, no credit)
 * - `The site's JavaScript powers the tide tables.` -> kept (content)
 */
import type { LineRule } from './rule';
import { isAttributed, words } from '../text';

const JUNK_RE = new RegExp(
  '^(?:' +
    [
      '(?:error|alert|warning)\\s*:?\\s*content is protected',
      'content is protected\\s*!*$',
      'please enable javascript\\b',
      '(?:you must |you need to )?enable javascript\\b',
      'javascript is (?:disabled|required|not enabled)',
      'this (?:site|page|website) requires javascript',
      'your browser does not support',
      'please (?:turn on|activate) javascript',
      'skip (?:to )?(?:the )?(?:main |primary )?(?:content|navigation|menu|main|footer|search|article|sidebar)$',
      '(?:back|return|go|scroll) to (?:the )?top$',
      '(?:sign|log) ?(?:in|up) to (?:continue|read|keep reading|comment|access|unlock)\\b',
      'already (?:a subscriber|a member|have an account|registered)\\b',
      'create (?:an|a free|your free) account\\b',
      'print (?:this )?(?:page|article|story)$',
      'report (?:an? )?(?:error|typo|mistake|correction)$',
      '(?:view|show|hide|load|read|see) (?:all )?(?:\\d+ )?comments?(?: \\(\\d+\\))?$',
      '(?:leave|post|add|write) a (?:comment|reply)$',
      'comments (?:are|have been) closed\\b',
      '\\d+ comments?$',
      'join the (?:conversation|discussion)$',
      'loading (?:comments|video|player|content)',
      'video (?:player )?(?:is )?(?:loading|unavailable)',
      'jump to (?:main )?content$',
      'toggle (?:navigation|menu)$',
      'menu$',
      'close$',
      'search$',
      'loading(?:\\.*|…)$',
      'cargando\\.*$',
      'advertisement\\s*-\\s*scroll',
      'we use cookies\\b',
      'we value your privacy\\b',
      'we and our (?:partners|vendors) (?:use|store|process)\\b',
      'by (?:continuing to (?:use|browse)|using) (?:this|our) (?:site|website)\\b.{0,80}\\bcookies\\b',
      '(?:accept|reject|decline|allow|refuse) all(?: cookies)?$',
      'manage (?:cookie |privacy )?(?:preferences|settings|consent|choices|options)$',
      '(?:this|our) (?:site|website) uses cookies\\b',
      'cookie (?:notice|consent|banner)$',
      'this (?:site|website) uses cookies\\b',
      'utilizamos cookies\\b',
      'usamos cookies\\b',
      'accept (?:all )?cookies$',
      'aceptar cookies$',
      'cookie (?:settings|policy|preferences)$',
      'wir verwenden cookies\\b',
      'diese website verwendet cookies\\b',
      'zum inhalt springen$',
      'direkt zum inhalt$',
      'ir al contenido(?: principal)?$',
      'saltar al contenido(?: principal)?$',
      'image:? (?:getty|reuters|ap|afp)[^a-z]*$',
    ].join('|') +
    ')',
  'i',
);

/** A caption label, then a credit: "Image: …", "Photo by …", "Foto: …", possibly in parentheses. */
const CREDIT_LABEL_RE =
  /^\(?(?:(?:image|photo|picture|photograph|foto|fotografía|bild|illustration|video)(?:\s+(?:credit|source))?|credits?|crédito|fuente)s?\s*(?:[:：]|by\b|de\b|von\b)\s*/i;
/**
 * Who supplies pictures: agencies, libraries, "via", "courtesy", "handout", "Name/Agency". Not "archive": a
 * caption such as "Photo: Harbor Board archive" names a collection, and a source's custom pattern can take it.
 */
const CREDIT_WORD_RE =
  /\b(?:getty|reuters|ap|afp|epa|efe|dpa|ansa|xinhua|anadolu|shutterstock|alamy|istock|unsplash|pool|handout|courtesy|supplied|file|europa press|bloomberg|pa|aap|imago|picture alliance|sipa|nurphoto|zuma|ap photo)\b|\bvia\b|\S\/\s?\p{Lu}/iu;

/** A credit with no label, alone on its line: "(AP Photo/Ana Ruiz)", "(Reuters)", "Getty Images", "AFP/File". */
const BARE_CREDIT_RE =
  /^\(?(?:ap photo|ap|afp|reuters|epa|efe|dpa|ansa|getty images|afp via getty images|shutterstock|alamy|imago|picture alliance)(?:\s*\/\s*[\p{L}][\p{L} .'’-]{0,40})?(?:\s+via\s+getty images)?\)?$/iu;

export function isPictureCredit(plain: string): boolean {
  if (plain.length > 140) return false;
  if (BARE_CREDIT_RE.test(plain)) return true;
  const m = CREDIT_LABEL_RE.exec(plain);
  if (!m) return false;
  const rest = plain.slice(m[0].length);
  // A caption is a description; a credit is a few names and an agency, without a sentence in it.
  return words(rest).length <= 10 && CREDIT_WORD_RE.test(rest) && !/[.!?]\s+\p{Lu}/u.test(rest);
}

export function isScraperJunk(plain: string): boolean {
  if (plain.length > 200) return false;
  // "We value your privacy, the ferry company said …" quotes a banner's words in a news sentence.
  return (JUNK_RE.test(plain) && !isAttributed(plain)) || isPictureCredit(plain);
}

export const scraperJunkRule: LineRule = {
  id: 'scraper-junk',
  description:
    'Removes copy-protection messages ("Content is protected !!"), JavaScript/cookie warnings, skip-links, sign-in and comment chrome, and orphaned picture credits ("Image: …/Getty").',
  defaultEnabled: true,
  match(line) {
    return isScraperJunk(line.plain) ? {} : null;
  },
};
