import request from 'supertest';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let token: string;

async function importItems(items: Array<Record<string, unknown>>) {
  const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${token}`).send({ data: items }).expect(200);
  expect(res.body.meta.failed).toBe(0);
  return res.body.data as Array<{ documentId: string; slug: string }>;
}

const story = (n: number, title = `Lighthouse keepers story ${n}`) => ({
  externalId: `http-cache/${n}`,
  status: 'published',
  title,
  publishedDate: `2024-02-0${n}`,
  text: `${title}\n\nThe lighthouse keepers met on the pier, story ${n}.`,
  tags: ['Lighthouses'],
  authors: ['Ada Keeper'],
});

let first: { documentId: string; slug: string };
let tagId: string;

/** Public pages a change to the first story can affect: lists, the article, its tag, search and the feeds. */
const pages = () => [
  '/api/articles?populate=*',
  `/api/articles/${first.documentId}`,
  `/api/articles?filters[slug][$eq]=${first.slug}`,
  `/api/tags/${tagId}?populate=articles`,
  '/api/articles/search?q=lighthouse',
  '/api/feeds/articles.rss',
  '/api/feeds/articles.atom',
  '/api/feeds/articles.json',
];

beforeAll(async () => {
  app = await startStrapi({ PUBLIC_CACHE_WRITE_WINDOW_MS: '0', HTTP_CACHE_MAX_AGE: '45', HTTP_CACHE_STALE_WHILE_REVALIDATE: '90' });
  server = app.strapi.server.httpServer;
  token = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import', 'api::article.article.find']);
  [first] = await importItems([story(1), story(2)]);
  const tags = await request(server).get('/api/tags').expect(200);
  tagId = tags.body.data[0].documentId;
});

afterAll(async () => {
  await app?.stop();
});

describe('HTTP caching of public GETs', () => {
  it('gives every public read an ETag and a configurable public Cache-Control', async () => {
    for (const page of [...pages(), '/api/openapi.json', '/api/authors', '/api/sources']) {
      const res = await request(server).get(page).expect(200);
      expect([page, res.headers['cache-control']]).toEqual([page, 'public, max-age=45, stale-while-revalidate=90']);
      expect([page, res.headers.etag]).toEqual([page, expect.stringMatching(/^"[A-Za-z0-9_-]{27}"$/)]);
      expect(res.headers.vary).toMatch(/Authorization/);
    }
  });

  it('answers If-None-Match with 304 and no body, and a stale tag with the page', async () => {
    for (const page of pages()) {
      const res = await request(server).get(page).expect(200);
      const again = await request(server).get(page).set('If-None-Match', res.headers.etag);
      expect([page, again.status, again.text ?? '']).toEqual([page, 304, '']);
      expect(again.headers.etag).toBe(res.headers.etag);
      const other = await request(server).get(page).set('If-None-Match', '"not-this-one"');
      expect([page, other.status]).toEqual([page, 200]);
      expect(other.headers.etag).toBe(res.headers.etag);
    }
  });

  it('changes the ETag of every page a write affects', async () => {
    const before = new Map<string, string>();
    for (const page of pages()) before.set(page, (await request(server).get(page).expect(200)).headers.etag);
    // A lone write, not part of a burst (during one, readers may get the previous answer for a moment: README).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await importItems([story(1, 'Lighthouse keepers story 1, corrected')]);
    for (const page of pages()) {
      const res = await request(server).get(page).set('If-None-Match', before.get(page)!);
      expect([page, res.status]).toEqual([page, 200]);
      expect(res.headers.etag).not.toBe(before.get(page));
    }
  });

  it('marks anything sent with credentials private, no-store, without an ETag', async () => {
    const read = await request(server).get('/api/articles').set('Authorization', `Bearer ${token}`).expect(200);
    expect(read.headers['cache-control']).toBe('private, no-store');
    expect(read.headers.etag).toBeUndefined();
    const write = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: story(2) })
      .expect(200);
    expect(write.headers['cache-control']).toBe('private, no-store');
    // Search and feeds show published articles only, the same to everyone: a read-only token may use them.
    const readOnly = await createApiToken(app.strapi, 'read-only');
    for (const page of ['/api/articles/search?q=lighthouse', '/api/feeds/articles.json']) {
      const res = await request(server).get(page).set('Authorization', `Bearer ${readOnly}`).expect(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('does not let caches keep failures', async () => {
    const missing = await request(server).get('/api/articles/nosucharticle0000000000').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
    const bad = await request(server).get('/api/articles/search?q=').expect(400);
    expect(bad.headers['cache-control']).toBe('no-store');
  });
});
