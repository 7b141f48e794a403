import type { Core } from '@strapi/strapi';

/**
 * Where the newsroom's public site lives: feeds link each article to its page there. `articlePath` takes
 * `{slug}` and `{documentId}`.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  url: env('FRONTEND_URL', 'http://localhost:3000'),
  articlePath: env('FRONTEND_ARTICLE_PATH', '/articles/{slug}'),
  feeds: {
    title: env('FEED_TITLE', 'Newsroom'),
    description: env('FEED_DESCRIPTION', 'The newest articles'),
    language: env('FEED_LANGUAGE', 'en'),
    size: env.int('FEED_SIZE', 50),
  },
});
