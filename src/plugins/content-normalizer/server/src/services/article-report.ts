import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { CleanResult, Problem, RemovedLine } from '../core/types';
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

/** The importer stores whole web pages as they came; anything else is text or Markdown. */
const looksLikeHtml = (raw: string) => /^\s*<(?:!doctype|html|head|body|article|main|div|section|p)\b/i.test(raw);

function countWords(body: string): number {
  return body.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/**
 * Puts kept lines back into a cleaned body. The engine has no "keep" option, so the Strapi side does it:
 * a removed line whose text the editor kept is re-inserted after the nearest line above it (in the
 * original) that survived in the body — glued to it when the original had no blank line between them,
 * as its own paragraph otherwise — and leaves `removed`. Lines already in the body are not duplicated.
 */
export function restoreKeptLines(
  raw: string,
  body: string,
  removed: RemovedLine[],
  kept: readonly string[],
): { body: string; removed: RemovedLine[]; restored: RemovedLine[] } {
  const keep = new Set(kept.map(keyOf));
  const restored = removed.filter((entry) => keep.has(keyOf(entry.text)));
  if (restored.length === 0) return { body, removed, restored };

  const rawLines = raw.split('\n');
  const out = body === '' ? [] : body.split('\n');
  for (const entry of [...restored].sort((a, b) => a.line - b.line)) {
    const text = entry.text.trim();
    if (out.some((line) => keyOf(line) === keyOf(text))) continue;
    let anchor = -1;
    let glued = false;
    for (let i = entry.line - 2; i >= 0 && anchor === -1; i -= 1) {
      const above = keyOf(rawLines[i] ?? '');
      if (!above) continue;
      anchor = out.findIndex((line) => keyOf(line) === above);
      glued = anchor !== -1 && i === entry.line - 2;
    }
    if (anchor === -1) {
      out.splice(0, 0, text, ...(out.length ? [''] : []));
    } else if (glued) {
      out.splice(anchor + 1, 0, text);
    } else {
      let end = anchor;
      while (end + 1 < out.length && out[end + 1].trim() !== '') end += 1;
      out.splice(end + 1, 0, '', text);
    }
  }
  return { body: out.join('\n'), removed: removed.filter((entry) => !restored.includes(entry)), restored };
}

/** Applies kept lines to a fresh cleaning result: the body, `removed` and the word count follow. */
export function applyKeptLines(raw: string, result: CleanResult, kept: readonly string[]): CleanResult {
  if (kept.length === 0) return result;
  const { body, removed } = restoreKeptLines(raw, result.body, result.removed, kept);
  return { ...result, body, removed, wordCount: countWords(body) };
}

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
      fields: [f.titleField, f.bodyField, f.rawField, f.reportField],
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

  return {
    async getReport(documentId: string): Promise<ArticleReportView> {
      const article = await load(documentId);
      const raw = article[fieldsOf().rawField];
      return { documentId, report: reportOf(article), hasRawText: typeof raw === 'string' && raw !== '' };
    },

    /** Re-runs the rules in force now on the original text, honouring the article's kept lines. */
    async reclean(documentId: string): Promise<ArticleReportView> {
      const f = fieldsOf();
      const article = await load(documentId);
      const raw = article[f.rawField];
      if (typeof raw !== 'string' || raw === '') throw fieldError(f.rawField, 'this article has no original text to re-clean');
      const kept = reportOf(article)?.kept ?? [];
      const title = typeof article[f.titleField] === 'string' ? (article[f.titleField] as string) : undefined;

      const options = await plugin().service('normalizer').getCleanOptions();
      const prepared = plugin()
        .service('articles')
        .prepare(looksLikeHtml(raw) ? { html: raw } : { text: raw }, { title }, options);
      // For an HTML original the engine's line numbers refer to the Markdown it made, which we do not
      // have; kept lines then go to the top of the body rather than being lost.
      const result = applyKeptLines(looksLikeHtml(raw) ? '' : raw, prepared.result as CleanResult, kept);

      const data: Record<string, unknown> = {
        [f.bodyField]: result.body,
        [f.wordCountField]: result.wordCount,
        [f.readingTimeField]: result.readingTimeMinutes,
        [f.reportField]: { removed: result.removed, problems: result.problems, kept, cleanedAt: new Date().toISOString(), via: 'reclean' },
      };
      await plugin().service('articles').linkRelations(data, { tags: prepared.tags, authors: prepared.authors, source: null });
      await write(documentId, data);
      return this.getReport(documentId);
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
      const restored = restoreKeptLines(looksLikeHtml(raw) ? '' : raw, body, report.removed, [text]);
      await write(documentId, {
        [f.bodyField]: restored.body,
        [f.wordCountField]: countWords(restored.body),
        [f.reportField]: { ...report, removed: restored.removed, kept },
      });
      return this.getReport(documentId);
    },
  };
};
