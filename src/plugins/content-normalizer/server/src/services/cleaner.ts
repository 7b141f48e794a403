import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { CleaningBudgetError, CleaningPool } from '../workers/pool';
import type { TaskResult, WorkerTask } from '../workers/tasks';
import { fieldError } from '../utils/errors';

/**
 * The Strapi side of the worker pool: every cleaning, kept-line restore and Markdown sanitizing the plugin
 * does goes through here, so all share one pool and one time budget (imports, previews, editors' saves).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let pool: CleaningPool | null = null;

  function getPool(): CleaningPool {
    const { cleaning } = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
    pool ??= new CleaningPool(cleaning);
    return pool;
  }

  return {
    /** Runs a task on a worker; a document that runs out of its budget is a 400 naming `field`. */
    async run<T extends WorkerTask>(task: T, field: string): Promise<TaskResult<T>> {
      try {
        return await getPool().run(task, field);
      } catch (error) {
        if (error instanceof CleaningBudgetError) {
          throw fieldError(field, error.message, { code: `cleaning-${error.reason}-budget`, budgetMs: error.budgetMs, retryable: false });
        }
        throw error;
      }
    },

    /** Makes Markdown safe to render, on a worker. */
    async sanitize(texts: string[], field: string): Promise<string[]> {
      return this.run({ kind: 'sanitize', texts }, field);
    },

    /** Starts the threads now, so that the first request does not wait for them. */
    warm(): void {
      getPool();
    },

    async destroy(): Promise<void> {
      const current = pool;
      pool = null;
      await current?.destroy();
    },
  };
};
