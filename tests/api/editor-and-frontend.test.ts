import type { AddressInfo } from 'net';
import request from 'supertest';
import { strapi as createClient } from '@strapi/client';
import { ADMIN, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { readFixture } from '../helpers/fixtures';

let app: TestApp;
let server: Parameters<typeof request>[0];
let jwt: string;

const CM = '/content-manager/collection-types';
const ARTICLE = 'api::article.article';

const asEditor = (req: request.Test) => req.set('Authorization', `Bearer ${jwt}`);

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  const login = await request(server).post('/admin/login').send({ email: ADMIN.email, password: ADMIN.password }).expect(200);
  jwt = login.body.data.token ?? login.body.data.accessToken;
  expect(jwt).toBeTruthy();
});

afterAll(async () => {
  await app?.stop();
});

describe('an editor saving in the Content Manager', () => {
  const body = [
    'The tide gauge at Sandbar Point was replaced this week after a storm bent its mast.',
    '',
    'ADVERTISEMENT',
    '',
    'Engineers said the new gauge reports every six minutes instead of every hour.',
    '',
    '© 2024 Sandbar Weekly. All rights reserved.',
  ].join('\n');

  let documentId: string;

  it('stores the cleaned body and a single tag for " Human  rights " and "human rights"', async () => {
    const first = await asEditor(request(server).post(`${CM}/api::tag.tag`))
      .send({ name: ' Human  rights ' })
      .expect(201);
    const second = await asEditor(request(server).post(`${CM}/api::tag.tag`)).send({ name: 'human rights' });
    expect(second.status).toBeLessThan(300);
    expect(second.body.data.documentId).toBe(first.body.data.documentId);

    const created = await asEditor(request(server).post(`${CM}/${ARTICLE}`))
      .send({
        title: 'New tide gauge at Sandbar Point',
        body,
        tags: { connect: [{ documentId: first.body.data.documentId }, { documentId: second.body.data.documentId }] },
      })
      .expect(201);
    documentId = created.body.data.documentId;

    const reloaded = await asEditor(request(server).get(`${CM}/${ARTICLE}/${documentId}`)).expect(200);
    expect(reloaded.body.data.body).toBe(
      'The tide gauge at Sandbar Point was replaced this week after a storm bent its mast.\n\nEngineers said the new gauge reports every six minutes instead of every hour.',
    );
    const stored = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, populate: ['tags'] });
    expect(stored.tags.map((t: { name: string; slug: string }) => [t.name, t.slug])).toEqual([['Human rights', 'human-rights']]);
    expect(await app.strapi.db.query('api::tag.tag').count({ where: { slug: 'human-rights' } })).toBe(1);
    expect(stored.rawText).toBe(body);
    expect(stored.cleaningReport.removed.map((r: { rule: string }) => r.rule).sort()).toEqual(['ad-line', 'copyright-footer']);
  });

  it('saving the clean article again changes nothing, and publishing cleans nothing twice', async () => {
    const before = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } });
    await asEditor(request(server).put(`${CM}/${ARTICLE}/${documentId}`))
      .send({ title: before.title, body: before.body })
      .expect(200);
    const after = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } });
    expect(after.body).toBe(before.body);
    expect(after.rawText).toBe(before.rawText);
    expect(after.cleaningReport).toEqual(before.cleaningReport);

    await asEditor(request(server).post(`${CM}/${ARTICLE}/${documentId}/actions/publish`))
      .send({})
      .expect(200);
    const published = await app.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId, publishedAt: { $notNull: true } }, populate: ['tags'] });
    expect(published.body).toBe(before.body);
    expect(published.cleaningReport).toEqual(before.cleaningReport);
    expect(published.tags).toHaveLength(1);
  });

  it('turns a keyword line the editor typed into tags', async () => {
    const created = await asEditor(request(server).post(`${CM}/${ARTICLE}`))
      .send({
        title: 'Ferry timetable changes',
        body: 'The winter timetable starts on Monday.\n\nTags: Ferries, Winter Timetable, ferries',
      })
      .expect(201);
    const stored = await app.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId: created.body.data.documentId, publishedAt: null }, populate: ['tags'] });
    expect(stored.body).toBe('The winter timetable starts on Monday.');
    expect(stored.tags.map((t: { slug: string }) => t.slug).sort()).toEqual(['ferries', 'winter-timetable']);
  });
});

describe('a frontend using @strapi/client', () => {
  let baseURL: string;

  beforeAll(async () => {
    const key = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
    for (const file of ['port-verin-ferry-strike.txt', 'sequia-valle-ardiente.txt']) {
      await request(server)
        .post('/api/articles/import')
        .set('Authorization', `Bearer ${key}`)
        .send({
          data: {
            text: readFixture(file),
            externalId: file,
            status: 'published',
            source: { name: 'Harbor Gazette', url: 'https://gazette.example' },
          },
        })
        .expect(200);
    }
    // The test server already listens (tests/helpers/strapi.ts).
    baseURL = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}/api`;
  });

  it('lists, filters by tag slug and fetches by slug, without private fields', async () => {
    const client = createClient({ baseURL });
    const articles = client.collection('articles');

    const list = await articles.find({ populate: ['tags', 'authors', 'source'], sort: 'title' });
    expect(list.data.length).toBeGreaterThanOrEqual(2);
    for (const article of list.data) {
      expect(article).not.toHaveProperty('rawText');
      expect(article).not.toHaveProperty('cleaningReport');
    }

    const strike = await articles.find({ filters: { tags: { slug: { $eq: 'ferry-strike' } } }, populate: ['tags', 'authors', 'source'] });
    expect(strike.data.map((a) => a.title)).toEqual(['Ferry Workers End Nine-Day Strike at Port Verin After Late-Night Deal']);
    const article = strike.data[0] as unknown as { slug: string; authors: { name: string }[]; source: { slug: string } };
    expect(article.authors.map((a) => a.name)).toContain('Anna Kowalczyk');
    expect(article.source.slug).toBe('harbor-gazette');

    const bySlug = await articles.find({ filters: { slug: { $eq: article.slug } } });
    expect(bySlug.data).toHaveLength(1);
    const one = await articles.findOne(bySlug.data[0].documentId, { populate: ['tags'] });
    expect(one.data.title).toBe('Ferry Workers End Nine-Day Strike at Port Verin After Late-Night Deal');
  });
});
