import request from 'supertest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
});

afterAll(async () => {
  await app?.stop();
});

type Operation = {
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown;
};

/** Every method and path the server routes under /api, in OpenAPI's spelling (`:id` → `{id}`), without the prefix. */
function servedRoutes(): string[] {
  const layers = app.strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>;
  const routes = new Set<string>();
  for (const layer of layers) {
    if (!layer.path.startsWith('/api/')) continue;
    const path = layer.path.slice('/api'.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of layer.methods) if (method !== 'HEAD') routes.add(`${method.toLowerCase()} ${path}`);
  }
  return [...routes].sort();
}

describe('OpenAPI document', () => {
  let document: { paths: Record<string, Record<string, Operation>>; servers: Array<{ url: string }> };

  beforeAll(async () => {
    const res = await request(server).get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    document = res.body;
  });

  it('is a valid OpenAPI 3 document', async () => {
    const validated = await SwaggerParser.validate(structuredClone(document) as never);
    expect(String((validated as { openapi: string }).openapi)).toMatch(/^3\./);
    expect(document.servers).toEqual([{ url: '/api' }]);
  });

  it('documents every route the app serves under /api', () => {
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)),
    );
    const served = servedRoutes();
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    for (const route of ['get /articles', 'get /articles/search', 'post /articles/import', 'post /content-normalizer/preview']) {
      expect(served).toContain(route);
    }
  });

  it('describes requests and answers of the public routes, import, preview, search and feeds', () => {
    const json = (operation: Operation, status = '200') => operation.responses[status]?.content?.['application/json']?.schema;
    for (const type of ['articles', 'authors', 'tags', 'sources']) {
      expect(json(document.paths[`/${type}`].get)).toBeDefined();
      expect(json(document.paths[`/${type}/{id}`].get)).toBeDefined();
      expect(document.paths[`/${type}`].get.security).toEqual([{}, { bearerAuth: [] }]);
    }
    const importOp = document.paths['/articles/import'].post;
    expect(JSON.stringify(importOp.requestBody)).toContain('externalId');
    expect(JSON.stringify(json(importOp))).toContain('unchanged');
    expect(JSON.stringify(document.paths['/content-normalizer/preview'].post.requestBody)).toContain('html');
    expect(JSON.stringify(json(document.paths['/content-normalizer/preview'].post))).toContain('removed');
    const search = document.paths['/articles/search'].get as Operation & { parameters: Array<{ name: string }> };
    expect(search.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['q', 'tag', 'source', 'author', 'from', 'to', 'page', 'pageSize']),
    );
    expect(JSON.stringify(json(search))).toContain('highlight');
    expect(Object.keys(document.paths['/feeds/articles.rss'].get.responses['200'].content ?? {})).toEqual(['application/rss+xml']);
    expect(Object.keys(document.paths['/feeds/articles.atom'].get.responses['200'].content ?? {})).toEqual(['application/atom+xml']);
    expect(Object.keys(document.paths['/feeds/articles.json'].get.responses['200'].content ?? {})).toEqual(['application/feed+json']);
    // documentIds are not UUIDs: a generated client must accept Strapi's own.
    expect(JSON.stringify(document)).not.toContain('"format":"uuid"');
  });

  it('never mentions private fields', () => {
    const text = JSON.stringify(document);
    expect(text).not.toContain('rawText');
    expect(text).not.toContain('cleaningReport');
  });

  it('has a page to read it, served from this origin', async () => {
    const page = await request(server).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    for (const source of sources) await request(server).get(source).expect(200);
    expect(page.text).toContain('data-spec="/api/openapi.json"');
    await request(server).get('/api/docs/package.json').expect(404);
    await request(server).get('/api/docs/..%2Fpackage.json').expect(404);
  });
});
