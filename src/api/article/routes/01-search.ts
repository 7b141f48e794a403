import * as z from 'zod/v4';

const slugParam = (what: string) => z.string().optional().describe(`Only articles with this ${what} (its slug)`);

/** What `GET /api/articles/search` reads; src/search/service.ts checks it and names a bad parameter. */
const searchQuery = {
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Words (all must match), "quoted phrases", -excluded words and OR; case- and accent-insensitive, stemmed'),
  tag: slugParam('tag'),
  source: slugParam('source'),
  author: slugParam('author'),
  from: z.iso.date().optional().describe('Earliest publishedDate (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('Latest publishedDate (YYYY-MM-DD)'),
  page: z.coerce.number().int().min(1).optional().describe('1-based page (default 1)'),
  pageSize: z.coerce.number().int().min(1).max(100).optional().describe('Hits per page (default 10, at most 100)'),
};

const named = z.object({ name: z.string(), slug: z.string() });

const searchResponse = z.object({
  data: z.array(
    z.object({
      documentId: z.string(),
      title: z.string(),
      slug: z.string(),
      excerpt: z.string().nullable(),
      publishedDate: z.string().nullable(),
      language: z.string().nullable(),
      highlight: z.string().describe('A short plain-text snippet, HTML-escaped, with the matched terms in <mark>…</mark>'),
      score: z.number().describe('Relevance: higher is better'),
      tags: z.array(named),
      authors: z.array(named),
      source: named.nullable(),
    }),
  ),
  meta: z.object({
    pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
  }),
});

/**
 * Loaded before the core router (files load in name order), so that `/articles/search` is not read as
 * `/articles/:id`.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/search',
      handler: 'api::article.article.search',
      // Published articles only, the same answer for everyone: any token may search, read-only ones included.
      config: { auth: false, policies: [] },
      request: { query: searchQuery },
      response: searchResponse,
    },
  ],
};
