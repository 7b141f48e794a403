import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { fieldError } from '../utils/errors';

type Ctx = { request: { body?: unknown }; body: unknown; status: number };

/** Reads `{ data: ITEM | ITEM[] }`, refusing a malformed request as a whole before anything is written. */
export function readDataEnvelope(body: unknown, batchLimit: number): { items: unknown[]; single: boolean } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw fieldError('data', 'the request body must be a JSON object { "data": ... } sent with Content-Type: application/json');
  }
  const envelope = body as Record<string, unknown>;
  const extra = Object.keys(envelope).find((key) => key !== 'data');
  if (extra) throw fieldError(extra, 'is not a known field; put items under "data"');
  const data = envelope.data;
  if (data === undefined || data === null) throw fieldError('data', 'is required');
  if (Array.isArray(data)) {
    if (data.length === 0) throw fieldError('data', 'must hold at least one item');
    if (data.length > batchLimit)
      throw fieldError('data', `holds ${data.length} items; at most ${batchLimit} per request`, { limit: batchLimit });
    return { items: data, single: false };
  }
  if (typeof data !== 'object') throw fieldError('data', 'must be an item object or an array of items');
  return { items: [data], single: true };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/articles/import */
  async import(ctx: Ctx) {
    const config = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
    const { items, single } = readDataEnvelope(ctx.request.body, config.batchLimit);
    const importer = strapi.plugin('content-normalizer').service('importer');
    // A single item that is invalid is a bad request: answer 400 naming its field, as Strapi does.
    if (single) importer.parseImportItem(items[0]);
    ctx.body = await importer.importItems(items);
  },
});
