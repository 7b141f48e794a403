/** The API's own description and a page to read it; public (no permission to grant: auth is off). */
export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'api::openapi.openapi.document', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/docs', handler: 'api::openapi.openapi.page', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/docs/:asset', handler: 'api::openapi.openapi.asset', config: { auth: false, policies: [] } },
  ],
};
