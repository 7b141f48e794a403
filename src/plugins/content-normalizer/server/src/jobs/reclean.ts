import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import type { CleanOptions } from '../core/types';
import { fieldError } from '../utils/errors';
import type { RecleanOutcome } from '../services/article-report';
import type { JobHandler } from './runner';

/** What a `reclean` job re-cleans: the listed documents, every article, or one source's articles. */
export interface RecleanParams {
  documentIds?: string[];
  all?: boolean;
  /** A source's slug. */
  source?: string;
  /** Why the job was made, shown in the admin ("settings changed", "line learned as boilerplate", …). */
  reason: string;
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,254}$/;
/** Most documents one job may list; more is a job over `all` or a `source`. */
export const MAX_DOCUMENT_IDS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Validates a reclean job's params (from the service's callers or an admin request); `field` prefixes errors. */
export function parseRecleanParams(value: unknown, field = 'params'): RecleanParams {
  if (!isRecord(value)) throw fieldError(field, 'must be { documentIds? | all? | source?, reason }');
  const extra = Object.keys(value).filter((key) => !['documentIds', 'all', 'source', 'reason'].includes(key));
  if (extra.length) throw fieldError(`${field}.${extra[0]}`, 'is not a reclean parameter');
  const { documentIds, all, source, reason } = value;
  if (typeof reason !== 'string' || !reason.trim() || reason.length > 500) throw fieldError(`${field}.reason`, 'must be a short text');
  const out: RecleanParams = { reason: reason.trim() };
  if (documentIds !== undefined) {
    if (!Array.isArray(documentIds) || documentIds.length > MAX_DOCUMENT_IDS)
      throw fieldError(`${field}.documentIds`, `must be a list of at most ${MAX_DOCUMENT_IDS} document ids`);
    documentIds.forEach((id, i) => {
      if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) throw fieldError(`${field}.documentIds[${i}]`, 'is not a document id');
    });
    out.documentIds = [...new Set(documentIds as string[])];
  }
  if (all !== undefined) {
    if (typeof all !== 'boolean') throw fieldError(`${field}.all`, 'must be true or false');
    if (all) out.all = true;
  }
  if (source !== undefined) {
    if (typeof source !== 'string' || !SLUG.test(source)) throw fieldError(`${field}.source`, "must be a source's slug");
    out.source = source;
  }
  const scopes = [out.documentIds !== undefined, out.all === true, out.source !== undefined].filter(Boolean).length;
  if (scopes !== 1) throw fieldError(field, 'give exactly one of documentIds, all: true or source');
  return out;
}

/**
 * The `reclean` job: walks the articles it names in the order of their draft row id (the cursor is the last id
 * done, so a resumed job goes on where the last step ended) and re-cleans each from its original with the rules in
 * force when the step runs. Each article is its own write, and an article whose result did not change is not
 * written, so a step done twice (a crash between its writes and its cursor) changes nothing the second time.
 */
export function recleanHandler(strapi: Core.Strapi): JobHandler {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;

  function scope(params: RecleanParams): Record<string, unknown> {
    const { article } = config();
    const where: Record<string, unknown> = { publishedAt: null };
    if (params.documentIds) where.documentId = { $in: params.documentIds.length ? params.documentIds : ['-'] };
    if (params.source) where[article.sourceRelation] = { slug: params.source };
    return where;
  }

  return {
    parse: (params) => parseRecleanParams(params) as unknown as Record<string, unknown>,

    async count(params) {
      return strapi.db.query(config().article.uid as never).count({ where: scope(params as unknown as RecleanParams) } as never);
    },

    async step(params, cursor, size) {
      const after = cursor === null ? 0 : Number(cursor);
      const rows = (await strapi.db.query(config().article.uid as never).findMany({
        where: { ...scope(params as unknown as RecleanParams), id: { $gt: after } },
        select: ['id', 'documentId'],
        orderBy: { id: 'asc' },
        limit: size,
      } as never)) as Array<{ id: number; documentId: string }>;
      // The rules are read once a step: a step is short, and a change saved meanwhile applies from the next one.
      const options: CleanOptions = await strapi.plugin('content-normalizer').service('normalizer').getCleanOptions();
      return {
        items: rows.map((row) => ({
          key: row.documentId,
          cursor: String(row.id),
          run: async () => {
            // Through the import pacer: while readers are being served, the job's writes give way as imports do.
            const outcome = (await strapi
              .plugin('content-normalizer')
              .service('importPacer')
              .run(() =>
                strapi.plugin('content-normalizer').service('articleReport').recleanStored(row.documentId, options),
              )) as RecleanOutcome;
            return {
              changed: outcome.changed,
              note: outcome.draftAhead ? 'draft has unpublished changes: only the draft was re-cleaned' : null,
            };
          },
        })),
        finished: rows.length < size,
      };
    },
  };
}
