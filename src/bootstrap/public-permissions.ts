import type { Core } from '@strapi/strapi';

/** The only actions the public (unauthenticated) role may use: read-only access to published content. */
export const PUBLIC_ACTIONS = [
  ...['article', 'author', 'tag', 'source'].flatMap((name) => [`api::${name}.${name}.find`, `api::${name}.${name}.findOne`]),
  'api::article.article.search',
  'api::feed.feed.rss',
  'api::feed.feed.atom',
  'api::feed.feed.json',
];

/**
 * Makes the public role hold exactly PUBLIC_ACTIONS. Idempotent: safe on every start and on several
 * instances at once (a duplicate grant is harmless; a stray one is removed).
 */
export async function ensurePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;

  const permissionQuery = strapi.db.query('plugin::users-permissions.permission');
  const granted: Array<{ id: number; action: string }> = await permissionQuery.findMany({
    where: { role: role.id },
    select: ['id', 'action'],
  });

  const have = new Set(granted.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!have.has(action)) await permissionQuery.create({ data: { action, role: role.id } });
  }

  // Anything else granted to the public role on our own API is a mistake that would expose writes.
  for (const permission of granted) {
    if (permission.action.startsWith('api::') && !PUBLIC_ACTIONS.includes(permission.action)) {
      await permissionQuery.delete({ where: { id: permission.id } });
    }
  }
}
