import type { Core } from '@strapi/strapi';

/** Stops the cleaning workers, so that a stopped server leaves no thread behind. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin('content-normalizer').service('cleaner').destroy();
};
