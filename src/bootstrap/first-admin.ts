import type { Core } from '@strapi/strapi';

/**
 * Creates a super-admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet, so tests, demos and
 * headless deployments need no browser. Does nothing once any admin exists.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi): Promise<void> {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const userService = strapi.service('admin::user');
  if (await userService.exists()) return;

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) {
    strapi.log.warn('ADMIN_EMAIL is set but the super-admin role does not exist yet; no admin created.');
    return;
  }

  await userService.create({
    email: email.toLowerCase(),
    firstname: process.env.ADMIN_FIRSTNAME || 'Admin',
    lastname: process.env.ADMIN_LASTNAME || 'User',
    password,
    registrationToken: null,
    isActive: true,
    roles: [superAdminRole.id],
  });
  strapi.log.info(`Created the first super-admin ${email.toLowerCase()} from ADMIN_EMAIL.`);
}
