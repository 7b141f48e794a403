import type { Core } from '@strapi/strapi';

/** Stops the job runner (its current step ends first), then the cleaning workers: a stopped server leaves no thread behind. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.plugin('content-normalizer').service('jobs').stop();
  await strapi.plugin('content-normalizer').service('cleaner').destroy();
};
