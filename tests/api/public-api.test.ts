import { execFile } from 'child_process';
import { promisify } from 'util';
import path from 'path';
import request from 'supertest';
import { APP_DIR, startStrapi, type TestApp } from '../helpers/strapi';

const run = promisify(execFile);

let app: TestApp;
let server: Parameters<typeof request>[0];

const ARTICLE = 'api::article.article';

async function createArticle(data: Record<string, unknown>, status: 'draft' | 'published') {
  return app.strapi.documents(ARTICLE).create({ data: data as never, status } as never);
}

beforeAll(async () => {
  // Every write counts at once here; the write window (on by default) has its own test in public-cache.test.ts.
  app = await startStrapi({ PUBLIC_CACHE_WRITE_WINDOW_MS: '0' });
  server = app.strapi.server.httpServer;

  const tag = await app.strapi.documents('api::tag.tag').create({ data: { name: 'Harbour Works' } as never });
  const other = await app.strapi.documents('api::tag.tag').create({ data: { name: 'Weather' } as never });
  const author = await app.strapi.documents('api::author.author').create({ data: { name: 'Ines Marlow' } as never });
  const source = await app.strapi
    .documents('api::source.source')
    .create({ data: { name: 'Coastline Courier', url: 'https://courier.example' } as never });

  await createArticle(
    {
      title: 'Harbour dredging starts after two-year delay',
      body: 'Crews began dredging the north channel on Monday.\n\nThe work should take eleven weeks.',
      rawText: 'RAW SECRET TEXT',
      cleaningReport: { removed: [{ line: 1, text: 'ADVERTISEMENT', rule: 'ad-line' }] },
      tags: [tag.documentId],
      authors: [author.documentId],
      source: source.documentId,
    },
    'published',
  );
  await createArticle(
    { title: 'Storm warning lifted for the coast', body: 'The warning ended at noon.', tags: [other.documentId] },
    'published',
  );
  await createArticle({ title: 'Unpublished draft about the harbour budget', body: 'Not ready yet.', tags: [tag.documentId] }, 'draft');
});

afterAll(async () => {
  await app?.stop();
});

describe('public REST API', () => {
  it('lists published articles with authors, tags and source populated, and without private fields', async () => {
    const res = await request(server).get('/api/articles').query({ populate: '*' }).expect(200);
    const titles = res.body.data.map((article: { title: string }) => article.title).sort();
    expect(titles).toEqual(['Harbour dredging starts after two-year delay', 'Storm warning lifted for the coast']);

    const harbour = res.body.data.find((article: { title: string }) => article.title.startsWith('Harbour'));
    expect(harbour.tags.map((t: { slug: string }) => t.slug)).toEqual(['harbour-works']);
    expect(harbour.authors.map((a: { name: string }) => a.name)).toEqual(['Ines Marlow']);
    expect(harbour.source).toMatchObject({ name: 'Coastline Courier', slug: 'coastline-courier' });
    for (const article of res.body.data) {
      expect(article).not.toHaveProperty('rawText');
      expect(article).not.toHaveProperty('cleaningReport');
    }
    expect(JSON.stringify(res.body)).not.toContain('RAW SECRET TEXT');
  });

  it('filters by tag slug and never shows drafts', async () => {
    const res = await request(server)
      .get('/api/articles')
      .query({ 'filters[tags][slug][$eq]': 'harbour-works', populate: 'tags' })
      .expect(200);
    expect(res.body.data.map((a: { title: string }) => a.title)).toEqual(['Harbour dredging starts after two-year delay']);

    const drafts = await request(server).get('/api/articles').query({ status: 'draft' }).expect(200);
    expect(drafts.body.data.map((a: { title: string }) => a.title)).not.toContain('Unpublished draft about the harbour budget');
  });

  it('fetches one article by slug and by documentId', async () => {
    const bySlug = await request(server)
      .get('/api/articles')
      .query({ 'filters[slug][$eq]': 'harbour-dredging-starts-after-two-year-delay' })
      .expect(200);
    expect(bySlug.body.data).toHaveLength(1);
    const one = await request(server).get(`/api/articles/${bySlug.body.data[0].documentId}`).expect(200);
    expect(one.body.data.title).toBe('Harbour dredging starts after two-year delay');
    expect(one.body.data).not.toHaveProperty('rawText');
  });

  it('lists tags, authors and sources publicly', async () => {
    for (const kind of ['tags', 'authors', 'sources']) {
      const res = await request(server).get(`/api/${kind}`).expect(200);
      expect(res.body.data.length).toBeGreaterThan(0);
    }
  });

  it('refuses public create, update and delete', async () => {
    const before = await app.strapi.db.query(ARTICLE).count();
    await request(server)
      .post('/api/articles')
      .send({ data: { title: 'Sneaky' } })
      .expect(403);
    const target = (await request(server).get('/api/articles')).body.data[0].documentId;
    await request(server)
      .put(`/api/articles/${target}`)
      .send({ data: { title: 'Changed' } })
      .expect(403);
    await request(server).delete(`/api/articles/${target}`).expect(403);
    await request(server)
      .post('/api/tags')
      .send({ data: { name: 'Sneaky' } })
      .expect(403);
    expect(await app.strapi.db.query(ARTICLE).count()).toBe(before);
  });
});

describe('public read cache', () => {
  /** Reads until `done` holds for an answer (background work is settling), at most `ms`. */
  async function readUntil(url: string, done: (res: request.Response) => boolean, ms = 3000) {
    const until = Date.now() + ms;
    for (;;) {
      const res = await request(server).get(url).expect(200);
      if (done(res) || Date.now() > until) return res;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('answers a repeated public read from memory; after a change, the previous answer until the page is recomputed in the background', async () => {
    const url = '/api/articles?populate=tags&sort=title&filters[title][$notContains]=zzz';
    const first = await request(server).get(url).expect(200);
    expect(first.headers['x-public-cache']).toBe('miss');
    const hit = await request(server).get(url).expect(200);
    expect([hit.status, hit.headers['x-public-cache']]).toEqual([200, 'hit']);
    const before = hit.body.data.length;

    await createArticle({ title: 'Ferry fares frozen', body: 'Fares stay the same this winter.' }, 'published');
    // Readers right after the change get the previous answer at once, and never wait for the recomputation.
    const burst = await Promise.all(Array.from({ length: 6 }, () => request(server).get(url).expect(200)));
    for (const res of burst) {
      expect(['stale', 'hit']).toContain(res.headers['x-public-cache']);
      expect(res.body.data.length).toBe(res.headers['x-public-cache'] === 'stale' ? before : before + 1);
    }
    expect(burst.some((res) => res.headers['x-public-cache'] === 'stale')).toBe(true);
    // The page was recomputed once, in the background: soon every reader gets the new answer from memory.
    const settled = await readUntil(url, (res) => res.headers['x-public-cache'] === 'hit');
    expect([settled.headers['x-public-cache'], settled.body.data.length]).toEqual(['hit', before + 1]);

    // A draft changes nothing a reader can see: the cached answer stays.
    await createArticle({ title: 'Harbour fees draft', body: 'Not yet.' }, 'draft');
    expect((await request(server).get(url).expect(200)).headers['x-public-cache']).toBe('hit');

    // Another instance's write shows up as a new generation in the database, read again (in the background)
    // once it is a second old.
    await app.strapi.store({ type: 'core', name: 'public-cache' }).set({ key: 'generation', value: 'written-elsewhere' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const seen = await readUntil(url, (res) => res.headers['x-public-cache'] !== 'hit');
    expect(seen.headers['x-public-cache']).toBe('stale');

    // Requests with credentials never see cached answers.
    const withToken = await request(server).get(url).set('Authorization', 'Bearer not-a-token');
    expect(withToken.headers['x-public-cache']).toBeUndefined();
  });
});

describe('npm run token', () => {
  it('prints only an access key, which can create an article', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(APP_DIR, 'scripts', 'token.js'), '--name', 'ci-writer', '--type', 'full-access'],
      {
        cwd: APP_DIR,
        env: process.env,
        timeout: 120000,
      },
    );
    const key = stdout.trim();
    expect(key).toMatch(/^[0-9a-f]{64,}$/);

    const res = await request(server)
      .post('/api/articles')
      .set('Authorization', `Bearer ${key}`)
      .send({ data: { title: 'Created with a command-line token', body: 'Plain body.' } })
      .expect(201);
    expect(res.body.data.title).toBe('Created with a command-line token');
  });

  it('makes the importer token by default: import yes, article create no', async () => {
    const { stdout } = await run(process.execPath, [path.join(APP_DIR, 'scripts', 'token.js'), '--name', 'ci-importer'], {
      cwd: APP_DIR,
      env: process.env,
      timeout: 120000,
    });
    const key = stdout.trim();
    await request(server)
      .post('/api/articles')
      .set('Authorization', `Bearer ${key}`)
      .send({ data: { title: 'x' } })
      .expect(403);
    const res = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${key}`)
      .send({
        data: { text: 'A short note about the tide tables.\n\nThey are printed weekly.', title: 'Tide tables', externalId: 'token-test-1' },
      })
      .expect(200);
    expect(res.body.meta.created).toBe(1);
  });
});
