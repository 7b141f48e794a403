/**
 * An explicit, tested fix to how Strapi 5.54 commits a transaction on knex 3, installed once at start.
 *
 * Strapi starts its transactions without a callback (`knex.transaction()`) and ends them with `await
 * trx.commit()` (in @strapi/database's transaction context). When the COMMIT statement itself fails (the
 * connection was killed between the last statement and the COMMIT), knex resolves `commit()` anyway and rejects
 * only `trx.executionPromise`, which Strapi never reads: the write is reported as stored — an import item
 * answers "created" — and nothing was committed.
 *
 * The fix makes the commit wait for the transaction's outcome, so a failed COMMIT fails the write (a 503 or a
 * retryable import item) before any after-commit work runs.
 */

interface Transaction {
  commit(...args: unknown[]): Promise<unknown>;
  executionPromise?: Promise<unknown>;
}
interface TransactionContext {
  commit(trx: Transaction): Promise<void>;
  [fixed: symbol]: true | undefined;
}

const INSTALLED = Symbol.for('newsroom.transaction-commit');

export function installTransactionCommitFix(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transactionCtx } = require('@strapi/database/dist/transaction-context.js') as { transactionCtx: TransactionContext };
  if (transactionCtx[INSTALLED]) return;
  const commit = transactionCtx.commit;
  transactionCtx.commit = async function (this: TransactionContext, trx: Transaction) {
    const knexCommit = trx.commit;
    trx.commit = async (...args: unknown[]) => {
      const committed = await knexCommit.apply(trx, args);
      await trx.executionPromise;
      return committed;
    };
    return commit.call(this, trx);
  };
  transactionCtx[INSTALLED] = true;
}
