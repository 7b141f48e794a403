import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import type { CleanOptions } from '../core/types';
import { isUniqueViolation } from '../utils/errors';
import { DatabaseUnavailableError, isDatabaseUnavailable, unavailableBody } from '../utils/database-errors';
import { runAlreadyCleaned } from '../utils/import-context';
import { parseImportItem, type ImportItem } from './import-item';
import type { PreparedArticle } from './articles';

export type ItemStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface ItemResult {
  status: ItemStatus;
  documentId?: string;
  slug?: string;
  /** How many lines the cleaner removed. */
  removed?: number;
  /** Non-fatal findings (dropped tags, stripped characters…), as in Ghost's importer. */
  problems?: unknown[];
  error?: { name: string; message: string; details?: unknown };
}

export interface ImportResponse {
  data: ItemResult[];
  meta: Record<Exclude<ItemStatus, never>, number>;
}

interface ExistingArticle {
  documentId: string;
  contentHash: string | null;
  publishedAt: string | null;
}

function isInvalidRelations(error: unknown): boolean {
  const details = (error as { name?: string; details?: { errors?: Array<{ message?: string }> } }).details;
  return (error as { name?: string })?.name === 'ValidationError' && (details?.errors ?? []).some((e) => e.message === 'Invalid relations');
}

function errorOf(error: unknown): NonNullable<ItemResult['error']> {
  const err = error as { name?: string; message?: string; details?: unknown };
  if (err?.name === 'ValidationError' || err?.name === 'YupValidationError') {
    return { name: 'ValidationError', message: err.message ?? 'Invalid item', details: err.details };
  }
  // The item's transaction was rolled back: sending it again later is safe, and the importer CLI does.
  if (isDatabaseUnavailable(error)) {
    const { name, message, details } = unavailableBody().error;
    return { name, message, details };
  }
  return { name: 'ApplicationError', message: 'The item could not be stored; it was not imported.' };
}

/**
 * Imports documents: each item is validated, cleaned, matched (externalId, then url, then content hash)
 * and written in its own transaction, so one bad item fails alone and its neighbours go in.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const articles = () => strapi.plugin('content-normalizer').service('articles');

  async function findMatch(item: ImportItem, contentHash: string): Promise<ExistingArticle | null> {
    const fieldsOf = config().article;
    const query = strapi.db.query(fieldsOf.uid as never);
    const select = ['documentId', fieldsOf.hashField, 'publishedAt'];
    // The draft row stands for the document: every document has exactly one.
    const draftRow = (where: Record<string, unknown>) =>
      query.findOne({ where: { ...where, publishedAt: null }, select }) as Promise<Record<string, unknown> | null>;

    let row: Record<string, unknown> | null = null;
    if (item.externalId !== undefined) row = await draftRow({ [fieldsOf.externalIdField]: item.externalId });
    else if (item.given.url !== undefined) row = await draftRow({ [fieldsOf.urlField]: item.given.url });
    else row = await draftRow({ [fieldsOf.hashField]: contentHash });
    if (!row) return null;

    const published = await query.findOne({ where: { documentId: row.documentId, publishedAt: { $notNull: true } }, select: ['id'] });
    return {
      documentId: row.documentId as string,
      contentHash: (row[fieldsOf.hashField] as string | null) ?? null,
      publishedAt: published ? 'yes' : null,
    };
  }

  async function write(item: ImportItem, prepared: PreparedArticle): Promise<ItemResult> {
    const fieldsOf = config().article;
    const documents = strapi.documents(fieldsOf.uid as never);
    const existing = await findMatch(item, prepared.contentHash);
    const removed = prepared.result.removed.length;
    const problems = prepared.result.problems;

    if (existing && existing.contentHash === prepared.contentHash && (item.status === 'draft' || existing.publishedAt)) {
      const current = (await documents.findOne({ documentId: existing.documentId, fields: ['slug'] } as never)) as { slug?: string } | null;
      return { status: 'unchanged', documentId: existing.documentId, slug: current?.slug, removed, problems };
    }

    const data: Record<string, unknown> = { ...prepared.fields };
    try {
      return await strapi.db.transaction(async () => {
        if (item.externalId !== undefined) data[fieldsOf.externalIdField] = item.externalId;
        await articles().linkRelations(data, prepared, 'replace');

        const params = { data, status: item.status } as never;
        const saved = (await runAlreadyCleaned(() =>
          existing ? documents.update({ documentId: existing.documentId, ...(params as object) } as never) : documents.create(params),
        )) as { documentId: string; slug?: string };
        return {
          status: existing ? 'updated' : 'created',
          documentId: saved.documentId,
          slug: saved.slug,
          removed,
          problems,
        } as ItemResult;
      });
    } catch (error) {
      // Strapi's entity validator turns any failure of its "do these relations exist?" query (a dropped
      // connection) into a ValidationError "Invalid relations". The importer links only rows it found or
      // created in this very transaction, so that error is never the item's: the transaction was rolled back,
      // and sending the item again is what fixes it (the tags it created are created again).
      if (isInvalidRelations(error)) {
        throw new DatabaseUnavailableError(
          "the article's relations could not be checked (the database was unavailable); nothing was stored",
          error,
        );
      }
      throw error;
    }
  }

  async function importOne(value: unknown, options: CleanOptions): Promise<ItemResult> {
    const item = parseImportItem(value, config());
    const prepared: PreparedArticle = await articles().prepare(item.raw, item.given, options, { field: item.field });
    try {
      return await write(item, prepared);
    } catch (error) {
      // Another request created the same externalId between our lookup and our insert: now it matches.
      if (isUniqueViolation(error)) return write(item, prepared);
      throw error;
    }
  }

  return {
    parseImportItem: (value: unknown) => parseImportItem(value, config()),

    /** Imports items in order; never throws for a bad item. */
    async importItems(values: unknown[]): Promise<ImportResponse> {
      const options = await strapi.plugin('content-normalizer').service('normalizer').getCleanOptions();
      const data: ItemResult[] = [];
      // In sequence, as Ghost learned: parallel writes in one request only fight over the same locks.
      for (const value of values) {
        try {
          data.push(await importOne(value, options));
        } catch (error) {
          const failure = errorOf(error);
          // Outages are logged once per window by the database-unavailable middleware; bugs here, in full.
          if (failure.name === 'ApplicationError') strapi.log.error(`content-normalizer import: ${(error as Error)?.stack ?? error}`);
          data.push({ status: 'failed', error: failure });
        }
      }
      const meta = { created: 0, updated: 0, unchanged: 0, failed: 0 };
      for (const entry of data) meta[entry.status] += 1;
      return { data, meta };
    },
  };
};
