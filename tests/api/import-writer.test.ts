/**
 * The importer writes articles' rows itself (services/article-writer.ts) instead of through the Document
 * Service. An imported article must read back exactly like one an editor saved with the same content: through
 * the Document Service, through REST, from the tags' side, and after an update.
 */
import request from 'supertest';
import { stringify } from 'qs';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let key: string;

const ARTICLE = 'api::article.article';
/** Differ by nature between two documents, or are private (the editor's original differs from the import's). */
const OWN = new Set([
  'id',
  'documentId',
  'slug',
  'title',
  'externalId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'rawText',
  'cleaningReport',
]);

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  key = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
});

afterAll(async () => {
  await app?.stop();
});

const TEXT = `Quay lights repaired

By Ines Marlow and Tomas Reyes | 2024-05-02

Crews repaired the quay lights overnight after a storm knocked out the wiring.

ADVERTISEMENT

They had been dark for a month, the harbour master said.

Tags: Harbour, Storms, Lighting`;

/** Nested objects compared without the keys that belong to one document only. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !OWN.has(k))
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
}

describe('imported and editor-saved articles are indistinguishable', () => {
  let imported: string;
  let edited: string;

  beforeAll(async () => {
    const res = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${key}`)
      .send({
        data: {
          text: TEXT,
          externalId: 'writer/1',
          source: { name: 'Coastline Courier', url: 'https://courier.example' },
          status: 'published',
        },
      })
      .expect(200);
    imported = res.body.data[0].documentId;

    // The editor saves the same clean content with the same (existing) tags, authors and source.
    const draft = await app.strapi.documents(ARTICLE).findOne({ documentId: imported, populate: ['tags', 'authors', 'source'] } as never);
    const article = draft as unknown as Record<string, unknown> & {
      tags: Array<{ documentId: string }>;
      authors: Array<{ documentId: string }>;
      source: { documentId: string };
    };
    const fields = Object.fromEntries(
      ['body', 'excerpt', 'publishedDate', 'readingTimeMinutes', 'wordCount', 'language', 'url', 'contentHash'].map((k) => [k, article[k]]),
    );
    const saved = await app.strapi.documents(ARTICLE).create({
      data: {
        ...fields,
        title: 'Quay lights repaired (desk copy)',
        tags: article.tags.map((t) => t.documentId),
        authors: article.authors.map((a) => a.documentId),
        source: article.source.documentId,
      },
      status: 'published',
    } as never);
    edited = (saved as unknown as { documentId: string }).documentId;
  });

  it('through the Document Service, draft and published, with every relation', async () => {
    for (const status of ['draft', 'published'] as const) {
      const read = (documentId: string) =>
        app.strapi.documents(ARTICLE).findOne({ documentId, status, populate: { tags: true, authors: true, source: true } } as never);
      const [a, b] = [await read(imported), await read(edited)];
      expect(a).not.toBeNull();
      expect(comparable(a)).toEqual(comparable(b));
      const relations = a as unknown as { tags: Array<{ slug: string }>; authors: Array<{ slug: string }> };
      expect(relations.tags.map((t) => t.slug)).toEqual(['harbour', 'storms', 'lighting']);
      expect(relations.authors.map((t) => t.slug)).toEqual(['ines-marlow', 'tomas-reyes']);
    }
  });

  it('through REST, one by one and in lists, and from the tags and sources', async () => {
    const get = (path: string, query: Record<string, unknown>) =>
      request(server)
        .get(`${path}?${stringify(query)}`)
        .expect(200);
    const one = async (documentId: string) => (await get(`/api/articles/${documentId}`, { populate: '*' })).body.data;
    expect(comparable(await one(imported))).toEqual(comparable(await one(edited)));

    const list = (await get('/api/articles', { populate: '*', sort: 'id:asc' })).body.data as Array<{ documentId: string }>;
    expect(list.map((a) => a.documentId)).toEqual([imported, edited]);

    const tag = (await get('/api/tags', { filters: { slug: 'storms' }, populate: { articles: { fields: ['title'] } } })).body.data[0];
    expect(tag.articles.map((a: { documentId: string }) => a.documentId)).toEqual([imported, edited]);
    const source = (await get('/api/sources', { populate: 'articles' })).body.data[0];
    expect(source.articles.map((a: { documentId: string }) => a.documentId)).toEqual([imported, edited]);
  });

  it('the same rows in the database: a draft and a published row each, links with the same order columns', async () => {
    const knex = app.strapi.db.connection;
    const rows = async (documentId: string) => {
      const articles = await knex('articles').where({ document_id: documentId }).orderBy('id');
      const links = [];
      for (const article of articles) {
        for (const table of ['articles_tags_lnk', 'articles_authors_lnk', 'articles_source_lnk']) {
          const found = await knex(table).where({ article_id: article.id }).orderBy('id');
          links.push(found.map(({ id: _id, article_id: _article, ...rest }: Record<string, unknown>) => ({ table, ...rest })));
        }
      }
      return { published: articles.map((a: { published_at: unknown }) => a.published_at !== null), links };
    };
    const [a, b] = [await rows(imported), await rows(edited)];
    expect(a.published).toEqual([false, true]);
    expect(b.published).toEqual([false, true]);
    // The inverse order (`article_ord`) puts each article after the ones already linked to a tag: the editor's
    // article came second, so its numbers are one higher; the shape is the same.
    const shape = (links: Array<Array<Record<string, unknown>>>) =>
      links.map((group) => group.map((link) => Object.keys(link).sort().join(',')));
    expect(shape(a.links)).toEqual(shape(b.links));
    expect(a.links.flat().every((link) => link.article_ord === 1)).toBe(true);
    expect(b.links.flat().every((link) => link.article_ord === 2)).toBe(true);
  });

  it('an update through the importer reads back like an editor update', async () => {
    const changed = TEXT.replace('Tags: Harbour, Storms, Lighting', 'Tags: Harbour, Lighting, Night work').replace(
      'overnight',
      'in the night',
    );
    const res = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${key}`)
      .send({ data: { text: changed, externalId: 'writer/1', status: 'published' } })
      .expect(200);
    expect(res.body.data[0]).toMatchObject({ status: 'updated', documentId: imported, slug: 'quay-lights-repaired' });

    const draft = (await app.strapi
      .documents(ARTICLE)
      .findOne({ documentId: imported, populate: ['tags', 'authors', 'source'] } as never)) as unknown as Record<string, unknown> & {
      tags: Array<{ documentId: string; slug: string }>;
    };
    await app.strapi.documents(ARTICLE).update({
      documentId: edited,
      data: {
        body: draft.body,
        excerpt: draft.excerpt,
        wordCount: draft.wordCount,
        contentHash: draft.contentHash,
        source: null,
        tags: draft.tags.map((t) => t.documentId),
      },
      status: 'published',
    } as never);
    for (const status of ['draft', 'published'] as const) {
      const read = (documentId: string) =>
        app.strapi.documents(ARTICLE).findOne({ documentId, status, populate: { tags: true, authors: true } } as never);
      expect(comparable(await read(imported))).toEqual(comparable(await read(edited)));
    }
    expect(draft.tags.map((t) => t.slug)).toEqual(['harbour', 'lighting', 'night-work']);
    // One draft and one published row, still.
    expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: imported } })).toBe(2);
  });
});

describe('a whole-batch import ("transaction": "batch") writes what a per-item import writes', () => {
  it('through the Document Service and REST, draft and published', async () => {
    const send = async (body: Record<string, unknown>) =>
      (await request(server).post('/api/articles/import').set('Authorization', `Bearer ${key}`).send(body).expect(200)).body.data;
    // A source of their own: the courier's memory has seen this text often enough by now to learn its lines.
    const item = { text: TEXT.replace('overnight', 'before dawn'), source: 'Batch Desk Courier', status: 'published' };
    const [perItem] = await send({ data: [{ ...item, externalId: 'writer/per-item' }] });
    const [inBatch] = await send({ data: [{ ...item, externalId: 'writer/in-batch' }], transaction: 'batch' });
    expect([perItem.status, inBatch.status]).toEqual(['created', 'created']);
    for (const status of ['draft', 'published'] as const) {
      const read = (documentId: string) =>
        app.strapi.documents(ARTICLE).findOne({ documentId, status, populate: { tags: true, authors: true, source: true } } as never);
      const [a, b] = [await read(perItem.documentId), await read(inBatch.documentId)];
      expect(a).not.toBeNull();
      expect(comparable(b)).toEqual(comparable(a));
    }
    const one = async (documentId: string) =>
      (
        await request(server)
          .get(`/api/articles/${documentId}?${stringify({ populate: '*' })}`)
          .expect(200)
      ).body.data;
    expect(comparable(await one(inBatch.documentId))).toEqual(comparable(await one(perItem.documentId)));
  });
});
