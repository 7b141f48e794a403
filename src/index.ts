import type { Core } from '@strapi/strapi';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { loadExampleContent } from './bootstrap/example-content';
import { ensureUniqueIndexes } from '../database/migrations/2026.11.27T00.00.00.unique-slugs';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (strapi.config.get('database.connection.client') === 'sqlite') {
      // WAL lets the token command and other readers use the file while the server writes, and makes
      // each commit cheaper; it is a property of the database file, so setting it once suffices.
      await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
    }
    // The migration cannot index tables that do not exist yet on a new database; the schema exists now.
    await ensureUniqueIndexes(strapi.db.connection);
    await ensurePublicPermissions(strapi);
    await ensureFirstAdmin(strapi);
    await loadExampleContent(strapi);
  },
};
