import type { Core } from '@strapi/strapi';
import { fieldError } from '../utils/errors';

type Ctx = { params: { slug?: string }; request: { body?: unknown }; body: unknown };

function slugOf(ctx: Ctx): string {
  const slug = ctx.params.slug;
  if (typeof slug !== 'string' || !/^[a-z0-9][a-z0-9-]{0,254}$/.test(slug)) throw fieldError('slug', 'is not a source slug');
  return slug;
}

/** `{ lineKey }` or `{ line }`, also accepted inside `data` as the other admin routes take it. */
function bodyOf(ctx: Ctx): unknown {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' && body.data && typeof body.data === 'object' ? body.data : body;
}

/** The per-source memory's admin routes: what a source has learned, and the editors' two answers to it. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('content-normalizer').service('sourceMemory');
  return {
    async sources(ctx: Ctx) {
      ctx.body = { data: await service().sources() };
    },

    async find(ctx: Ctx) {
      ctx.body = { data: await service().list(slugOf(ctx)) };
    },

    async keep(ctx: Ctx) {
      const slug = slugOf(ctx);
      const body = bodyOf(ctx) as { line?: unknown } | undefined;
      const key = service().keyOfRequest(body);
      ctx.body = { data: await service().keep(slug, key, typeof body?.line === 'string' ? body.line.trim() : undefined) };
    },

    async forget(ctx: Ctx) {
      const slug = slugOf(ctx);
      ctx.body = { data: await service().forget(slug, service().keyOfRequest(bodyOf(ctx))) };
    },
  };
};
