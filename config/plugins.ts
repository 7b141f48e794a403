import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'content-normalizer': {
    enabled: true,
    resolve: './src/plugins/content-normalizer',
    // Every option and its default: src/plugins/content-normalizer/server/src/config/index.ts
    config: {
      importShareWhenBusy: env.float('IMPORT_SHARE_WHEN_BUSY', 0.25),
      cleaning: {
        threads: env.int('CLEANING_THREADS', 0),
        budgetMs: env.int('CLEANING_BUDGET_MS', 5000),
        requestBudgetMs: env.int('CLEANING_REQUEST_BUDGET_MS', 20_000),
      },
      sourceMemory: {
        threshold: env.int('SOURCE_MEMORY_THRESHOLD', 3),
        maxLinesPerSource: env.int('SOURCE_MEMORY_MAX_LINES', 5000),
      },
    },
  },
});
