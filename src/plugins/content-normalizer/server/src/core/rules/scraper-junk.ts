/**
 * Rule `scraper-junk`: text left by copy-protection scripts, JavaScript warnings and page chrome.
 *
 * Examples:
 * - `error: Content is protected !!`, `Alert: Content is protected !!`
 * - `Please enable JavaScript to view the comments powered by Disqus.`
 * - `JavaScript is disabled in your browser.`, `Skip to main content`, `Toggle navigation`
 * - `We use cookies to improve your experience. Accept`
 * - `The site's JavaScript powers the tide tables.` -> kept (content)
 */
import type { LineRule } from './rule';

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
      'skip to (?:main )?(?:content|navigation|main)$',
      'jump to (?:main )?content$',
      'toggle (?:navigation|menu)$',
      'menu$',
      'close$',
      'search$',
      'loading\\.*$',
      'cargando\\.*$',
      'advertisement\\s*-\\s*scroll',
      'we use cookies\\b',
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

export function isScraperJunk(plain: string): boolean {
  return plain.length <= 200 && JUNK_RE.test(plain);
}

export const scraperJunkRule: LineRule = {
  id: 'scraper-junk',
  description: 'Removes copy-protection messages ("Content is protected !!"), JavaScript/cookie warnings and skip-links.',
  defaultEnabled: true,
  match(line) {
    return isScraperJunk(line.plain) ? {} : null;
  },
};
