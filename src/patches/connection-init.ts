/**
 * An explicit, tested fix to Strapi 5.54's connection set-up, installed once at start (src/index.ts).
 *
 * Strapi runs its dialect's `initialize` (PostgreSQL: `SET search_path`; SQLite: pragmas) on every new
 * connection as `initialize(conn).then(() => done(null, conn))`, with no rejection handler. When the database
 * drops a connection between connecting and that statement (a restart, a failover), the rejection is unhandled
 * — which ends a Node process — and the pool never hears back about the connection it is creating.
 *
 * The fix catches the failure and marks the connection as dead the way knex itself does on a connection error
 * (`__knex__disposed`), so knex's pool validation discards it and makes another; the pool goes on.
 */

interface Dialect {
  initialize(nativeConnection: unknown): Promise<void>;
  [fixed: symbol]: true | undefined;
}

const INSTALLED = Symbol.for('newsroom.connection-init');

export function installConnectionInitFix(db: { dialect: unknown }, log: { warn(message: string): void }): void {
  const dialect = db.dialect as Dialect;
  if (dialect[INSTALLED]) return;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (nativeConnection: unknown) => {
    try {
      await initialize(nativeConnection);
    } catch (error) {
      const connection = nativeConnection as { __knex__disposed?: unknown };
      connection.__knex__disposed ??= error;
      log.warn(`database: a new connection failed while being set up and was discarded (${(error as Error).message})`);
    }
  };
  dialect[INSTALLED] = true;
}
