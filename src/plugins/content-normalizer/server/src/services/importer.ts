import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ContentNormalizerConfig } from '../config';
import type { CleanOptions } from '../core/types';
import type { RemovedLine } from '../core/types';
import { errors } from '@strapi/utils';
import { isDeadlock, isUniqueViolation } from '../utils/errors';
import { sourceBoilerplateKeys, sourceDocKey } from './source-memory';
import { isDatabaseUnavailable, unavailableBody } from '../utils/database-errors';
import { parseImportItem, type ImportItem } from './import-item';
import type { PreparedArticle } from './articles';
import type { TaxonomyRow } from './taxonomy';

export type ItemStatus = 'created' | 'updated' | 'unchanged' | 'failed';
/** `item`: each item in its own transaction (it fails alone); `batch`: the whole request in one. */
export type ImportTransaction = 'item' | 'batch';

export interface ItemResult {
  status: ItemStatus;
  documentId?: string;
  slug?: string;
  /** Every line the cleaner removed, with its rule (as the preview answers; `source-boilerplate`: the source's learned lines). */
  removed?: RemovedLine[];
  /** How many lines the cleaner removed (what `removed` was before it listed them). */
  removedCount?: number;
  /** Non-fatal findings (dropped tags, stripped characters…), as in Ghost's importer. */
  problems?: unknown[];
  error?: { name: string; message: string; details?: unknown };
}

/**
 * Runs inside an imported article's transaction, after its rows are written, with the entry its events will
 * announce: what a hook writes commits or rolls back with the article (the app's search index uses it).
 */
export type ArticleWriteHook = (
  entry: Record<string, unknown>,
  /** `bodyText`: the body as plain text, rendered by the cleaning worker (core/plain-text.ts), so hooks need not. */
  context: { trx: Knex; status: 'draft' | 'published'; bodyText?: string },
) => Promise<void>;

export interface ImportResponse {
  data: ItemResult[];
  meta: Record<Exclude<ItemStatus, never>, number>;
}

interface ExistingArticle {
  documentId: string;
  draftId: number;
  slug?: string;
  contentHash: string | null;
  published: boolean;
}

/** A batch item that was not tried because its request had spent its time: nothing of it was written. */
function requestBudgetSpent(budgetMs: number): NonNullable<ItemResult['error']> {
  return {
    name: 'ServiceUnavailableError',
    message: `this request spent its ${budgetMs} ms on earlier items; the item was not tried: send it again`,
    details: { field: 'data', code: 'request-time-budget', budgetMs, retryable: true },
  };
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

const configOf = (strapi: Core.Strapi) => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;

/**
 * The document an item stands for: by externalId, else url, else content hash. One query: the draft row
 * (every document has exactly one) and, with it, whether the document has a published row.
 */
async function findMatch(strapi: Core.Strapi, item: ImportItem, contentHash: string): Promise<ExistingArticle | null> {
  const fieldsOf = configOf(strapi).article;
  const where =
    item.externalId !== undefined
      ? { [fieldsOf.externalIdField]: item.externalId }
      : item.given.url !== undefined
        ? { [fieldsOf.urlField]: item.given.url }
        : { [fieldsOf.hashField]: contentHash };
  const rows = (await strapi.db.query(fieldsOf.uid as never).findMany({
    where,
    select: ['id', 'documentId', 'slug', fieldsOf.hashField, 'publishedAt'],
    orderBy: { id: 'asc' },
    limit: 20,
  })) as Array<Record<string, unknown>>;
  const draft = rows.find((row) => row.publishedAt === null);
  if (!draft) return null;
  return {
    documentId: draft.documentId as string,
    draftId: Number(draft.id),
    slug: (draft.slug as string | null) ?? undefined,
    contentHash: (draft[fieldsOf.hashField] as string | null) ?? null,
    published: rows.some((row) => row.publishedAt !== null && row.documentId === draft.documentId),
  };
}

/**
 * What Strapi's Document Service tells webhooks and other listeners about a written article. Unlike the
 * Document Service, the importer waits for its listeners (the search index, the public cache; webhooks only
 * queue their calls), so that what an import answered is already findable.
 */
function emitEvents(
  strapi: Core.Strapi,
  existing: ExistingArticle | null,
  item: ImportItem,
  entry: Record<string, unknown>,
): Promise<unknown> {
  const uid = configOf(strapi).article.uid;
  const model = (strapi.getModel(uid as never) as { modelName: string }).modelName;
  const emit = (event: string) =>
    strapi.eventHub.emit(event, { model, uid, entry }).catch((error: unknown) => {
      strapi.log.warn(`content-normalizer import: a listener of ${event} failed (${(error as Error)?.message ?? error})`);
    });
  return (async () => {
    await emit(existing ? 'entry.update' : 'entry.create');
    if (item.status === 'published') await emit('entry.publish');
  })();
}

/**
 * Imports documents: each item is validated, cleaned, matched (externalId, then url, then content hash)
 * and written in its own transaction, so one bad item fails alone and its neighbours go in.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => configOf(strapi);
  const articles = () => strapi.plugin('content-normalizer').service('articles');
  const writeHooks: ArticleWriteHook[] = [];

  /**
   * What a write leaves for after its commit: the events it announces and the source memory's follow-up. An item
   * in its own transaction does both itself; in a whole-batch transaction they wait for the batch's commit.
   */
  interface AfterCommit {
    announced: Array<Promise<unknown>>;
    recorded: Array<{ source: string; learned: string[] }>;
  }

  async function write(
    item: ImportItem,
    prepared: PreparedArticle,
    known: Map<string, TaxonomyRow>,
    batch?: AfterCommit,
  ): Promise<ItemResult> {
    const fieldsOf = config().article;
    const existing = await findMatch(strapi, item, prepared.contentHash);
    const removed = prepared.result.removed;
    const removedCount = removed.length;
    const problems = prepared.result.problems;

    if (existing && existing.contentHash === prepared.contentHash && (item.status === 'draft' || existing.published)) {
      return { status: 'unchanged', documentId: existing.documentId, slug: existing.slug, removed, removedCount, problems };
    }

    const data: Record<string, unknown> = { ...prepared.fields };
    if (item.externalId !== undefined) data[fieldsOf.externalIdField] = item.externalId;
    // A new article gets a slug free among other documents; an update keeps its own (editors' links stay valid).
    const slug = existing?.slug ?? (await articles().uniqueSlug(prepared.result.title));
    data.slug = slug;
    const taxonomy = strapi.plugin('content-normalizer').service('taxonomy');
    let announced: Promise<unknown> = Promise.resolve();
    let learned: string[] = [];
    let recorded = false;
    const result = await strapi.db.transaction(async ({ trx, onCommit }) => {
      // One after the other: a transaction has one connection, which runs one statement at a time.
      const tags = (await taxonomy.findOrCreate('tag', prepared.tags, known)) as TaxonomyRow[];
      const authors = (await taxonomy.findOrCreate('author', prepared.authors, known)) as TaxonomyRow[];
      const sources = (await taxonomy.findOrCreate('source', prepared.source ? [prepared.source] : [], known)) as TaxonomyRow[];
      const { documentId } = (await strapi
        .plugin('content-normalizer')
        .service('articleWriter')
        .write({ existing, fields: data, relations: { tags, authors, source: sources[0] ?? null }, status: item.status }, trx)) as {
        documentId: string;
      };
      // The source's memory counts this document's lines in the same transaction: rolled back with it.
      if (prepared.sourceSlug && sources[0] && prepared.result.sourceLines) {
        learned = await strapi
          .plugin('content-normalizer')
          .service('sourceMemory')
          .record(trx, {
            source: prepared.sourceSlug,
            docKey: sourceDocKey(documentId, item.externalId, item.given.url),
            documentId,
            lines: prepared.result.sourceLines,
            removedKeys: sourceBoilerplateKeys(prepared.result.removed),
          });
        recorded = true;
      }
      const hidden = new Set([fieldsOf.rawField, fieldsOf.reportField]);
      const publicFields = Object.fromEntries(Object.entries(data).filter(([name]) => !hidden.has(name)));
      const relation = (rows: TaxonomyRow[]) => rows.map(({ documentId: id, name, slug: s }) => ({ documentId: id, name, slug: s }));
      // What the events announce, and what the write hooks see: the article's public fields and relations.
      const entry: Record<string, unknown> = {
        ...publicFields,
        documentId,
        [fieldsOf.tagsRelation]: relation(tags),
        [fieldsOf.authorsRelation]: relation(authors),
        [fieldsOf.sourceRelation]: relation(sources)[0] ?? null,
      };
      for (const hook of writeHooks) await hook(entry, { trx, status: item.status, bodyText: prepared.bodyText });
      onCommit(() => {
        announced = emitEvents(strapi, existing, item, entry);
        batch?.announced.push(announced);
        return announced;
      });
      return { status: existing ? 'updated' : 'created', documentId, slug, removed, removedCount, problems } as ItemResult;
    });
    if (batch) {
      // Nested in the batch's transaction: nothing is committed yet, so nothing is announced or followed up.
      if (recorded && prepared.sourceSlug) batch.recorded.push({ source: prepared.sourceSlug, learned });
      return result;
    }
    await announced;
    if (recorded && prepared.sourceSlug)
      await strapi.plugin('content-normalizer').service('sourceMemory').afterRecord(prepared.sourceSlug, learned);
    return result;
  }

  /**
   * `"transaction": "batch"`: every item is validated and cleaned first, then all are written in one transaction,
   * so the batch is stored whole or not at all, and a database writes (and, on PostgreSQL, flushes) once per batch
   * instead of once per item. An invalid item refuses the whole request (400 naming `data[i].field`) before anything
   * is written; a write that fails rolls every item back and fails them all.
   *
   * The items are cleaned before any of them is written, so a line that an earlier item of the same batch makes
   * boilerplate for its source is not yet removed from the later ones: the source memory sees that they missed it
   * and a background re-clean removes it (as for imports running side by side).
   */
  async function importBatch(values: unknown[], options: CleanOptions, known: Map<string, TaxonomyRow>): Promise<ImportResponse> {
    const invalid: Array<{ index: number; field?: string; message: string }> = [];
    const items: ImportItem[] = [];
    values.forEach((value, index) => {
      try {
        items.push(parseImportItem(value, config()));
      } catch (error) {
        const failure = errorOf(error);
        if (failure.name !== 'ValidationError') throw error;
        invalid.push({ index, field: (failure.details as { field?: string } | undefined)?.field, message: failure.message });
      }
    });
    const refuse = () => {
      const first = invalid[0];
      const field = `data[${first.index}]${first.field ? `.${first.field}` : ''}`;
      throw new errors.ValidationError(
        `${field}: ${first.message} (a "transaction": "batch" request is stored whole or not at all: nothing was written)`,
        {
          field,
          code: 'batch-invalid-item',
          items: invalid,
        } as Record<string, unknown>,
      );
    };
    if (invalid.length) refuse();
    // One after the other, like per-item batches, under the same request budget: a batch of slow documents
    // holds the cleaning pool no longer than one request may. Nothing touches the database until all are clean.
    const { requestBudgetMs } = config().cleaning;
    const startedAt = Date.now();
    const prepared: PreparedArticle[] = [];
    for (let index = 0; index < items.length; index += 1) {
      if (Date.now() - startedAt >= requestBudgetMs) {
        const spent = requestBudgetSpent(requestBudgetMs);
        return {
          data: items.map((): ItemResult => ({ status: 'failed', error: spent })),
          meta: { created: 0, updated: 0, unchanged: 0, failed: items.length },
        };
      }
      const item = items[index];
      try {
        const one: PreparedArticle = await articles().prepare(item.raw, item.given, options, {
          field: item.field,
          bodyText: item.status === 'published',
        });
        if (item.problems.length) one.result.problems = [...item.problems, ...one.result.problems];
        prepared.push(one);
      } catch (error) {
        const failure = errorOf(error);
        if (failure.name !== 'ValidationError') throw error;
        invalid.push({ index, field: (failure.details as { field?: string } | undefined)?.field, message: failure.message });
      }
    }
    if (invalid.length) refuse();

    const pacer = strapi.plugin('content-normalizer').service('importPacer');
    const attempt = () =>
      pacer.run(async () => {
        const after: AfterCommit = { announced: [], recorded: [] };
        const data = await strapi.db.transaction(async () => {
          const results: ItemResult[] = [];
          // In order, on the transaction's one connection: a later item sees what an earlier one wrote.
          for (let i = 0; i < items.length; i += 1) results.push(await write(items[i], prepared[i], known, after));
          return results;
        });
        return { data, after };
      });
    let outcome: { data: ItemResult[]; after: AfterCommit };
    try {
      try {
        outcome = await attempt();
      } catch (error) {
        // As for one item: a concurrent insert of the same document, or a deadlock's victim, runs again whole.
        if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
        // Rows read inside the rolled-back transaction (tags it created) are gone with it.
        known.clear();
        outcome = await attempt();
      }
    } catch (error) {
      const failure = errorOf(error);
      if (failure.name === 'ApplicationError') strapi.log.error(`content-normalizer import (batch): ${(error as Error)?.stack ?? error}`);
      const data = items.map((): ItemResult => ({ status: 'failed', error: failure }));
      return { data, meta: { created: 0, updated: 0, unchanged: 0, failed: data.length } };
    }
    await Promise.all(outcome.after.announced);
    const memory = strapi.plugin('content-normalizer').service('sourceMemory');
    for (const { source, learned } of outcome.after.recorded) await memory.afterRecord(source, learned);
    const meta = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    for (const entry of outcome.data) meta[entry.status] += 1;
    return { data: outcome.data, meta };
  }

  async function importOne(value: unknown, options: CleanOptions, known: Map<string, TaxonomyRow>): Promise<ItemResult> {
    const item = parseImportItem(value, config());
    const prepared: PreparedArticle = await articles().prepare(item.raw, item.given, options, {
      field: item.field,
      bodyText: item.status === 'published',
    });
    if (item.problems.length) prepared.result.problems = [...item.problems, ...prepared.result.problems];
    const pacer = strapi.plugin('content-normalizer').service('importPacer');
    try {
      return await pacer.run(() => write(item, prepared, known));
    } catch (error) {
      // Another request created the same externalId between our lookup and our insert: now it matches.
      // PostgreSQL may also pick this transaction as a deadlock's victim (rolled back whole): it runs again.
      if (isUniqueViolation(error) || isDeadlock(error)) return pacer.run(() => write(item, prepared, known));
      throw error;
    }
  }

  return {
    parseImportItem: (value: unknown) => parseImportItem(value, config()),

    /** Adds a hook every imported article's write runs in its transaction (see ArticleWriteHook). */
    onArticleWritten(hook: ArticleWriteHook): void {
      writeHooks.push(hook);
    },

    /**
     * Imports items in order. One transaction per item (`item`, the default) never throws for a bad item: it
     * fails alone. `batch`: see importBatch.
     */
    async importItems(values: unknown[], { transaction = 'item' }: { transaction?: ImportTransaction } = {}): Promise<ImportResponse> {
      const options = await strapi.plugin('content-normalizer').service('normalizer').getCleanOptions();
      // Tags, authors and sources this request has read: a batch names the same ones again and again.
      const known = new Map<string, TaxonomyRow>();
      if (transaction === 'batch') return importBatch(values, options, known);
      const data: ItemResult[] = [];
      // In sequence, as Ghost learned: parallel writes in one request only fight over the same locks.
      const { requestBudgetMs } = config().cleaning;
      const startedAt = Date.now();
      for (const value of values) {
        if (Date.now() - startedAt >= requestBudgetMs) {
          data.push({ status: 'failed', error: requestBudgetSpent(requestBudgetMs) });
          continue;
        }
        try {
          data.push(await importOne(value, options, known));
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
