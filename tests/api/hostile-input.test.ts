/**
 * Bad and hostile input to the import and preview APIs: never a 5xx, Strapi's error envelope on every refusal,
 * nothing written for a refused request, and a server that keeps serving. Documents that would take too long
 * to clean fail alone, naming their field and the time budget, while readers keep being answered.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import zlib from 'zlib';
import request from 'supertest';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let key: string;

const IMPORT = '/api/articles/import';
const PREVIEW = '/api/content-normalizer/preview';

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  key = await createApiToken(app.strapi, 'custom', [
    'plugin::content-normalizer.importer.import',
    'plugin::content-normalizer.preview.preview',
    'api::article.article.find',
  ]);
});

afterAll(async () => {
  await app?.stop();
});

async function rowCounts() {
  const db = app.strapi.db;
  const counts: Record<string, number> = {};
  for (const uid of ['api::article.article', 'api::tag.tag', 'api::author.author', 'api::source.source'])
    counts[uid] = await db.query(uid).count();
  return counts;
}

const post = (path: string, body: string | object, contentType = 'application/json') =>
  request(server)
    .post(path)
    .set('Authorization', `Bearer ${key}`)
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));

/** A POST of exactly these bytes (supertest would serialize a Buffer sent as JSON). */
function rawPost(
  path: string,
  encoding: string,
  bytes: Buffer,
  authorized: boolean,
): Promise<{ status: number; body: { error: { details: { field: string } } } }> {
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Encoding': encoding,
    'Content-Length': bytes.length,
  };
  if (authorized) headers.Authorization = `Bearer ${key}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

const item = (extra: Record<string, unknown>) => ({ data: { text: 'Quay reopens\n\nThe quay reopened on Monday.', ...extra } });
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Requests that must be refused as a whole, with a 4xx in Strapi's error envelope, writing nothing. */
const REFUSED: Array<[name: string, path: string, body: string | object, contentType?: string]> = [
  ['no body', IMPORT, ''],
  ['not JSON', IMPORT, '{"data": {"text": "x"'],
  ['JSON null', IMPORT, 'null'],
  ['JSON number', IMPORT, '42'],
  ['JSON string', IMPORT, '"text"'],
  ['top-level array', IMPORT, [{ text: 'x' }]],
  ['empty object', IMPORT, {}],
  ['data null', IMPORT, { data: null }],
  ['data a string', IMPORT, { data: 'just text' }],
  ['data a number', IMPORT, { data: 7 }],
  ['data an empty list', IMPORT, { data: [] }],
  ['101 items', IMPORT, { data: Array.from({ length: 101 }, (_, i) => ({ text: `Item ${i}` })) }],
  ['unknown top-level key', IMPORT, { data: { text: 'x' }, meta: {} }],
  ['__proto__ at the top', IMPORT, '{"data":{"text":"x"},"__proto__":{"admin":true}}'],
  ['__proto__ in the item', IMPORT, '{"data":{"text":"x","__proto__":{"status":"published"}}}'],
  ['constructor in the item', IMPORT, { data: { text: 'x', constructor: { prototype: { polluted: true } } } }],
  ['prototype key in the source', IMPORT, '{"data":{"text":"x","source":{"name":"A","__proto__":{"url":"javascript:x"}}}}'],
  ['no document field', IMPORT, { data: { title: 'Only a title' } }],
  ['two document fields', IMPORT, { data: { text: 'x', html: '<p>x</p>' } }],
  ['text a number', IMPORT, { data: { text: 12345 } }],
  ['text an object', IMPORT, { data: { text: { $ne: null } } }],
  ['text an array', IMPORT, { data: { text: ['a', 'b'] } }],
  ['text empty', IMPORT, { data: { text: '   \n\t ' } }],
  ['text only control characters', IMPORT, { data: { text: '\u0000\u0001\u0002' } }],
  ['html a boolean', IMPORT, { data: { html: true } }],
  ['document over the length limit', IMPORT, { data: { text: 'word '.repeat(420_000) } }],
  ['title over 300 characters', IMPORT, item({ title: 'T'.repeat(301) })],
  ['title an object', IMPORT, item({ title: { toString: 'x' } })],
  ['10,000 tags', IMPORT, item({ tags: Array.from({ length: 10_000 }, (_, i) => `tag ${i}`) })],
  ['tags a string', IMPORT, item({ tags: 'a, b, c' })],
  ['a tag that is an object', IMPORT, item({ tags: ['ok', { name: 'x' }] })],
  ['a tag over 64 characters', IMPORT, item({ tags: ['x'.repeat(65)] })],
  ['authors not a list', IMPORT, item({ authors: { name: 'Jane' } })],
  ['51 authors', IMPORT, item({ authors: Array.from({ length: 51 }, (_, i) => `Author ${i}`) })],
  ['status junk', IMPORT, item({ status: 'live' })],
  ['publishedDate not a date', IMPORT, item({ publishedDate: '2024-02-30' })],
  ['publishedDate SQL', IMPORT, item({ publishedDate: "2024-01-01'; DROP TABLE articles;--" })],
  ['url javascript:', IMPORT, item({ url: 'javascript:alert(1)' })],
  ['url data:', IMPORT, item({ url: 'data:text/html,<script>alert(1)</script>' })],
  ['source url javascript:', IMPORT, item({ source: { name: 'Gazette', url: 'jAvAsCrIpT:alert(1)' } })],
  ['source a number', IMPORT, item({ source: 5 })],
  ['source without name', IMPORT, item({ source: { url: 'https://example.org' } })],
  ['externalId an object', IMPORT, item({ externalId: { $gt: '' } })],
  ['externalId empty', IMPORT, item({ externalId: '  ' })],
  ['externalId over 512 characters', IMPORT, item({ externalId: 'x'.repeat(513) })],
  ['excerpt over 1000 characters', IMPORT, item({ excerpt: 'e'.repeat(1001) })],
  ['deeply nested JSON list as the text', IMPORT, `{"data":{"text":${nested(100_000)}}}`],
  ['deeply nested JSON object in a field', IMPORT, `{"data":{"text":"x","title":${nestedObject(50_000)}}}`],
  ['form-encoded body', IMPORT, 'data[text]=hello', 'application/x-www-form-urlencoded'],
  ['text/plain body', IMPORT, 'Quay reopens', 'text/plain'],
  ['preview: form-encoded body', PREVIEW, 'data[text]=hello', 'application/x-www-form-urlencoded'],
  ['preview: no data', PREVIEW, {}],
  ['preview: data a list', PREVIEW, { data: [{ text: 'x' }] }],
  ['preview: unknown field', PREVIEW, { data: { text: 'x', evil: true } }],
  ['preview: deeply nested JSON', PREVIEW, `{"data":{"text":${nestedObject(50_000)}}}`],
  ['preview: text a number', PREVIEW, { data: { text: 1 } }],
  ['preview: over the length limit', PREVIEW, { data: { html: '<p>' + 'x'.repeat(2_000_001) } }],
];

describe('bad input to the import and preview APIs', () => {
  it(`refuses ${REFUSED.length} malformed requests with a 4xx in Strapi's envelope, writing nothing`, async () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(50);
    const before = await rowCounts();
    for (const [name, path, body, contentType] of REFUSED) {
      const res = await post(path, body, contentType);
      expect({ name, status: res.status >= 400 && res.status < 500 }).toEqual({ name, status: true });
      expect({ name, error: res.body?.error }).toEqual({
        name,
        error: expect.objectContaining({
          status: res.status,
          name: expect.any(String),
          message: expect.any(String),
          details: expect.objectContaining({ field: expect.any(String) }),
        }),
      });
      expect({ name, data: res.body.data }).toEqual({ name, data: null });
    }
    expect(await rowCounts()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses bodies that are not what their Content-Encoding says, naming the header, writing nothing', async () => {
    const before = await rowCounts();
    const json = JSON.stringify(item({}));
    const gzipped = zlib.gzipSync(json);
    const cases: Array<[encoding: string, bytes: Buffer, status: number]> = [
      ['gzip', Buffer.from(json), 400],
      ['gzip', gzipped.subarray(0, gzipped.length - 12), 400],
      ['deflate', Buffer.from('not deflate at all'), 400],
      ['br', Buffer.from('not brotli either, surely'), 400],
      ['x-unknown', Buffer.from(json), 415],
    ];
    for (const [path, authorized] of [
      [IMPORT, true],
      [PREVIEW, true],
      ['/api/articles', false],
    ] as const) {
      for (const [encoding, bytes, status] of cases) {
        const res = await rawPost(path, encoding, bytes, authorized);
        expect({ path, encoding, status: res.status }).toEqual({ path, encoding, status });
        expect(res.body.error.details.field).toBe('Content-Encoding');
      }
    }
    // A well-formed compressed body is read as usual.
    const fine = await rawPost(PREVIEW, 'gzip', gzipped, true);
    expect([fine.status, fine.body.error]).toEqual([200, undefined]);
    expect(await rowCounts()).toEqual(before);
    await request(server).get('/api/articles').expect(200);
  });

  it('a refused item in a batch fails alone, naming its field; its neighbours go in', async () => {
    const items = [
      JSON.stringify({ text: 'Ferry timetable changes\n\nThe winter timetable starts on Monday.', externalId: 'hostile/ok-1' }),
      JSON.stringify({ text: 'x', tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }),
      JSON.stringify({ html: { nested: true } }),
      nested(50_000),
      JSON.stringify({ text: 'Harbour fees frozen\n\nFees stay as they are.', externalId: 'hostile/ok-2' }),
    ];
    const res = await post(IMPORT, `{"data":[${items.join(',')}]}`).expect(200);
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(['created', 'failed', 'failed', 'failed', 'created']);
    expect(res.body.data[1].error.details.field).toBe('tags');
    expect(res.body.data[2].error.details.field).toBe('html');
    expect(res.body.data[3].error.details.field).toBe('data');
  });

  it('hostile documents that are valid are stored clean and safe', async () => {
    const documents = [
      { html: '<p><b><i>'.repeat(20_000) + 'Deep text survives.' },
      { html: '<div>'.repeat(20_000) + '<p>Nested text survives.</p>' + '</div>'.repeat(20_000) },
      { html: '<table><tr><td>'.repeat(5_000) + 'Cell text.' },
      // C0 and C1 controls (U+0085, U+009B: the 8-bit CSI a terminal obeys) and a lone surrogate.
      { text: 'Storm notes\n\n' + '\u0000\u0007\u001b\u0085\u009b'.repeat(1000) + 'The storm passed at dawn.\n\n\uD800 lone surrogate' },
      { text: 'Quay notes\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(2)>' },
      { text: 'Line\u2028separated\u2029text\r\nwith\rbreaks.\n\nThe quay reopened.' },
      { text: 'A sentence about the harbour. '.repeat(60_000) },
      { text: 'Tags: ' + Array.from({ length: 500 }, (_, i) => `tag ${i}`).join(', ') + '\n\nThe quay reopened.' },
    ];
    const before = await rowCounts();
    for (const [i, doc] of documents.entries()) {
      const res = await post(IMPORT, { data: { ...doc, externalId: `hostile/valid-${i}` } });
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
      expect({ i, status: res.body.data[0].status }).toEqual({ i, status: 'created' });
      // Stripped characters are reported, not silently dropped.
      const stripped = res.body.data[0].problems.some((problem: { code?: string }) => problem.code === 'stripped-characters');
      expect({ i, stripped }).toEqual({ i, stripped: i === 3 });
      const stored = await app.strapi.db
        .query('api::article.article')
        .findOne({ where: { documentId: res.body.data[0].documentId, publishedAt: null } });
      // Raw HTML may stay as escaped text (a backslash before the `<`), never as a tag.
      expect(stored.body).not.toMatch(/(^|[^\\])<(script|img|iframe)|javascript:|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/i);
      expect(stored.rawText).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    }
    expect((await rowCounts())['api::article.article']).toBe(before['api::article.article'] + documents.length);
  });
});

describe('the cleaning time budget', () => {
  const setBudget = async (budgetMs: number) => {
    app.strapi.config.set('plugin::content-normalizer.cleaning.budgetMs', budgetMs);
    // The pool reads its options when it starts.
    await app.strapi.plugin('content-normalizer').service('cleaner').destroy();
  };
  // Far more work than a few milliseconds allow on any machine: a long page of many paragraphs.
  const heavyPage = `<html><body><article>${'<p>The harbour board met again on Tuesday to discuss the quay. </p>'.repeat(25_000)}</article></body></html>`;

  afterAll(async () => {
    await setBudget(5000);
  });

  it('a document over its budget fails alone, naming its field and the budget; the worker is replaced', async () => {
    await setBudget(20);
    const before = await rowCounts();
    const single = await post(IMPORT, { data: { html: heavyPage, externalId: 'budget/single' } });
    expect(single.status).toBe(400);
    expect(single.body.error.details).toMatchObject({ field: 'html', budgetMs: 20, code: 'cleaning-time-budget' });
    expect(single.body.error.message).toMatch(/budget of 20 ms/);

    const preview = await post(PREVIEW, { data: { html: heavyPage } });
    expect([preview.status, preview.body.error?.details?.field]).toEqual([400, 'html']);

    const batch = await post(IMPORT, {
      data: [
        { text: heavyPage.replace(/<[^>]+>/g, '\n'), externalId: 'budget/text' },
        { html: heavyPage, externalId: 'budget/html' },
      ],
    }).expect(200);
    expect(batch.body.data.map((r: { status: string }) => r.status)).toEqual(['failed', 'failed']);
    expect(batch.body.data.map((r: { error: { details: { field: string } } }) => r.error.details.field)).toEqual(['text', 'html']);
    expect(await rowCounts()).toEqual(before);

    // The pool goes on with fresh workers: an ordinary document is imported at once.
    await setBudget(5000);
    const after = await post(IMPORT, { data: { text: 'Quay reopens\n\nThe quay reopened on Monday.', externalId: 'budget/after' } });
    expect(after.body.data[0].status).toBe('created');
  });

  it('readers are answered while hostile documents are being cleaned', async () => {
    await setBudget(250);
    let importDone = false;
    const slow = Array.from({ length: 8 }, (_, i) => ({ html: heavyPage, externalId: `budget/slow-${i}` }));
    const importing = post(IMPORT, { data: slow }).then((res) => {
      importDone = true;
      return res;
    });
    let answeredDuringImport = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (!importDone) {
      const res = await request(server).get('/api/articles').query({ 'pagination[pageSize]': 5, sort: 'id:desc' });
      expect(res.status).toBe(200);
      if (!importDone) answeredDuringImport += 1;
    }
    const res = await importing;
    expect(res.status).toBe(200);
    // Each document ran out of its 250 ms budget, one after the other: readers had two seconds to be answered.
    expect(res.body.data.map((r: { status: string }) => r.status)).toEqual(Array(8).fill('failed'));
    expect(answeredDuringImport).toBeGreaterThan(10);
  });

  it('a batch of slow documents stops at its request budget: the rest fail at once, retryable, unwritten', async () => {
    await setBudget(250);
    app.strapi.config.set('plugin::content-normalizer.cleaning.requestBudgetMs', 600);
    try {
      const before = await rowCounts();
      const slow = Array.from({ length: 10 }, (_, i) => ({ html: heavyPage, externalId: `budget/request-${i}` }));
      const res = await post(IMPORT, { data: slow }).expect(200);
      const codes = res.body.data.map((r: { error: { details: { code: string } } }) => r.error.details.code);
      // Items are tried until the request has spent 600 ms (each stops at 250 ms), then skipped.
      const tried = codes.filter((code: string) => code === 'cleaning-time-budget').length;
      expect(tried).toBeGreaterThanOrEqual(1);
      expect(tried).toBeLessThanOrEqual(4);
      expect(codes.slice(tried)).toEqual(Array(10 - tried).fill('request-time-budget'));
      expect(res.body.data[9].error.details).toMatchObject({ field: 'data', retryable: true, budgetMs: 600 });
      expect(res.body.meta.failed).toBe(10);
      expect(await rowCounts()).toEqual(before);
    } finally {
      app.strapi.config.set('plugin::content-normalizer.cleaning.requestBudgetMs', 20_000);
    }
  });
});
