/**
 * Errors that mean "the database cannot be reached right now", as opposed to "this request is wrong": a
 * PostgreSQL restart or failover, a dropped connection, a full connection pool, a SQLite file locked by
 * another process. A request that meets one can be retried later unchanged; the answer is a 503.
 */

/** PostgreSQL SQLSTATEs: admin/crash shutdown, cannot connect now, connection exceptions, too many connections. */
const PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08P01', '53300']);
/** Node socket errors on the way to the database. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLite: another connection holds the lock past the busy timeout. */
const SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);
/**
 * pg and knex say it in words only. "Transaction query already complete": a statement of a transaction that
 * knex already rolled back because its connection died.
 */
const MESSAGES =
  /Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|Timeout acquiring a connection|timeout exceeded when trying to connect|Connection ended unexpectedly|server closed the connection unexpectedly|the database system is (?:starting up|shutting down|in recovery mode)|is not currently accepting connections|Unable to acquire a connection|aborted by the pool|Transaction query already complete/i;

/** Raised where the cause is known to be the database even though the error in hand does not say so. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errno?: unknown;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error as ErrorLike | undefined;
  // Strapi and knex wrap driver errors; follow `cause` a few levels.
  while (current && typeof current === 'object' && !seen.has(current) && seen.size < 5) {
    seen.add(current);
    const code = typeof current.code === 'string' ? current.code : '';
    if (PG_CODES.has(code) || NET_CODES.has(code) || SQLITE_CODES.has(code)) return true;
    if (current.name === 'KnexTimeoutError' || current.name === 'DatabaseUnavailableError') return true;
    if (typeof current.message === 'string' && MESSAGES.test(current.message)) return true;
    current = current.cause as ErrorLike | undefined;
  }
  return false;
}

/** A short description for logs: the driver's code and message, never a query's parameters. */
export function describeDatabaseError(error: unknown): string {
  const err = error as ErrorLike | undefined;
  const code = typeof err?.code === 'string' ? `${err.code} ` : '';
  const message = typeof err?.message === 'string' ? err.message.split('\n')[0].slice(0, 200) : String(error);
  return `${code}${message}`;
}

/** How long a client should wait before trying again (seconds), sent as Retry-After. */
export const RETRY_AFTER_SECONDS = 5;

/** The body of a 503 in Strapi's error envelope. */
export function unavailableBody() {
  return {
    data: null,
    error: {
      status: 503,
      name: 'ServiceUnavailableError',
      message: 'The database is unavailable; nothing was changed. Try again shortly.',
      details: { code: 'database-unavailable', retryable: true },
    },
  };
}
