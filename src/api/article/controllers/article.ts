import { factories } from '@strapi/strapi';
import { readSearchParams, searchArticles } from '../../../search/service';

export default factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** `GET /api/articles/search`: full-text search over published articles (src/search). */
  async search(ctx) {
    ctx.body = await searchArticles(strapi, readSearchParams(ctx.query as Record<string, unknown>));
  },
}));
