import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::article.article', {
  config: {
    find: { middlewares: ['api::article.public-read'] },
    findOne: { middlewares: ['api::article.public-read'] },
  },
});
