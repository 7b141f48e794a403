/**
 * The database goes away under load: connections killed mid-import (PostgreSQL), the pool exhausted, the SQLite
 * file locked by another process. The server must stay up, answer 503 (never 500) meanwhile, report import
 * items as retryable, and serve again by itself; a rerun leaves every document exactly once.
 */
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { APP_DIR, createApiToken, isPostgres, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let key: string;

/** Anything that escapes as an unhandled rejection or uncaught exception would end a real server. */
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push((error as Error)?.stack ?? error);

beforeAll(async () => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
  app = await startStrapi({ DATABASE_POOL_MAX: '4', DATABASE_CONNECTION_TIMEOUT: '3000', DATABASE_BUSY_TIMEOUT: '300' });
  server = app.strapi.server.httpServer;
  key = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import', 'api::article.article.find']);
});

afterAll(async () => {
  await app?.stop();
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});

const TAGS = ['Harbour', 'Ferries', 'Weather', 'Council', 'Fishing'];

function documents(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    text: `Harbour report number ${i}\n\nBy Ines Marlow | 2024-06-0${(i % 9) + 1}\n\nThe harbour board met for the ${i}th time and agreed on the quay repairs.\n\nTags: ${TAGS[i % 5]}, ${TAGS[(i + 1) % 5]}`,
    externalId: `outage/${i}`,
    status: 'published',
  }));
}

const importBatch = (items: unknown[]) =>
  request(server).post('/api/articles/import').set('Authorization', `Bearer ${key}`).send({ data: items });

async function waitUntilServing(ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    // A filter no cached page has: the answer must come from the database.
    const res = await request(server)
      .get('/api/articles')
      .query({ 'pagination[pageSize]': 1, 'filters[title][$ne]': `probe ${Date.now()}` });
    if (res.status === 200 || Date.now() > until) return res.status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every result is a success or a retryable failure; a whole request may be a 503 with Retry-After. Never a 500. */
function expectCleanFailures(responses: request.Response[], sizes: number[]) {
  let retryable = 0;
  for (const [i, res] of responses.entries()) {
    expect([200, 503]).toContain(res.status);
    if (res.status === 503) {
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError', details: { retryable: true } });
      retryable += sizes[i];
      continue;
    }
    for (const item of res.body.data) {
      if (item.status !== 'failed') continue;
      expect(item.error).toMatchObject({ name: 'ServiceUnavailableError', details: { code: 'database-unavailable', retryable: true } });
      retryable += 1;
    }
  }
  return retryable;
}

async function expectEveryDocumentOnce(count: number) {
  const db = app.strapi.db;
  const drafts = await db.query('api::article.article').findMany({ where: { publishedAt: null }, select: ['externalId'] });
  const ids = drafts.map((row: { externalId: string }) => row.externalId).sort();
  expect(ids).toEqual(Array.from({ length: count }, (_, i) => `outage/${i}`).sort());
  expect(await db.query('api::article.article').count({ where: { publishedAt: { $notNull: true } } })).toBe(count);
  const tags = await db.query('api::tag.tag').findMany({ select: ['slug'] });
  expect(tags.map((t: { slug: string }) => t.slug).sort()).toEqual(TAGS.map((t) => t.toLowerCase()).sort());
  const published = await db.query('api::article.article').findMany({ where: { publishedAt: { $notNull: true } }, populate: ['tags'] });
  for (const article of published) expect(article.tags).toHaveLength(2);
}

(isPostgres() ? describe : describe.skip)('PostgreSQL: connections killed during an import', () => {
  it('stays up, reports retryable failures, serves again by itself, and a rerun leaves each document once', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client } = require('pg');
    const admin = new Client({
      host: process.env.DATABASE_HOST,
      port: Number(process.env.DATABASE_PORT || 5432),
      user: process.env.DATABASE_USERNAME,
      database: 'postgres',
    });
    await admin.connect();
    const killAll = () =>
      admin.query('SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        process.env.DATABASE_NAME,
      ]);

    const docs = documents(60);
    const batches = Array.from({ length: 12 }, (_, i) => docs.slice(i * 5, i * 5 + 5));
    const sending = Promise.all(batches.map((batch, i) => new Promise((r) => setTimeout(r, i * 40)).then(() => importBatch(batch))));
    const killed: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 120));
      killed.push(Number((await killAll()).rows[0].count));
    }
    const responses = await sending;
    await admin.end();

    expect(killed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const retryable = expectCleanFailures(
      responses,
      batches.map((batch) => batch.length),
    );
    expect(await waitUntilServing(15_000)).toBe(200);

    // The importer's rerun (the CLI does this by itself for retryable items).
    const rerun = await Promise.all(batches.map((batch) => importBatch(batch)));
    for (const res of rerun) {
      expect(res.status).toBe(200);
      expect(res.body.meta.failed).toBe(0);
    }
    expect(rerun.reduce((sum, res) => sum + res.body.meta.created, 0)).toBeLessThanOrEqual(retryable);
    await expectEveryDocumentOnce(60);
    expect(escaped).toEqual([]);
  });
});

describe('the connection pool exhausted', () => {
  it('answers 503 or success to far more concurrent requests than connections, never 500, and goes on serving', async () => {
    const docs = documents(40).map((doc) => ({ ...doc, externalId: `pool/${doc.externalId}` }));
    const requests = [
      ...docs.map((doc) => importBatch([doc])),
      ...Array.from({ length: 120 }, (_, i) =>
        request(server)
          .get('/api/articles')
          .query({
            populate: '*',
            'pagination[page]': (i % 7) + 1,
            'pagination[pageSize]': 3,
            sort: i % 2 ? 'title' : 'id:desc',
            'filters[title][$ne]': `x${i}`,
          }),
      ),
    ];
    const responses = await Promise.all(requests);
    const statuses = new Set(responses.map((res) => res.status));
    for (const status of statuses) expect([200, 503]).toContain(status);
    for (const res of responses.filter((r) => r.status === 503)) {
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
    }
    expect(await waitUntilServing(10_000)).toBe(200);
    expect(escaped).toEqual([]);
  });
});

(isPostgres() ? describe.skip : describe)('SQLite: the file locked by another process', () => {
  it('waits for the busy timeout, then answers 503 with Retry-After; serves again once the lock is gone', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const other = new Database(path.join(APP_DIR, process.env.DATABASE_FILENAME as string));
    const before = await app.strapi.db.query('api::article.article').count();
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const res = await importBatch([{ text: 'Locked story\n\nWritten while the file was locked.', externalId: 'locked/1' }]);
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toMatchObject({ status: 'failed', error: { details: { code: 'database-unavailable', retryable: true } } });
      const single = await request(server)
        .post('/api/articles/import')
        .set('Authorization', `Bearer ${key}`)
        .send({ data: { text: 'Locked story\n\nWritten while the file was locked.', externalId: 'locked/1' } });
      expect([single.status, single.headers['retry-after'], single.body.error?.name]).toEqual([503, '5', 'ServiceUnavailableError']);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);
    const after = await importBatch([{ text: 'Locked story\n\nWritten while the file was locked.', externalId: 'locked/1' }]);
    expect(after.body.data[0].status).toBe('created');
    expect(fs.existsSync(path.join(APP_DIR, process.env.DATABASE_FILENAME as string))).toBe(true);
    expect(escaped).toEqual([]);
  });
});
