/**
 * Readers without a token see published articles only, by every public route and at every populate depth,
 * whatever they send; so do users-permissions users whose role may only find/findOne. API tokens may read drafts.
 */
import request from 'supertest';
// Strapi reads nested parameters the qs way (indexed lists); supertest's own serializer drops the indices.
import { stringify } from 'qs';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];

const ARTICLE = 'api::article.article';
/** Every value only a draft or a private field holds contains one of these. */
const SECRET = /EMBARGO|PRIVATE/;

const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  const documents = (uid: string) => app.strapi.documents(uid as never);

  const tag = await documents('api::tag.tag').create({ data: { name: 'Harbour' } as never });
  const draftTag = await documents('api::tag.tag').create({ data: { name: 'Budget' } as never });
  const author = await documents('api::author.author').create({ data: { name: 'Ines Marlow' } as never });
  const draftAuthor = await documents('api::author.author').create({ data: { name: 'Tomas Reyes' } as never });
  const source = await documents('api::source.source').create({ data: { name: 'Coastline Courier' } as never });
  const draftSource = await documents('api::source.source').create({ data: { name: 'Inland Ledger' } as never });
  Object.assign(ids, {
    tag: tag.documentId,
    draftTag: draftTag.documentId,
    author: author.documentId,
    draftAuthor: draftAuthor.documentId,
    source: source.documentId,
    draftSource: draftSource.documentId,
  });

  const published = await documents(ARTICLE).create({
    data: {
      title: 'Harbour reopens after repairs',
      body: 'The harbour reopened on Monday after three weeks of repairs to the sea wall.',
      rawText: 'PRIVATE raw text of the published article',
      cleaningReport: { removed: [{ line: 1, text: 'PRIVATE removed line', rule: 'ad-line' }], problems: [] },
      tags: [tag.documentId],
      authors: [author.documentId],
      source: source.documentId,
    } as never,
    status: 'published',
  } as never);
  ids.published = published.documentId;
  // Unpublished changes to a published article are a draft too: an embargoed correction, say.
  await documents(ARTICLE).update({
    documentId: published.documentId,
    data: { title: 'EMBARGO correction to the harbour story', tags: [tag.documentId, draftTag.documentId] } as never,
  } as never);

  const draft = await documents(ARTICLE).create({
    data: {
      title: 'EMBARGO budget cuts announced',
      body: 'EMBARGO: the council will cut the harbour budget by a third.',
      tags: [tag.documentId, draftTag.documentId],
      authors: [author.documentId, draftAuthor.documentId],
      source: draftSource.documentId,
    } as never,
  } as never);
  ids.draft = draft.documentId;
});

afterAll(async () => {
  await app?.stop();
});

type Query = Record<string, unknown>;

const STATUSES: Array<Query> = [{}, { status: 'draft' }, { status: 'published' }, { status: 'junk' }, { status: ['draft', 'published'] }];

/** Populate shapes per route: none, one level, two and three levels deep, and `*`. */
const POPULATES: Record<string, Array<Query>> = {
  articles: [
    {},
    { populate: '*' },
    { populate: { tags: true, authors: true, source: true } },
    { populate: { tags: { populate: { articles: true } } } },
    { populate: { tags: { populate: { articles: { populate: { authors: { populate: ['articles'] } } } } } } },
  ],
  taxonomy: [
    {},
    { populate: '*' },
    { populate: 'articles' },
    { populate: { articles: { populate: { tags: true, authors: true, source: true } } } },
    { populate: { articles: { populate: { tags: { populate: ['articles'] } } } } },
  ],
};

function expectNoLeak(res: request.Response, what: string) {
  expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
  const text = JSON.stringify(res.body);
  expect({ what, secret: SECRET.exec(text)?.[0] ?? null }).toEqual({ what, secret: null });
  expect({ what, draft: text.includes(ids.draft) }).toEqual({ what, draft: false });
  expect({ what, privateField: /"(rawText|cleaningReport)":/.test(JSON.stringify(res.body.data ?? null)) }).toEqual({
    what,
    privateField: false,
  });
  if (res.status >= 400) expect(res.body.error).toMatchObject({ status: res.status, name: expect.any(String) });
}

async function probe(auth: string | null) {
  const routes: Array<{ path: string; kind: 'articles' | 'taxonomy' }> = [
    { path: '/api/articles', kind: 'articles' },
    { path: `/api/articles/${ids.published}`, kind: 'articles' },
    { path: `/api/articles/${ids.draft}`, kind: 'articles' },
  ];
  for (const [plural, id, draftOnlyId] of [
    ['tags', ids.tag, ids.draftTag],
    ['authors', ids.author, ids.draftAuthor],
    ['sources', ids.source, ids.draftSource],
  ]) {
    routes.push({ path: `/api/${plural}`, kind: 'taxonomy' }, { path: `/api/${plural}/${id}`, kind: 'taxonomy' });
    routes.push({ path: `/api/${plural}/${draftOnlyId}`, kind: 'taxonomy' });
  }
  let requests = 0;
  for (const route of routes) {
    for (const status of STATUSES) {
      for (const populate of POPULATES[route.kind]) {
        const query = { ...status, ...populate };
        const req = request(server).get(route.path).query(stringify(query));
        if (auth) req.set('Authorization', auth);
        const res = await req;
        requests += 1;
        expectNoLeak(res, `${route.path} ${JSON.stringify(query)}`);
      }
    }
  }
  return requests;
}

describe('no draft article and no private field reaches a reader without a token', () => {
  it('every public route × status × populate depth', async () => {
    expect(await probe(null)).toBe(12 * STATUSES.length * 5);
  });

  it('the published article is there, with its published title and tags, whatever status is asked', async () => {
    for (const status of [undefined, 'draft', 'published']) {
      const res = await request(server)
        .get('/api/tags')
        .query(stringify({ ...(status ? { status } : {}), populate: 'articles', filters: { slug: { $eq: 'harbour' } } }))
        .expect(200);
      expect(res.body.data[0].articles.map((a: { title: string }) => a.title)).toEqual(['Harbour reopens after repairs']);
    }
    const one = await request(server)
      .get(`/api/articles/${ids.published}`)
      .query(stringify({ status: 'draft', populate: 'tags' }))
      .expect(200);
    expect(one.body.data.title).toBe('Harbour reopens after repairs');
    expect(one.body.data.tags.map((t: { slug: string }) => t.slug)).toEqual(['harbour']);
  });

  it('a document that is only a draft answers 404', async () => {
    for (const status of [undefined, 'draft', 'published', 'junk']) {
      const res = await request(server)
        .get(`/api/articles/${ids.draft}`)
        .query(stringify(status ? { status } : {}));
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
  });

  it('filters through relations cannot tell whether a draft exists', async () => {
    const count = async (path: string, query: Query) => {
      const res = await request(server).get(path).query(stringify(query));
      expectNoLeak(res, `${path} ${JSON.stringify(query)}`);
      return res.status === 200 ? res.body.data.length : res.status;
    };
    // Each of these would select something only if draft rows took part in the join.
    expect(await count('/api/tags', { filters: { articles: { title: { $startsWith: 'EMBARGO' } } } })).toBe(0);
    expect(await count('/api/tags', { status: 'draft', filters: { articles: { documentId: { $eq: ids.draft } } } })).toBe(0);
    expect(await count('/api/authors', { filters: { articles: { title: { $containsi: 'budget' } } } })).toBe(0);
    expect(
      await count('/api/sources', { filters: { $or: [{ name: { $eq: 'x' } }, { articles: { title: { $startsWith: 'EMBARGO' } } }] } }),
    ).toBe(0);
    // An operator that needs a list, given an object, is a bad request (Strapi itself would answer 500).
    const malformed = await request(server).get('/api/sources?filters[$or][articles][title][$startsWith]=EMBARGO');
    expect([malformed.status, malformed.body.error?.details?.field]).toEqual([400, 'filters']);
    expect(await count('/api/sources', { filters: { articles: { publishedAt: { $null: true } } } })).toBe(0);
    expect(await count('/api/articles', { filters: { tags: { articles: { title: { $startsWith: 'EMBARGO' } } } } })).toBe(0);
    expect(
      await count('/api/tags', {
        populate: { articles: { populate: { tags: { filters: { articles: { title: { $startsWith: 'EMB' } } } } } } },
      }),
    ).toBeGreaterThan(0);
    // $not over a relation: "tags with no draft-titled article" must be every tag, as if drafts did not exist.
    const all = await count('/api/tags', {});
    expect(await count('/api/tags', { filters: { $not: { articles: { title: { $startsWith: 'EMBARGO' } } } } })).toBe(all);
    // Private fields are not filterable: refused, never an oracle.
    for (const [path, filters] of [
      ['/api/articles', { rawText: { $contains: 'PRIVATE' } }],
      ['/api/tags', { articles: { rawText: { $contains: 'PRIVATE' } } }],
      ['/api/tags', { articles: { cleaningReport: { $contains: 'PRIVATE' } } }],
      ['/api/articles', { $or: [{ title: { $eq: 'x' } }, { rawText: { $contains: 'PRIVATE' } }] }],
    ] as const) {
      const res = await request(server).get(path).query(stringify({ filters }));
      expectNoLeak(res, `${path} ${JSON.stringify(filters)}`);
      expect(res.status === 400 || res.body.data.length === (path === '/api/tags' ? 0 : 1)).toBe(true);
    }
  });

  it('populate filters and sorting through relations cannot reveal drafts either', async () => {
    const tagsOfPopulated = await request(server)
      .get('/api/articles')
      .query(stringify({ populate: { tags: { filters: { articles: { title: { $startsWith: 'EMBARGO' } } } } } }));
    expectNoLeak(tagsOfPopulated, 'populate filters');
    expect(tagsOfPopulated.body.data.flatMap((a: { tags: unknown[] }) => a.tags)).toEqual([]);

    for (const sort of ['articles.title:asc', 'articles.title:desc', 'articles.publishedAt']) {
      const res = await request(server).get('/api/tags').query(stringify({ sort }));
      expectNoLeak(res, `sort ${sort}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toMatchObject({ field: 'sort' });
    }
  });

  it('other parameters Strapi accepts change nothing', async () => {
    const queries: Query[] = [
      { fields: ['rawText'] },
      { fields: ['title', 'cleaningReport'] },
      { populate: { articles: { fields: ['rawText', 'title'] } } },
      { hasPublishedVersion: 'false' },
      { hasPublishedVersion: 'true', status: 'draft' },
      { publicationFilter: 'never-published', status: 'draft' },
      { publicationFilter: 'modified', status: 'draft' },
      { locale: '*' },
      { locale: 'en', status: 'draft' },
      { _q: 'EMBARGO' },
      { pagination: { pageSize: 100, withCount: true }, status: 'draft' },
      { publicationState: 'preview' },
      { filters: { publishedAt: { $null: true } } },
      { populate: { articles: { count: true } } },
    ];
    for (const path of ['/api/articles', '/api/tags']) {
      for (const query of queries) {
        const res = await request(server)
          .get(path)
          .query(stringify({ populate: path === '/api/tags' ? 'articles' : '*', ...query }));
        expectNoLeak(res, `${path} ${JSON.stringify(query)}`);
      }
    }
    // Strapi's `_q` searches every text column: not the private ones.
    for (const q of ['EMBARGO', 'PRIVATE']) {
      const search = await request(server)
        .get('/api/articles')
        .query(stringify({ _q: q, status: 'draft' }));
      expect(search.status === 400 || search.body.data.length === 0).toBe(true);
    }
    const counted = await request(server)
      .get('/api/tags')
      .query(stringify({ populate: { articles: { count: true } }, filters: { slug: 'budget' } }));
    expect(counted.status === 400 || counted.body.data[0].articles.count === 0).toBe(true);
  });
});

describe('users-permissions users', () => {
  it('a logged-in user whose role may only read sees what a public reader sees', async () => {
    const roles = app.strapi.db.query('plugin::users-permissions.role');
    const authenticated = await roles.findOne({ where: { type: 'authenticated' } });
    const permissions = app.strapi.db.query('plugin::users-permissions.permission');
    for (const name of ['article', 'author', 'tag', 'source']) {
      for (const action of ['find', 'findOne']) {
        await permissions.create({ data: { action: `api::${name}.${name}.${action}`, role: authenticated.id } });
      }
    }
    await app.strapi.plugin('users-permissions').service('user').add({
      username: 'reader',
      email: 'reader@newsroom.test',
      password: 'Reader-Passw0rd!',
      provider: 'local',
      confirmed: true,
      role: authenticated.id,
    });
    const login = await request(server).post('/api/auth/local').send({ identifier: 'reader@newsroom.test', password: 'Reader-Passw0rd!' });
    expect(login.status).toBe(200);
    expect(await probe(`Bearer ${login.body.jwt}`)).toBeGreaterThan(0);
  });
});

describe('API tokens behave as before', () => {
  it('a read-only token may read drafts with status=draft', async () => {
    const token = await createApiToken(app.strapi, 'read-only');
    const res = await request(server)
      .get(`/api/articles/${ids.draft}`)
      .query(stringify({ status: 'draft' }))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body.data.title).toBe('EMBARGO budget cuts announced');
    const tags = await request(server)
      .get('/api/tags')
      .query(stringify({ status: 'draft', populate: 'articles', filters: { slug: 'budget' } }))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(tags.body.data[0].articles.map((a: { title: string }) => a.title).sort()).toEqual([
      'EMBARGO budget cuts announced',
      'EMBARGO correction to the harbour story',
    ]);
  });
});
