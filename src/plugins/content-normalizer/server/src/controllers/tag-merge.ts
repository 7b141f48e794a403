import type { Core } from '@strapi/strapi';
import { fieldError } from '../utils/errors';

type Ctx = { request: { body?: unknown }; body: unknown };

/** Tags with their article counts, merging one into another, and the aliases merges left behind. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('content-normalizer').service('tagMerge');
  return {
    async find(ctx: Ctx) {
      ctx.body = { data: await service().listTags(), meta: { aliases: await service().getAliases() } };
    },

    async merge(ctx: Ctx) {
      const data = (ctx.request.body as { data?: { from?: unknown; into?: unknown } } | undefined)?.data;
      if (typeof data?.from !== 'string' || !data.from) throw fieldError('from', 'must be the documentId of the tag to merge');
      if (typeof data.into !== 'string' || !data.into) throw fieldError('into', 'must be the documentId of the tag to keep');
      ctx.body = { data: await service().merge(data.from, data.into) };
    },
  };
};
