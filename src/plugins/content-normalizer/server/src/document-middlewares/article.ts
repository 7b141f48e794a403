import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { isAlreadyCleaned } from '../utils/import-context';
import type { CleanResult } from '../core/types';
import type { PreparedArticle } from '../services/articles';
import { fieldError } from '../utils/errors';
import { sourceSlugOf } from '../services/article-report';
import { sourceBoilerplateKeys, sourceDocKey } from '../services/source-memory';

/** What an editor's save gives the source's memory to count once the article is written. */
interface MemoryCount {
  sourceSlug: string;
  lines: NonNullable<CleanResult['sourceLines']>;
  removedKeys: string[];
  externalId?: unknown;
  url?: unknown;
}

/** The first document a relation input names, in any of the Document Service's shapes. */
function firstTarget(input: unknown): { documentId?: string; id?: number } | null {
  if (input === undefined || input === null) return null;
  if (typeof input === 'string') return { documentId: input };
  if (typeof input === 'number') return { id: input };
  if (Array.isArray(input)) return input.length ? firstTarget(input[0]) : null;
  if (typeof input === 'object') {
    const value = input as Record<string, unknown>;
    if (typeof value.documentId === 'string') return { documentId: value.documentId };
    if (typeof value.id === 'number') return { id: value.id };
    return firstTarget(value.set ?? value.connect);
  }
  return null;
}

/** The slug of the source a save gives the article, or, when it says nothing, of the one it has. */
async function sourceSlugOfSave(strapi: Core.Strapi, data: Record<string, unknown>, current: Record<string, unknown> | null) {
  const config = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const given = data[config.article.sourceRelation];
  if (given === undefined) return sourceSlugOf(current?.[config.article.sourceRelation]);
  const target = firstTarget(given);
  if (!target) return null;
  const row = (await strapi.db
    .query(config.taxonomy.source as never)
    .findOne({ where: target.documentId ? { documentId: target.documentId } : { id: target.id }, select: ['slug'] })) as {
    slug?: string;
  } | null;
  return sourceSlugOf(row);
}

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

type DocumentContext = {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string; locale?: string };
};

/**
 * Cleans the body an editor or API client is saving. The editor's title wins; parsed metadata only
 * fills fields the save left empty; lines the editor chose to keep (the report's `kept`) stay.
 * `rawText` is the original as first received and is never replaced by a later save, so "Re-clean from
 * original" always starts from it. The report is replaced only when this save removed something, so
 * saving a clean article changes nothing.
 */
async function cleanSavedBody(strapi: Core.Strapi, context: DocumentContext, data: Record<string, unknown>, body: string) {
  const fieldsOf = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).article;
  const plugin = strapi.plugin('content-normalizer');

  let current: Record<string, unknown> | null = null;
  if (context.action === 'update' && context.params.documentId) {
    current = (await strapi.documents(fieldsOf.uid as never).findOne({
      documentId: context.params.documentId,
      locale: context.params.locale,
      fields: [fieldsOf.titleField, fieldsOf.rawField, fieldsOf.reportField, fieldsOf.externalIdField, fieldsOf.urlField],
      populate: { [fieldsOf.sourceRelation]: { fields: ['slug'] } },
    } as never)) as Record<string, unknown> | null;
  }
  const sourceSlug = await sourceSlugOfSave(strapi, data, current);

  const savedTitle = data[fieldsOf.titleField];
  const knownTitle =
    typeof savedTitle === 'string' && savedTitle.trim() ? savedTitle : (current?.[fieldsOf.titleField] as string | undefined);
  const options = await plugin.service('normalizer').getCleanOptions();
  const currentReport = (current?.[fieldsOf.reportField] ?? null) as { kept?: unknown } | null;
  const kept = Array.isArray(currentReport?.kept) ? currentReport.kept.filter((line): line is string => typeof line === 'string') : [];
  const givenExcerpt = data[fieldsOf.excerptField];
  const prepared = (await plugin
    .service('articles')
    .prepare(
      { text: body },
      { title: knownTitle, ...(typeof givenExcerpt === 'string' && givenExcerpt.trim() ? { excerpt: givenExcerpt } : {}) },
      options,
      { field: fieldsOf.bodyField, kept, sourceSlug },
    )) as PreparedArticle;
  const result: CleanResult = prepared.result;

  data[fieldsOf.bodyField] = result.body;
  // The excerpt the editor gave comes back sanitized; an empty one is made from the body.
  data[fieldsOf.excerptField] = prepared.fields[fieldsOf.excerptField];
  for (const field of [fieldsOf.titleField, fieldsOf.publishedDateField, fieldsOf.languageField]) {
    const value = data[field];
    if ((value === undefined || value === null || value === '') && prepared.fields[field]) data[field] = prepared.fields[field];
  }
  // Reading time and word count describe the body as stored, so they follow it.
  data[fieldsOf.readingTimeField] = result.readingTimeMinutes;
  data[fieldsOf.wordCountField] = result.wordCount;

  const hasOriginal = typeof current?.[fieldsOf.rawField] === 'string' && current[fieldsOf.rawField] !== '';
  if (hasOriginal) data[fieldsOf.rawField] = current?.[fieldsOf.rawField];
  else data[fieldsOf.rawField] = body;
  if (result.removed.length > 0 || !hasOriginal) {
    data[fieldsOf.reportField] = {
      removed: result.removed,
      problems: result.problems,
      ...(kept.length ? { kept } : {}),
      cleanedAt: new Date().toISOString(),
      via: context.action,
    };
  } else if (current) {
    data[fieldsOf.reportField] = current[fieldsOf.reportField];
  }

  await plugin.service('articles').linkRelations(data, { tags: prepared.tags, authors: prepared.authors, source: null });
  if (!sourceSlug || !result.sourceLines) return null;
  return {
    sourceSlug,
    lines: result.sourceLines,
    removedKeys: sourceBoilerplateKeys(result.removed),
    externalId: data[fieldsOf.externalIdField] ?? current?.[fieldsOf.externalIdField],
    url: data[fieldsOf.urlField] ?? current?.[fieldsOf.urlField],
  } satisfies MemoryCount;
}

/** Counts a saved article's lines in its source's memory, and enqueues the re-clean of what that made boilerplate. */
async function countSavedLines(strapi: Core.Strapi, count: MemoryCount, documentId: string) {
  const memory = strapi.plugin('content-normalizer').service('sourceMemory');
  const learned = (await strapi.db.transaction(({ trx }) =>
    memory.record(trx, {
      source: count.sourceSlug,
      docKey: sourceDocKey(documentId, count.externalId, count.url),
      documentId,
      lines: count.lines,
      removedKeys: count.removedKeys,
    }),
  )) as string[];
  await memory.afterRecord(count.sourceSlug, learned);
}

/**
 * Runs on every article create and update: Content Manager saves, REST writes, scripts. Publishing copies
 * the already-cleaned draft, so it is not cleaned again; the importer's writes, re-cleans and kept lines
 * arrive already cleaned and sanitized by the workers. Nothing else reaches the body without passing here.
 */
export function articleCleaningMiddleware(strapi: Core.Strapi) {
  return async (context: DocumentContext, next: () => Promise<unknown>) => {
    const fieldsOf = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).article;
    if (context.uid !== fieldsOf.uid || !['create', 'update'].includes(context.action)) return next();
    const data = context.params.data;
    if (!data) return next();

    const url = data[fieldsOf.urlField];
    if (typeof url === 'string' && url !== '' && !isHttpUrl(url)) throw fieldError(fieldsOf.urlField, 'must be an absolute http(s) URL');

    let count: MemoryCount | null = null;
    if (!isAlreadyCleaned()) {
      if (typeof data[fieldsOf.bodyField] === 'string') {
        count = await cleanSavedBody(strapi, context, data, data[fieldsOf.bodyField] as string);
      } else if (typeof data[fieldsOf.excerptField] === 'string') {
        // An excerpt saved on its own is Markdown a frontend may render: made safe like a body.
        const [excerpt] = await strapi
          .plugin('content-normalizer')
          .service('cleaner')
          .sanitize([data[fieldsOf.excerptField]], fieldsOf.excerptField);
        data[fieldsOf.excerptField] = excerpt;
      }
    }
    if (context.action === 'create' && !data.slug && typeof data[fieldsOf.titleField] === 'string') {
      // Strapi fills uid fields only in the Content Manager; REST, scripts and imports need one too.
      data.slug = await strapi
        .plugin('content-normalizer')
        .service('articles')
        .uniqueSlug(data[fieldsOf.titleField] as string);
    }
    const saved = await next();
    const documentId = (saved as { documentId?: unknown } | null)?.documentId ?? context.params.documentId;
    if (count && typeof documentId === 'string') await countSavedLines(strapi, count, documentId);
    return saved;
  };
}
