import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const ADMIN = { email: 'editor@newsroom.test', password: 'Editor-Passw0rd!' };

export const isPostgres = () => process.env.DATABASE_CLIENT === 'postgres';

export interface TestApp {
  strapi: Core.Strapi;
  stop: () => Promise<void>;
}

function setTestSecrets() {
  const secret = (name: string) => crypto.createHash('sha256').update(`test-${name}`).digest('base64').slice(0, 24);
  process.env.APP_KEYS ??= ['a', 'b', 'c', 'd'].map(secret).join(',');
  for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    process.env[name] ??= secret(name);
  }
}

async function createPostgresDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg');
  const base = process.env.DATABASE_NAME || 'newsroom_test';
  const name = `${base}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`.toLowerCase();
  const connection = {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: 'postgres',
  };
  const admin = new Client(connection);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    drop: async () => {
      const client = new Client(connection);
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Boots a real Strapi on a fresh database of its own (a temporary SQLite file, or a new PostgreSQL
 * database when DATABASE_CLIENT=postgres) and mounts its HTTP server for supertest.
 */
export async function startStrapi(env: Record<string, string> = {}): Promise<TestApp> {
  setTestSecrets();
  process.env.SEED_EXAMPLES = 'false';
  process.env.ADMIN_EMAIL = ADMIN.email;
  process.env.ADMIN_PASSWORD = ADMIN.password;
  Object.assign(process.env, env);

  let cleanupDatabase: () => Promise<void>;
  if (isPostgres()) {
    const database = await createPostgresDatabase();
    process.env.DATABASE_NAME = database.name;
    process.env.DATABASE_USERNAME ??= 'postgres';
    process.env.DATABASE_HOST ??= '127.0.0.1';
    cleanupDatabase = database.drop;
  } else {
    const file = path.join('.tmp', `test-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
    process.env.DATABASE_FILENAME = file;
    cleanupDatabase = async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(APP_DIR, file + suffix), { force: true });
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: APP_DIR });
  const strapi: Core.Strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = 'error';
  await strapi.server.mount();
  // Listening, as a real server does: the public cache revalidates pages over loopback to the server's address.
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));

  return {
    strapi,
    stop: async () => {
      // Strapi records a token's last use without awaiting it; let such writes finish rather than have the
      // pool abort them mid-query when it closes.
      const pool = (strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
      for (let waited = 0; pool && pool.numUsed() + pool.numPendingAcquires() > 0 && waited < 3000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await strapi.destroy();
      await cleanupDatabase();
    },
  };
}

export function httpServer(strapi: Core.Strapi) {
  return strapi.server.httpServer;
}

/** A content-API token created through Strapi's own service, as the token command does. */
export async function createApiToken(strapi: Core.Strapi, type: 'full-access' | 'read-only' | 'custom', permissions?: string[]) {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as {
    create: (attributes: Record<string, unknown>) => Promise<{ accessKey: string }>;
  };
  const token = await tokens.create({
    name: `test-${type}-${crypto.randomBytes(3).toString('hex')}`,
    description: '',
    type,
    lifespan: null,
    permissions,
  });
  return token.accessKey;
}
