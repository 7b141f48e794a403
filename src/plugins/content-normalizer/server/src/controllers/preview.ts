import type { Core } from '@strapi/strapi';
import { fieldError } from '../utils/errors';

type Ctx = { request: { body?: unknown }; body: unknown; is(type: string): string | false | null };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/content-normalizer/preview: what importing this document would give; writes nothing. */
  async preview(ctx: Ctx) {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    if (!ctx.is('application/json')) throw fieldError('data', 'send the document as JSON, with Content-Type: application/json');
    if (
      !body ||
      typeof body !== 'object' ||
      Array.isArray(body) ||
      !body.data ||
      typeof body.data !== 'object' ||
      Array.isArray(body.data)
    ) {
      throw fieldError('data', 'the request body must be { "data": { "text" | "html", "url"?, "source"? } }');
    }
    const plugin = strapi.plugin('content-normalizer');
    const item = plugin.service('importer').parseImportItem(body.data);
    const options = await plugin.service('normalizer').getCleanOptions();
    const prepared = await plugin.service('articles').prepare(item.raw, item.given, options, { field: item.field });
    // The lines counted for the source's memory are the shell's business, not the answer's.
    const { sourceLines: _counted, ...result } = prepared.result;
    ctx.body = { data: { ...result, problems: [...item.problems, ...prepared.result.problems] } };
  },
});
