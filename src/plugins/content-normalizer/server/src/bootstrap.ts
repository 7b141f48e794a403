import type { Core } from '@strapi/strapi';
import { recordSwallowedDatabaseErrors } from './middlewares/database-unavailable';

/** Admin permissions of the rules page (Settings → Content normalizer), given to roles in Settings → Roles. */
const ACTIONS = [
  { section: 'plugins', displayName: 'Read the cleaning rules', uid: 'settings.read', pluginName: 'content-normalizer' },
  { section: 'plugins', displayName: 'Change the cleaning rules', uid: 'settings.update', pluginName: 'content-normalizer' },
];

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // Registered in bootstrap, before the admin's own bootstrap gives the super admin every action.
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  // Reads that filter on a merged tag's old slug find the tag it was merged into.
  strapi.documents.use(strapi.plugin('content-normalizer').service('tagMerge').aliasMiddleware() as never);
  strapi.plugin('content-normalizer').service('cleaner').warm();
  // The per-source memory's own tables (rule source-boilerplate).
  await strapi.plugin('content-normalizer').service('sourceMemory').ensureSchema();
  // During a database outage a public read must answer 503, not the 401 users-permissions would make of it.
  recordSwallowedDatabaseErrors(strapi);
  // The jobs table, and this instance's runner of background jobs (stopped in destroy).
  await strapi.plugin('content-normalizer').service('jobs').start();
};
