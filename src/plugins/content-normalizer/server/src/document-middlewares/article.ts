import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { isAlreadyCleaned } from '../utils/import-context';
import type { CleanResult } from '../core/types';
import type { PreparedArticle } from '../services/articles';
import { fieldError } from '../utils/errors';

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
      fields: [fieldsOf.titleField, fieldsOf.rawField, fieldsOf.reportField],
    } as never)) as Record<string, unknown> | null;
  }

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
      { field: fieldsOf.bodyField, kept },
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

    if (!isAlreadyCleaned()) {
      if (typeof data[fieldsOf.bodyField] === 'string') {
        await cleanSavedBody(strapi, context, data, data[fieldsOf.bodyField] as string);
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
    return next();
  };
}
