/**
 * Stored bodies are safe to render with any common Markdown renderer, whatever path wrote them: an import as
 * text, Markdown or HTML, an editor's save through REST, "Keep this line", and a re-clean. Every vector of the
 * corpus is written each way, read back through the public API, and rendered with marked and markdown-it.
 */
import request from 'supertest';
import { stringify } from 'qs';
import { ADMIN, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { renderProblems, VECTORS } from '../../src/plugins/content-normalizer/server/src/core/xss-corpus';

let app: TestApp;
let server: Parameters<typeof request>[0];
let importer: string;
let editor: string;
let jwt: string;

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  importer = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
  editor = await createApiToken(app.strapi, 'full-access');
  jwt = (await request(server).post('/admin/login').send(ADMIN).expect(200)).body.data.token;
});

afterAll(async () => {
  await app?.stop();
});

const ARTICLE = 'api::article.article';
const wrap = (vector: string) =>
  `Harbour notes\n\nOfficials said on Tuesday ${vector} and then left.\n\n${vector}\n\nThe quay reopened on Monday.`;

/** Every body and excerpt the public API serves, rendered by both renderers: nothing that can run. */
async function expectSafeReadBack(documentIds: string[]) {
  expect(documentIds.length).toBeGreaterThan(0);
  const found: string[] = [];
  for (let i = 0; i < documentIds.length; i += 25) {
    const query = stringify({ filters: { documentId: { $in: documentIds.slice(i, i + 25) } }, pagination: { pageSize: 25 } });
    const res = await request(server).get(`/api/articles?${query}`).expect(200);
    for (const article of res.body.data as Array<{ documentId: string; body: string; excerpt: string }>) {
      for (const field of ['body', 'excerpt'] as const) {
        for (const problem of renderProblems(article[field] ?? '')) found.push(`${article.documentId} ${field}: ${problem}`);
      }
    }
  }
  expect(found).toEqual([]);
}

describe('stored bodies render harmless in marked and markdown-it', () => {
  it(`has a corpus of at least 40 vectors (${VECTORS.length})`, () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(40);
    // The corpus is hostile: unsanitized, most of it runs in at least one renderer.
    expect(VECTORS.filter((vector) => renderProblems(wrap(vector)).length > 0).length).toBeGreaterThanOrEqual(40);
  });

  it('imported as text or Markdown', async () => {
    const ids: string[] = [];
    for (let i = 0; i < VECTORS.length; i += 50) {
      const data = VECTORS.slice(i, i + 50).map((vector, k) => ({
        text: wrap(vector),
        externalId: `xss/text/${i + k}`,
        status: 'published',
      }));
      const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${importer}`).send({ data }).expect(200);
      expect(res.body.meta.failed).toBe(0);
      ids.push(...res.body.data.map((item: { documentId: string }) => item.documentId));
    }
    await expectSafeReadBack(ids);
  });

  it('imported as HTML pages carrying the vectors as text and as markup', async () => {
    const data = VECTORS.map((vector, k) => ({
      html: `<html><body><article><h1>Harbour notes</h1><p>Officials said ${vector.replace(/</g, '&lt;')} and left.</p><p>${vector}</p><p>The quay reopened on Monday after three weeks of repairs to the sea wall, the harbour master said.</p></article></body></html>`,
      externalId: `xss/html/${k}`,
      status: 'published',
    }));
    const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${importer}`).send({ data }).expect(200);
    expect(res.body.meta.failed).toBe(0);
    await expectSafeReadBack(res.body.data.map((item: { documentId: string }) => item.documentId));
  });

  it('saved by an editor through REST, body and excerpt, on create and on update', async () => {
    const ids: string[] = [];
    for (const [k, vector] of VECTORS.entries()) {
      const created = await request(server)
        .post('/api/articles')
        .set('Authorization', `Bearer ${editor}`)
        .send({ data: { title: `Desk note ${k}`, body: wrap(vector), excerpt: vector } })
        .expect(201);
      ids.push(created.body.data.documentId);
      if (k % 3 === 0) {
        await request(server)
          .put(`/api/articles/${created.body.data.documentId}`)
          .set('Authorization', `Bearer ${editor}`)
          .send({ data: { body: `${vector}\n\nUpdated on Wednesday.`, excerpt: `Update: ${vector}` } })
          .expect(200);
      }
    }
    await expectSafeReadBack(ids);
  });

  it('put back by "Keep this line" and by a re-clean', async () => {
    // Lines starting with EVIL are removed by a saved custom pattern, then kept by the editor.
    await request(server)
      .put('/content-normalizer/settings')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ data: { rules: {}, customPatterns: [{ pattern: 'EVIL', rule: 'evil-line' }], sources: {} } })
      .expect(200);
    // One-line vectors: a removed line is one line.
    const vectors = VECTORS.filter((vector) => !/[\r\n]/.test(vector));
    const data = vectors.map((vector, k) => ({
      text: `Harbour notes\n\nThe quay reopened.\n\nEVIL ${vector}\n\nCrews worked overnight.`,
      externalId: `xss/keep/${k}`,
      status: 'published',
    }));
    const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${importer}`).send({ data }).expect(200);
    const ids: string[] = [];
    for (const { documentId } of res.body.data as Array<{ documentId: string }>) {
      const report = await request(server)
        .get(`/content-normalizer/articles/${documentId}/report`)
        .set('Authorization', `Bearer ${jwt}`)
        .expect(200);
      // Removed by the pattern, or before it by the unsafe-html rule (a script block): either way, kept now.
      const evil = report.body.data.report.removed.find((line: { text: string }) => line.text.startsWith('EVIL'));
      if (!evil) continue;
      ids.push(documentId);
      await request(server)
        .post(`/content-normalizer/articles/${documentId}/keep`)
        .set('Authorization', `Bearer ${jwt}`)
        .send({ data: { text: evil.text } })
        .expect(200);
      await request(server)
        .post(`/content-normalizer/articles/${documentId}/reclean`)
        .set('Authorization', `Bearer ${jwt}`)
        .send({})
        .expect(200);
      // Kept lines land in the draft: publish it, as an editor would, to read it back publicly.
      await app.strapi.documents(ARTICLE).publish({ documentId } as never);
    }
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const stored = await app.strapi.db
      .query(ARTICLE)
      .findMany({ where: { documentId: { $in: ids }, publishedAt: null }, select: ['body'] });
    expect(stored.filter((row: { body: string }) => row.body.includes('EVIL')).length).toBe(ids.length);
    await expectSafeReadBack(ids);
  });
});
