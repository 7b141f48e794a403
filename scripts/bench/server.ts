/**
 * The benchmark's Strapi, in a child process of its own so its RSS and CPU profile are its own.
 * Boots like tests/helpers/strapi.ts (compileStrapi + createStrapi().load()) on the database the parent
 * chose through the environment, listens on an ephemeral port, and answers the parent over IPC.
 * With BENCH_APP=stock it boots the stock Strapi baseline instead (scripts/bench/stock-app.ts).
 */
import crypto from 'crypto';
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
  (strapi.db.connection as unknown as { on(event: 'query', listener: () => void): void }).on('query', () => {
    queries += 1;
  });
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
