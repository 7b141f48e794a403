import type { Core } from '@strapi/strapi';

type Ctx = { query: Record<string, unknown>; state: { auth?: { strategy?: { name?: string } } } };

const NON_SCALAR = new Set(['relation', 'component', 'dynamiczone', 'media']);

/**
 * Read routes of the article API.
 * - Strapi's REST API lets any reader ask for `?status=draft`. Public readers (and users-permissions
 *   users) get published articles only; API tokens, used by importers and previews, may read drafts.
 * - Without `fields`, Strapi selects every column, including the private `rawText` (the whole original
 *   document) only to strip it from the answer. Selecting the public fields saves that work per row.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const attributes = strapi.contentType('api::article.article').attributes as Record<string, { type: string; private?: boolean }>;
  const publicFields = Object.entries(attributes)
    .filter(([, attribute]) => !attribute.private && !NON_SCALAR.has(attribute.type))
    .map(([name]) => name);

  return async (ctx: Ctx, next: () => Promise<void>) => {
    const query = { ...ctx.query };
    if (ctx.state.auth?.strategy?.name !== 'api-token') query.status = 'published';
    if (query.fields === undefined) query.fields = publicFields;
    ctx.query = query;
    await next();
  };
};
