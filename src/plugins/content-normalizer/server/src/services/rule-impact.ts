import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import type { CleanOptions } from '../core/types';

export interface LineDiff {
  /** Lines in the stored body that the proposed rules would remove. */
  removed: string[];
  /** Lines the proposed rules would put back (removed today, kept under them). */
  restored: string[];
}

export interface RuleImpact {
  /** Stored articles. */
  total: number;
  /** How many of them were cleaned again to answer (the most recently updated first); `total` when all were. */
  scanned: number;
  /** Of the scanned articles, how many the proposed rules would change. */
  wouldChange: number;
  /** The changed ones' documentIds, when every article was scanned: a job can then re-clean just those. */
  documentIds: string[] | null;
  samples: Array<{ documentId: string; title: string; diff: LineDiff }>;
}

const SAMPLES = 5;
/** Articles cleaned at once: the pool has a thread or two; more in flight would only queue. */
const CONCURRENCY = 2;

const linesOf = (body: string) =>
  body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Lines of `after` not in `before` and the reverse, counting repeats (a line twice in one, once in the other). */
export function lineDiff(before: string, after: string): LineDiff {
  const count = (lines: string[]) => lines.reduce((map, line) => map.set(line, (map.get(line) ?? 0) + 1), new Map<string, number>());
  const a = count(linesOf(before));
  const b = count(linesOf(after));
  const only = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([line, n]) => Array<string>(Math.max(0, n - (y.get(line) ?? 0))).fill(line));
  return { removed: only(a, b), restored: only(b, a) };
}

/**
 * What saving a rule change would do to the articles already stored: each is cleaned again from its original with
 * the proposed options, on the workers, and compared with its stored body. At most `jobs.impactScanLimit` articles
 * are cleaned while the editor waits; past that the answer says how many were scanned, and applying the change is a
 * job over every article (which writes only those that change).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;

  return {
    async impact(options: CleanOptions): Promise<RuleImpact> {
      const { article, jobs } = config();
      const query = strapi.db.query(article.uid as never);
      const total = (await query.count({ where: { publishedAt: null } } as never)) as number;
      const rows = (await query.findMany({
        where: { publishedAt: null },
        select: ['documentId'],
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        limit: jobs.impactScanLimit,
      } as never)) as Array<{ documentId: string }>;
      const changed: RuleImpact['samples'] = [];
      const report = strapi.plugin('content-normalizer').service('articleReport');
      for (let i = 0; i < rows.length; i += CONCURRENCY) {
        const answers = await Promise.all(
          rows.slice(i, i + CONCURRENCY).map(async ({ documentId }) => {
            try {
              const preview = (await report.preview(documentId, options)) as {
                title: string;
                changed: boolean;
                before: string;
                after: string;
              };
              return preview.changed ? { documentId, title: preview.title, diff: lineDiff(preview.before, preview.after) } : null;
            } catch (error) {
              // An article without an original (or one over its time budget) cannot be re-cleaned: nothing would change.
              if ((error as { name?: string }).name === 'ValidationError') return null;
              throw error;
            }
          }),
        );
        for (const answer of answers) if (answer) changed.push(answer);
      }
      const complete = rows.length >= total;
      return {
        total,
        scanned: rows.length,
        wouldChange: changed.length,
        documentIds: complete ? changed.map((entry) => entry.documentId) : null,
        samples: changed.slice(0, SAMPLES),
      };
    },
  };
};
