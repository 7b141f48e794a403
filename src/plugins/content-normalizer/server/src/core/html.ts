/**
 * HTML import: metadata from the page head and JSON-LD, main content with Mozilla Readability on linkedom
 * (a light server-side DOM; jsdom is not installed here, so no side-by-side measurement), then Markdown with
 * our own Markdown writer (markdown.ts) after stripping anything executable.
 *
 * Linear in the size of the page, malformed or not: elements nested deeper than MAX_HTML_DEPTH (256) are
 * unwrapped before parsing (html-depth.ts; reported as the problem `html-depth-capped`), and Readability's
 * measures that read the text of every descendant run in one walk (readability-linear.ts).
 *
 * Importing this module changes nothing in linkedom; its optional speed-up is installed explicitly
 * (`installLinkedomSpeedups` in index.ts).
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { domToMarkdown, type MdNode } from './markdown';
import { capHtmlDepth, MAX_HTML_DEPTH, type DepthCapResult } from './html-depth';
import { linearizeReadability, type ReaderLike } from './readability-linear';
import type { Problem } from './types';
import { findDate, isUtcTimestamp, localDateOf, normalizeDate, parseDateOnly, shownDate } from './dates';
import { normalizeAuthors } from './authors';
import { containerCandidate, elementAt, findBoilerplate, keptText, measure, type PruneEl } from './html-prune';
import { bylineNode, datelineAuthor, labelledAuthor, labelledDate, parseMetaDate, readJsonLd } from './html-metadata';

export interface PageMeta {
  title: string | null;
  authors: string[];
  /** From structured data: JSON-LD, meta tags, <time datetime>, the URL path. Wins over a byline date. */
  date: string | null;
  /** From visible date-like elements of the page: used when neither the metadata nor a byline gives a date. */
  weakDate?: string | null;
  tags: string[];
  lang: string | null;
  /** The site's own names (og:site_name, application-name, the URL's host): a byline naming one is not a person. */
  sites?: string[];
}

// Minimal DOM surface we use; linkedom's types are loose, so we describe what we touch.
interface El {
  tagName: string;
  getElementsByTagName(name: string): ArrayLike<El>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
  attributes: ArrayLike<{ name: string; value: string }>;
  querySelectorAll(sel: string): ArrayLike<El>;
  remove(): void;
}
interface Doc {
  documentElement: El | null;
  body: El | null;
  title: string;
  querySelectorAll(sel: string): ArrayLike<El>;
  getElementsByTagName(name: string): ArrayLike<El>;
}

/**
 * One linear scan that cuts what neither extraction nor Markdown needs before the DOM is built: script, style
 * and svg elements and comments (a third of a typical news page's bytes, and many DOM nodes). JSON-LD blocks are
 * kept aside as text for the metadata. An unclosed element runs to the end of the page, as in a browser.
 */
export function prestrip(html: string): { html: string; jsonLd: string[] } {
  const jsonLd: string[] = [];
  const open = /<(script|style|svg)\b([^>]*)>|<!--/gi;
  const parts: string[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(html)) !== null) {
    const start = m.index;
    let end: number;
    if (m[0] === '<!--') {
      const e = html.indexOf('-->', start + 4);
      end = e === -1 ? html.length : e + 3;
    } else {
      const tag = m[1].toLowerCase();
      // As in a browser: "</script" then space or "/" runs to the next ">" ("</script\n <!-- x -->").
      const close = new RegExp(`</${tag}(?:[\\s/][^>]*)?>`, 'gi');
      close.lastIndex = start + m[0].length;
      const c = close.exec(html);
      end = c ? c.index + c[0].length : html.length;
      // Readability reads JSON-LD itself (title, byline, date): those blocks stay in the page.
      if (tag === 'script' && /type\s*=\s*["']?application\/ld\+json/i.test(m[2])) {
        jsonLd.push(html.slice(start + m[0].length, c ? c.index : html.length));
        open.lastIndex = end;
        continue;
      }
    }
    parts.push(html.slice(last, start));
    last = end;
    open.lastIndex = end;
  }
  if (parts.length === 0) return { html, jsonLd };
  parts.push(html.slice(last));
  return { html: parts.join(' '), jsonLd };
}

/** A tag that cannot stand in a document's head: where a browser ends the head and opens the body. */
const BODY_TAG = /<(?!(?:html|head|meta|link|title|base|style|script|noscript|template)[\s/>])[a-z]/gi;

/**
 * The page put the way a browser reads it, for the shapes linkedom builds an empty body from: a fragment with no
 * <html> is wrapped; markup printed before <html> (PHP warnings) is dropped; and a page with no <body> tag gets
 * one where its head ends, at </head> or else at the first element that cannot be in a head.
 */
export function wrap(html: string): string {
  const start = html.search(/<html[\s>]/i);
  if (start < 0) return `<!doctype html><html><head></head><body>${html}</body></html>`;
  let page = html;
  // What may stand before <html>: a doctype, comments, a byte-order mark, and the opening of a conditional comment.
  const before = html.slice(0, start).replace(/<!doctype[^>]*>|<!--[\s\S]*?-->|<!--[\s\S]*$|\uFEFF/gi, '');
  if (/\S/.test(before)) page = html.slice(start);
  if (/<body[\s>]/i.test(page)) return page;
  const headEnd = /<\/head\s*>/i.exec(page);
  let at = headEnd ? headEnd.index + headEnd[0].length : -1;
  if (at < 0) {
    // A <noscript> in the head holds markup a browser with scripts never builds: look past it.
    const lower = page.toLowerCase();
    BODY_TAG.lastIndex = lower.search(/<head[\s>]/) + 5 || lower.search(/<html[\s>]/) + 5;
    let m: RegExpExecArray | null;
    while ((m = BODY_TAG.exec(lower)) !== null && lower.lastIndexOf('<noscript', m.index) > lower.lastIndexOf('</noscript', m.index)) {
      const close = lower.indexOf('</noscript', m.index);
      if (close < 0) break;
      BODY_TAG.lastIndex = close + 1;
    }
    at = m ? m.index : page.length;
  }
  return `${page.slice(0, at)}<body>${page.slice(at)}`;
}

/** Every <meta> of the page in one pass: lower-cased name/property/itemprop → contents, in page order. */
function readMeta(doc: Doc): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const list = doc.getElementsByTagName('meta');
  for (let i = 0; i < list.length; i++) {
    const el = list[i];
    const content = (el.getAttribute('content') ?? '').trim();
    if (!content) continue;
    for (const a of ['name', 'property', 'itemprop']) {
      const k = el.getAttribute(a);
      if (!k) continue;
      const key = k.trim().toLowerCase();
      const arr = map.get(key);
      if (arr) arr.push(content);
      else map.set(key, [content]);
    }
  }
  return map;
}

function metaValues(map: Map<string, string[]>, keys: string[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const v = map.get(k);
    if (v) out.push(...v);
  }
  return out;
}

/**
 * Twitter's label/data pairs, as WordPress SEO plugins write them: `twitter:label1` "Verfasst von" with
 * `twitter:data1` "Karoline Herr". The data of a label that speaks of writing.
 */
function twitterAuthors(map: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const label = map.get(`twitter:label${i}`)?.[0] ?? '';
    const data = map.get(`twitter:data${i}`)?.[0];
    if (data && /^(?:written by|author|verfasst von|geschrieben von|autor(?:in)?|escrito por|écrit par|auteur)$/i.test(label.trim()))
      out.push(data);
  }
  return out;
}

const DATE_HINT = /date|time|publi|posted|byline|meta|datum|fecha|entry-info|post-info|article-info|dateline|timestamp|zeit|veroeff|stand/i;
const UPDATED_HINT = /updat|modif|edited|aktualisiert|geändert|actualiz/i;

/** URL path dates: /2019/03/14/, /2019-03-14-…, /20190314/ (htmldate's first cheap signal). */
export function urlDate(url: string | undefined): string | null {
  if (!url) return null;
  const m =
    /[/_-]((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)/.exec(url) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(url);
  return m ? normalizeDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`) : null;
}

interface DateCandidates {
  time: string | null;
  element: string | null;
  /** Text of the first rel=author / itemprop=author element. */
  author: string | null;
  /** Text of the first author/byline-classed element: weaker, as such classes also mark boxes and labels. */
  classAuthor: string | null;
  /** A date after a publication label in the page's text ("Veröffentlicht am 06.10.2023"). */
  labelled: string | null;
  /** A name after an author label in the page's text ("Author: Jane Doe"). */
  labelledAuthor: string | null;
  /** The first text node of the page that is nothing but a date ("14. Februar 2012", "am 29.12.2010, 13:36 Uhr"). */
  bareDate: string | null;
  /** A text node that is only a byline ("Von Leonora Holling"). */
  bylineNode: string | null;
  /** A name after the date in a metadata line ("11.12.2019 - Amelie Loevenich"): the weakest author source. */
  datelineAuthor: string | null;
  /** The date a reader sees: the text (not the attribute) of the publication <time>, else of a date-classed element. */
  shown: string | null;
}

const AUTHOR_CLASS = /(?:^|[\s_-])(?:author|byline|by-line|autor|verfasser|writer|creator|p-author|vcard)(?:$|[\s_-]|name)/i;
const NOT_AUTHOR_CLASS = /bio|avatar|image|img|photo|pic|desc|about|comment|social|share|follow|box|more|list|widget/i;

/**
 * An element's text with a space between its text nodes: `<span>Veröffentlicht von</span><a>Chris Jung</a>`
 * reads "Veröffentlicht von Chris Jung", not "…vonChris Jung". Null when empty or longer than 120 characters.
 */
function authorText(el: El): string | null {
  const parts: string[] = [];
  let length = 0;
  eachText(el as unknown as TreeNode, (t) => {
    parts.push(t);
    length += t.length;
    return length <= 2000;
  });
  const t = parts.join(' ').replace(/\s+/g, ' ').trim();
  return t && t.length <= 120 ? t : null;
}

/**
 * One walk over the page before extraction (htmldate's order after the metadata): a <time> element's datetime
 * (a pubdate / "published" one first, an "updated" one last), then the text of a small element whose class or
 * id speaks of dates (`post-date`, `entry-meta`, `byline`, `datum` …). Stops after 5,000 elements.
 */
function findPageDates(doc: Doc, wantDates: boolean, wantAuthor: boolean, wantBare: boolean): DateCandidates {
  const res: DateCandidates = {
    time: null,
    element: null,
    author: null,
    classAuthor: null,
    labelled: null,
    labelledAuthor: null,
    datelineAuthor: null,
    bylineNode: null,
    bareDate: null,
    shown: null,
  };
  let timeAny: string | null = null;
  let timeUpdated: string | null = null;
  let shownAny: string | null = null;
  const times = doc.getElementsByTagName('time');
  for (let i = 0; i < times.length && i < 200; i++) {
    const t = times[i];
    const shown = shownDate((t.textContent ?? '').slice(0, 100));
    const d = normalizeDate(t.getAttribute('datetime') ?? '') ?? shown;
    if (!d) continue;
    const cls = `${t.getAttribute('class') ?? ''} ${t.getAttribute('itemprop') ?? ''} ${t.getAttribute('id') ?? ''}`;
    if (t.getAttribute('pubdate') !== null || /publi|entry-date|post-date|created/i.test(cls)) {
      res.time = d;
      res.shown = shown;
      break;
    }
    if (UPDATED_HINT.test(cls)) timeUpdated ??= d;
    else {
      timeAny ??= d;
      shownAny ??= shown;
    }
  }
  res.time ??= timeAny ?? timeUpdated;
  res.shown ??= shownAny;
  const body = doc.body;
  if (!body) return res;
  // Not getElementsByTagName('*'): linkedom matches '*' as a tag name and returns no element.
  const all = body.querySelectorAll('*');
  let needDate = true;
  let needAuthor = wantAuthor;
  for (let i = 0; i < all.length && i < 5000 && (needDate || needAuthor); i++) {
    const el = all[i];
    const itemprop = el.getAttribute('itemprop') ?? '';
    // data-testid: React sites name their parts there ("article-details-date") and leave class to the CSS tooling.
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${itemprop} ${el.getAttribute('data-testid') ?? ''}`;
    if (needAuthor) {
      if (el.getAttribute('rel') === 'author' || /\bauthor\b/i.test(itemprop)) {
        const named = /\bauthor\b/i.test(itemprop) ? el.querySelectorAll('[itemprop="name"]') : null;
        const t = named && named.length ? authorText(named[0]) : authorText(el);
        if (t) {
          res.author = t;
          needAuthor = false;
        }
      } else if (res.classAuthor === null && cls.length > 3 && AUTHOR_CLASS.test(cls) && !NOT_AUTHOR_CLASS.test(cls)) {
        // The first one that names someone: a theme's "By" label is classed like the byline it stands in front of.
        const t = authorText(el);
        if (t && normalizeAuthors([t]).length) res.classAuthor = t;
      }
    }
    if (
      !needDate ||
      cls.length < 3 ||
      !DATE_HINT.test(cls) ||
      UPDATED_HINT.test(cls) ||
      /comment|related|sidebar|footer|widget|teaser/i.test(cls)
    )
      continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 160) continue;
    const d = shownDate(text);
    if (d) {
      res.element = d;
      res.shown ??= d;
      needDate = false;
    }
  }
  // A bare date is also wanted to check a UTC timestamp against (localDateOf) when no element shows a date.
  const wantBareDate = wantDates || (wantBare && res.shown === null);
  if (wantBareDate || (wantAuthor && res.author === null))
    labelledInText(body as unknown as TreeNode, res, wantDates, wantAuthor && res.author === null, wantBareDate);
  return res;
}

/**
 * One walk over the page's text nodes (each read once, at most 20,000 of them): a text node that carries a
 * publication or author label is read together with the text nodes after it (up to 120 characters), as the
 * label and its value often sit in sibling elements (`<span>Author: </span><span>Jane Doe</span>`).
 */
const SKIPPED_FOR_LABELS = /^(?:BUTTON|SELECT|OPTION|NAV|NOSCRIPT|TEMPLATE)$/i;

function labelledInText(root: TreeNode, res: DateCandidates, wantDate: boolean, wantAuthor: boolean, wantBare: boolean): void {
  const LABEL =
    /ver[öo]ffentlicht|erschienen|publiziert|erstellt|datum|published|posted|written|created|date|publi[ée]|publicad|pubblicato|fecha|stand|autor|author|auteur|verfasser|verfasst|geschrieben|eingestellt|beitrag|text/i;
  const texts: string[] = [];
  eachText(
    root,
    (t) => {
      if (/\S/.test(t)) texts.push(t.length > 300 ? t.slice(0, 300) : t);
      return texts.length < 20000;
    },
    (el) => SKIPPED_FOR_LABELS.test((el as unknown as El).tagName),
  );
  for (let i = 0; i < texts.length && (wantDate || wantAuthor || (wantBare && res.bareDate === null)); i++) {
    if (wantBare && res.bareDate === null && texts[i].length <= 60 && /\d{4}/.test(texts[i])) res.bareDate = parseDateOnly(texts[i]);
    if (wantAuthor && texts[i].length <= 100) {
      const text = texts[i].replace(/\s+/g, ' ');
      if (res.datelineAuthor === null && /\d{4}/.test(text)) res.datelineAuthor = datelineAuthor(text);
      if (res.bylineNode === null && texts[i].length <= 80) res.bylineNode = bylineNode(text);
    }
    if (texts[i].length > 200 || !LABEL.test(texts[i])) continue;
    let joined = texts[i];
    for (let j = i + 1; j < texts.length && joined.length < 120; j++) joined += ' ' + texts[j];
    joined = joined.replace(/\s+/g, ' ').trim();
    if (wantDate) {
      const d = labelledDate(joined);
      if (d) {
        res.labelled = d;
        wantDate = false;
      }
    }
    if (wantAuthor) {
      const a = labelledAuthor(joined, texts[i]);
      if (a) {
        res.labelledAuthor = a;
        wantAuthor = false;
      }
    }
  }
}

/** The first calendar date in the first lines of the extracted article (a dateline or "Stand: 10.09.2017"). */
function topTextDate(markdown: string): string | null {
  const head = markdown.length > 3000 ? markdown.slice(0, 3000) : markdown;
  for (const line of head.split('\n')) {
    if (line.length < 6) continue;
    const f = findDate(line);
    if (f) return f.date;
  }
  return null;
}

interface TreeNode {
  nodeType: number;
  firstChild: TreeNode | null;
  nextSibling: TreeNode | null;
  parentNode: TreeNode | null;
  textContent: string | null;
  getAttribute(name: string): string | null;
  children: ArrayLike<unknown>;
  getElementsByTagName(name: string): ArrayLike<unknown>;
}
interface ReaderInternals {
  REGEXPS: { byline: RegExp };
  _isValidByline(node: TreeNode, matchString: string): boolean;
  _isElementWithoutContent(node: TreeNode): boolean;
  _isProbablyVisible(node: VisibleNode): unknown;
}

/** What Readability's `_isProbablyVisible` reads of an element. */
export interface VisibleNode {
  style?: { display?: string; visibility?: string } | null;
  className?: unknown;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/**
 * Readability's `_isProbablyVisible` (called for every element of the page) without `node.style` on an element
 * that has no style attribute: linkedom builds a CSSStyleDeclaration proxy for each one, and it can only say
 * that display and visibility are unset, which passes both style tests (`true && x` is `x`). The rest is
 * Readability 0.6's expression as written, so the value returned is the same; a styled element gets the original.
 */
export function probablyVisible(original: (node: VisibleNode) => unknown): (node: VisibleNode) => unknown {
  return function (this: unknown, node: VisibleNode): unknown {
    if (node.getAttribute('style') !== null) return original.call(this, node);
    const className = node.className as { includes?: (s: string) => boolean } | null | undefined;
    return (
      !node.hasAttribute('hidden') &&
      (!node.hasAttribute('aria-hidden') ||
        node.getAttribute('aria-hidden') != 'true' ||
        (className && className.includes && className.includes('fallback-image')))
    );
  };
}

/**
 * Visits the text (and CDATA) nodes under `root` in document order, without recursion (pages nest thousands
 * deep); `visit` returns false to stop. Elements for which `skip` is true are not entered.
 */
function eachText(root: TreeNode, visit: (text: string) => boolean | void, skip?: (el: TreeNode) => boolean): void {
  let n = root.firstChild;
  while (n !== null) {
    if (n.nodeType === 3 || n.nodeType === 4) {
      if (visit(n.textContent ?? '') === false) return;
    } else if (n.firstChild !== null && !(skip && n.nodeType === 1 && skip(n))) {
      n = n.firstChild;
      continue;
    }
    while (n.nextSibling === null) {
      n = n.parentNode;
      if (n === null || n === root) return;
    }
    n = n.nextSibling;
  }
}

/** True when some text node under `root` has a non-space character; stops at the first one. */
function hasVisibleText(root: TreeNode): boolean {
  let found = false;
  eachText(root, (t) => {
    if (/\S/.test(t)) found = true;
    return !found;
  });
  return found;
}

/**
 * Same results as Readability 0.6, less work on a server DOM. Readability asks for the full textContent of
 * every element while looking for a byline and for empty blocks, which is quadratic in the nesting depth on
 * linkedom; here the cheap tests run first and emptiness stops at the first visible character. It also
 * serialises its article div four times only to build debug-log strings: divs it creates get an innerHTML
 * getter that returns '' (their setter, used to unwrap noscript images, is untouched; no non-log code reads
 * a created div's innerHTML, and our serializer hands the element over directly).
 */
function speedUp(reader: ReaderInternals, doc: Doc): void {
  reader._isValidByline = function (node, matchString) {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || this.REGEXPS.byline.test(matchString))) return false;
    const len = (node.textContent ?? '').trim().length;
    return len > 0 && len < 100;
  };
  reader._isProbablyVisible = probablyVisible(reader._isProbablyVisible);
  reader._isElementWithoutContent = function (node) {
    if (node.nodeType !== 1 || hasVisibleText(node)) return false;
    const k = node.children.length;
    return k === 0 || k === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length;
  };
  const d = doc as unknown as { createElement(tag: string): object };
  const create = d.createElement.bind(doc);
  d.createElement = (tag: string) => {
    const el = create(tag);
    if (String(tag).toUpperCase() === 'DIV') {
      let proto = Object.getPrototypeOf(el) as object | null;
      let desc: PropertyDescriptor | undefined;
      while (proto && !(desc = Object.getOwnPropertyDescriptor(proto, 'innerHTML'))) proto = Object.getPrototypeOf(proto) as object | null;
      const set = desc?.set;
      if (set) Object.defineProperty(el, 'innerHTML', { configurable: true, get: () => '', set: (v: string) => set.call(el, v) });
    }
    return el;
  };
}

function depthProblem(c: DepthCapResult): Problem {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts: string[] = [];
  if (c.unwrapped > 0)
    parts.push(
      `The page nests elements ${n(c.depth)} levels deep; ${n(c.unwrapped)} element(s) deeper than ${MAX_HTML_DEPTH} levels were unwrapped before parsing (their text is kept, their markup is not).`,
    );
  if (c.foreignDropped > 0)
    parts.push(`${n(c.foreignDropped)} MathML/SVG start tag(s) past ${MAX_HTML_DEPTH} open ones were ignored (their text is kept).`);
  return {
    code: 'html-depth-capped',
    message: parts.join(' '),
    depth: c.depth,
    limit: MAX_HTML_DEPTH,
    unwrapped: c.unwrapped,
    foreignDropped: c.foreignDropped,
  };
}

/** The URL's host without `www.` (`badische-zeitung.de`), for telling a site's name from an author's. */
function hostNames(url: string | undefined): string[] {
  const m = url ? /^[a-z][a-z0-9+.-]*:\/\/(?:www\.)?([^/:?#]+)/i.exec(url) : null;
  return m ? [m[1]] : [];
}

/** The names of the first source that names someone other than the site. */
function firstAuthors(sources: readonly (readonly string[])[], sites: readonly string[]): string[] | null {
  for (const names of sources) {
    if (names.length === 0) continue;
    const authors = normalizeAuthors(names, sites);
    if (authors.length) return authors;
  }
  return null;
}

export function htmlToMarkdown(html: string, url: string | undefined, problems: Problem[]): { markdown: string; meta: PageMeta } {
  const meta: PageMeta = { title: null, authors: [], date: null, tags: [], lang: null };
  // Soft hyphens are invisible hyphenation hints ("Mit&shy;tel&shy;al&shy;ter"); a reader sees the word whole.
  const stripped = prestrip(html.replace(/\u00AD|&shy;|&#173;|&#x0*ad;/gi, ''));
  const capped = capHtmlDepth(wrap(stripped.html));
  if (capped.unwrapped > 0 || capped.foreignDropped > 0) problems.push(depthProblem(capped));
  const { document } = parseHTML(capped.html) as unknown as { document: Doc };

  const ld = readJsonLd(stripped.jsonLd, problems);
  const metas = readMeta(document);
  const og = metaValues(metas, ['og:title', 'twitter:title'])[0];
  const metaAuthors = [
    ...metaValues(metas, ['author', 'article:author', 'parsely-author', 'dc.creator', 'byl', 'sailthru.author']),
    ...twitterAuthors(metas),
  ];
  const metaDates = metaValues(metas, [
    'article:published_time',
    'datepublished',
    'date',
    'pubdate',
    'publishdate',
    'parsely-pub-date',
    'dc.date',
    'dc.date.issued',
    'dcterms.date',
    'og:published_time',
    'sailthru.date',
  ]);
  // Microdata and RDFa on any element: <time itemprop="datePublished">, <span property="schema:dateCreated" content=…>.
  const marked = document.querySelectorAll(
    '[itemprop="datePublished"],[itemprop="dateCreated"],[itemprop="uploadDate"],[property="schema:datePublished"],[property="schema:dateCreated"],[property="dc:date"],[property="dc:created"]',
  );
  for (let i = 0; i < marked.length && i < 50; i++) {
    const v = (marked[i].getAttribute('datetime') ?? marked[i].getAttribute('content') ?? '').trim();
    if (v) metaDates.push(v);
  }
  const metaTags = [
    ...metaValues(metas, ['article:tag']),
    ...metaValues(metas, ['keywords', 'news_keywords']).flatMap((k) => k.split(',')),
    ...ld.keywords,
  ]
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  const pageTitle = document.title;
  const structuredRaw = [ld.date, ...metaDates].find((v) => parseMetaDate(v) !== null) ?? null;
  const structured = parseMetaDate(structuredRaw);
  const fromUrl = structured ? null : urlDate(url);
  const wantDates = !(structured || fromUrl);
  // JSON-LD that names only "admin" or the site is no answer: the page is searched as if it had none.
  const wantAuthor = normalizeAuthors(ld.authors, []).length === 0;
  const pageDates = findPageDates(document, wantDates, wantAuthor, structuredRaw !== null && isUtcTimestamp(structuredRaw));

  // A second candidate for the article, measured before Readability changes the tree (html-prune.ts).
  const pageStats = document.body ? measure(document.body as unknown as PruneEl) : null;
  const container = pageStats ? containerCandidate(pageStats) : null;
  const containerText = container && pageStats ? keptText(container.el, pageStats, findBoilerplate(container.el, pageStats)) : 0;

  let title: string | null = null;
  let byline: string | null = null;
  let published: string | null = null;
  let content: MdNode | null = null;
  try {
    const reader = new Readability(document as unknown as Document, {
      keepClasses: true, // the pruning reads them; the Markdown writer ignores them
      serializer: (el: Node) => el as unknown as string,
    });
    speedUp(reader as unknown as ReaderInternals, document);
    linearizeReadability(reader as unknown as ReaderLike);
    const article = reader.parse();
    if (article) {
      title = article.title ?? null;
      byline = article.byline ?? null;
      published = article.publishedTime ?? null;
      content = (article.content as unknown as MdNode) ?? null;
    }
  } catch (e) {
    problems.push({ code: 'readability-failed', message: `Main-content extraction failed: ${(e as Error).message}` });
  }
  if (content === null) {
    problems.push({ code: 'no-main-content', message: 'No main content found; the whole page body was used.' });
    const again = (parseHTML(capped.html) as unknown as { document: Doc }).document;
    content = (again.body as unknown as MdNode) ?? null;
  }
  if (content !== null) {
    let root = content as unknown as PruneEl;
    let stats = measure(root);
    let doomed = findBoilerplate(root, stats);
    const readText = keptText(root, stats, doomed);
    // Readability sometimes settles on a teaser, a disclosure box or a comment: when the page's own container
    // keeps more than twice as much text after the same pruning, the container is the article.
    // A <main> alone is not enough: it usually holds the whole column, comments and teasers included.
    if (container && container.kind >= 1 && containerText > 2 * readText + 200) {
      const again = (parseHTML(capped.html) as unknown as { document: Doc }).document;
      const el = again.body ? elementAt(again.body as unknown as PruneEl, container.stats.order) : null;
      if (el) {
        root = el;
        stats = measure(root);
        doomed = findBoilerplate(root, stats);
        problems.push({
          code: 'main-content-fallback',
          message: "Readability's pick was much shorter than the page's own article container; the container was used.",
        });
      }
    }
    for (const el of doomed) el.remove?.();
    content = root as unknown as MdNode;
  }
  const markdown = content ? domToMarkdown(content) : '';

  meta.title = (title && title.trim()) || ld.headline?.trim() || og?.trim() || pageTitle?.trim() || null;
  // The first source that names someone, strongest first: JSON-LD, rel/itemprop=author, <meta name=author> (and
  // Twitter's "Written by" pair), an "Author:" label, Readability's byline, a text that is only "Von Jane Doe", an
  // author-classed element, and last a name after the date in a metadata line.
  const authorSources = [
    ld.authors,
    pageDates?.author ? [pageDates.author] : [],
    metaAuthors,
    pageDates?.labelledAuthor ? [pageDates.labelledAuthor] : [],
    byline ? [byline] : [],
    pageDates?.bylineNode ? [pageDates.bylineNode] : [],
    pageDates?.classAuthor ? [pageDates.classAuthor] : [],
    pageDates?.datelineAuthor ? [pageDates.datelineAuthor] : [],
  ];
  meta.sites = [...metaValues(metas, ['og:site_name', 'application-name']), ...hostNames(url)];
  // A source that names only the site ("Badische Zeitung" on badische-zeitung.de) gives way to the next one; when
  // every source names the site, the strongest is kept as it is: on a personal blog the site is the author.
  meta.authors = firstAuthors(authorSources, meta.sites) ?? firstAuthors(authorSources, []) ?? [];
  // A UTC timestamp names the day in Greenwich; the page shows the newsroom's own (dates.ts, localDateOf).
  const shownDay = pageDates.shown ?? pageDates.bareDate;
  const shownLocal = structuredRaw && shownDay ? localDateOf(structuredRaw, shownDay) : null;
  // <meta name="date"> alone is weak: many CMSs write the day the page was built there. A page that shows its
  // readers an earlier day shows the day the story ran.
  const genericDates = metaValues(metas, ['date']);
  const onlyGeneric = parseMetaDate(ld.date) === null && metaDates.every((v) => parseMetaDate(v) === null || genericDates.includes(v));
  const shownEarlier = onlyGeneric && structured && pageDates.shown && pageDates.shown < structured ? pageDates.shown : null;
  meta.date =
    shownLocal ??
    shownEarlier ??
    structured ??
    normalizeDate(published) ??
    fromUrl ??
    (wantDates ? (pageDates?.time ?? pageDates?.labelled) : null) ??
    null;
  meta.weakDate =
    (wantDates ? pageDates?.element : null) ??
    (structured || fromUrl ? null : (topTextDate(markdown) ?? pageDates.bareDate ?? findDate(og ?? pageTitle ?? '')?.date ?? null));
  meta.tags = metaTags.slice(0, 30);
  meta.lang = lang ? lang.trim().slice(0, 2).toLowerCase() || null : null;
  return { markdown, meta };
}
