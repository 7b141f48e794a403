import type { Core } from '@strapi/strapi';

type Ctx = { query: Record<string, unknown> };

const NON_SCALAR = new Set(['relation', 'component', 'dynamiczone', 'media']);

/**
 * Read routes of the article API. Without `fields`, Strapi selects every column, including the private
 * `rawText` (the whole original document) only to strip it from the answer; selecting the public fields saves
 * that work per row. (Drafts are kept from public readers by the draft guard, src/document-middlewares.)
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const attributes = strapi.contentType('api::article.article').attributes as Record<string, { type: string; private?: boolean }>;
  const publicFields = Object.entries(attributes)
    .filter(([, attribute]) => !attribute.private && !NON_SCALAR.has(attribute.type))
    .map(([name]) => name);

  return async (ctx: Ctx, next: () => Promise<void>) => {
    const query = { ...ctx.query };
    if (query.fields === undefined) query.fields = publicFields;
    ctx.query = query;
    await next();
  };
};
