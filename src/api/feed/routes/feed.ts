/** Public feeds of the newest published articles: the same for everyone, so no authentication (any token works). */
export default {
  routes: [
    { method: 'GET', path: '/feeds/articles.rss', handler: 'api::feed.feed.rss', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/feeds/articles.atom', handler: 'api::feed.feed.atom', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/feeds/articles.json', handler: 'api::feed.feed.json', config: { auth: false, policies: [] } },
  ],
};
