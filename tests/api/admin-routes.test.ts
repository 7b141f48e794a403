import request from 'supertest';
import { ADMIN, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let jwt: string;
let importerKey: string;

const ARTICLE = 'api::article.article';
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${jwt}`);
const importDoc = (data: Record<string, unknown>) =>
  request(server).post('/api/articles/import').set('Authorization', `Bearer ${importerKey}`).send({ data }).expect(200);
const draftOf = (documentId: string) =>
  app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, populate: ['tags'] });

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  jwt = (await request(server).post('/admin/login').send(ADMIN).expect(200)).body.data.token;
  importerKey = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
});

afterAll(async () => {
  await app?.stop();
});

describe('rules page settings', () => {
  it('refuse requests without an admin session', async () => {
    await request(server).get('/content-normalizer/settings').expect(401);
    await request(server)
      .put('/content-normalizer/settings')
      .send({ data: { rules: {} } })
      .expect(401);
  });

  it('a saved custom pattern is used by the next import at once, and a bad regex is refused', async () => {
    const text =
      'Quay lights repaired\n\nThe quay lights were repaired overnight.\n\nJingle of the week: Quillby Crackers\n\nThey had been dark for a month.';
    const before = await importDoc({ text, externalId: 'quay/1' });
    expect((await draftOf(before.body.data[0].documentId)).body).toContain('Quillby Crackers');

    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [{ pattern: 'Jingle of the week:', rule: 'sponsor-line' }], sources: {} } })
      .expect(200);
    const after = await importDoc({ text, externalId: 'quay/2' });
    const article = await draftOf(after.body.data[0].documentId);
    expect(article.body).not.toContain('Quillby Crackers');
    expect(article.cleaningReport.removed.map((r: { rule: string }) => r.rule)).toContain('sponsor-line');

    const bad = await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [{ pattern: '(unclosed', flags: 'i' }], sources: {} } })
      .expect(400);
    expect(bad.body.error.details.field).toBe('data.customPatterns[0].pattern');
  });

  it('patterns run on RE2: one that hangs a backtracking engine is harmless, one RE2 cannot run is refused', async () => {
    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [{ pattern: '/^((\\w+\\s?))*$/' }], sources: {} } })
      .expect(200);
    const text = `Quay notes\n\n${'The harbour master said the new quay would open next spring after the storms '.repeat(10)}!\n\nOnly plain words here`;
    const res = await importDoc({ text, externalId: 'quay/re2', title: 'Quay notes' });
    const article = await draftOf(res.body.data[0].documentId);
    expect(article.cleaningReport.removed.map((r: { text: string; rule: string }) => [r.text, r.rule])).toEqual([
      ['Quay notes', 'title'],
      ['Only plain words here', 'custom-pattern'],
    ]);

    for (const [pattern, field] of [
      ['(a)\\1', 'data.customPatterns[0].pattern'],
      ['Photo(?=:)', 'data.customPatterns[0].pattern'],
    ]) {
      const bad = await asAdmin(request(server).put('/content-normalizer/settings'))
        .send({ data: { rules: {}, customPatterns: [{ pattern, flags: 'i' }], sources: {} } })
        .expect(400);
      expect(bad.body.error.details.field).toBe(field);
      expect(bad.body.error.message).toMatch(/not supported/);
    }
    const badSource = await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [], sources: { Gazette: { customPatterns: [{ pattern: '/(?<=x)y/' }] } } } })
      .expect(400);
    expect(badSource.body.error.details.field).toBe('data.sources.Gazette.customPatterns[0].pattern');
    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [], sources: {} } })
      .expect(200);
  });

  it('previewing unsaved settings needs the update permission; the saved ones need only read', async () => {
    const roles = app.strapi.service('admin::role') as unknown as {
      create(data: Record<string, unknown>): Promise<{ id: number }>;
      assignPermissions(id: number, permissions: Record<string, unknown>[]): Promise<unknown>;
    };
    const reader = await roles.create({ name: 'Rules reader', description: 'may read the cleaning rules' });
    await roles.assignPermissions(reader.id, [
      { action: 'plugin::content-normalizer.settings.read', subject: null, conditions: [], properties: {} },
    ]);
    const credentials = { email: 'reader@newsroom.test', password: 'Reader-Passw0rd!' };
    await (app.strapi.service('admin::user') as unknown as { create(data: Record<string, unknown>): Promise<unknown> }).create({
      ...credentials,
      firstname: 'Rules',
      lastname: 'Reader',
      isActive: true,
      registrationToken: null,
      roles: [reader.id],
    });
    const readerJwt = (await request(server).post('/admin/login').send(credentials).expect(200)).body.data.token;
    const preview = (body: Record<string, unknown>, token: string) =>
      request(server).post('/content-normalizer/settings/preview').set('Authorization', `Bearer ${token}`).send(body);

    const doc = { text: 'Pier reopens\n\nThe pier reopened.\n\nADVERTISEMENT' };
    expect((await preview({ data: doc }, readerJwt)).status).toBe(200);
    const refused = await preview({ data: doc, settings: { rules: { 'ad-line': false } } }, readerJwt);
    expect([refused.status, refused.body.error?.name]).toEqual([403, 'ForbiddenError']);
    const allowed = await preview({ data: doc, settings: { rules: { 'ad-line': false } } }, jwt).expect(200);
    expect(allowed.body.data.body).toContain('ADVERTISEMENT');
  });

  it('switching a rule off keeps its lines', async () => {
    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: { 'ad-line': false }, customPatterns: [], sources: {} } })
      .expect(200);
    const res = await importDoc({
      text: 'Pier reopens\n\nThe pier reopened.\n\nADVERTISEMENT\n\nFishing is allowed again.',
      externalId: 'pier',
    });
    expect((await draftOf(res.body.data[0].documentId)).body).toContain('ADVERTISEMENT');
    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [], sources: {} } })
      .expect(200);
  });
});

describe('article panel', () => {
  it('a kept line comes back, survives re-clean and a later editor save', async () => {
    const text = 'Dunes fenced off\n\nRangers fenced off the north dunes.\n\nADVERTISEMENT\n\nNesting terns returned this week.';
    const { documentId } = (await importDoc({ text, externalId: 'dunes' })).body.data[0];
    const report = await asAdmin(request(server).get(`/content-normalizer/articles/${documentId}/report`)).expect(200);
    expect(JSON.stringify(report.body)).toContain('ADVERTISEMENT');

    await asAdmin(request(server).post(`/content-normalizer/articles/${documentId}/keep`))
      .send({ data: { text: 'ADVERTISEMENT' } })
      .expect(200);
    expect((await draftOf(documentId)).body).toContain('ADVERTISEMENT');

    await asAdmin(request(server).post(`/content-normalizer/articles/${documentId}/reclean`))
      .send({})
      .expect(200);
    const recleaned = await draftOf(documentId);
    expect(recleaned.body).toContain('ADVERTISEMENT');
    expect(recleaned.rawText).toBe(text);

    await asAdmin(request(server).put(`/content-manager/collection-types/${ARTICLE}/${documentId}`))
      .send({ title: recleaned.title, body: recleaned.body })
      .expect(200);
    const saved = await draftOf(documentId);
    expect(saved.body).toContain('ADVERTISEMENT');
    expect(saved.rawText).toBe(text);
    expect(saved.cleaningReport.kept).toEqual(['ADVERTISEMENT']);
  });
});

describe('tag merge', () => {
  it('moves articles to the kept tag and resolves the old slug as an alias', async () => {
    const a = await importDoc({ text: 'Story one\n\nAbout boats.', externalId: 'merge/1', tags: ['Sail Boats'], status: 'published' });
    await importDoc({ text: 'Story two\n\nAbout yachts.', externalId: 'merge/2', tags: ['Sailing'], status: 'published' });
    const tags = await app.strapi.db.query('api::tag.tag').findMany({ where: { slug: { $in: ['sail-boats', 'sailing'] } } });
    const from = tags.find((t: { slug: string }) => t.slug === 'sail-boats');
    const into = tags.find((t: { slug: string }) => t.slug === 'sailing');

    await asAdmin(request(server).post('/content-normalizer/tags/merge'))
      .send({ data: { from: from.documentId, into: into.documentId } })
      .expect(200);
    expect(await app.strapi.db.query('api::tag.tag').count({ where: { slug: 'sail-boats' } })).toBe(0);
    expect((await draftOf(a.body.data[0].documentId)).tags.map((t: { slug: string }) => t.slug)).toEqual(['sailing']);

    const viaAlias = await request(server).get('/api/articles').query({ 'filters[tags][slug][$eq]': 'sail-boats' }).expect(200);
    expect(viaAlias.body.data.map((x: { title: string }) => x.title).sort()).toEqual(['Story one', 'Story two']);
  });
});
