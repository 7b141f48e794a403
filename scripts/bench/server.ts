/**
 * The benchmark's Strapi, in a child process of its own so its RSS and CPU profile are its own.
 * Boots like tests/helpers/strapi.ts (compileStrapi + createStrapi().load()) on the database the parent
 * chose through the environment, listens on an ephemeral port, and answers the parent over IPC.
 * With BENCH_APP=stock it boots the stock Strapi baseline instead (scripts/bench/stock-app.ts).
 */
import crypto from 'crypto';
import fs from 'fs';
import { performance } from 'perf_hooks';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { writeStockApp } from './stock-app';

export type ParentMessage = { type: 'memory'; gc?: boolean } | { type: 'queries' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number; importerKey: string; fullAccessKey: string }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'queries'; count: number }
  | { type: 'stopped' };

const APP_DIR = path.resolve(__dirname, '..', '..');

function setSecrets() {
  const secret = (name: string) => crypto.createHash('sha256').update(`bench-${name}`).digest('base64').slice(0, 24);
  process.env.APP_KEYS ??= ['a', 'b', 'c', 'd'].map(secret).join(',');
  for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    process.env[name] ??= secret(name);
  }
  process.env.SEED_EXAMPLES = 'false';
}

async function token(strapi: Core.Strapi, type: 'custom' | 'full-access', permissions?: string[]): Promise<string> {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as {
    create: (attributes: Record<string, unknown>) => Promise<{ accessKey: string }>;
  };
  const created = await tokens.create({ name: `bench-${type}`, description: '', type, lifespan: null, permissions });
  return created.accessKey;
}

interface QueryEvent {
  sql?: string;
  __knexQueryUid?: string;
}
/** knex's events: `query` with the statement, `query-response` / `query-error` with the answer, then the statement. */
interface QueryEmitter {
  on(event: 'query', listener: (data: QueryEvent) => void): void;
  on(event: 'query-response' | 'query-error', listener: (answer: unknown, data?: QueryEvent) => void): void;
}

/**
 * BENCH_QUERY_LOG=1: each statement's count and total wall time from send to answer, grouped by its SQL with
 * literals and IN lists folded, written as a table when the server stops: where an import's database time goes.
 */
function logStatements(connection: QueryEmitter) {
  const started = new Map<string, number>();
  const bySql = new Map<string, { count: number; ms: number }>();
  const shape = (sql: string) =>
    sql
      .replace(/'(?:[^']|'')*'/g, '?')
      .replace(/\b\d+\b/g, '0')
      .replace(/\((?:\s*[?$0-9]+\s*,)+\s*[?$0-9]+\s*\)/g, '(…)')
      .replace(/(?:,\s*\(…\))+/g, ', …')
      .slice(0, 300);
  connection.on('query', (data) => {
    if (data.__knexQueryUid) started.set(data.__knexQueryUid, performance.now());
  });
  const done = (data: QueryEvent) => {
    const at = data.__knexQueryUid ? started.get(data.__knexQueryUid) : undefined;
    if (at === undefined || !data.__knexQueryUid) return;
    started.delete(data.__knexQueryUid);
    const key = shape(data.sql ?? '');
    const entry = bySql.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - at;
    bySql.set(key, entry);
  };
  connection.on('query-response', (_response, data?: QueryEvent) => done(data ?? {}));
  connection.on('query-error', (_error, data?: QueryEvent) => done(data ?? {}));
  return {
    write(file: string) {
      const lines = [...bySql]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([sql, { count, ms }]) => `${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× ${sql}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, lines.join('\n') + '\n');
    },
  };
}

async function main() {
  setSecrets();
  process.chdir(APP_DIR);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const stock = process.env.BENCH_APP === 'stock';
  const context = stock
    ? { appDir: writeStockApp(path.join(APP_DIR, '.tmp', 'stock-app')), distDir: path.join(APP_DIR, '.tmp', 'stock-app') }
    : await compileStrapi({ appDir: APP_DIR });
  const strapi: Core.Strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = 'error';
  // Every statement sent to the database, for "queries per imported item".
  let queries = 0;
  const connection = strapi.db.connection as unknown as QueryEmitter;
  connection.on('query', () => {
    queries += 1;
  });
  const statements = process.env.BENCH_QUERY_LOG === '1' ? logStatements(connection) : null;
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const importerKey = stock
    ? ''
    : await token(strapi, 'custom', [
        'plugin::content-normalizer.importer.import',
        'plugin::content-normalizer.preview.preview',
        ...['article', 'author', 'tag', 'source'].flatMap((name) => [`api::${name}.${name}.find`, `api::${name}.${name}.findOne`]),
      ]);
  const fullAccessKey = await token(strapi, 'full-access');

  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', async (message: ParentMessage) => {
    if (message.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (message.gc && gc) gc();
      const usage = process.memoryUsage();
      send({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed });
    } else if (message.type === 'queries') {
      send({ type: 'queries', count: queries });
    } else if (message.type === 'stop') {
      statements?.write(path.join(APP_DIR, '.tmp', `query-log-${stock ? 'stock' : 'project'}-${process.pid}.txt`));
      await strapi.destroy();
      send({ type: 'stopped' });
      // Let --cpu-prof write its profile on a normal exit.
      process.exit(0);
    }
  });
  send({ type: 'ready', port: (server.address() as AddressInfo).port, importerKey, fullAccessKey });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
