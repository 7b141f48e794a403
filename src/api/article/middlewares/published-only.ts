import type { Core } from '@strapi/strapi';

type Ctx = { query: Record<string, unknown>; state: { auth?: { strategy?: { name?: string } } } };

/**
 * Strapi's REST API lets any reader ask for `?status=draft`. Public readers (and users-permissions
 * users) get published articles only; API tokens, used by importers and previews, may read drafts.
 */
export default (_config: unknown, _deps: { strapi: Core.Strapi }) => {
  return async (ctx: Ctx, next: () => Promise<void>) => {
    if (ctx.state.auth?.strategy?.name !== 'api-token') {
      ctx.query = { ...ctx.query, status: 'published' };
    }
    await next();
  };
};
