/**
 * Admin routes (mounted under /content-normalizer, admin JWT required). Every route checks a permission
 * on the server: the admin links only hide what a user may not open.
 */
type Permission = string | [action: string, subject: string];

const can = (...actions: Permission[]) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions } }],
});

const READ_SETTINGS = 'plugin::content-normalizer.settings.read';
const UPDATE_SETTINGS = 'plugin::content-normalizer.settings.update';
// The article panel and tag merge act on content: they reuse the Content Manager's own permissions.
const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';
const READ: Permission = ['plugin::content-manager.explorer.read', ARTICLE];
const UPDATE: Permission = ['plugin::content-manager.explorer.update', ARTICLE];

export default () => ({
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.find', config: can(READ_SETTINGS) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: can(READ_SETTINGS, UPDATE_SETTINGS) },
    { method: 'POST', path: '/settings/preview', handler: 'settings.preview', config: can(READ_SETTINGS) },
    { method: 'POST', path: '/settings/impact', handler: 'settings.impact', config: can(READ_SETTINGS, UPDATE_SETTINGS) },
    // Jobs re-clean articles: seeing them is the rules' read permission, cancelling one their update permission.
    { method: 'GET', path: '/jobs', handler: 'jobs.find', config: can(READ_SETTINGS) },
    // Enqueuing a re-clean rewrites articles: the rules' update permission and the articles' own.
    { method: 'POST', path: '/jobs', handler: 'jobs.create', config: can(READ_SETTINGS, UPDATE_SETTINGS, UPDATE) },
    { method: 'GET', path: '/jobs/:id', handler: 'jobs.findOne', config: can(READ_SETTINGS) },
    { method: 'POST', path: '/jobs/:id/cancel', handler: 'jobs.cancel', config: can(READ_SETTINGS, UPDATE_SETTINGS) },
    { method: 'GET', path: '/settings/examples', handler: 'settings.examples', config: can(READ_SETTINGS) },
    { method: 'GET', path: '/articles/:documentId/report', handler: 'articleReport.find', config: can(READ) },
    { method: 'POST', path: '/articles/:documentId/reclean', handler: 'articleReport.reclean', config: can(READ, UPDATE) },
    { method: 'POST', path: '/articles/:documentId/keep', handler: 'articleReport.keep', config: can(READ, UPDATE) },
    // Per-source memory (rule source-boilerplate): what each source has learned; keep or forget a line.
    { method: 'GET', path: '/sources', handler: 'sourceMemory.sources', config: can(READ_SETTINGS) },
    { method: 'GET', path: '/sources/:slug/boilerplate', handler: 'sourceMemory.find', config: can(READ_SETTINGS) },
    { method: 'POST', path: '/sources/:slug/boilerplate/keep', handler: 'sourceMemory.keep', config: can(READ_SETTINGS, UPDATE_SETTINGS) },
    {
      method: 'POST',
      path: '/sources/:slug/boilerplate/forget',
      handler: 'sourceMemory.forget',
      config: can(READ_SETTINGS, UPDATE_SETTINGS),
    },
    { method: 'GET', path: '/tags', handler: 'tagMerge.find', config: can(['plugin::content-manager.explorer.read', TAG]) },
    {
      method: 'POST',
      path: '/tags/merge',
      handler: 'tagMerge.merge',
      config: can(UPDATE, ['plugin::content-manager.explorer.read', TAG], ['plugin::content-manager.explorer.delete', TAG]),
    },
  ],
});
