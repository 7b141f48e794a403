import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createSearchIndexer, ARTICLE_UID, type SearchIndexer } from './indexer';
import { parseSearchQuery, SearchQueryError } from './query';
import { highlightHtml } from './render';
import type { SearchFilters } from './engines';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE = 10_000;
const PARAMETERS = new Set(['q', 'tag', 'source', 'author', 'from', 'to', 'page', 'pageSize']);

export interface SearchParams {
  q: string;
  filters: SearchFilters;
  page: number;
  pageSize: number;
}

const refuse = (parameter: string, message: string): never => {
  throw new errors.ValidationError(`${parameter}: ${message}`, { field: parameter });
};

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The query string of `GET /api/articles/search`, checked: every refusal is a 400 naming its parameter. */
export function readSearchParams(query: Record<string, unknown>): SearchParams {
  for (const key of Object.keys(query)) {
    if (!PARAMETERS.has(key)) refuse(key, `unknown parameter (allowed: ${[...PARAMETERS].join(', ')})`);
  }
  const text = (name: string, maxLength: number): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return refuse(name, 'give it once, as text');
    if (value.length > maxLength) refuse(name, `at most ${maxLength} characters`);
    return value;
  };
  const integer = (name: string, fallback: number, max: number): number => {
    const value = text(name, 12);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) refuse(name, 'a whole number from 1');
    if (Number(value) > max) refuse(name, `at most ${max}`);
    return Number(value);
  };
  const slug = (name: 'tag' | 'source' | 'author') => {
    const value = text(name, 255);
    if (value === undefined) return undefined;
    if (value.trim() === '') refuse(name, 'a slug, not empty');
    return value.trim().toLowerCase();
  };
  const date = (name: 'from' | 'to') => {
    const value = text(name, 10);
    if (value !== undefined && !isDate(value)) refuse(name, 'a date, YYYY-MM-DD');
    return value;
  };

  const q = text('q', 10_000);
  try {
    parseSearchQuery(q);
  } catch (error) {
    if (error instanceof SearchQueryError) refuse('q', error.message.replace(/^q: /, ''));
    throw error;
  }
  const filters: SearchFilters = { tag: slug('tag'), source: slug('source'), author: slug('author'), from: date('from'), to: date('to') };
  if (filters.from && filters.to && filters.from > filters.to) refuse('from', 'must not be after to');
  return { q: q as string, filters, page: integer('page', 1, MAX_PAGE), pageSize: integer('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

type Named = { name: string; slug: string };
type ArticleRow = {
  documentId: string;
  title: string;
  slug: string;
  excerpt: string | null;
  publishedDate: string | null;
  language: string | null;
  tags?: Named[];
  authors?: Named[];
  source?: Named | null;
};

const indexers = new WeakMap<Core.Strapi, SearchIndexer>();

/** This Strapi's search indexer (one per instance: tests run several in one process). */
export function searchIndexer(strapi: Core.Strapi): SearchIndexer {
  let indexer = indexers.get(strapi);
  if (!indexer) {
    indexer = createSearchIndexer(strapi);
    indexers.set(strapi, indexer);
  }
  return indexer;
}

/** Full-text search over published articles: ranked hits from the engine, then their public fields. */
export async function searchArticles(strapi: Core.Strapi, params: SearchParams) {
  const query = parseSearchQuery(params.q);
  const offset = (params.page - 1) * params.pageSize;
  const { hits, total } = await searchIndexer(strapi).engine().search(query, params.filters, offset, params.pageSize);
  const rows = hits.length
    ? ((await strapi.db.query(ARTICLE_UID as never).findMany({
        where: { documentId: { $in: hits.map((hit) => hit.documentId) }, publishedAt: { $notNull: true } },
        select: ['documentId', 'title', 'slug', 'excerpt', 'publishedDate', 'language'],
        populate: {
          tags: { select: ['name', 'slug'] },
          authors: { select: ['name', 'slug'] },
          source: { select: ['name', 'slug'] },
        },
      } as never)) as ArticleRow[])
    : [];
  const byId = new Map(rows.map((row) => [row.documentId, row]));
  const named = (list: Named[] | undefined) => (list ?? []).map(({ name, slug }) => ({ name, slug }));
  const data = hits.flatMap((hit) => {
    const article = byId.get(hit.documentId);
    // Unpublished between the index read and this one: it is no longer a result.
    if (!article) return [];
    return [
      {
        documentId: article.documentId,
        title: article.title,
        slug: article.slug,
        excerpt: article.excerpt ?? null,
        publishedDate: article.publishedDate ?? null,
        language: article.language ?? null,
        highlight: highlightHtml(hit.highlight),
        score: Math.round(hit.score * 1e6) / 1e6,
        tags: named(article.tags),
        authors: named(article.authors),
        source: article.source ? { name: article.source.name, slug: article.source.slug } : null,
      },
    ];
  });
  return {
    data,
    meta: { pagination: { page: params.page, pageSize: params.pageSize, pageCount: Math.ceil(total / params.pageSize), total } },
  };
}
