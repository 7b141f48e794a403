import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { Feed } from 'feed';
import { escapeHtml, markdownToHtml, markdownToPlainText } from '../search/render';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedParams {
  tag?: string;
  source?: string;
  author?: string;
}

const PARAMETERS = ['tag', 'source', 'author'] as const;
const ARTICLE_UID = 'api::article.article';

/** `?tag=`, `?source=`, `?author=` (slugs), nothing else: a 400 naming the parameter otherwise. */
export function readFeedParams(query: Record<string, unknown>): FeedParams {
  const params: FeedParams = {};
  for (const [key, value] of Object.entries(query)) {
    if (!(PARAMETERS as readonly string[]).includes(key)) {
      throw new errors.ValidationError(`${key}: unknown parameter (allowed: ${PARAMETERS.join(', ')})`, { field: key });
    }
    if (typeof value !== 'string' || value.trim() === '' || value.length > 255) {
      throw new errors.ValidationError(`${key}: a slug, given once`, { field: key });
    }
    params[key as keyof FeedParams] = value.trim().toLowerCase();
  }
  return params;
}

interface FrontendConfig {
  url: string;
  articlePath: string;
  feeds: { title: string; description: string; language: string; size: number };
}

type Named = { name: string; slug: string };
interface ArticleRow {
  documentId: string;
  title: string;
  slug: string;
  excerpt: string | null;
  body: string | null;
  publishedDate: string | null;
  publishedAt: string;
  updatedAt: string;
  language: string | null;
  tags?: Named[];
  authors?: Named[];
  source?: Named | null;
}

/** The article's page on the frontend: FRONTEND_URL plus FRONTEND_ARTICLE_PATH with its placeholders filled. */
export function articleLink(frontend: Pick<FrontendConfig, 'url' | 'articlePath'>, article: { slug: string; documentId: string }): string {
  const path = frontend.articlePath
    .replace(/\{slug\}/g, encodeURIComponent(article.slug))
    .replace(/\{documentId\}/g, encodeURIComponent(article.documentId));
  return `${frontend.url.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The newest published articles, newest `publishedDate` first (articles without one after, newest published
 * first). Through the Document Service with status published, so only what readers may see.
 */
async function newestArticles(strapi: Core.Strapi, params: FeedParams, size: number): Promise<ArticleRow[]> {
  const filters: Record<string, unknown>[] = [];
  if (params.tag) filters.push({ tags: { slug: { $eq: params.tag } } });
  if (params.source) filters.push({ source: { slug: { $eq: params.source } } });
  if (params.author) filters.push({ authors: { slug: { $eq: params.author } } });
  const query = (extra: Record<string, unknown>, sort: string[], limit: number) =>
    strapi.documents(ARTICLE_UID as never).findMany({
      status: 'published',
      filters: { $and: [...filters, extra] },
      sort,
      limit,
      fields: ['title', 'slug', 'excerpt', 'body', 'publishedDate', 'publishedAt', 'updatedAt', 'language'],
      populate: {
        tags: { fields: ['name', 'slug'] },
        authors: { fields: ['name', 'slug'] },
        source: { fields: ['name', 'slug'] },
      },
    } as never) as unknown as Promise<ArticleRow[]>;
  const dated = await query({ publishedDate: { $notNull: true } }, ['publishedDate:desc', 'publishedAt:desc', 'id:desc'], size);
  if (dated.length >= size) return dated;
  const undated = await query({ publishedDate: { $null: true } }, ['publishedAt:desc', 'id:desc'], size - dated.length);
  return [...dated, ...undated];
}

const dateOf = (article: ArticleRow) => new Date(article.publishedDate ? `${article.publishedDate}T00:00:00Z` : article.publishedAt);

/** One feed, built with the `feed` library; bodies rendered to HTML by micromark (safe by default). */
export async function buildFeed(strapi: Core.Strapi, format: FeedFormat, params: FeedParams, apiBase: string): Promise<string> {
  const frontend = strapi.config.get('frontend') as FrontendConfig;
  const articles = await newestArticles(strapi, params, Math.max(1, Math.min(frontend.feeds.size, 100)));
  const narrowed = Object.entries(params).map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`);
  const self = (extension: string) =>
    `${apiBase.replace(/\/+$/, '')}/api/feeds/articles.${extension}${narrowed.length ? `?${narrowed.join('&')}` : ''}`;
  const title = narrowed.length
    ? `${frontend.feeds.title} (${Object.entries(params)
        .map(([key, value]) => `${key}: ${value}`)
        .join(', ')})`
    : frontend.feeds.title;
  const newest = articles.reduce<Date | undefined>((latest, article) => {
    const date = new Date(article.updatedAt);
    return !latest || date > latest ? date : latest;
  }, undefined);
  const feed = new Feed({
    id: self(format === 'json' ? 'json' : format),
    title: format === 'json' ? title : escapeHtml(title),
    description: frontend.feeds.description,
    link: frontend.url,
    language: frontend.feeds.language,
    updated: newest ?? new Date(0),
    generator: 'newsroom-cms',
    feedLinks: { rss: self('rss'), atom: self('atom'), json: self('json') },
    copyright: '',
  });
  // RSS and Atom readers read titles and summaries as HTML (Atom says so: type="html"); JSON Feed's are text.
  const text = format === 'json' ? (value: string) => value : escapeHtml;
  for (const article of articles) {
    const link = articleLink(frontend, article);
    const summary = markdownToPlainText(article.excerpt).replace(/\n/g, ' ');
    feed.addItem({
      title: text(article.title),
      // A URN of the document id: stable when the slug, the frontend's address or the title change.
      id: `urn:newsroom:article:${article.documentId}`,
      guid: `urn:newsroom:article:${article.documentId}`,
      link,
      date: dateOf(article),
      published: dateOf(article),
      description: summary ? text(summary) : undefined,
      content: markdownToHtml(article.body),
      // No byline, no author key: the library's JSON Feed writer reads the first author of a list it is given.
      author: article.authors?.length ? article.authors.map((author) => ({ name: author.name })) : undefined,
      category: (article.tags ?? []).map((tag) => ({ name: tag.name, term: tag.slug })),
    });
  }
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return jsonFeed11(feed.json1(), articles, frontend.feeds.language);
}

/**
 * The library writes JSON Feed 1.0 (one `author` per item); 1.1 adds `authors` lists and `language`. The
 * 1.0 fields stay for readers that only know them, as the 1.1 specification allows.
 */
function jsonFeed11(json: string, articles: ArticleRow[], language: string): string {
  const feed = JSON.parse(json) as { version: string; language?: string; items: Array<Record<string, unknown>> };
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = language;
  feed.items.forEach((item, index) => {
    const article = articles[index];
    item.authors = (article.authors ?? []).map((author) => ({ name: author.name }));
    if (article.language) item.language = article.language;
  });
  return JSON.stringify(feed);
}
