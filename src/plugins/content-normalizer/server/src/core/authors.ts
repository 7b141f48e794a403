/**
 * Author strings from page metadata and byline elements → person names, after trafilatura's normalize_authors:
 * - reject URLs; drop e-mails, @handles, bracketed parts, emoji and trailing digits;
 * - strip "By", "Von", "Written by", "Erstellt von", "Autor:" …; cut what is glued after the names
 *   (" on March 3", " | 12.01.2022", " — Reuters", " am 5. Mai");
 * - split on , ; & | / and "and"/"und"/"et"/"y";
 * - title-case names written all in lower case (`jane doe` → `Jane Doe`) or all caps (`JANE DOE` → `Jane Doe`);
 * - drop agencies, roles and UI words ("Reuters", "Staff Writer", "Follow", "Show all articles of");
 * - drop duplicates and a name contained in a longer one.
 * Examples: `By Jane Doe and JOHN ROE | 3 May 2021` → Jane Doe, John Roe; `Erstellt von Andri Bryner` → Andri Bryner;
 * `Rechtsanwalt Sebastian Einbock` → Sebastian Einbock and `Grant Tinsley, PhD` → Grant Tinsley: a job title or a degree
 * is not the name (an academic title such as `Dr.` stays, as pages print it as part of the name).
 */
import { classifyName } from './rules/byline';
import { isParticle, naturalCaseName } from './text';

const ENTITY: Record<string, string> = { amp: '&', quot: '"', apos: "'", nbsp: ' ', lt: '<', gt: '>', '#39': "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|#39);/gi, (m, e: string) => {
    const low = e.toLowerCase();
    if (ENTITY[low] !== undefined) return ENTITY[low];
    if (low.startsWith('#x')) return String.fromCodePoint(Math.min(parseInt(low.slice(2), 16), 0x10ffff));
    if (low.startsWith('#')) return String.fromCodePoint(Math.min(parseInt(low.slice(1), 10), 0x10ffff));
    return m;
  });
}

const PREFIX =
  /^(?:(?:written|posted|published|reported|story|words|text|photos?|video|compiled|eingestellt|erstellt|verfasst|geschrieben|veröffentlicht|publié|publicado|escrito)\s+(?:by|von|from|par|por)|by|von|from|par|por|de|autor(?:in)?|author|verfasser(?:in)?|redakteur(?:in)?|text|texto|written by)\s*[:：]?\s+/i;
/** A job title in front of the name: "Rechtsanwalt Sebastian Einbock", "FOCUS-Online-Experte Robin Tschöpe". */
const JOB_TITLE =
  /^(?:rechtsanw[aä]lt(?:in)?|fachanw[aä]lt(?:in)?|anw[aä]lt(?:in)?|attorney|lawyer|[\p{L}-]+-expert(?:e|in))\s+(?=\p{Lu})/iu;
/** A degree after the name, split off as a part of its own by the comma: "Grant Tinsley, PhD". */
const DEGREE = /^(?:ph\.?\s?d\.?|m\.?d\.?|mph|msc|m\.?sc\.?|mba|rdn?|dds|llm|ll\.m\.)$/i;
/** Weekdays written out, German and English: a label on their own, the start of a date after a name. */
const WEEKDAY_NAMES =
  'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const UI_WORDS = new RegExp(
  `^(?:follow|share|show|more|all|articles?|posts?|view|profile|about|contact|home|menu|login|subscribe|comments?|reply|unknown|anonymous|admin|administrator|wordpressadmin|by|von|posted|published|publiziert|veröffentlicht|erstellt|geschrieben|written|on|am|designed|online|edited|reviewed|updated|last|link|links|datum|date|fecha|kommentare?|mot-clé|tags?|${WEEKDAY_NAMES})$`,
  'i',
);

/** Words that make the whole string a company or a publisher, wherever they stand. */
const ORG_WORDS = /^(?:gmbh|e\.v\.|ag|inc\.?|ltd\.?|llc|verlag|bund|verband|verein|publikation|publication)$/i;

const MONTH_WORD =
  'jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|july?|juli|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?';
const WEEKDAY_WORD = `mon|tue|wed|thu|fri|sat|sun|${WEEKDAY_NAMES}`;
/**
 * Where a date starts after the names: a month before a day number, a weekday before a number. German two-letter
 * weekdays ("Fr, 18. Oktober") only before a day written with its dot: "Anh Do, 3 items" keeps its surname.
 */
const GLUED_DATE = new RegExp(
  `\\s+(?=(?:${MONTH_WORD})\\.?\\s+\\d)|\\s+(?=(?:${WEEKDAY_WORD})\\.?,?\\s*\\d)|\\s+(?=(?:mo|di|mi|do|fr|sa|so)\\.?,?\\s*\\d{1,2}\\.)`,
  'iu',
);

const compact = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '');

/** True when a "name" is the site or publisher itself (`Badische Zeitung` on badische-zeitung.de, `Mdr.de`). */
export function isSiteName(name: string, sites: readonly string[]): boolean {
  if (/\.[a-z]{2,6}$/i.test(name) || /\bwww\./i.test(name)) return true;
  const c = compact(name);
  if (c.length < 3) return false;
  for (const site of sites) {
    const sc = compact(site);
    if (!sc) continue;
    if (sc === c || (c.length >= 5 && sc.includes(c)) || (sc.length >= 5 && c.includes(sc))) return true;
  }
  return false;
}

/** One raw author string (a meta value, a JSON-LD name, an element's text) → names. */
export function normalizeAuthors(values: readonly string[], sites: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const value of values) {
    let v = decodeEntities(String(value ?? ''))
      .replace(/\s+/g, ' ')
      .trim();
    if (!v || v.length > 300 || /^(?:https?:|www\.)/i.test(v)) continue;
    v = v.replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, ' ').replace(/(^|\s)@\w+/g, ' ');
    v = v.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[\p{Extended_Pictographic}\u{FE0F}]/gu, ' ');
    for (let k = 0; k < 3; k++) v = v.trim().replace(PREFIX, '').replace(JOB_TITLE, '');
    // What is glued after the names: a date, a place, a separator.
    v = v.split(
      /\s[|–—·•]\s|\s-\s|\s+(?:on|am|le|el|at|um|under|unter|in|im|published|updated|veröffentlicht|aktualisiert)\s+(?=[\p{N}\p{Lu}\p{Ll}])/u,
    )[0];
    // A date glued on without a separator: "Joshua Sokol May 3, 2021", "Tomas Spahn Fr, 18. Oktober 2019".
    v = v.split(GLUED_DATE)[0];
    for (let part of v.split(/\s*(?:,|;|&|\||\/|\+)\s*|\s+(?:and|und|et|y|e)\s+/i)) {
      part = part
        .replace(/\d+$/, '')
        .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, (m) => (m.endsWith('.') && /\p{L}\.$/u.test(part) ? '.' : ''))
        .trim();
      if (!part || part.length > 60 || /\d/.test(part) || DEGREE.test(part)) continue;
      let ws = part.split(' ');
      // "von" and "de" inside a name are particles ("Christoph von Ritter"), not the label they are in front.
      const label = ws.findIndex((w, i) => UI_WORDS.test(w) && !(i > 0 && i < ws.length - 1 && isParticle(w)));
      // A label after two or more words is what follows the name ("Anna Kubišta mot-clé"); before, it is the text.
      if (ws.some((w) => ORG_WORDS.test(w))) continue;
      if (label >= 2) {
        ws = ws.slice(0, label);
        part = ws.join(' ');
      } else if (label >= 0) continue;
      if (ws.length > 5) continue;
      if (part.length > 50 && !part.includes(' ')) continue;
      const c = classifyName(part);
      if (c.kind === 'agency') continue;
      let name: string;
      if (c.kind === 'name') name = c.name;
      else if (
        /^[\p{L}\p{M}'’.-]+(?: [\p{L}\p{M}'’.-]+){0,3}$/u.test(part) &&
        /\p{Lu}/u.test(part[0]) === false &&
        part === part.toLowerCase()
      )
        name = naturalCaseName(part);
      else if (/^[\p{L}\p{M}'’.-]+(?: [\p{L}\p{M}'’.-]+){0,3}$/u.test(part) && /^\p{Lu}/u.test(part)) name = naturalCaseName(part);
      else if (/^[\p{Lo}]{2,12}$/u.test(part))
        name = part; // CJK names
      else continue;
      if (sites.length && isSiteName(name, sites)) continue;
      if (!out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name);
    }
  }
  // Drop a name contained in a longer one ("Jane" beside "Jane Doe").
  return out.filter((n) => !out.some((o) => o !== n && o.length > n.length && o.toLowerCase().split(' ').includes(n.toLowerCase())));
}
