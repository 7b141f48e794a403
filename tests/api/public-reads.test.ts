/**
 * The public article reader (src/public-reads) answers common public reads itself. Its answers must be exactly
 * Strapi's: each query is asked without a token (the reader) and with a read-only token (Strapi, which answers
 * every token's read), and the two answers compared.
 */
import request from 'supertest';
import { stringify } from 'qs';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let readOnly: string;
const ids: string[] = [];
let draftOnly: string;

const TAGS = ['Harbour', 'Storms', 'Ferries', 'Council', 'Fishing'];
const AUTHORS = ['Ines Marlow', 'Tomas Reyes', 'Ada Quinn'];
const SOURCES = ['Coastline Courier', 'Inland Ledger'];

beforeAll(async () => {
  app = await startStrapi({ PUBLIC_CACHE: 'false' });
  server = app.strapi.server.httpServer;
  readOnly = await createApiToken(app.strapi, 'read-only');
  // These articles repeat their lines on purpose; the per-source memory would learn them and its background
  // re-clean would publish articles again (new rows) between the two answers a test compares.
  app.strapi.config.set('plugin::content-normalizer.sourceMemory.threshold', 1_000_000);
  const importer = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
  const items = Array.from({ length: 30 }, (_, i) => ({
    text: `Harbour story number ${String(i).padStart(2, '0')}\n\nBy ${AUTHORS[i % 3]}${i % 4 === 0 ? ` and ${AUTHORS[(i + 1) % 3]}` : ''} | 2024-0${(i % 9) + 1}-1${i % 10}\n\n${'The harbour board met again about the quay. '.repeat(1 + (i % 5))}\n\nTags: ${TAGS[i % 5]}, ${TAGS[(i + 2) % 5]}${i % 3 ? `, ${TAGS[(i + 4) % 5]}` : ''}`,
    externalId: `reads/${i}`,
    status: i % 7 === 6 ? 'draft' : 'published',
    ...(i % 5 === 4 ? {} : { source: SOURCES[i % 2] }),
    ...(i % 6 === 0 ? { url: `https://example.org/story/${i}` } : {}),
  }));
  const res = await request(server)
    .post('/api/articles/import')
    .set('Authorization', `Bearer ${importer}`)
    .send({ data: items })
    .expect(200);
  for (const [i, item] of res.body.data.entries()) {
    expect(item.status).toBe('created');
    if (items[i].status === 'published') ids.push(item.documentId);
    else draftOnly ??= item.documentId;
  }
  // A published article with newer unpublished changes: readers must see the published version.
  await app.strapi.documents('api::article.article').update({ documentId: ids[0], data: { title: 'DRAFT CHANGE' } as never } as never);
});

afterAll(async () => {
  await app?.stop();
});

const LISTS: Array<Record<string, unknown>> = [
  {},
  { populate: '*' },
  { populate: ['tags', 'source'] },
  { populate: 'authors' },
  { populate: { tags: true, authors: true } },
  { sort: 'title:asc' },
  { sort: ['publishedDate:desc', 'title:asc'], populate: '*' },
  { sort: { wordCount: 'desc' } },
  { sort: 'readingTimeMinutes:asc,title:desc' },
  { pagination: { page: 2, pageSize: 5 }, sort: 'title' },
  { pagination: { page: 9, pageSize: 10 }, sort: 'title' },
  { pagination: { start: 3, limit: 4 }, sort: 'title:desc', populate: 'tags' },
  { pagination: { pageSize: 100 }, sort: 'id' },
  { fields: ['title', 'slug'], sort: 'title' },
  { fields: 'title,publishedDate', populate: 'tags', sort: 'title' },
  { filters: { slug: { $eq: 'harbour-story-number-03' } }, populate: '*' },
  { filters: { slug: 'harbour-story-number-05' } },
  { filters: { title: { $eq: 'DRAFT CHANGE' } } },
  { filters: { tags: { slug: { $eq: 'storms' } } }, populate: ['tags'], sort: 'title' },
  { filters: { tags: { slug: { $in: ['ferries', 'council'] } } }, sort: 'publishedDate:asc' },
  { filters: { authors: { slug: 'ada-quinn' } }, populate: 'authors', sort: 'title:desc' },
  { filters: { source: { slug: { $eq: 'inland-ledger' } } }, populate: 'source', sort: 'title' },
  { filters: { publishedDate: { $gte: '2024-05-01', $lt: '2024-08-01' } }, sort: 'publishedDate' },
  { filters: { wordCount: { $gt: '20' } }, sort: 'title' },
  { filters: { url: { $ne: 'https://example.org/story/6' } }, sort: 'title' },
  { filters: { slug: { $notIn: ['harbour-story-number-01', 'harbour-story-number-02'] } }, sort: 'title', pagination: { pageSize: 3 } },
  { filters: { tags: { slug: 'no-such-tag' } } },
  { status: 'draft', sort: 'title' },
];

const get = (path: string, query: Record<string, unknown>, token?: string) => {
  const req = request(server).get(`${path}?${stringify(query)}`);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req;
};

describe('the public article reader answers as Strapi does', () => {
  it.each(LISTS.map((query) => [JSON.stringify(query), query]))('GET /api/articles %s', async (_name, query) => {
    const reader = await get('/api/articles', query);
    const strapi = await get('/api/articles', { ...query, status: undefined }, readOnly);
    expect(reader.status).toBe(200);
    expect(reader.headers['x-read-path']).toBe('fast');
    expect(strapi.headers['x-read-path']).toBeUndefined();
    expect(reader.body).toEqual(strapi.body);
  });

  it('one article by documentId, with and without populate and fields', async () => {
    for (const query of [{}, { populate: '*' }, { populate: ['tags'] }, { fields: ['title'], populate: 'source' }]) {
      for (const documentId of ids.slice(0, 6)) {
        const reader = await get(`/api/articles/${documentId}`, query);
        const strapi = await get(`/api/articles/${documentId}`, query, readOnly);
        expect(reader.headers['x-read-path']).toBe('fast');
        expect(reader.body).toEqual(strapi.body);
      }
    }
    expect((await get(`/api/articles/${ids[0]}`, {})).body.data.title).not.toBe('DRAFT CHANGE');
  });

  it('a draft-only or unknown document answers 404 in the same envelope', async () => {
    for (const documentId of [draftOnly, 'nosuchdocumentid000000000']) {
      const reader = await get(`/api/articles/${documentId}`, { populate: '*' });
      const strapi = await get(`/api/articles/${documentId}`, { populate: '*' }, readOnly);
      expect(reader.status).toBe(404);
      expect(reader.body).toEqual(strapi.body);
    }
  });

  it("a list's total follows publishing and unpublishing at once (totals are kept per content generation)", async () => {
    const total = async (query: Record<string, unknown>) => {
      const res = await get('/api/articles', query);
      expect(res.headers['x-read-path']).toBe('fast');
      return res.body.meta.pagination.total as number;
    };
    const byTag = { filters: { tags: { slug: { $eq: 'storms' } } }, sort: 'publishedDate:desc', pagination: { page: 2, pageSize: 2 } };
    const all = { sort: 'publishedDate:desc', pagination: { page: 3, pageSize: 4 } };
    const [allBefore, tagBefore] = [await total(all), await total(byTag)];
    const documents = app.strapi.documents('api::article.article');
    const { documentId } = (await documents.create({
      data: { title: 'A new storm story', tags: [] } as never,
      status: 'published',
    } as never)) as {
      documentId: string;
    };
    expect(await total(all)).toBe(allBefore + 1);
    expect(await total(byTag)).toBe(tagBefore);
    await documents.unpublish({ documentId } as never);
    expect(await total(all)).toBe(allBefore);
    // The answer is still Strapi's, deep pages and the total included.
    for (const query of [all, byTag, { sort: 'publishedDate:asc', pagination: { page: 5, pageSize: 3 } }]) {
      expect((await get('/api/articles', query)).body).toEqual((await get('/api/articles', query, readOnly)).body);
    }
  });

  it('leaves to Strapi what it does not know, and Strapi answers as before', async () => {
    for (const query of [
      { filters: { title: { $containsi: 'story' } } },
      { filters: { $or: [{ slug: 'a' }, { slug: 'b' }] } },
      { populate: { tags: { fields: ['name'] } } },
      { pagination: { page: 1, pageSize: 5, withCount: false } },
      { sort: 'tags.name' },
      { _q: 'harbour' },
    ]) {
      const res = await get('/api/articles', query);
      expect(res.headers['x-read-path']).toBeUndefined();
      expect(res.status).toBeLessThan(500);
    }
  });
});
