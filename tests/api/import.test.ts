import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { hasSharedSeed, readExpectation, readFixture, SHARED_SEED_DIR } from '../helpers/fixtures';
import { rowCounts as countRows } from '../helpers/rows';

let app: TestApp;
let server: Parameters<typeof request>[0];
let importerKey: string;
let fullAccessKey: string;
let readOnlyKey: string;

const ARTICLE = 'api::article.article';
const IMPORT = '/api/articles/import';

const importAs = (key: string, body: unknown) =>
  request(server)
    .post(IMPORT)
    .set('Authorization', `Bearer ${key}`)
    .send(body as object);

const rowCounts = () => countRows(app.strapi);

async function storedArticle(documentId: string) {
  return app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, populate: ['tags', 'authors', 'source'] });
}

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  importerKey = await createApiToken(app.strapi, 'custom', [
    'plugin::content-normalizer.importer.import',
    'plugin::content-normalizer.preview.preview',
  ]);
  fullAccessKey = await createApiToken(app.strapi, 'full-access');
  readOnlyKey = await createApiToken(app.strapi, 'read-only');
});

afterAll(async () => {
  await app?.stop();
});

describe('import of the project example documents', () => {
  it.each(['port-verin-ferry-strike.txt', 'sequia-valle-ardiente.txt', 'cape-morrow-lighthouse.md'])(
    'imports %s as its expectation says',
    async (file) => {
      const expected = readExpectation(file);
      const res = await importAs(importerKey, {
        data: { text: readFixture(file), externalId: `fixture/${file}`, status: 'published' },
      }).expect(200);
      expect(res.body.data[0]).toMatchObject({ status: 'created', removedCount: expected.removed.length });

      const article = await storedArticle(res.body.data[0].documentId);
      expect(article.title).toBe(expected.title);
      expect(article.publishedDate).toBe(expected.publishedDate);
      expect(article.readingTimeMinutes).toBe(expected.readingTimeMinutes);
      expect(article.authors.map((a: { name: string }) => a.name).sort()).toEqual([...expected.authors].sort());
      expect(article.tags.map((t: { slug: string }) => t.slug).sort()).toEqual(expected.tags.map((t: { slug: string }) => t.slug).sort());
      expect(article.rawText).toBe(readFixture(file));
      expect(article.cleaningReport.removed.map((r: { line: number; rule: string }) => [r.line, r.rule])).toEqual(
        expected.removed.map((r: { line: number; rule: string }) => [r.line, r.rule]),
      );
    },
  );

  it('imports an HTML page without any script, event handler or javascript: URL', async () => {
    const html = readFixture('riverside-budget.html');
    const hostile = html.replace('</p>', '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a></p>');
    const res = await importAs(importerKey, { data: { html: hostile, externalId: 'fixture/riverside.html' } }).expect(200);
    expect(res.body.data[0].status).toBe('created');
    const article = await storedArticle(res.body.data[0].documentId);
    expect(article.body).not.toMatch(/<script|onerror|javascript:/i);
    expect(article.title).toBe(readExpectation('riverside-budget.html').title);
  });
});

const seedTest = hasSharedSeed() ? describe : describe.skip;
if (!hasSharedSeed())
  console.log(`Skipping the seed import test: ${SHARED_SEED_DIR} is absent (it is evaluation data, not part of the project).`);

seedTest('import of the seed document (../shared/corpus/seed)', () => {
  it('gives the expected article, and importing it again changes nothing', async () => {
    const text = fs.readFileSync(path.join(SHARED_SEED_DIR, 'el-salvador-prison-deal.txt'), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(SHARED_SEED_DIR, 'el-salvador-prison-deal.expected.json'), 'utf8'));

    const first = await importAs(importerKey, { data: { text } }).expect(200);
    expect(first.body.data[0]).toMatchObject({ status: 'created', removedCount: expected.removed.length });
    const article = await storedArticle(first.body.data[0].documentId);
    expect(article.title).toBe(expected.title);
    expect(article.authors.map((a: { name: string }) => a.name)).toEqual(expected.authors);
    expect(article.publishedDate).toBe(expected.publishedDate);
    expect(article.readingTimeMinutes).toBe(expected.readingTimeMinutes);
    const tagsBySlug = new Map(article.tags.map((t: { slug: string; name: string }) => [t.slug, t.name]));
    expect(tagsBySlug.size).toBe(expected.tags.length);
    for (const tag of expected.tags) expect(tagsBySlug.get(tag.slug)).toBe(tag.name);

    const lines = text.split('\n');
    const bodyLines = new Set(article.body.split('\n').map((line: string) => line.replace(/^#+\s*/, '').trim()));
    for (const { line } of expected.removed) expect(bodyLines.has(lines[line - 1].trim())).toBe(false);
    for (const heading of expected.headings) expect(article.body).toContain(heading);

    const before = await rowCounts();
    const again = await importAs(importerKey, { data: { text } }).expect(200);
    expect(again.body.data[0]).toMatchObject({ status: 'unchanged', documentId: first.body.data[0].documentId });
    expect(again.body.meta).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('idempotent import', () => {
  it('matches by externalId: same content is unchanged, changed content is updated', async () => {
    const item = {
      text: 'Council approves bike lanes\n\nThe council voted 7-2 for new lanes on Mill Road.',
      externalId: 'feed/bike-lanes',
      tags: ['Transport'],
    };
    const created = await importAs(importerKey, { data: item }).expect(200);
    expect(created.body.data[0].status).toBe('created');
    const unchanged = await importAs(importerKey, { data: item }).expect(200);
    expect(unchanged.body.data[0]).toMatchObject({ status: 'unchanged', documentId: created.body.data[0].documentId });
    const updated = await importAs(importerKey, { data: { ...item, text: `${item.text}\n\nWork begins in May.` } }).expect(200);
    expect(updated.body.data[0]).toMatchObject({ status: 'updated', documentId: created.body.data[0].documentId });
    expect((await storedArticle(created.body.data[0].documentId)).body).toContain('Work begins in May.');

    // An import states what the article is: tags it no longer names are dropped from it.
    await importAs(importerKey, { data: { ...item, tags: ['Cycling'], source: 'Mill Road Gazette' } }).expect(200);
    const retagged = await storedArticle(created.body.data[0].documentId);
    expect(retagged.tags.map((t: { slug: string }) => t.slug)).toEqual(['cycling']);
    expect(retagged.source.slug).toBe('mill-road-gazette');
    expect(await app.strapi.db.query(ARTICLE).count({ where: { externalId: 'feed/bike-lanes' } })).toBe(1);
  });

  it('matches by url, then by content hash', async () => {
    const byUrl = { text: 'Library extends hours\n\nThe library now opens at 8.', url: 'https://news.example/library-hours' };
    const one = await importAs(importerKey, { data: byUrl }).expect(200);
    const two = await importAs(importerKey, { data: byUrl }).expect(200);
    expect(two.body.data[0]).toMatchObject({ status: 'unchanged', documentId: one.body.data[0].documentId });

    const byHash = { text: 'Bakery wins regional prize\n\nThe rye loaf took first place.' };
    const three = await importAs(importerKey, { data: byHash }).expect(200);
    const four = await importAs(importerKey, { data: byHash }).expect(200);
    expect(four.body.data[0]).toMatchObject({ status: 'unchanged', documentId: three.body.data[0].documentId });
  });

  it('20 concurrent imports sharing 5 new tags leave exactly 5 tags', async () => {
    const shared = ['Zeta Alpha', 'zeta beta', 'ZETA GAMMA', 'Zeta-Delta', ' zeta   epsilon '];
    const requests = Array.from({ length: 20 }, (_, i) =>
      importAs(importerKey, {
        data: {
          text: `Concurrent story ${i}\n\nParagraph number ${i} of the concurrency test.`,
          externalId: `concurrent/${i}`,
          tags: [shared[i % 5], shared[(i + 1) % 5], shared[(i + 2) % 5], shared[(i + 3) % 5], shared[(i + 4) % 5]],
        },
      }),
    );
    const responses = await Promise.all(requests);
    for (const res of responses) expect(res.body.data?.[0]?.status).toBe('created');
    const tags = await app.strapi.db.query('api::tag.tag').findMany({ where: { slug: { $startsWith: 'zeta' } } });
    expect(tags.map((t: { slug: string }) => t.slug).sort()).toEqual([
      'zeta-alpha',
      'zeta-beta',
      'zeta-delta',
      'zeta-epsilon',
      'zeta-gamma',
    ]);
  });

  it('a batch of 10 with one bad item imports 9 and fails 1, naming the field, in request order', async () => {
    const items: unknown[] = Array.from({ length: 10 }, (_, i) => ({
      text: `Batch story ${i}\n\nBody of batch story ${i}.`,
      externalId: `batch/${i}`,
    }));
    items[4] = { text: 'Bad date story\n\nBody.', externalId: 'batch/4', publishedDate: 'last Tuesday' };
    const before = await rowCounts();
    const res = await importAs(importerKey, { data: items }).expect(200);
    expect(res.body.meta).toEqual({ created: 9, updated: 0, unchanged: 0, failed: 1 });
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'failed',
      'created',
      'created',
      'created',
      'created',
      'created',
    ]);
    expect(res.body.data[4].error.details.field).toBe('publishedDate');
    expect((await rowCounts()).articles).toBe(before.articles + 9 * 1);
  });
});

describe('bad input is refused with a 4xx naming the field, and nothing is written', () => {
  const cases: Array<[string, () => request.Test, number, string | null]> = [
    [
      'a non-JSON body',
      () =>
        request(server)
          .post(IMPORT)
          .set('Authorization', `Bearer ${importerKey}`)
          .set('Content-Type', 'application/json')
          .send('{"data": [ not json'),
      400,
      null,
    ],
    [
      'a text/plain body',
      () => request(server).post(IMPORT).set('Authorization', `Bearer ${importerKey}`).set('Content-Type', 'text/plain').send('hello'),
      400,
      'data',
    ],
    ['no data', () => importAs(importerKey, {}), 400, 'data'],
    ['empty data', () => importAs(importerKey, { data: [] }), 400, 'data'],
    ['data of the wrong type', () => importAs(importerKey, { data: 'text' }), 400, 'data'],
    ['text of the wrong type', () => importAs(importerKey, { data: { text: 42 } }), 400, 'text'],
    ['tags of the wrong type', () => importAs(importerKey, { data: { text: 'Body text here.', tags: 'a,b' } }), 400, 'tags'],
    ['101 items', () => importAs(importerKey, { data: Array.from({ length: 101 }, (_, i) => ({ text: `Story ${i}` })) }), 400, 'data'],
    [
      'an invalid publishedDate',
      () => importAs(importerKey, { data: { text: 'Body text here.', publishedDate: '2025-02-30' } }),
      400,
      'publishedDate',
    ],
    [
      '1,000 tags',
      () => importAs(importerKey, { data: { text: 'Body text here.', tags: Array.from({ length: 1000 }, (_, i) => `tag ${i}`) } }),
      400,
      'tags',
    ],
    [
      'a 10,000-character tag',
      () => importAs(importerKey, { data: { text: 'Body text here.', tags: ['x'.repeat(10000)] } }),
      400,
      'tags[0]',
    ],
    ['an unknown field', () => importAs(importerKey, { data: { text: 'Body text here.', category: 'news' } }), 400, 'category'],
    ['an unknown top-level field', () => importAs(importerKey, { data: { text: 'Body text here.' }, extra: true }), 400, 'extra'],
    ['two document fields', () => importAs(importerKey, { data: { text: 'A', html: '<p>B</p>' } }), 400, 'html'],
    ['an empty document', () => importAs(importerKey, { data: { text: '   ' } }), 400, 'text'],
    ['a bad status', () => importAs(importerKey, { data: { text: 'Body text here.', status: 'live' } }), 400, 'status'],
    ['a javascript: url', () => importAs(importerKey, { data: { text: 'Body text here.', url: 'javascript:alert(1)' } }), 400, 'url'],
  ];

  it.each(cases)('%s', async (_name, send, status, field) => {
    const before = await rowCounts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ status });
    if (field) expect(res.body.error.details.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
    await request(server).get('/api/articles').expect(200);
  });

  it('a body over the size limit answers 413', async () => {
    const before = await rowCounts();
    const res = await importAs(importerKey, { data: { text: 'x'.repeat(17 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
    await request(server).get('/api/articles').expect(200);
  });

  it('control characters and lone surrogates are stripped, not stored', async () => {
    const text = 'Quarry reopens\u0000 after\u0007 repairs\n\nThe quarry \uD800reopened on Friday \uDC00after a year.';
    const res = await importAs(importerKey, { data: { text, externalId: 'control-chars' } }).expect(200);
    const article = await storedArticle(res.body.data[0].documentId);
    expect(article.body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(article.body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(article.body).toContain('reopened on Friday');
  });
});

describe('permissions', () => {
  const item = { data: { text: 'Permission probe\n\nBody.', externalId: 'permission-probe' } };

  it('refuses the public role and read-only tokens', async () => {
    await request(server).post(IMPORT).send(item).expect(403);
    await request(server).post('/api/content-normalizer/preview').send(item).expect(403);
    await importAs(readOnlyKey, item).expect(403);
    await request(server).post('/api/content-normalizer/preview').set('Authorization', `Bearer ${readOnlyKey}`).send(item).expect(403);
    expect(await app.strapi.db.query(ARTICLE).count({ where: { externalId: 'permission-probe' } })).toBe(0);
  });

  it('lets a full-access token import', async () => {
    const res = await importAs(fullAccessKey, item).expect(200);
    expect(res.body.data[0].status).toBe('created');
  });
});

describe('preview', () => {
  it('returns what the engine makes of a document and writes nothing', async () => {
    const before = await rowCounts();
    const res = await request(server)
      .post('/api/content-normalizer/preview')
      .set('Authorization', `Bearer ${importerKey}`)
      .send({ data: { text: readFixture('port-verin-ferry-strike.txt') } })
      .expect(200);
    const expected = readExpectation('port-verin-ferry-strike.txt');
    expect(res.body.data).toMatchObject({
      title: expected.title,
      publishedDate: expected.publishedDate,
      readingTimeMinutes: expected.readingTimeMinutes,
    });
    expect(res.body.data.removed.map((r: { line: number }) => r.line)).toEqual(expected.removed.map((r: { line: number }) => r.line));
    for (const key of ['body', 'authors', 'wordCount', 'language', 'tags', 'problems']) expect(res.body.data).toHaveProperty(key);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a request without data', async () => {
    const res = await request(server)
      .post('/api/content-normalizer/preview')
      .set('Authorization', `Bearer ${importerKey}`)
      .send({})
      .expect(400);
    expect(res.body.error.details.field).toBe('data');
  });
});

describe('tags written directly', () => {
  it('are normalized, found by slug instead of duplicated, and a rename onto another slug is refused', async () => {
    const auth = { Authorization: `Bearer ${fullAccessKey}` };
    const a = await request(server)
      .post('/api/tags')
      .set(auth)
      .send({ data: { name: '  Ocean   Policy. ' } })
      .expect(201);
    expect(a.body.data).toMatchObject({ name: 'Ocean Policy', slug: 'ocean-policy' });
    const b = await request(server)
      .post('/api/tags')
      .set(auth)
      .send({ data: { name: 'ocean policy' } });
    expect(b.body.data.documentId).toBe(a.body.data.documentId);
    expect(await app.strapi.db.query('api::tag.tag').count({ where: { slug: 'ocean-policy' } })).toBe(1);

    const c = await request(server)
      .post('/api/tags')
      .set(auth)
      .send({ data: { name: 'Fisheries' } })
      .expect(201);
    const rename = await request(server)
      .put(`/api/tags/${c.body.data.documentId}`)
      .set(auth)
      .send({ data: { name: 'OCEAN POLICY' } })
      .expect(400);
    expect(rename.body.error.details).toMatchObject({ field: 'name', existing: { slug: 'ocean-policy', name: 'Ocean Policy' } });
    expect(rename.body.error.message).toContain('Ocean Policy');

    await request(server)
      .post('/api/tags')
      .set(auth)
      .send({ data: { name: '1234' } })
      .expect(400);
  });
});
