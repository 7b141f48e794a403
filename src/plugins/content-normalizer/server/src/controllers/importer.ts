import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { errors } from '@strapi/utils';
import { fieldError } from '../utils/errors';
import { RETRY_AFTER_SECONDS, unavailableBody } from '../utils/database-errors';
import type { ImportResponse, ImportTransaction } from '../services/importer';

type Ctx = {
  request: { body?: unknown };
  body: unknown;
  status: number;
  is(type: string): string | false | null;
  set(name: string, value: string): void;
};

const TRANSACTIONS: readonly ImportTransaction[] = ['item', 'batch'];

/**
 * Reads `{ data: ITEM | ITEM[], transaction?: "item" | "batch" }`, refusing a malformed request as a whole before
 * anything is written.
 */
export function readDataEnvelope(body: unknown, batchLimit: number): { items: unknown[]; single: boolean; transaction: ImportTransaction } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw fieldError('data', 'the request body must be a JSON object { "data": ... } sent with Content-Type: application/json');
  }
  const envelope = body as Record<string, unknown>;
  const extra = Object.keys(envelope).find((key) => key !== 'data' && key !== 'transaction');
  if (extra) throw fieldError(extra, 'is not a known field; put items under "data"');
  const transaction = envelope.transaction ?? 'item';
  if (typeof transaction !== 'string' || !TRANSACTIONS.includes(transaction as ImportTransaction)) {
    throw fieldError('transaction', 'must be "item" (each item in its own transaction, the default) or "batch" (all or nothing)');
  }
  const data = envelope.data;
  if (data === undefined || data === null) throw fieldError('data', 'is required');
  if (Array.isArray(data)) {
    if (data.length === 0) throw fieldError('data', 'must hold at least one item');
    if (data.length > batchLimit)
      throw fieldError('data', `holds ${data.length} items; at most ${batchLimit} per request`, { limit: batchLimit });
    return { items: data, single: false, transaction: transaction as ImportTransaction };
  }
  if (typeof data !== 'object') throw fieldError('data', 'must be an item object or an array of items');
  return { items: [data], single: true, transaction: transaction as ImportTransaction };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/articles/import */
  async import(ctx: Ctx) {
    const config = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
    // koa-body also parses forms and text; importers send JSON, and a form that happens to parse is a mistake.
    if (!ctx.is('application/json')) throw fieldError('data', 'send the items as JSON, with Content-Type: application/json');
    const { items, single, transaction } = readDataEnvelope(ctx.request.body, config.batchLimit);
    const importer = strapi.plugin('content-normalizer').service('importer');
    // A single item that is invalid is a bad request: answer 400 naming its field, as Strapi does.
    if (single) importer.parseImportItem(items[0]);
    const response = (await importer.importItems(items, { transaction })) as ImportResponse;
    // A whole batch that could not be stored because the database is away is as retryable as one item.
    if (transaction === 'batch' && response.data.every((entry) => entry.error?.name === 'ServiceUnavailableError')) {
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.body = unavailableBody();
      return;
    }
    // So is a single document the cleaner refused (over its time budget, say), as its batch entry says.
    const [first] = response.data;
    if (single && first.status === 'failed' && first.error?.name === 'ValidationError') {
      throw new errors.ValidationError(first.error.message, first.error.details as Record<string, unknown>);
    }
    if (single && first.status === 'failed' && first.error?.name === 'ServiceUnavailableError') {
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.body = unavailableBody();
      return;
    }
    ctx.body = response;
  },
});
