import type { Core } from '@strapi/strapi';
import { fieldError } from '../utils/errors';

type Ctx = { params: { id?: string }; query: Record<string, unknown>; request: { body?: unknown }; body: unknown };

function idOf(ctx: Ctx): number {
  const id = Number(ctx.params.id);
  if (!/^[0-9]{1,15}$/.test(ctx.params.id ?? '') || !Number.isSafeInteger(id) || id < 1) throw fieldError('id', 'is not a job id');
  return id;
}

/** The admin's view of background jobs: recent ones with their progress, one job, and cancelling one. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('content-normalizer').service('jobs');
  return {
    async find(ctx: Ctx) {
      const raw = ctx.query.limit;
      const limit = raw === undefined ? 50 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw fieldError('limit', 'must be an integer from 1 to 200');
      ctx.body = { data: await service().list(limit) };
    },

    /** POST /content-normalizer/jobs `{ data: { type: 'reclean', params: { all | documentIds | source, reason } } }`. */
    async create(ctx: Ctx) {
      const body = ctx.request.body as { data?: { type?: unknown; params?: unknown } } | undefined;
      if (!body || typeof body.data !== 'object' || body.data === null) throw fieldError('data', 'must be { type, params }');
      if (typeof body.data.type !== 'string') throw fieldError('data.type', 'must be a job type');
      let id: number;
      try {
        id = await service().enqueue(body.data.type, body.data.params);
      } catch (error) {
        // The service names fields of its own arguments; here they are under data.
        const details = (error as { details?: { field?: string } }).details;
        if (details?.field) throw fieldError(`data.${details.field}`, (error as Error).message.replace(/^[^:]*: /, ''));
        throw error;
      }
      ctx.body = { data: await service().get(id) };
    },

    async findOne(ctx: Ctx) {
      ctx.body = { data: await service().get(idOf(ctx)) };
    },

    async cancel(ctx: Ctx) {
      ctx.body = { data: await service().cancel(idOf(ctx)) };
    },
  };
};
