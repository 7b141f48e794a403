import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { isAlreadyCleaned } from '../utils/import-context';

type DocumentContext = {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string; locale?: string };
};

/**
 * Cleans an article's body on every create and update that sets it: Content Manager saves, REST
 * writes, scripts. Publishing copies the already-cleaned draft, so it is not cleaned again.
 *
 * The editor's title wins; parsed metadata only fills fields the save left empty. The raw text and the
 * report are replaced only when this save removed something, so saving a clean article changes nothing
 * and keeps the record of what the original import removed.
 */
export function articleCleaningMiddleware(strapi: Core.Strapi) {
  return async (context: DocumentContext, next: () => Promise<unknown>) => {
    const cfg = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
    const fieldsOf = cfg.article;
    if (context.uid !== fieldsOf.uid || !['create', 'update'].includes(context.action)) return next();
    if (isAlreadyCleaned()) return next();

    const data = context.params.data;
    const body = data?.[fieldsOf.bodyField];
    if (!data || typeof body !== 'string') return next();

    let current: Record<string, unknown> | null = null;
    if (context.action === 'update' && context.params.documentId) {
      current = (await strapi.documents(fieldsOf.uid as never).findOne({
        documentId: context.params.documentId,
        locale: context.params.locale,
        fields: [fieldsOf.titleField, fieldsOf.rawField],
      } as never)) as Record<string, unknown> | null;
    }

    const givenTitle = typeof data[fieldsOf.titleField] === 'string' && (data[fieldsOf.titleField] as string).trim() ? (data[fieldsOf.titleField] as string) : (current?.[fieldsOf.titleField] as string | undefined);
    const articles = strapi.plugin('content-normalizer').service('articles');
    const options = await strapi.plugin('content-normalizer').service('normalizer').getCleanOptions();
    const prepared = articles.prepare({ text: body }, { title: givenTitle }, options);
    const removedSomething = prepared.result.removed.length > 0;

    data[fieldsOf.bodyField] = prepared.fields[fieldsOf.bodyField];
    const fillIfEmpty = [fieldsOf.titleField, fieldsOf.publishedDateField, fieldsOf.excerptField, fieldsOf.languageField];
    for (const field of fillIfEmpty) {
      const value = data[field];
      if ((value === undefined || value === null || value === '') && prepared.fields[field]) data[field] = prepared.fields[field];
    }
    // Reading time and word count describe the body as stored, so they follow it.
    data[fieldsOf.readingTimeField] = prepared.fields[fieldsOf.readingTimeField];
    data[fieldsOf.wordCountField] = prepared.fields[fieldsOf.wordCountField];

    if (removedSomething || !current?.[fieldsOf.rawField]) {
      data[fieldsOf.rawField] = body;
      data[fieldsOf.reportField] = { ...(prepared.fields[fieldsOf.reportField] as object), via: context.action };
    }

    await articles.linkRelations(data, { tags: prepared.tags, authors: prepared.authors, source: null });
    return next();
  };
}
