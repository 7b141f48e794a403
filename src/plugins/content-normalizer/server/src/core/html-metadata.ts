/**
 * Page metadata that does not need the DOM tree: JSON-LD blocks (as text), metadata date values in the formats
 * servers write, and dates or names announced by a label in visible text ("Veröffentlicht am 06.10.2023",
 * "Author: Jane Doe"). htmldate and trafilatura read the same signals in about this order.
 */
import type { Problem } from './types';
import { findDate, monthOf, normalizeDate } from './dates';

export interface LdArticle {
  headline?: string;
  authors: string[];
  date?: string;
  keywords: string[];
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

const ARTICLE_TYPE = /Article|BlogPosting|Posting|Report|Review|Recipe|HowTo|Claim|Episode|Question/i;
const PAGE_TYPE = /WebPage|ItemPage|AboutPage|CollectionPage/i;

/**
 * Names in a JSON-LD `author`/`creator` value: strings, Person objects, arrays of either, and `{"@id": …}`
 * references to a Person elsewhere in the page's graphs (how Yoast and most WordPress SEO plugins write it).
 * Organizations are skipped: they are publishers, not authors.
 */
function ldNames(value: unknown, byId: Map<string, Record<string, unknown>>): string[] {
  const names: string[] = [];
  for (const a of asArray(value)) {
    if (typeof a === 'string') names.push(a);
    else if (a && typeof a === 'object') {
      let r = a as Record<string, unknown>;
      if (typeof r['@id'] === 'string' && r.name === undefined) r = byId.get(r['@id']) ?? r;
      const t = asArray(r['@type']).map(String);
      if (t.includes('Organization') && !t.includes('Person')) continue;
      if (typeof r.name === 'string') names.push(r.name);
      else if (Array.isArray(r.name)) {
        for (const n of r.name) if (typeof n === 'string') names.push(n);
      } else if (typeof r.givenName === 'string' || typeof r.familyName === 'string')
        names.push(`${String(r.givenName ?? '')} ${String(r.familyName ?? '')}`.trim());
    }
  }
  return names;
}

/**
 * Article headline, authors, date and keywords from the page's JSON-LD blocks. An Article-like object wins over
 * a WebPage; `@graph` lists and `mainEntity` are followed; a block that is not JSON is reported and skipped.
 */
export function readJsonLd(scripts: readonly string[], problems: Problem[]): LdArticle {
  const res: LdArticle = { authors: [], keywords: [] };
  const roots: unknown[] = [];
  for (const block of scripts) {
    if (block.length > 500000) continue;
    const raw = block.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    if (!raw) continue;
    try {
      roots.push(JSON.parse(raw));
    } catch {
      problems.push({ code: 'json-ld-invalid', message: 'Ignored a JSON-LD block that is not valid JSON.' });
    }
  }
  // Every object with an @id, for author references (bounded: a graph is a few dozen nodes).
  const byId = new Map<string, Record<string, unknown>>();
  const objects: Record<string, unknown>[] = [];
  const collect = (node: unknown, depth: number): void => {
    if (depth > 6 || !node || typeof node !== 'object' || objects.length > 2000) return;
    if (Array.isArray(node)) {
      for (const n of node) collect(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    objects.push(o);
    if (typeof o['@id'] === 'string' && !byId.has(o['@id'])) byId.set(o['@id'], o);
    if (o['@graph']) collect(o['@graph'], depth + 1);
    if (o.mainEntity) collect(o.mainEntity, depth + 1);
    if (o.mainEntityOfPage && typeof o.mainEntityOfPage === 'object') collect(o.mainEntityOfPage, depth + 1);
  };
  for (const r of roots) collect(r, 0);
  let fromArticle = false;
  for (const o of objects) {
    const types = asArray(o['@type']).map(String);
    const isArticle = types.some((t) => ARTICLE_TYPE.test(t));
    if (!isArticle && !types.some((t) => PAGE_TYPE.test(t))) continue;
    if (fromArticle && !isArticle) continue;
    const first = isArticle && !fromArticle;
    if (typeof o.headline === 'string' && (first || !res.headline)) res.headline = o.headline;
    const date = typeof o.datePublished === 'string' ? o.datePublished : typeof o.dateCreated === 'string' ? o.dateCreated : undefined;
    if (date && (first || !res.date)) res.date = date;
    const names = ldNames(o.author ?? o.creator, byId);
    if (names.length && (first || res.authors.length === 0)) res.authors = names;
    for (const k of asArray(o.keywords)) if (typeof k === 'string') res.keywords.push(...k.split(','));
    if (isArticle) fromArticle = true;
  }
  return res;
}

/**
 * A metadata date value → YYYY-MM-DD: ISO and the free forms `normalizeDate` reads, and also the ones servers
 * write that it does not: RFC 2822 `Wed, 04 May 2022 02:41:00 GMT`, C's `Fri Feb 18 10:27:24 2022`, and Unix
 * seconds or milliseconds.
 */
export function parseMetaDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim().slice(0, 100);
  if (!s) return null;
  const d = normalizeDate(s);
  if (d) return d;
  const ctime = /(\p{L}{3,9})\.?\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[A-Z]{2,5}\s+)?(\d{4})/u.exec(s);
  if (ctime) {
    const m = monthOf(ctime[1]);
    if (m) return normalizeDate(`${ctime[3]}-${String(m).padStart(2, '0')}-${ctime[2].padStart(2, '0')}`);
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    const iso = new Date(ms).toISOString().slice(0, 10);
    return normalizeDate(iso);
  }
  return null;
}

/** Words that announce a publication date in a page's visible text, in the languages of our sources. */
const DATE_LABEL =
  /(?:ver[öo]ffentlicht|erschienen|publiziert|erstellt|geschrieben|datum|published|posted|written|created|date|publié|publicado|publicada|pubblicato|fecha|stand)(?:\s+(?:am|on|le|el|il|vom|:))?\s*[:：]?\s*/iy;

/**
 * The date that follows a publication label in a short text ("Veröffentlicht am 06.10.2023", "Datum: 03.11.2021",
 * "Posted on March 3, 2020"); null when no label is followed by a date within a few words. "Updated" and
 * "Letzte Änderung" labels do not count.
 */
export function labelledDate(text: string): string | null {
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  const re =
    /(?<![\p{L}])(?:ver[öo]ffentlicht|erschienen|publiziert|erstellt|geschrieben|datum|published|posted|written|created|date|publié|publicado|publicada|pubblicato|fecha|stand)/giu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    DATE_LABEL.lastIndex = m.index;
    const l = DATE_LABEL.exec(s);
    const after = s.slice(l ? m.index + l[0].length : re.lastIndex, re.lastIndex + 60);
    const f = findDate(after);
    if (f && f.index <= 25) return f.date;
  }
  return null;
}

const AUTHOR_LABEL =
  /(?:^|[\s|·•])(?:author|autor(?:in)?|auteur|autore|verfasser(?:in)?|written by|posted by|geschrieben von|verfasst von|veröffentlicht von|text(?:e)?)\s*[:：]\s*([^\n|·•:]{3,80})/iu;
/** Two-word labels need no colon, but must open the text: "persönlicher Text von einigen Rückmeldungen" is prose. */
const AUTHOR_LABEL_OPENING =
  /^\s*(?:written by|posted by|geschrieben von|verfasst von|veröffentlicht von|eingestellt von|beitrag von|text von|artikel von)\s+([^\n|·•:@]{3,80})/iu;

/**
 * The name part after an author label in a short text ("Auteur : Kossivi Tiassou", "Author: Jane Doe"), or
 * after a label without a colon that opens `firstNode`, the text node the label is in ("Posted by Konstantin",
 * "Text von Christian Seiler"): what follows that node is the page going on, not the name.
 */
export function labelledAuthor(text: string, firstNode: string = text): string | null {
  const m = AUTHOR_LABEL.exec(text.length > 400 ? text.slice(0, 400) : text) ?? AUTHOR_LABEL_OPENING.exec(firstNode.slice(0, 200));
  return m ? m[1].trim() : null;
}

const DATELINE_LEAD = /^\s*(?:(?:posted|published|veröffentlicht|publié|publicado|erstellt)\s+)?(?:(?:on|am|le|el)\s+)?/i;
const DATELINE_TIME = /^\s*[,|·•–—-]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?/i;
const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’]*(?:-\\p{L}[\\p{L}\\p{M}'’]*)?\\.?";
/** Up to four capitalised words ("Amelie Loevenich", "Jean-Luc Picard"), with particles between them. */
/** A name word after the first, with up to two particles before it ("van der Berg"). */
const NEXT_NAME_WORD = `(?: (?:(?:von|van|de|del|der|den|da|di|du|la|le|ten|ter|zu) ){0,2}${NAME_WORD})`;
const DATELINE_NAME = new RegExp(`^${NAME_WORD}${NEXT_NAME_WORD}{0,3}$`, 'u');
/** A text node that is a byline and nothing else: "Von Leonora Holling", "By Jane Doe", "par Kab Niang". */
const BYLINE_NODE = new RegExp(`^\\s*(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|[Pp]or)\\s+(${NAME_WORD}${NEXT_NAME_WORD}{1,3})\\s*$`, 'u');

/** The name of a text node that is only a byline; two to four capitalised words, so "Von Bismarck" names no one. */
export function bylineNode(text: string): string | null {
  if (text.length > 80) return null;
  const m = BYLINE_NODE.exec(text);
  return m ? m[1] : null;
}

const DATELINE_SEP = /^\s*(?:[|·•–—-]|(?:von|by|par|por)(?=\s))\s*/i;

/**
 * The name in a metadata line that opens with the date: "11.12.2019 - Amelie Loevenich",
 * "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "06.11.2023 13:30 von Olga", "Posted on September 21, 2020 by Adi
 * Tzlil". The date must come first and a separator must follow it, so "New York, March 3, 2020" names no one.
 */
export function datelineAuthor(text: string): string | null {
  if (text.length > 100) return null;
  const s = text.replace(DATELINE_LEAD, '');
  const f = findDate(s);
  if (!f || f.index > 0) return null;
  let rest = s.slice(f.length).replace(DATELINE_TIME, '');
  const sep = DATELINE_SEP.exec(rest);
  if (!sep) return null;
  rest = rest.slice(sep[0].length).replace(DATELINE_TIME, '').replace(DATELINE_SEP, '').trim();
  // A person's name: words of two letters or more; one word only after "von"/"by" ("06.11.2023 von Olga"), as
  // "12.03.2020 - Placebo" is as likely a band or a place.
  if (!DATELINE_NAME.test(rest)) return null;
  return rest.includes(' ') || /\p{L}/u.test(sep[0]) ? rest : null;
}
