/**
 * Date parsing for bylines and metadata, English, Spanish, German and French month names.
 * Always returns YYYY-MM-DD or null; never guesses a year.
 */

const MONTHS: Record<string, number> = {};
function addMonths(names: string[][]): void {
  names.forEach((variants, i) => variants.forEach((v) => (MONTHS[v] = i + 1)));
}
addMonths([
  ['january', 'jan', 'enero', 'ene', 'januar', 'jänner', 'janvier', 'janv'],
  ['february', 'feb', 'febrero', 'februar', 'février', 'fevrier', 'févr', 'fev'],
  ['march', 'mar', 'marzo', 'märz', 'maerz', 'mär', 'mars'],
  ['april', 'apr', 'abril', 'abr', 'avril', 'avr'],
  ['may', 'mayo', 'may', 'mai'],
  ['june', 'jun', 'junio', 'juni', 'juin'],
  ['july', 'jul', 'julio', 'juli', 'juillet', 'juil'],
  ['august', 'aug', 'agosto', 'ago', 'août', 'aout'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set', 'septembre'],
  ['october', 'oct', 'octubre', 'oktober', 'okt', 'octobre'],
  ['november', 'nov', 'noviembre', 'novembre'],
  ['december', 'dec', 'diciembre', 'dic', 'dezember', 'dez', 'décembre', 'decembre', 'déc'],
]);

export function monthOf(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

function ymd(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Found {
  date: string;
  index: number;
  length: number;
}

const ISO_RE = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const MDY_RE = /(?<![\p{L}])(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u;
const DMY_RE = /(?<!\d)(\d{1,2})(?:\.|º|st|nd|rd|th|er)?\s+(?:de\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\d)/u;
const NUM_RE = /(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)/;
const FOUR_DIGITS = /\d{4}/;

/** Finds the first recognisable calendar date in a short string. */
export function findDate(input: string): Found | null {
  const s = input.length > 400 ? input.slice(0, 400) : input;
  // Each pattern above ends with a four-digit year: without four digits in a row there is nothing to find
  // (most lines of an article), and this one test is far cheaper than the four patterns.
  if (!FOUR_DIGITS.test(s)) return null;
  const candidates: Found[] = [];
  let m = ISO_RE.exec(s);
  if (m) {
    const d = ymd(+m[1], +m[2], +m[3]);
    if (d) candidates.push({ date: d, index: m.index, length: m[0].length });
  }
  m = MDY_RE.exec(s);
  if (m) {
    const mo = monthOf(m[1]);
    const d = mo ? ymd(+m[3], mo, +m[2]) : null;
    if (d) candidates.push({ date: d, index: m.index, length: m[0].length });
  }
  m = DMY_RE.exec(s);
  if (m) {
    const mo = monthOf(m[2]);
    const d = mo ? ymd(+m[3], mo, +m[1]) : null;
    if (d) candidates.push({ date: d, index: m.index, length: m[0].length });
  }
  m = NUM_RE.exec(s);
  if (m) {
    let day = +m[1];
    let mon = +m[3];
    // Slashes are usually US month-first; dots are day-first (European).
    if (m[2] === '/' && day <= 12) [day, mon] = [mon, day];
    const d = ymd(+m[4], mon, day);
    if (d) candidates.push({ date: d, index: m.index, length: m[0].length });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0];
}

const NOISE_RE = new RegExp(
  [
    '\\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\\b',
    '\\b(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)\\b',
    '\\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\b',
    '\\b(?:at|on|el|a las|um|am|pm|utc|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|cet|cest|bst|ist|et|pt|ct|hrs?|uhr|h)\\b',
    // "a.m." ends in a dot, so no word boundary follows it.
    '\\b[ap]\\.m\\.',
    '\\b(?:updated|published|posted|last|modified|publicado|actualizado|veröffentlicht|aktualisiert|am|publié|le|mis à jour|date|fecha|datum)\\b',
    '\\d{1,2}[:.h]\\d{2}(?:[:.]\\d{2})?(?:\\.\\d+)?(?:z|[+-]\\d{2}:?\\d{2})?',
    't\\d{2}',
  ].join('|'),
  'giu',
);

/** Returns the date when the string is nothing but a date (plus weekday, time, time zone, "Updated" …). */
export function parseDateOnly(input: string): string | null {
  if (input.length > 120) return null;
  const f = findDate(input);
  if (!f) return null;
  const rest = (input.slice(0, f.index) + ' ' + input.slice(f.index + f.length)).replace(NOISE_RE, ' ');
  return /^[\s\p{P}\p{S}]*$/u.test(rest) ? f.date : null;
}

/** Normalises a metadata date (ISO timestamp or free form) to YYYY-MM-DD. */
export function normalizeDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  const f = findDate(s);
  return f ? f.date : null;
}

const SHORT_YEAR_RE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])/;

/**
 * A date as a page prints it beside an article: what findDate reads, and also a day-first date with a two-digit
 * year (`23.09.22`, common on German-language sites; 00–69 are read as 20xx). Only for text that is already known to hold a date, such
 * as a `<time>` element or a date-classed span: in running text `1.5.22` is as likely a version number.
 */
export function shownDate(text: string): string | null {
  const f = findDate(text);
  if (f) return f.date;
  const m = SHORT_YEAR_RE.exec(text.length > 200 ? text.slice(0, 200) : text);
  if (!m) return null;
  const yy = Number(m[3]);
  return ymd((yy < 70 ? 2000 : 1900) + yy, Number(m[2]), Number(m[1]));
}

const UTC_STAMP_RE = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|UTC|GMT)\s*$/i;
const HOUR = 3_600_000;

/**
 * The page's own calendar date for a UTC metadata timestamp. Many sites write their timestamps in UTC
 * (`2023-11-09T05:30:59Z`) for a story the page dates November 8, which is what its readers saw. When the date
 * shown on the page differs from the timestamp's UTC day, and a newsroom time zone (UTC−10 to UTC+10, Hawaii
 * to eastern Australia) puts that instant on the shown day, the shown day is returned; otherwise null (keep the
 * metadata's date). A timestamp
 * with a local offset, or with no time, is already the newsroom's day and is never second-guessed.
 */
export function localDateOf(timestamp: string, shown: string): string | null {
  const m = UTC_STAMP_RE.exec(timestamp);
  if (!m) return null;
  const instant = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
  const utcDay = new Date(instant).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(shown) || shown === utcDay) return null;
  const earliest = new Date(instant - 10 * HOUR).toISOString().slice(0, 10);
  const latest = new Date(instant + 10 * HOUR).toISOString().slice(0, 10);
  return shown >= earliest && shown <= latest ? shown : null;
}

/** A timestamp written in UTC with a time of day (`…T05:30:59Z`, `… 22:04 GMT`): what localDateOf can second-guess. */
export function isUtcTimestamp(timestamp: string): boolean {
  return UTC_STAMP_RE.test(timestamp);
}
