/**
 * HTML import: metadata from the page head and JSON-LD, main content with Mozilla Readability on linkedom
 * (a light server-side DOM; jsdom is not installed here, so no side-by-side measurement), then Markdown with
 * turndown after stripping anything executable.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import TurndownService from 'turndown';
import type { Problem } from './types';
import { normalizeDate } from './dates';
import { isUnsafeUrl } from './rules/unsafe-html';
import { classifyName } from './rules/byline';

export interface PageMeta {
  title: string | null;
  authors: string[];
  date: string | null;
  tags: string[];
  lang: string | null;
}

// Minimal DOM surface we use; linkedom's types are loose, so we describe what we touch.
interface El {
  tagName: string;
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
}

const DANGEROUS = 'script,style,iframe,frame,frameset,object,embed,applet,noscript,template,form,input,button,select,textarea,svg,math,canvas,link,meta,base';
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data'];

function wrap(html: string): string {
  return /<html[\s>]/i.test(html.slice(0, 5000)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

function metaContent(doc: Doc, selectors: string[]): string[] {
  const out: string[] = [];
  for (const sel of selectors) {
    const list = doc.querySelectorAll(sel);
    for (let i = 0; i < list.length; i++) {
      const v = (list[i].getAttribute('content') ?? list[i].getAttribute('datetime') ?? '').trim();
      if (v) out.push(v);
    }
  }
  return out;
}

interface LdArticle {
  headline?: string;
  authors: string[];
  date?: string;
  keywords: string[];
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function readJsonLd(doc: Doc, problems: Problem[]): LdArticle {
  const res: LdArticle = { authors: [], keywords: [] };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const types = asArray(o['@type']).map(String);
    if (types.some((t) => /Article|BlogPosting|NewsArticle|Report|WebPage|Posting/i.test(t))) {
      const isArticle = types.some((t) => /Article|BlogPosting|Posting|Report/i.test(t));
      if (typeof o.headline === 'string' && (isArticle || !res.headline)) res.headline = o.headline;
      if (typeof o.datePublished === 'string' && (isArticle || !res.date)) res.date = o.datePublished;
      if (isArticle || res.authors.length === 0) {
        const names: string[] = [];
        for (const a of asArray(o.author)) {
          if (typeof a === 'string') names.push(a);
          else if (a && typeof a === 'object') {
            const r = a as Record<string, unknown>;
            const t = asArray(r['@type']).map(String);
            if (typeof r.name === 'string' && !t.includes('Organization')) names.push(r.name);
          }
        }
        if (names.length) res.authors = names;
      }
      for (const k of asArray(o.keywords)) if (typeof k === 'string') res.keywords.push(...k.split(','));
    }
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity) visit(o.mainEntity, depth + 1);
  };
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i].textContent ?? '';
    if (raw.length > 500000) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      problems.push({ code: 'json-ld-invalid', message: 'Ignored a JSON-LD block that is not valid JSON.' });
    }
  }
  return res;
}

/** Authors from a metadata string: URLs, e-mails and organisations are not people. */
function authorsFrom(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (/^https?:|^www\.|@.*\./.test(v.trim())) continue;
    const cleaned = v.replace(/^\s*(?:by|por|von|par)\s+/i, '');
    for (const part of cleaned.split(/\s*(?:,|;|&|\||\/)\s*|\s+(?:and|y|und|et)\s+/i)) {
      const c = classifyName(part);
      if (c.kind === 'name' && !out.includes(c.name)) out.push(c.name);
    }
  }
  return out;
}

let turndown: TurndownService | null = null;
function getTurndown(): TurndownService {
  if (turndown) return turndown;
  const td = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '_', hr: '---' });
  td.remove(DANGEROUS.split(',') as unknown as TurndownService.Filter);
  turndown = td;
  return td;
}

/** Removes every executable thing from a DOM subtree: dangerous elements, event handlers, unsafe URLs. */
function defuse(root: El): void {
  const bad = root.querySelectorAll(DANGEROUS);
  for (let i = bad.length - 1; i >= 0; i--) bad[i].remove();
  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const names: string[] = [];
    for (let j = 0; j < el.attributes.length; j++) names.push(el.attributes[j].name);
    for (const n of names) {
      const low = n.toLowerCase();
      if (low.startsWith('on') || low === 'style' || low === 'srcdoc') el.removeAttribute(n);
      else if (URL_ATTRS.includes(low) && isUnsafeUrl(el.getAttribute(n) ?? '')) el.removeAttribute(n);
    }
  }
}

export function htmlToMarkdown(html: string, url: string | undefined, problems: Problem[]): { markdown: string; meta: PageMeta } {
  const meta: PageMeta = { title: null, authors: [], date: null, tags: [], lang: null };
  const { document } = parseHTML(wrap(html)) as unknown as { document: Doc };

  const ld = readJsonLd(document, problems);
  const og = metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]'])[0];
  const metaAuthors = metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="parsely-author"]', 'meta[name="dc.creator"]', 'meta[name="DC.creator"]', 'meta[name="byl"]', 'meta[name="sailthru.author"]']);
  const metaDates = metaContent(document, [
    'meta[property="article:published_time"]', 'meta[name="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="date"]',
    'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="parsely-pub-date"]', 'meta[name="dc.date"]', 'meta[name="DC.date.issued"]',
    'meta[name="dcterms.date"]', 'meta[property="og:published_time"]', 'meta[name="sailthru.date"]', 'time[itemprop="datePublished"]',
  ]);
  const metaTags = [
    ...metaContent(document, ['meta[property="article:tag"]']),
    ...metaContent(document, ['meta[name="keywords"]', 'meta[name="news_keywords"]']).flatMap((k) => k.split(',')),
    ...ld.keywords,
  ].map((t) => t.trim()).filter((t) => t !== '');
  const lang = document.documentElement?.getAttribute('lang') ?? null;

  let title: string | null = null;
  let byline: string | null = null;
  let published: string | null = null;
  let contentHtml: string | null = null;
  try {
    const article = new Readability(document as unknown as Document, { keepClasses: false }).parse();
    if (article) {
      title = article.title ?? null;
      byline = article.byline ?? null;
      published = article.publishedTime ?? null;
      contentHtml = article.content ?? null;
    }
  } catch (e) {
    problems.push({ code: 'readability-failed', message: `Main-content extraction failed: ${(e as Error).message}` });
  }
  if (contentHtml === null) {
    problems.push({ code: 'no-main-content', message: 'No main content found; the whole page body was used.' });
    const again = (parseHTML(wrap(html)) as unknown as { document: Doc }).document;
    contentHtml = again.body ? (again.body as unknown as { innerHTML: string }).innerHTML : '';
  }
  const { document: content } = parseHTML(`<!doctype html><html><body>${contentHtml}</body></html>`) as unknown as { document: Doc };
  let markdown = '';
  if (content.body) {
    defuse(content.body);
    markdown = getTurndown().turndown(content.body as unknown as HTMLElement);
  }

  meta.title = (title && title.trim()) || ld.headline?.trim() || og?.trim() || document.title?.trim() || null;
  meta.authors = authorsFrom(ld.authors.length ? ld.authors : metaAuthors.length ? metaAuthors : byline ? [byline] : []);
  meta.date = normalizeDate(ld.date) ?? metaDates.map(normalizeDate).find((d) => d !== null) ?? normalizeDate(published) ?? null;
  meta.tags = metaTags.slice(0, 30);
  meta.lang = lang ? lang.trim().slice(0, 2).toLowerCase() || null : null;
  void url;
  return { markdown, meta };
}
