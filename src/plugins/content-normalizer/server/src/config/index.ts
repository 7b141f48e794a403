/**
 * The plugin's configuration, with every default in one place. Override any field in the app's
 * `config/plugins.ts` under `'content-normalizer': { config: { ... } }`; unspecified fields keep these.
 */
import type { CustomPattern } from '../core/types';

/** A custom line pattern: see the engine's CustomPattern (regex source or plain text, reported rule id). */
export type CustomPatternConfig = CustomPattern;

export interface RuleSettings {
  /** Rule id → on/off. Rules not listed keep their built-in default. */
  rules: Record<string, boolean>;
  /** Extra lines to remove everywhere, reported under their own rule id (default `custom-pattern`). */
  customPatterns: CustomPatternConfig[];
  /** Per source name (as stored on the Source): extra switches and patterns for that site only. */
  sources: Record<string, { rules?: Record<string, boolean>; customPatterns?: CustomPatternConfig[] }>;
}

export interface ContentNormalizerConfig extends RuleSettings {
  /** The content type the plugin cleans on every write, and its fields. */
  article: {
    uid: string;
    /** Markdown body: cleaned on every create and update that sets it. */
    bodyField: string;
    titleField: string;
    /** Private: the document exactly as received. */
    rawField: string;
    /** Private JSON: what was removed and by which rule. */
    reportField: string;
    hashField: string;
    externalIdField: string;
    urlField: string;
    publishedDateField: string;
    readingTimeField: string;
    wordCountField: string;
    languageField: string;
    excerptField: string;
    /** Relations filled from what the document names. */
    tagsRelation: string;
    authorsRelation: string;
    sourceRelation: string;
  };
  /** The taxonomy content types whose `name` is normalized and whose `slug` is unique. */
  taxonomy: { tag: string; author: string; source: string };
  /** Most items one import request may carry. */
  batchLimit: number;
  /** Largest document (characters) one item may carry; larger items fail alone. */
  maxDocumentLength: number;
  /** Most tags (given plus parsed) one article may carry. */
  maxTagsPerArticle: number;
  /** Reading speed used when a byline does not state a reading time. */
  wordsPerMinute: number;
  /**
   * While other requests (readers) are being served, imported items' writes use at most this share of the main
   * thread's time (0–1; 1: no pacing). See services/import-pacer.ts.
   */
  importShareWhenBusy: number;
  /**
   * Per-source memory of boilerplate lines (rule `source-boilerplate`, services/source-memory.ts): each source's
   * lines are counted over its documents; a line in `threshold` earlier documents is removed from the next ones.
   */
  sourceMemory: {
    /** In how many earlier documents of a source a line must appear to be removed (3: from the 4th document on). */
    threshold: number;
    /** Shortest line counted, in characters. */
    minLength: number;
    /** Fewest words in a counted line. */
    minWords: number;
    /** Longest line counted, in characters. */
    maxLength: number;
    /** Most lines remembered per source; past it, the least-seen lines still counting are forgotten first. */
    maxLinesPerSource: number;
  };
  /** Background jobs (re-cleaning stored articles): see server/src/jobs/. */
  jobs: {
    /** Whether this instance runs jobs. Jobs can still be enqueued; another instance with jobs enabled runs them. */
    enabled: boolean;
    /** How often an idle instance looks for a job (ms). */
    pollMs: number;
    /** Articles per step: each is its own write; each step moves the job's cursor and renews its lease. */
    batchSize: number;
    /** How long a claimed job stays this instance's without a step (ms); then another instance may take it over. */
    leaseMs: number;
    /** Pause between steps (ms), and the longer pause while readers are being served. */
    pauseMs: number;
    busyPauseMs: number;
    /** Most stored articles the rules page's impact check cleans again while the editor waits. */
    impactScanLimit: number;
  };
  /** The worker threads that run the cleaning engine off the main event loop (server/src/workers/pool.ts). */
  cleaning: {
    /** Worker threads; 0 means one per core. */
    threads: number;
    /** Most milliseconds cleaning one document may take; past it the worker is replaced and the item fails. */
    budgetMs: number;
    /**
     * Most milliseconds one import request may spend on its items, all together. Items are cleaned in order,
     * each within `budgetMs`; once a batch has used this much, its remaining items fail at once with the
     * retryable code `request-time-budget` (send them again), so that no request runs for minutes.
     */
    requestBudgetMs: number;
    /** Heap ceiling of one worker, in MB; a document needing more fails alone. */
    maxWorkerMemoryMb: number;
    /** How much lower than the main thread (which answers readers) the workers are scheduled (Unix nice, 0–19). */
    niceIncrement: number;
  };
}

export const defaultConfig: ContentNormalizerConfig = {
  article: {
    uid: 'api::article.article',
    bodyField: 'body',
    titleField: 'title',
    rawField: 'rawText',
    reportField: 'cleaningReport',
    hashField: 'contentHash',
    externalIdField: 'externalId',
    urlField: 'url',
    publishedDateField: 'publishedDate',
    readingTimeField: 'readingTimeMinutes',
    wordCountField: 'wordCount',
    languageField: 'language',
    excerptField: 'excerpt',
    tagsRelation: 'tags',
    authorsRelation: 'authors',
    sourceRelation: 'source',
  },
  taxonomy: { tag: 'api::tag.tag', author: 'api::author.author', source: 'api::source.source' },
  rules: {},
  customPatterns: [],
  sources: {},
  batchLimit: 100,
  maxDocumentLength: 2_000_000,
  maxTagsPerArticle: 100,
  wordsPerMinute: 200,
  importShareWhenBusy: 0.25,
  sourceMemory: { threshold: 3, minLength: 16, minWords: 3, maxLength: 400, maxLinesPerSource: 5000 },
  jobs: { enabled: true, pollMs: 2000, batchSize: 10, leaseMs: 30_000, pauseMs: 20, busyPauseMs: 250, impactScanLimit: 200 },
  cleaning: { threads: 0, budgetMs: 5000, requestBudgetMs: 20_000, maxWorkerMemoryMb: 512, niceIncrement: 5 },
};

function assertPositiveInteger(config: Record<string, unknown>, key: string) {
  const value = config[key];
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
    throw new Error(`content-normalizer: config.${key} must be a positive integer`);
  }
}

export default {
  default: defaultConfig,
  validator(config: Record<string, unknown>) {
    for (const key of ['batchLimit', 'maxDocumentLength', 'maxTagsPerArticle', 'wordsPerMinute']) {
      assertPositiveInteger(config, key);
    }
    const share = config.importShareWhenBusy;
    if (share !== undefined && (typeof share !== 'number' || !(share > 0 && share <= 1))) {
      throw new Error('content-normalizer: config.importShareWhenBusy must be a number in (0, 1]');
    }
    const sourceMemory = (config.sourceMemory ?? {}) as Record<string, unknown>;
    for (const key of ['threshold', 'minLength', 'minWords', 'maxLength', 'maxLinesPerSource']) assertPositiveInteger(sourceMemory, key);
    const jobs = (config.jobs ?? {}) as Record<string, unknown>;
    for (const key of ['pollMs', 'batchSize', 'leaseMs', 'impactScanLimit']) assertPositiveInteger(jobs, key);
    for (const key of ['pauseMs', 'busyPauseMs']) {
      const value = jobs[key];
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) {
        throw new Error(`content-normalizer: config.jobs.${key} must be an integer from 0`);
      }
    }
    if (jobs.enabled !== undefined && typeof jobs.enabled !== 'boolean')
      throw new Error('content-normalizer: config.jobs.enabled must be true or false');
    const cleaning = (config.cleaning ?? {}) as Record<string, unknown>;
    for (const key of ['budgetMs', 'requestBudgetMs', 'maxWorkerMemoryMb']) assertPositiveInteger(cleaning, key);
    for (const key of ['threads', 'niceIncrement']) {
      const value = cleaning[key];
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 64)) {
        throw new Error(`content-normalizer: config.cleaning.${key} must be an integer from 0`);
      }
    }
    for (const pattern of (config.customPatterns as CustomPatternConfig[] | undefined) ?? []) {
      if (typeof pattern?.pattern !== 'string' || pattern.pattern === '') {
        throw new Error('content-normalizer: every customPatterns entry needs a non-empty `pattern`');
      }
    }
  },
};
