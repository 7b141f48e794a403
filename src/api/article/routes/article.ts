import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::article.article', {
  config: {
    find: { middlewares: ['api::article.published-only'] },
    findOne: { middlewares: ['api::article.published-only'] },
  },
});
