/**
 * An explicit, tested fix to Strapi 5.54's transaction callbacks, installed once at start (src/index.ts).
 *
 * `onCommit` / `onRollback` callbacks run as `callbacks.forEach((cb) => cb())`: a callback's promise is
 * dropped. Strapi's own Document Service registers one after every create, update and publish — it reads the
 * entry back with everything populated and emits `entry.create` / `entry.update` / `entry.publish` (webhooks) —
 * so when that read fails (a connection killed, a pool that stays full), the rejection is unhandled and ends the
 * Node process, long after the request that caused it succeeded.
 *
 * The fix wraps each callback so that its failure is logged, once per callback, with what it was doing; the
 * write it follows has committed and stays so.
 */

type Callback = () => unknown;
interface TransactionContext {
  onCommit(cb: Callback): void;
  onRollback(cb: Callback): void;
  [fixed: symbol]: true | undefined;
}

const INSTALLED = Symbol.for('newsroom.commit-callbacks');

export function installCommitCallbackFix(log: { warn(message: string): void }): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transactionCtx } = require('@strapi/database/dist/transaction-context.js') as { transactionCtx: TransactionContext };
  if (transactionCtx[INSTALLED]) return;

  const guard =
    (when: string, cb: Callback): Callback =>
    () => {
      const report = (error: unknown) =>
        log.warn(`database: a task run after a ${when} failed (${(error as Error)?.message ?? String(error)}); the ${when} itself stands`);
      try {
        const result = cb() as { then?: unknown; catch?: (handler: (error: unknown) => void) => unknown } | undefined;
        if (result && typeof result.then === 'function' && typeof result.catch === 'function') result.catch(report);
        return result;
      } catch (error) {
        report(error);
        return undefined;
      }
    };

  const { onCommit, onRollback } = transactionCtx;
  transactionCtx.onCommit = (cb) => onCommit.call(transactionCtx, guard('commit', cb));
  transactionCtx.onRollback = (cb) => onRollback.call(transactionCtx, guard('rollback', cb));
  transactionCtx[INSTALLED] = true;
}
