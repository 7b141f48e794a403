import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { loadExampleContent } from './bootstrap/example-content';
import { contentGenerationListener, contentGenerationMiddleware, flushContentGeneration } from './bootstrap/content-generation';
import { draftGuardMiddleware } from './document-middlewares/draft-guard';
import { installYupAsyncRejectionFix } from './patches/yup-async-rejections';
import { installConnectionInitFix } from './patches/connection-init';
import { installCommitCallbackFix } from './patches/commit-callbacks';
import { installTransactionCommitFix } from './patches/transaction-commit';
import { searchIndexer } from './search/service';
import { ensureIndexes } from '../database/migrations/2026.11.27T00.00.00.lookup-indexes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Strapi's unique checks must fail, not hang and crash the process, when the database drops a connection.
    installYupAsyncRejectionFix();
    // A connection the database drops while Strapi sets it up must be discarded, not crash the process.
    installConnectionInitFix(strapi.db, strapi.log);
    // So must a read Strapi makes after a commit (to emit webhook events).
    installCommitCallbackFix(strapi.log);
    // And a COMMIT the database refused must fail the write, not report it stored.
    installTransactionCommitFix();
    strapi.documents.use(draftGuardMiddleware(strapi) as never);
    strapi.documents.use(contentGenerationMiddleware(strapi) as never);
    strapi.eventHub.subscribe(contentGenerationListener(strapi));
    // The search index follows every write that can change what search finds (src/search).
    strapi.documents.use(searchIndexer(strapi).middleware() as never);
    strapi.eventHub.subscribe(searchIndexer(strapi).listener());
    // An imported article that is published is indexed in its own transaction (no second commit per article).
    // (Absent only where Strapi loads the app without building the plugin, as `strapi ts:generate-types` does.)
    const importer = strapi.plugin('content-normalizer')?.service('importer') as
      | {
          onArticleWritten: (
            hook: (entry: Record<string, unknown>, context: { trx: Knex; status: string; bodyText?: string }) => Promise<void>,
          ) => void;
        }
      | undefined;
    importer?.onArticleWritten(async (entry, { trx, status, bodyText }) => {
      if (status === 'published') await searchIndexer(strapi).indexWithWrite(entry as never, trx, bodyText);
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The migration cannot index tables that do not exist yet on a new database; the schema exists now.
    await ensureIndexes(strapi.db.connection);
    await searchIndexer(strapi).bootstrap();
    await ensurePublicPermissions(strapi);
    await ensureFirstAdmin(strapi);
    await loadExampleContent(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await flushContentGeneration(strapi);
  },
};
