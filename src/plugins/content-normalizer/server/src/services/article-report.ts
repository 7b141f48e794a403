import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { CleanOptions, Problem, RemovedLine } from '../core/types';
import type { KeepTask, KeepTaskResult } from '../workers/tasks';
import type { PreparedArticle } from './articles';
import type { ContentNormalizerConfig } from '../config';
import { runAlreadyCleaned } from '../utils/import-context';
import { fieldError } from '../utils/errors';

/** What the article's private `cleaningReport` JSON holds (extra keys are kept as they are). */
export interface CleaningReport {
  removed: RemovedLine[];
  problems: Problem[];
  /** Lines an editor chose to keep: restored in the body, never removed again for this article. */
  kept?: string[];
  cleanedAt?: string;
  via?: string;
  [extra: string]: unknown;
}

export interface ArticleReportView {
  documentId: string;
  report: CleaningReport | null;
  hasRawText: boolean;
}

const keyOf = (line: string) => line.replace(/\s+/g, ' ').trim();
const removedKey = (removed: RemovedLine[]) => JSON.stringify(removed.map((entry) => [entry.line, entry.rule, entry.text]));

interface Recomputed {
  /** The fields a re-clean writes. */
  data: Record<string, unknown>;
  changed: boolean;
  /** The body as stored now. */
  body: string;
  prepared: PreparedArticle;
}

export interface RecleanOutcome {
  documentId: string;
  changed: boolean;
  /** The published version was updated too (published again from the re-cleaned draft). */
  published: boolean;
  /** The draft has an editor's unpublished changes: only the draft was re-cleaned. */
  draftAhead: boolean;
}

/** The slug of a populated `source` relation, or null. */
export const sourceSlugOf = (source: unknown): string | null => {
  const slug = (source as { slug?: unknown } | null)?.slug;
  return typeof slug === 'string' && slug !== '' ? slug : null;
};

/** The importer stores whole web pages as they came; anything else is text or Markdown. */
export const looksLikeHtml = (raw: string) => /^\s*<(?:!doctype|html|head|body|article|main|div|section|p)\b/i.test(raw);

/**
 * The article panel's server side: read an article's cleaning report, re-run the current rules on its
 * original text, and keep a removed line. Writes go through the Document Service inside
 * runAlreadyCleaned so the article middleware does not clean the result a second time.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const fieldsOf = () => (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).article;
  const plugin = () => strapi.plugin('content-normalizer');

  async function load(documentId: string): Promise<Record<string, unknown>> {
    const f = fieldsOf();
    const article = (await strapi.documents(f.uid as never).findOne({
      documentId,
      status: 'draft',
      fields: [f.titleField, f.bodyField, f.rawField, f.reportField, f.wordCountField, 'updatedAt'],
      populate: { [f.sourceRelation]: { fields: ['name', 'slug'] } },
    } as never)) as Record<string, unknown> | null;
    if (!article) throw new errors.NotFoundError('Article not found');
    return article;
  }

  function reportOf(article: Record<string, unknown>): CleaningReport | null {
    const value = article[fieldsOf().reportField];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const report = value as Partial<CleaningReport>;
    return {
      ...report,
      removed: Array.isArray(report.removed) ? report.removed : [],
      problems: Array.isArray(report.problems) ? report.problems : [],
      kept: Array.isArray(report.kept) ? report.kept.filter((k): k is string => typeof k === 'string') : [],
    };
  }

  async function write(documentId: string, data: Record<string, unknown>) {
    await runAlreadyCleaned(() => strapi.documents(fieldsOf().uid as never).update({ documentId, status: 'draft', data } as never));
  }

  /**
   * The one re-clean of a stored article, used by the panel's button, the background jobs and the settings impact:
   * the original cleaned again with `options`, honouring the kept lines, under the article's own source (so its
   * per-source rules apply). Nothing is written here; `changed` says whether the body, word count or removed
   * lines differ from what is stored.
   */
  async function recompute(article: Record<string, unknown>, options: CleanOptions, via: string): Promise<Recomputed> {
    const f = fieldsOf();
    const raw = article[f.rawField];
    if (typeof raw !== 'string' || raw === '') throw fieldError(f.rawField, 'this article has no original text to re-clean');
    const before = reportOf(article);
    const kept = before?.kept ?? [];
    const title = typeof article[f.titleField] === 'string' ? (article[f.titleField] as string) : undefined;
    const source = article[f.sourceRelation] as { name?: unknown } | null | undefined;
    const sourceName = typeof source?.name === 'string' ? source.name : undefined;
    // For an HTML original the engine's line numbers refer to the Markdown it made, which we do not
    // have; kept lines then go to the top of the body rather than being lost.
    const prepared = (await plugin()
      .service('articles')
      .prepare(
        looksLikeHtml(raw) ? { html: raw } : { text: raw },
        { title, ...(sourceName ? { source: { name: sourceName } } : {}) },
        options,
        // Its source's learned boilerplate applies too (rule source-boilerplate).
        { field: f.rawField, kept, sourceSlug: sourceSlugOf(article[f.sourceRelation]) },
      )) as PreparedArticle;
    const result = prepared.result;
    const body = typeof article[f.bodyField] === 'string' ? (article[f.bodyField] as string) : '';
    const changed =
      result.body !== body ||
      result.wordCount !== article[f.wordCountField] ||
      removedKey(result.removed) !== removedKey(before?.removed ?? []);
    const data: Record<string, unknown> = {
      [f.bodyField]: result.body,
      [f.wordCountField]: result.wordCount,
      [f.readingTimeField]: result.readingTimeMinutes,
      [f.reportField]: { removed: result.removed, problems: result.problems, kept, cleanedAt: new Date().toISOString(), via },
    };
    return { data, changed, body, prepared };
  }

  return {
    async getReport(documentId: string): Promise<ArticleReportView> {
      const article = await load(documentId);
      const raw = article[fieldsOf().rawField];
      return { documentId, report: reportOf(article), hasRawText: typeof raw === 'string' && raw !== '' };
    },

    /** Re-runs the rules in force now on the original text, honouring the article's kept lines (the panel's button). */
    async reclean(documentId: string): Promise<ArticleReportView> {
      const options = await plugin().service('normalizer').getCleanOptions();
      const { data, prepared } = await recompute(await load(documentId), options, 'reclean');
      await plugin().service('articles').linkRelations(data, { tags: prepared.tags, authors: prepared.authors, source: null });
      await write(documentId, data);
      return this.getReport(documentId);
    },

    /** What cleaning the stored article again with `options` would make of it, without writing (settings impact). */
    async preview(documentId: string, options: CleanOptions): Promise<{ title: string; changed: boolean; before: string; after: string }> {
      const article = await load(documentId);
      const { data, changed, body } = await recompute(article, options, 'preview');
      const title = article[fieldsOf().titleField];
      return { title: typeof title === 'string' ? title : '', changed, before: body, after: data[fieldsOf().bodyField] as string };
    },

    /**
     * A background job's re-clean: writes only when the result differs, so running it twice (a job resumed after a
     * crash) writes nothing the second time. A published article whose draft is not ahead of its published version
     * (the Content Manager's "published", not "modified") is published again, so readers get the new body; when
     * an editor has unpublished changes in the draft, only the draft is re-cleaned: a job never publishes an
     * editor's work, and the published version takes the new body when the editor publishes.
     */
    async recleanStored(documentId: string, options: CleanOptions): Promise<RecleanOutcome> {
      const f = fieldsOf();
      const article = await load(documentId);
      const { data, changed, prepared } = await recompute(article, options, 'job');
      if (!changed) return { documentId, changed: false, published: false, draftAhead: false };
      const publishedVersion = (await strapi.db.query(f.uid as never).findOne({
        where: { documentId, publishedAt: { $notNull: true } },
        select: ['id', 'updatedAt'],
      } as never)) as { updatedAt?: string | Date } | null;
      const time = (value: unknown) => (value ? new Date(value as string).getTime() : 0);
      const draftAhead = Boolean(publishedVersion) && time(article.updatedAt) > time(publishedVersion?.updatedAt);
      await plugin().service('articles').linkRelations(data, { tags: prepared.tags, authors: prepared.authors, source: null });
      await write(documentId, data);
      const publish = Boolean(publishedVersion) && !draftAhead;
      if (publish) await runAlreadyCleaned(() => strapi.documents(f.uid as never).publish({ documentId } as never));
      return { documentId, changed: true, published: publish, draftAhead };
    },

    /** Restores one removed line in the current body and remembers it for later re-cleans. */
    async keepLine(documentId: string, text: string): Promise<ArticleReportView> {
      const f = fieldsOf();
      const article = await load(documentId);
      const report = reportOf(article);
      if (!report || !report.removed.some((entry) => keyOf(entry.text) === keyOf(text))) {
        throw fieldError('text', 'is not a line the cleaner removed from this article');
      }
      const kept = [...new Set([...(report.kept ?? []), text.trim()])];
      const raw = typeof article[f.rawField] === 'string' ? (article[f.rawField] as string) : '';
      const body = typeof article[f.bodyField] === 'string' ? (article[f.bodyField] as string) : '';
      const task: KeepTask = { kind: 'keep', raw: looksLikeHtml(raw) ? '' : raw, body, removed: report.removed, text };
      const restored = (await plugin().service('cleaner').run(task, 'text')) as KeepTaskResult;
      await write(documentId, {
        [f.bodyField]: restored.body,
        [f.wordCountField]: restored.wordCount,
        [f.reportField]: { ...report, removed: restored.removed, kept },
      });
      return this.getReport(documentId);
    },
  };
};
