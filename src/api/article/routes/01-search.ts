/**
 * Loaded before the core router (files load in name order), so that `/articles/search` is not read as
 * `/articles/:id`. Its action, api::article.article.search, is granted to the public role at start.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/search',
      handler: 'api::article.article.search',
      config: { policies: [] },
    },
  ],
};
