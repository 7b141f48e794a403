/** Public feeds of the newest published articles; the actions are granted to the public role at start. */
export default {
  routes: [
    { method: 'GET', path: '/feeds/articles.rss', handler: 'api::feed.feed.rss', config: { policies: [] } },
    { method: 'GET', path: '/feeds/articles.atom', handler: 'api::feed.feed.atom', config: { policies: [] } },
    { method: 'GET', path: '/feeds/articles.json', handler: 'api::feed.feed.json', config: { policies: [] } },
  ],
};
