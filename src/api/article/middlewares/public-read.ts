import type { Core } from '@strapi/strapi';
import { createArticleReader } from '../../../public-reads/article-reader';
import { readExactContentGeneration } from '../../../bootstrap/content-generation';

type Ctx = {
  query: Record<string, unknown>;
  params: { id?: string };
  state: { auth?: { strategy?: { name?: string } } };
  body: unknown;
  notFound: () => void;
  set: (name: string, value: string) => void;
};

const NON_SCALAR = new Set(['relation', 'component', 'dynamiczone', 'media']);
/** Strapi 5.54 names its API-token strategy `content-api-token` (earlier 5.x: `api-token`). */
const TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/**
 * Read routes of the article API.
 * - A reader without a token, asking for what frontends usually ask, is answered by the public article reader
 *   (src/public-reads): the same answer as Strapi's, at a fraction of the cost.
 * - Otherwise Strapi answers. Without `fields`, Strapi selects every column, including the private `rawText`
 *   (the whole original document) only to strip it from the answer; selecting the public fields saves that work
 *   per row. (Drafts are kept from public readers by the draft guard, src/document-middlewares.)
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const attributes = strapi.contentType('api::article.article').attributes as Record<string, { type: string; private?: boolean }>;
  const publicFields = Object.entries(attributes)
    .filter(([, attribute]) => !attribute.private && !NON_SCALAR.has(attribute.type))
    .map(([name]) => name);
  const rest = (strapi.config.get('api.rest') ?? {}) as { defaultLimit?: number; maxLimit?: number; withCount?: boolean };
  const reader = createArticleReader(strapi, {
    defaultPageSize: rest.defaultLimit ?? 25,
    maxPageSize: rest.maxLimit ?? 100,
    withCount: rest.withCount ?? true,
    // Another instance's writes are seen within a second, as by the public cache; this instance's at once.
    generation: () => readExactContentGeneration(strapi, 1000),
  });

  return async (ctx: Ctx, next: () => Promise<void>) => {
    const query = { ...ctx.query };
    if (!TOKEN_STRATEGIES.has(ctx.state.auth?.strategy?.name ?? '')) {
      const answer = ctx.params.id ? await reader.findOne(ctx.params.id, query) : await reader.findMany(query);
      if (answer) {
        if (answer.data === null) return ctx.notFound();
        ctx.body = { data: answer.data, meta: 'meta' in answer ? answer.meta : {} };
        ctx.set('X-Read-Path', 'fast');
        return;
      }
    }
    if (query.fields === undefined) query.fields = publicFields;
    ctx.query = query;
    await next();
  };
};
