import type { Core } from '@strapi/strapi';
import { fieldError } from '../utils/errors';

type Ctx = { params: { documentId?: string }; request: { body?: unknown }; body: unknown };

function documentIdOf(ctx: Ctx): string {
  const id = ctx.params.documentId;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw fieldError('documentId', 'is not a document id');
  return id;
}

/** The article panel in the Content Manager: cleaning report, re-clean from the original, keep a line. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('content-normalizer').service('articleReport');
  return {
    async find(ctx: Ctx) {
      ctx.body = { data: await service().getReport(documentIdOf(ctx)) };
    },

    async reclean(ctx: Ctx) {
      ctx.body = { data: await service().reclean(documentIdOf(ctx)) };
    },

    async keep(ctx: Ctx) {
      const body = ctx.request.body as { data?: { text?: unknown } } | undefined;
      const text = body?.data?.text;
      if (typeof text !== 'string' || !text.trim() || text.length > 10_000) throw fieldError('text', 'must be the removed line to keep');
      ctx.body = { data: await service().keepLine(documentIdOf(ctx), text) };
    },
  };
};
