import request from 'supertest';
import { createApiToken, isPostgres, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let token: string;

interface Hit {
  documentId: string;
  title: string;
  slug: string;
  highlight: string;
  score: number;
  publishedDate: string | null;
  tags: Array<{ name: string; slug: string }>;
  authors: Array<{ name: string; slug: string }>;
  source: { name: string; slug: string } | null;
}

const search = (query: Record<string, string>) => request(server).get('/api/articles/search').query(query);
const titles = (body: { data: Hit[] }) => body.data.map((hit) => hit.title);

async function importItems(items: Array<Record<string, unknown>>) {
  const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${token}`).send({ data: items }).expect(200);
  expect(res.body.meta.failed).toBe(0);
  return res.body.data as Array<{ documentId: string; slug: string }>;
}

beforeAll(async () => {
  app = await startStrapi({ PUBLIC_CACHE_WRITE_WINDOW_MS: '0' });
  server = app.strapi.server.httpServer;
  token = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import', 'api::article.article.find']);
  await importItems([
    {
      externalId: 'search/harbour',
      status: 'published',
      title: 'Harbour dredged after two years',
      text: 'Harbour dredged after two years\n\nBy Ines Marlow | 2024-05-02\n\nCrews dredged the north channel of the harbour on Monday. The ferry can dock again.\n\nADVERTISEMENT\n\nThe work took eleven weeks.\n\n© 2024 Zorblax Media Group. All rights reserved.',
      tags: ['Harbour Works', 'Transport'],
      source: 'Coastline Courier',
    },
    {
      externalId: 'search/cafe',
      status: 'published',
      title: 'Café owners protest the new rent rules',
      text: 'Café owners protest the new rent rules\n\nBy Élodie Brûlé | 2024-06-10\n\nOwners of the old café on Rue Haute say the <b>rent</b> rules will close them. The council meets in July.',
      tags: ['Housing'],
      source: 'Valley Post',
    },
    {
      externalId: 'search/ferry',
      status: 'published',
      title: 'Ferry strike ends',
      text: 'Ferry strike ends\n\nBy Tomas Reyes | 2024-07-01\n\nThe ferry strike ended after talks. Ferries will sail on Friday.',
      tags: ['Transport'],
      source: 'Coastline Courier',
    },
    {
      externalId: 'search/draft',
      status: 'draft',
      title: 'Embargoed: harbour sale agreed',
      text: 'Embargoed: harbour sale agreed\n\nThe harbour will be sold to a private operator. Zanzibarite secret.',
    },
  ]);
});

afterAll(async () => {
  await app?.stop();
});

describe('GET /api/articles/search', () => {
  it('finds published articles by stemmed words, with the answer frontends expect, and no drafts', async () => {
    const res = await search({ q: 'dredging' }).expect(200);
    expect(titles(res.body)).toEqual(['Harbour dredged after two years']);
    const [hit] = res.body.data as Hit[];
    expect(hit).toMatchObject({
      slug: expect.any(String),
      publishedDate: '2024-05-02',
      authors: [{ name: 'Ines Marlow', slug: 'ines-marlow' }],
      source: { name: 'Coastline Courier', slug: 'coastline-courier' },
    });
    expect(hit.tags.map((tag) => tag.slug).sort()).toEqual(['harbour-works', 'transport']);
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.highlight).toMatch(/<mark>dredged<\/mark>/i);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 1 });

    const harbour = await search({ q: 'harbour' }).expect(200);
    expect(titles(harbour.body)).toEqual(['Harbour dredged after two years']);
    expect((await search({ q: 'Zanzibarite' }).expect(200)).body.data).toEqual([]);
  });

  it('is case- and accent-insensitive, and searches tags and author names', async () => {
    expect(titles((await search({ q: 'CAFE' }).expect(200)).body)).toEqual(['Café owners protest the new rent rules']);
    expect(titles((await search({ q: 'elodie brule' }).expect(200)).body)).toEqual(['Café owners protest the new rent rules']);
    expect(titles((await search({ q: 'housing' }).expect(200)).body)).toEqual(['Café owners protest the new rent rules']);
  });

  it('supports "phrases", -excluded words and OR', async () => {
    expect(titles((await search({ q: '"strike ended"' }).expect(200)).body)).toEqual(['Ferry strike ends']);
    expect((await search({ q: '"ended strike"' }).expect(200)).body.data).toEqual([]);
    expect(titles((await search({ q: 'ferry -strike' }).expect(200)).body)).toEqual(['Harbour dredged after two years']);
    expect(titles((await search({ q: 'café OR dredged' }).expect(200)).body).sort()).toEqual([
      'Café owners protest the new rent rules',
      'Harbour dredged after two years',
    ]);
    // Engine operators are text: nothing here reaches FTS5 or to_tsquery unquoted.
    await search({ q: 'ferry NEAR( AND * ^ : " ' }).expect(200);
  });

  it('never finds removed boilerplate or the raw original', async () => {
    expect((await search({ q: 'advertisement' }).expect(200)).body.data).toEqual([]);
    expect((await search({ q: 'zorblax' }).expect(200)).body.data).toEqual([]);
    // The importer's raw original holds both; only the clean article is indexed.
    const raw = (await app.strapi.db.query('api::article.article').findOne({ where: { externalId: 'search/harbour' } })) as {
      rawText: string;
    };
    expect(raw.rawText).toMatch(/ADVERTISEMENT[\s\S]*Zorblax/);
  });

  it('orders by relevance, newest first on ties, and filters by tag, source, author and dates', async () => {
    const ferry = await search({ q: 'ferry' }).expect(200);
    expect(titles(ferry.body)[0]).toBe('Ferry strike ends');
    expect(titles((await search({ q: 'ferry', tag: 'harbour-works' }).expect(200)).body)).toEqual(['Harbour dredged after two years']);
    expect(titles((await search({ q: 'ferry', author: 'tomas-reyes' }).expect(200)).body)).toEqual(['Ferry strike ends']);
    expect((await search({ q: 'ferry', source: 'valley-post' }).expect(200)).body.data).toEqual([]);
    expect(titles((await search({ q: 'ferry', from: '2024-06-01' }).expect(200)).body)).toEqual(['Ferry strike ends']);
    expect(titles((await search({ q: 'ferry', to: '2024-06-01' }).expect(200)).body)).toEqual(['Harbour dredged after two years']);
    const paged = await search({ q: 'ferry', pageSize: '1', page: '2' }).expect(200);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, total: 2 });
  });

  it('escapes the highlight', async () => {
    const res = await search({ q: 'rules' }).expect(200);
    const [hit] = res.body.data as Hit[];
    expect(hit.highlight).toContain('<mark>rules</mark>');
    expect(hit.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('follows publish, unpublish, edits, tag renames and deletes', async () => {
    const documents = app.strapi.documents('api::article.article');
    const created = await documents.create({
      data: { title: 'Lighthouse keeper retires', body: 'The keeper of the Quillon lighthouse retired.' } as never,
      status: 'published',
    } as never);
    expect(titles((await search({ q: 'quillon' }).expect(200)).body)).toEqual(['Lighthouse keeper retires']);
    await documents.update({
      documentId: created.documentId,
      data: { title: 'Quillon keeper retires' } as never,
      status: 'published',
    } as never);
    expect(titles((await search({ q: 'quillon' }).expect(200)).body)).toEqual(['Quillon keeper retires']);
    await documents.unpublish({ documentId: created.documentId } as never);
    expect((await search({ q: 'quillon' }).expect(200)).body.data).toEqual([]);
    await documents.publish({ documentId: created.documentId } as never);
    expect(titles((await search({ q: 'quillon' }).expect(200)).body)).toEqual(['Quillon keeper retires']);
    await documents.delete({ documentId: created.documentId } as never);
    expect((await search({ q: 'quillon' }).expect(200)).body.data).toEqual([]);

    const [housing] = (await app.strapi.documents('api::tag.tag').findMany({ filters: { slug: 'housing' } } as never)) as Array<{
      documentId: string;
    }>;
    await app.strapi.documents('api::tag.tag').update({ documentId: housing.documentId, data: { name: 'Tenancy' } } as never);
    expect(titles((await search({ q: 'tenancy' }).expect(200)).body)).toEqual(['Café owners protest the new rent rules']);
  });

  it('refuses bad input with a 400 naming the parameter', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: '-ferry' }, 'q'],
      [{ q: 'ferry', from: '2024-13-01' }, 'from'],
      [{ q: 'ferry', to: 'yesterday' }, 'to'],
      [{ q: 'ferry', pageSize: '101' }, 'pageSize'],
      [{ q: 'ferry', page: '0' }, 'page'],
      [{ q: 'ferry', status: 'draft' }, 'status'],
    ];
    for (const [query, field] of cases) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', details: { field } } });
    }
    const repeated = await request(server).get('/api/articles/search?q=a&q=b');
    expect(repeated.status).toBe(400);
  });

  (isPostgres() ? it : it.skip)('stems each article in its own language on PostgreSQL', async () => {
    const [spanish] = await importItems([
      {
        externalId: 'search/es',
        status: 'published',
        title: 'Los vecinos del puerto',
        text: 'Los vecinos del puerto\n\nLos vecinos hablaban de la huelga de los transbordadores en la plaza. Es una de las protestas más largas de la ciudad y el alcalde no quiere hablar con ellos.',
      },
    ]);
    const row = (await app.strapi.db.connection.raw('select language, config::text as config from search_articles where document_id = ?', [
      spanish.documentId,
    ])) as { rows: Array<{ language: string; config: string }> };
    expect(row.rows[0]).toEqual({ language: 'es', config: expect.stringMatching(/spanish$/) });
    // Spanish stems: "hablaban" and "hablar" are one word; an English stemmer keeps them apart.
    expect(titles((await search({ q: 'hablaron' }).expect(200)).body)).toEqual(['Los vecinos del puerto']);
    expect(titles((await search({ q: 'protesta' }).expect(200)).body)).toEqual(['Los vecinos del puerto']);
  });

  it('is rebuilt from the published articles by reindexAll', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { searchIndexer } = require('../../dist/src/search/service') as typeof import('../../src/search/service');
    const indexer = searchIndexer(app.strapi);
    await indexer.engine().clear();
    expect((await search({ q: 'ferry' }).expect(200)).body.data).toEqual([]);
    expect(await indexer.reindexAll()).toBe(isPostgres() ? 4 : 3);
    expect(titles((await search({ q: 'ferry' }).expect(200)).body)).toHaveLength(2);
  });

  it("indexes an import's body as the text a reader sees, exactly as a reindex renders it", async () => {
    const [imported] = await importItems([
      {
        externalId: 'search/markdown',
        status: 'published',
        title: 'Lighthouse keepers return',
        body: '# Lighthouse keepers return\n\nThe *keepers* of [the old light](https://example.org/light) are back &amp; busy.\n\n- oil lamps\n- fog horns\n\n> Nothing   beats a lit tower.',
      },
    ]);
    const indexedBody = async (): Promise<string> => {
      const sql = isPostgres()
        ? 'select body from search_articles where document_id = ?'
        : 'select a.body from search_articles a join search_articles_docs d on d.rowid = a.rowid where d.document_id = ?';
      const answer = (await app.strapi.db.connection.raw(sql, [imported.documentId])) as
        | Array<{ body: string }>
        | { rows: Array<{ body: string }> };
      const rows = Array.isArray(answer) ? answer : answer.rows;
      expect(rows).toHaveLength(1);
      return rows[0].body;
    };
    // The import's row is rendered by the cleaning worker; a reindex renders it again on the main thread.
    const atImport = await indexedBody();
    expect(atImport).toContain('The keepers of the old light are back & busy.\noil lamps\nfog horns\nNothing beats a lit tower.');
    expect(atImport).not.toMatch(/[*#>[\]]|https:|&amp;/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { searchIndexer } = require('../../dist/src/search/service') as typeof import('../../src/search/service');
    await searchIndexer(app.strapi).reindex([imported.documentId]);
    expect(await indexedBody()).toBe(atImport);
  });
});
