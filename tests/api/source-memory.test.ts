import request from 'supertest';
import { ADMIN, createApiToken, isPostgres, startStrapi, type TestApp } from '../helpers/strapi';

/**
 * Per-source memory (rule source-boilerplate) through the import, preview and admin APIs, on a real Strapi.
 * Every document here is written for this test: one source's articles share a footer line, not their content.
 */

let app: TestApp;
let server: Parameters<typeof request>[0];
let jwt: string;
let importerKey: string;

const ARTICLE = 'api::article.article';
const SOURCE = 'Quayside Courier';
const SLUG = 'quayside-courier';
const FOOTER = 'The Quayside Courier is a nonprofit newsroom supported by readers like you.';
const TIP = 'Have a tip? Write to tips@quaysidecourier.example and we will read it.';
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'weekend'];
const TOPICS = [
  'ferry timetable',
  'harbor dredging',
  'fish market',
  'lighthouse repairs',
  'quay lights',
  'tide gauges',
  'pier',
  'boatyard',
];

/** Document n of a source: its own title and content, a quote that differs in its words, and the shared lines. */
function documentText(n: number, footer = FOOTER) {
  const topic = TOPICS[n % TOPICS.length];
  return [
    `Council Debates the ${topic.replace(/\b\w/g, (c) => c.toUpperCase())} Plan`,
    '',
    `The council spent the evening of ${DAYS[n % DAYS.length]} on the ${topic} plan, number ${n} on its list this spring.`,
    '',
    `"The ${topic} will stay open," the mayor said on ${DAYS[n % DAYS.length]}.`,
    '',
    `Residents asked for a second public meeting about the ${topic} before any vote is taken.`,
    '',
    footer,
    '',
    TIP,
  ].join('\n');
}

const contentLines = (n: number) => documentText(n).split('\n').slice(2, 7).filter(Boolean);

const importDoc = (data: Record<string, unknown>) =>
  request(server).post('/api/articles/import').set('Authorization', `Bearer ${importerKey}`).send({ data }).expect(200);
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${jwt}`);
const draftOf = (documentId: string) => app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } });
const learnedLines = async (slug = SLUG) =>
  (await asAdmin(request(server).get(`/content-normalizer/sources/${slug}/boilerplate`)).expect(200)).body.data as {
    lines: Array<{ lineKey: string; text: string; documents: number; state: string }>;
    threshold: number;
    documents: number;
  };
const lineOf = async (text: string, slug = SLUG) =>
  (await learnedLines(slug)).lines.find((line) => line.text === text || line.lineKey === text.toLowerCase());
const memoryRows = async (slug: string) =>
  (await app.strapi.db.connection('cn_source_lines').select('line_key', 'doc_count', 'state').where('source', slug)) as Array<{
    line_key: string;
    doc_count: number | string;
    state: string;
  }>;

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  jwt = (await request(server).post('/admin/login').send(ADMIN).expect(200)).body.data.token;
  importerKey = await createApiToken(app.strapi, 'custom', [
    'plugin::content-normalizer.importer.import',
    'plugin::content-normalizer.preview.preview',
  ]);
});

afterAll(async () => {
  await app?.stop();
});

describe('per-source memory of boilerplate lines', () => {
  const ids: string[] = [];

  it('keeps the shared lines in documents 1-3 and removes them, reported, from document 4 on; content stays', async () => {
    // The re-clean jobs are another part's: here a stand-in records what would be enqueued.
    const plugin = app.strapi.plugin('content-normalizer') as unknown as { services: Record<string, unknown> };
    const real = plugin.services;
    const enqueued: Array<{ type: string; params: { documentIds: string[]; reason: string } }> = [];
    const jobs = {
      enqueue: async (type: string, params: { documentIds: string[]; reason: string }) => void enqueued.push({ type, params }),
    };
    const spy = jest.spyOn(plugin, 'services', 'get').mockReturnValue({ ...real, jobs });
    for (let n = 1; n <= 6; n++) {
      // Document 1 has no externalId nor url: the importer recognises it by its content hash alone.
      const data: Record<string, unknown> = { text: documentText(n), source: SOURCE, status: 'published' };
      if (n > 1) data.externalId = `qc/${n}`;
      const res = await importDoc(data);
      const item = res.body.data[0];
      expect(item.status).toBe('created');
      ids.push(item.documentId);
      const stored = await draftOf(item.documentId);
      for (const line of contentLines(n)) expect(stored.body).toContain(line);
      const learned = (item.removed as Array<{ text: string; rule: string }>).filter((r) => r.rule === 'source-boilerplate');
      expect(item.removedCount).toBe(item.removed.length);
      if (n <= 3) {
        expect(stored.body).toContain(FOOTER);
        expect(stored.body).toContain(TIP);
        expect(learned).toEqual([]);
      } else {
        expect(stored.body).not.toContain(FOOTER);
        expect(stored.body).not.toContain(TIP);
        expect(learned.map((r) => r.text).sort()).toEqual([FOOTER, TIP].sort());
        expect(stored.cleaningReport.removed).toEqual(
          expect.arrayContaining([expect.objectContaining({ rule: 'source-boilerplate', text: FOOTER })]),
        );
      }
      // Document 3 made both shared lines boilerplate: one re-clean each, of documents 1-3.
      expect(enqueued.length).toBe(n < 3 ? 0 : 2);
    }
    spy.mockRestore();
    for (const job of enqueued) {
      expect(job.type).toBe('reclean');
      expect([...job.params.documentIds].sort()).toEqual(ids.slice(0, 3).sort());
    }
  });

  it('lists what the source learned, with counts; quotes with different words around them are not learned', async () => {
    const data = await learnedLines();
    expect(data.threshold).toBe(3);
    expect(data.documents).toBe(6);
    const footer = data.lines.find((line) => line.text === FOOTER);
    expect(footer).toMatchObject({ documents: 6, state: 'learned' });
    expect(data.lines.map((line) => line.text).sort()).toEqual([FOOTER, TIP].sort());
    // The documents that held the line when it was learned are the ones a re-clean job gets.
    const holders = await app.strapi.plugin('content-normalizer').service('sourceMemory').documentsWith(SLUG, footer!.lineKey);
    expect([...holders].sort()).toEqual([...ids].sort());
  });

  it('a document imported again unchanged changes no count, even when only its hash can recognise it', async () => {
    const before = await memoryRows(SLUG);
    const articles = await app.strapi.db.query(ARTICLE).count();
    const again = await importDoc({ text: documentText(2), source: SOURCE, status: 'published', externalId: 'qc/2' });
    expect(again.body.data[0]).toMatchObject({ status: 'unchanged', documentId: ids[1] });
    // Document 1 was stored with the footer; cleaned now, it loses it, yet it is the same document.
    const first = await importDoc({ text: documentText(1), source: SOURCE, status: 'published' });
    expect(first.body.data[0]).toMatchObject({ status: 'unchanged', documentId: ids[0] });
    expect(await app.strapi.db.query(ARTICLE).count()).toBe(articles);
    expect(await memoryRows(SLUG)).toEqual(expect.arrayContaining(before));
    expect((await memoryRows(SLUG)).length).toBe(before.length);
  });

  it('an updated document replaces its contribution instead of adding to it', async () => {
    const without = documentText(2).replace(FOOTER, 'Corrections: an earlier version misnamed the harbor master.');
    expect((await importDoc({ text: without, source: SOURCE, status: 'published', externalId: 'qc/2' })).body.data[0].status).toBe(
      'updated',
    );
    expect(await lineOf(FOOTER)).toMatchObject({ documents: 5 });
    expect((await importDoc({ text: documentText(2), source: SOURCE, status: 'published', externalId: 'qc/2' })).body.data[0].status).toBe(
      'updated',
    );
    expect(await lineOf(FOOTER)).toMatchObject({ documents: 6 });
  });

  it('the preview answers with the learned lines it removed, and nothing about counting', async () => {
    const res = await request(server)
      .post('/api/content-normalizer/preview')
      .set('Authorization', `Bearer ${importerKey}`)
      .send({ data: { text: documentText(7), source: SOURCE } })
      .expect(200);
    expect(
      res.body.data.removed
        .filter((r: { rule: string }) => r.rule === 'source-boilerplate')
        .map((r: { text: string }) => r.text)
        .sort(),
    ).toEqual([FOOTER, TIP].sort());
    expect(res.body.data.sourceLines).toBeUndefined();
    expect(await lineOf(FOOTER)).toMatchObject({ documents: 6 });
  });

  it('counts exactly under concurrent imports', async () => {
    const source = 'Parallel Post';
    const shared = 'Parallel Post journalism is free to read and republish under our terms.';
    const some = 'Read the Parallel Post standards and ethics policy on our website.';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        importDoc({
          text: documentText(n, n % 2 === 0 ? `${shared}\n\n${some}` : shared).replace(
            TIP,
            `Parallel desk note for story ${'x'.repeat(n + 1)} in this series.`,
          ),
          source,
          externalId: `pp/${n}`,
        }),
      ),
    );
    expect(results.map((res) => res.body.data[0].status)).toEqual(new Array(10).fill('created'));
    const rows = await memoryRows('parallel-post');
    const count = (text: string) => Number(rows.find((row) => row.line_key === text.toLowerCase())?.doc_count ?? 0);
    expect(count(shared)).toBe(10);
    expect(count(some)).toBe(5);
    expect(rows.find((row) => row.line_key === shared.toLowerCase())?.state).toBe('learned');
    expect((await learnedLines('parallel-post')).documents).toBe(10);
  });

  // Two instances share one database on PostgreSQL; SQLite is one process's file (a second writer waits on its lock).
  (isPostgres() ? it : it.skip)(
    'counts exactly when two instances write at once (a second connection pool on the same database)',
    async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const createKnex = require('knex') as (config: unknown) => typeof app.strapi.db.connection;
      const config = (app.strapi.db.connection as unknown as { client: { config: Record<string, unknown> } }).client.config;
      const other = createKnex({ ...config, pool: { min: 0, max: 4 } });
      try {
        const memory = app.strapi.plugin('content-normalizer').service('sourceMemory');
        const shared = {
          key: 'twin instances share this footer line in every story',
          text: 'Twin instances share this footer line in every story',
        };
        const learned = await Promise.all(
          Array.from({ length: 20 }, (_, n) => {
            const doc = {
              source: 'twin-instances',
              docKey: `x:twin/${n}`,
              documentId: `twin${n}`,
              lines: [shared, { key: `story ${n} has a line of its own`, text: `Story ${n} has a line of its own` }],
            };
            return n % 2 === 0
              ? app.strapi.db.transaction(({ trx }) => memory.record(trx, doc))
              : other.transaction((trx) => memory.record(trx, doc));
          }),
        );
        const rows = await memoryRows('twin-instances');
        expect(Number(rows.find((row) => row.line_key === shared.key)?.doc_count)).toBe(20);
        expect(rows.length).toBe(21);
        // Exactly one of the writers saw the line become boilerplate.
        expect(learned.flat()).toEqual([shared.key]);
      } finally {
        await other.destroy();
      }
    },
  );

  it('"keep as content": the line is never removed again for the source', async () => {
    const footer = await lineOf(FOOTER);
    const kept = await asAdmin(request(server).post(`/content-normalizer/sources/${SLUG}/boilerplate/keep`))
      .send({ lineKey: footer!.lineKey })
      .expect(200);
    expect(kept.body.data).toMatchObject({ lineKey: footer!.lineKey, state: 'kept' });
    const res = await importDoc({ text: documentText(8), source: SOURCE, externalId: 'qc/8' });
    const stored = await draftOf(res.body.data[0].documentId);
    expect(stored.body).toContain(FOOTER);
    expect(stored.body).not.toContain(TIP);
    expect(await lineOf(FOOTER)).toMatchObject({ state: 'kept', documents: 7 });
  });

  it('"forget": the count starts again and the line is kept until it is seen in enough documents again', async () => {
    const forgotten = await asAdmin(request(server).post(`/content-normalizer/sources/${SLUG}/boilerplate/forget`))
      .send({ line: TIP })
      .expect(200);
    expect(forgotten.body.data).toMatchObject({ documents: 0, state: 'counting' });
    expect(await lineOf(TIP)).toBeUndefined();
    const res = await importDoc({ text: documentText(9), source: SOURCE, externalId: 'qc/9' });
    expect((await draftOf(res.body.data[0].documentId)).body).toContain(TIP);
  });

  it('refuses bad input naming the field, unknown sources with 404, and requests without an admin session', async () => {
    const keep = `/content-normalizer/sources/${SLUG}/boilerplate/keep`;
    const bad = await asAdmin(request(server).post(keep)).send({}).expect(400);
    expect(bad.body.error).toMatchObject({ name: 'ValidationError', details: { field: 'lineKey' } });
    const wrongType = await asAdmin(request(server).post(keep)).send({ lineKey: 42 }).expect(400);
    expect(wrongType.body.error.details.field).toBe('lineKey');
    await asAdmin(request(server).get('/content-normalizer/sources/no-such-source/boilerplate')).expect(404);
    await asAdmin(request(server).post('/content-normalizer/sources/no-such-source/boilerplate/forget')).send({ line: TIP }).expect(404);
    await asAdmin(request(server).post(`/content-normalizer/sources/${SLUG}/boilerplate/forget`))
      .send({ line: 'A line this source never wrote in any of its articles.' })
      .expect(404);
    await request(server).get(`/content-normalizer/sources/${SLUG}/boilerplate`).expect(401);
    const sources = (await asAdmin(request(server).get('/content-normalizer/sources')).expect(200)).body.data;
    expect(sources).toEqual(expect.arrayContaining([expect.objectContaining({ slug: SLUG, name: SOURCE })]));
  });

  it("an editor's save of an article with a source is cleaned with its memory and counted", async () => {
    const source = 'Editors Gazette';
    const footer = 'Editors Gazette is published by the Gazette Trust, an independent charity.';
    for (let n = 1; n <= 3; n++) await importDoc({ text: documentText(n, footer), source, externalId: `eg/${n}` });
    const sourceRow = await app.strapi.db.query('api::source.source').findOne({ where: { slug: 'editors-gazette' } });
    const created = await app.strapi.documents(ARTICLE).create({
      data: { title: 'Harbor Fees Rise', body: documentText(4, footer), source: { connect: [{ documentId: sourceRow.documentId }] } },
    } as never);
    const stored = await draftOf((created as { documentId: string }).documentId);
    expect(stored.body).not.toContain(footer);
    for (const line of contentLines(4)) expect(stored.body).toContain(line);
    expect(await lineOf(footer, 'editors-gazette')).toMatchObject({ documents: 4, state: 'learned' });
    // Saving it again counts it once.
    await app.strapi.documents(ARTICLE).update({ documentId: stored.documentId, data: { body: documentText(4, footer) } } as never);
    expect(await lineOf(footer, 'editors-gazette')).toMatchObject({ documents: 4 });
  });

  it('is bounded per source: past maxLinesPerSource the least-seen lines still counting go first', async () => {
    const key = 'plugin::content-normalizer.sourceMemory.maxLinesPerSource';
    const before = app.strapi.config.get(key);
    app.strapi.config.set(key, 20);
    try {
      const shared = 'Bounded Bulletin is written by volunteers on the north shore of the bay.';
      for (let n = 0; n < 6; n++) {
        const own = Array.from({ length: 8 }, (_, i) => `Line ${'ab'.repeat(i + 1)} of story ${'cd'.repeat(n + 1)} says something new.`);
        await importDoc({
          text: [`Bounded story ${'z'.repeat(n + 1)}`, '', ...own, '', shared].join('\n\n'),
          source: 'Bounded Bulletin',
          externalId: `bb/${n}`,
        });
      }
      const rows = await memoryRows('bounded-bulletin');
      expect(rows.length).toBeLessThanOrEqual(20);
      expect(rows.find((row) => row.line_key === shared.toLowerCase())).toMatchObject({ state: 'learned' });
      expect(Number(rows.find((row) => row.line_key === shared.toLowerCase())?.doc_count)).toBe(6);
    } finally {
      app.strapi.config.set(key, before);
    }
  });

  it('can be switched off per source in the saved settings', async () => {
    await asAdmin(request(server).put('/content-normalizer/settings'))
      .send({ data: { rules: {}, customPatterns: [], sources: { 'Parallel Post': { rules: { 'source-boilerplate': false } } } } })
      .expect(200);
    const shared = 'Parallel Post journalism is free to read and republish under our terms.';
    const res = await importDoc({ text: documentText(11, shared), source: 'Parallel Post', externalId: 'pp/11' });
    expect((await draftOf(res.body.data[0].documentId)).body).toContain(shared);
  });
});

describe('learned lines leave the stored articles too, through the background jobs', () => {
  const SHORE = 'Shoreline Record';
  const PITCH = 'Get the Shoreline Record morning newsletter free in your inbox every weekday.';
  const STANDARDS = 'The Shoreline Record follows the editorial standards of the regional press council.';
  const story = (n: number) =>
    [
      `Harbour Notes Number ${n}: ${TOPICS[n % TOPICS.length]}`,
      '',
      `Volunteers counted ${n * 7} boats along the ${TOPICS[n % TOPICS.length]} on ${DAYS[n % DAYS.length]} morning.`,
      '',
      PITCH,
      '',
      `The count helps the harbour office plan berths for the ${DAYS[(n + 1) % DAYS.length]} arrivals.`,
      '',
      STANDARDS,
    ].join('\n');
  /** The published body a reader gets for each of the source's articles, in story order (by title). */
  const publicBodies = async () => {
    const res = await request(server)
      .get('/api/articles')
      .query({ filters: { source: { slug: { $eq: 'shoreline-record' } } }, sort: 'title:asc', pagination: { pageSize: 20 } })
      .expect(200);
    return (res.body.data as Array<{ body: string }>).map((article) => article.body);
  };
  const eventually = async (check: () => Promise<boolean>, seconds: number) => {
    const until = Date.now() + seconds * 1000;
    while (!(await check())) {
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return true;
  };

  it('six documents imported one by one: lines gone from the 4th on at once, from all six after the re-clean', async () => {
    for (let n = 1; n <= 6; n++) {
      await importDoc({ text: story(n), source: SHORE, externalId: `sr/${n}`, status: 'published' });
    }
    const right = async () => {
      const bodies = await publicBodies();
      return bodies.length === 6 && bodies.every((body) => !body.includes(PITCH) && !body.includes(STANDARDS));
    };
    expect(await eventually(right, 60)).toBe(true);
    const bodies = await publicBodies();
    bodies.forEach((body, i) => {
      expect(body).toContain(`Volunteers counted ${(i + 1) * 7} boats`);
      expect(body).toContain('The count helps the harbour office plan berths');
    });
    // Re-cleaned by a job, and the report says so.
    const first = (await app.strapi.db.query(ARTICLE).findOne({ where: { externalId: 'sr/1', publishedAt: null } })) as {
      cleaningReport: { via?: string; removed: Array<{ rule: string; text: string }> };
    };
    expect(first.cleaningReport.via).toBe('job');
    expect(
      first.cleaningReport.removed
        .filter((r) => r.rule === 'source-boilerplate')
        .map((r) => r.text)
        .sort(),
    ).toEqual([PITCH, STANDARDS].sort());
  });

  it('documents cleaned while another import made their line boilerplate are re-cleaned too', async () => {
    const line = 'Harbour Ledger reporting is funded by members and by the coastal trust.';
    const ledger = (n: number) =>
      [`Ledger Dispatch ${n}`, '', `The quay crew moved ${n * 11} crates before the ${DAYS[n % DAYS.length]} tide.`, '', line].join('\n');
    for (const n of [1, 2]) await importDoc({ text: ledger(n), source: 'Harbour Ledger', externalId: `hl/${n}`, status: 'published' });
    // Cleaned at once, all with a memory that has not learned the line yet; the first write to commit learns it.
    await Promise.all(
      [3, 4, 5, 6].map((n) => importDoc({ text: ledger(n), source: 'Harbour Ledger', externalId: `hl/${n}`, status: 'published' })),
    );
    const clean = async () => {
      const res = await request(server)
        .get('/api/articles')
        .query({ filters: { source: { slug: { $eq: 'harbour-ledger' } } }, pagination: { pageSize: 20 } })
        .expect(200);
      const bodies = (res.body.data as Array<{ body: string }>).map((article) => article.body);
      return bodies.length === 6 && bodies.every((body) => !body.includes(line) && body.includes('crates before the'));
    };
    expect(await eventually(clean, 60)).toBe(true);
  });

  it('"keep as content" puts the line back in every stored article of the source, through a job', async () => {
    const line = (await learnedLines('shoreline-record')).lines.find((entry) => entry.text === STANDARDS);
    expect(line).toBeDefined();
    await asAdmin(request(server).post('/content-normalizer/sources/shoreline-record/boilerplate/keep'))
      .send({ lineKey: line!.lineKey })
      .expect(200);
    const back = async () => {
      const bodies = await publicBodies();
      return bodies.length === 6 && bodies.every((body) => body.includes(STANDARDS) && !body.includes(PITCH));
    };
    expect(await eventually(back, 60)).toBe(true);
  });
});
