import type { Core } from '@strapi/strapi';

import path from 'path';
import { cacheStatements } from '../src/patches/statement-cache';

// SQLite is the zero-setup default; PostgreSQL (and MySQL) are chosen with DATABASE_CLIENT.
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const busyTimeoutMs = env.int('DATABASE_BUSY_TIMEOUT', 250);

  const ssl = env.bool('DATABASE_SSL', false) && {
    key: env('DATABASE_SSL_KEY', undefined),
    cert: env('DATABASE_SSL_CERT', undefined),
    ca: env('DATABASE_SSL_CA', undefined),
    capath: env('DATABASE_SSL_CAPATH', undefined),
    cipher: env('DATABASE_SSL_CIPHER', undefined),
    rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
  };

  const connections: Record<string, Record<string, unknown>> = {
    mysql: {
      connection: {
        host: env('DATABASE_HOST', 'localhost'),
        port: env.int('DATABASE_PORT', 3306),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'strapi'),
        password: env('DATABASE_PASSWORD', 'strapi'),
        ssl,
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
    },
    postgres: {
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', 'localhost'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'strapi'),
        password: env('DATABASE_PASSWORD', 'strapi'),
        ssl,
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
    },
    sqlite: {
      connection: {
        // Relative paths are resolved from the app root, so a test can point at its own temp file.
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      pool: {
        // WAL lets readers (the token command, a second process) use the file while the server writes, and
        // with synchronous=NORMAL a commit costs no fsync: an import writes one transaction per article.
        afterCreate: (connection: { pragma: (statement: string) => unknown }, done: (error: Error | null, connection: unknown) => void) => {
          connection.pragma('journal_mode = WAL');
          connection.pragma('synchronous = NORMAL');
          // Another process holding the write lock (the token command, a backup) is waited for this long; past
          // it the request answers 503 (database-unavailable middleware), not 500. better-sqlite3 waits
          // synchronously, stalling every request meanwhile, so the wait is short.
          connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
          cacheStatements(connection as unknown as Parameters<typeof cacheStatements>[0]);
          done(null, connection);
        },
      },
    },
  };

  return {
    connection: {
      client,
      ...connections[client],
      // A request that waits this long for a free connection answers 503 (database-unavailable middleware).
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 10000),
    },
    settings: {
      // Migrations are TypeScript like the rest of the app; Strapi runs the compiled ones from dist/.
      useTypescriptMigrations: true,
    },
  };
};
