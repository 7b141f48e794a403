/**
 * `"transaction": "batch"`: a whole batch in one transaction, stored whole or not at all. Runs on SQLite and,
 * with DATABASE_CLIENT=postgres, on PostgreSQL.
 */
import request from 'supertest';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { rowCounts as countRows } from '../helpers/rows';

let app: TestApp;
let server: Parameters<typeof request>[0];
let importerKey: string;

const ARTICLE = 'api::article.article';
const IMPORT = '/api/articles/import';

const importBody = (body: unknown) =>
  request(server)
    .post(IMPORT)
    .set('Authorization', `Bearer ${importerKey}`)
    .send(body as object);

const rowCounts = () => countRows(app.strapi);

const story = (key: string, n: number, extra: Record<string, unknown> = {}) => ({
  text: `Harbour ledger ${key} ${n}\n\nBy Ines Vallory-${key}\n\nThe harbour office counted ${n} boats at the ${key} quay this week, and the pilots said the tide tables held.\n\nTags: ${key} quay, harbour ${n}`,
  externalId: `batch-mode/${key}/${n}`,
  source: `Ledger ${key}`,
  status: 'published',
  ...extra,
});

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  importerKey = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
});

afterAll(async () => {
  await app?.stop();
});

describe('"transaction": "batch"', () => {
  it('stores every item, answers per item in request order, and the articles are public at once', async () => {
    const before = await rowCounts();
    const items = [1, 2, 3, 4, 5].map((n) => story('alpha', n));
    const res = await importBody({ data: items, transaction: 'batch' }).expect(200);
    expect(res.body.meta).toEqual({ created: 5, updated: 0, unchanged: 0, failed: 0 });
    expect(res.body.data.map((entry: { slug: string }) => entry.slug)).toEqual([1, 2, 3, 4, 5].map((n) => `harbour-ledger-alpha-${n}`));
    const after = await rowCounts();
    // A draft and a published row per article; one author and one source for all, 1 + 5 tags.
    expect(after.articles - before.articles).toBe(10);
    expect(after.authors - before.authors).toBe(1);
    expect(after.sources - before.sources).toBe(1);
    expect(after.tags - before.tags).toBe(6);
    const page = await request(server).get('/api/articles?filters[slug][$eq]=harbour-ledger-alpha-3&populate=*').expect(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0].authors.map((a: { name: string }) => a.name)).toEqual(['Ines Vallory-alpha']);
    expect(page.body.data[0].tags.map((t: { slug: string }) => t.slug).sort()).toEqual(['alpha-quay', 'harbour-3']);

    // The same batch again changes nothing.
    const again = await importBody({ data: items, transaction: 'batch' }).expect(200);
    expect(again.body.meta).toEqual({ created: 0, updated: 0, unchanged: 5, failed: 0 });
    expect(await rowCounts()).toEqual(after);
  });

  it('refuses the whole request with a 400 naming data[i].field when one item is invalid, and writes nothing', async () => {
    const before = await rowCounts();
    const items = [1, 2, 3, 4].map((n) => story('beta', n));
    items[2] = story('beta', 3, { publishedDate: 'last Tuesday' });
    const res = await importBody({ data: items, transaction: 'batch' }).expect(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.details.field).toBe('data[2].publishedDate');
    expect(res.body.error.details.items).toEqual([expect.objectContaining({ index: 2, field: 'publishedDate' })]);
    expect(await rowCounts()).toEqual(before);
  });

  it('rolls every item back when a write fails halfway, tags and authors included', async () => {
    const before = await rowCounts();
    const writer = app.strapi.plugin('content-normalizer').service('articleWriter') as { write: (...args: unknown[]) => Promise<unknown> };
    const realWrite = writer.write;
    let calls = 0;
    // Fault injection: the third article's write fails after two have been written in the same transaction.
    writer.write = async (...args: unknown[]) => {
      calls += 1;
      if (calls === 3) throw new Error('injected write failure');
      return realWrite.apply(writer, args);
    };
    try {
      const res = await importBody({ data: [1, 2, 3, 4].map((n) => story('gamma', n)), transaction: 'batch' }).expect(200);
      expect(res.body.meta).toEqual({ created: 0, updated: 0, unchanged: 0, failed: 4 });
      for (const entry of res.body.data) expect(entry.error).toMatchObject({ name: 'ApplicationError' });
    } finally {
      writer.write = realWrite;
    }
    expect(calls).toBe(3);
    expect(await rowCounts()).toEqual(before);
    const search = await request(server).get('/api/articles?filters[slug][$startsWith]=harbour-ledger-gamma').expect(200);
    expect(search.body.data).toHaveLength(0);
    // And the server goes on: the same batch now goes in whole.
    const retry = await importBody({ data: [1, 2, 3, 4].map((n) => story('gamma', n)), transaction: 'batch' }).expect(200);
    expect(retry.body.meta.created).toBe(4);
  });

  it('a document named twice in one batch is one article: the later item updates what the earlier one wrote', async () => {
    const first = story('delta', 1);
    const changed = { ...story('delta', 1), text: `${story('delta', 1).text}\n\nA later paragraph the second copy adds.` };
    const res = await importBody({ data: [first, story('delta', 2), changed], transaction: 'batch' }).expect(200);
    expect(res.body.data.map((entry: { status: string }) => entry.status)).toEqual(['created', 'created', 'updated']);
    expect(res.body.data[2].documentId).toBe(res.body.data[0].documentId);
    const rows = await app.strapi.db.query(ARTICLE).findMany({ where: { externalId: 'batch-mode/delta/1' } });
    expect(rows).toHaveLength(2); // its draft and its published row
    for (const row of rows) expect(row.body).toContain('A later paragraph the second copy adds.');
  });

  it('two items with the same title get two slugs', async () => {
    const a = { ...story('epsilon', 1), text: 'Tide office reopens\n\nThe first report of the reopening, from the quay.' };
    const b = { ...story('epsilon', 2), text: 'Tide office reopens\n\nA second, separate report of the reopening, from the pier.' };
    const res = await importBody({ data: [a, b], transaction: 'batch' }).expect(200);
    expect(res.body.data.map((entry: { slug: string }) => entry.slug)).toEqual(['tide-office-reopens', 'tide-office-reopens-2']);
  });

  it('a batch whose cleaning outruns the request budget is not written, and answers 503 (retryable)', async () => {
    const before = await rowCounts();
    const key = 'plugin::content-normalizer.cleaning.requestBudgetMs';
    const budget = app.strapi.config.get(key);
    app.strapi.config.set(key, 1);
    try {
      const items = [1, 2, 3, 4, 5, 6].map((n) =>
        story('eta', n, { text: `${story('eta', n).text}\n\n${'More harbour prose. '.repeat(2000)}` }),
      );
      const res = await importBody({ data: items, transaction: 'batch' }).expect(503);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      app.strapi.config.set(key, budget);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown transaction mode, naming the field', async () => {
    const before = await rowCounts();
    const res = await importBody({ data: [story('zeta', 1)], transaction: 'all' }).expect(400);
    expect(res.body.error.details.field).toBe('transaction');
    expect(await rowCounts()).toEqual(before);
  });
});
