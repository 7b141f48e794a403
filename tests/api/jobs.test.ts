import request from 'supertest';
import { ADMIN, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { JOBS_TABLE, jobStore } from '../../src/plugins/content-normalizer/server/src/jobs/store';

let app: TestApp;
let server: Parameters<typeof request>[0];
let jwt: string;
let importerKey: string;

const ARTICLE = 'api::article.article';
const SPONSOR = 'Jingle of the week: Quillby Crackers';
const TIP = 'Have a tip? Write to the harbour desk';
const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${jwt}`);
const jobs = () => app.strapi.plugin('content-normalizer').service('jobs');

async function importDoc(data: Record<string, unknown>): Promise<string> {
  const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${importerKey}`).send({ data }).expect(200);
  expect(res.body.data[0].status).toBe('created');
  return res.body.data[0].documentId;
}

const draftOf = (documentId: string) => app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } });
const publishedOf = (documentId: string) =>
  app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: { $notNull: true } } });

const text = (title: string, extra: string[]) =>
  [
    title,
    '',
    `${title} was the talk of the quay on Tuesday morning.`,
    '',
    ...extra.flatMap((line) => [line, '']),
    'The council meets again next week.',
  ].join('\n');

async function saveSettings(customPatterns: Array<{ pattern: string; rule: string }>) {
  await asAdmin(request(server).put('/content-normalizer/settings'))
    .send({ data: { rules: {}, customPatterns, sources: {} } })
    .expect(200);
}

async function waitForJob(id: number, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await asAdmin(request(server).get(`/content-normalizer/jobs/${id}`)).expect(200);
    if (!['queued', 'running'].includes(res.body.data.state)) return res.body.data;
    if (Date.now() > until) throw new Error(`job ${id} still ${res.body.data.state}: ${JSON.stringify(res.body.data)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  server = app.strapi.server.httpServer;
  jwt = (await request(server).post('/admin/login').send(ADMIN).expect(200)).body.data.token;
  importerKey = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);

  ids.ferry = await importDoc({ text: text('Ferry timetable', [SPONSOR]), externalId: 'jobs/ferry', status: 'published' });
  ids.quay = await importDoc({ text: text('Quay lights', [SPONSOR, TIP]), externalId: 'jobs/quay', status: 'published' });
  ids.plain = await importDoc({ text: text('Harbour dredging', []), externalId: 'jobs/plain', status: 'published' });
  ids.draft = await importDoc({ text: text('Pier repairs', [SPONSOR]), externalId: 'jobs/draft', status: 'draft' });
  ids.edited = await importDoc({ text: text('Lighthouse keeper', [SPONSOR]), externalId: 'jobs/edited', status: 'published' });
  // An editor's unpublished change: the draft is now ahead of the published version.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await app.strapi
    .documents(ARTICLE)
    .update({ documentId: ids.edited, status: 'draft', data: { title: 'Lighthouse keeper retires' } } as never);
});

afterAll(async () => {
  await app?.stop();
});

describe('admin routes', () => {
  it('refuse requests without an admin session', async () => {
    await request(server).get('/content-normalizer/jobs').expect(401);
    await request(server).post('/content-normalizer/settings/impact').send({ data: {} }).expect(401);
  });

  it('bad input is a 400 naming the field', async () => {
    const badRule = await asAdmin(request(server).post('/content-normalizer/settings/impact'))
      .send({ data: { rules: { 'no-such-rule': true } } })
      .expect(400);
    expect(badRule.body.error.details.field).toBe('data.rules.no-such-rule');
    const noReason = await asAdmin(request(server).post('/content-normalizer/jobs'))
      .send({ data: { type: 'reclean', params: { all: true } } })
      .expect(400);
    expect(noReason.body.error.details.field).toBe('data.params.reason');
    const badId = await asAdmin(request(server).post('/content-normalizer/jobs'))
      .send({ data: { type: 'reclean', params: { documentIds: ['ok', 'not an id!'], reason: 'x' } } })
      .expect(400);
    expect(badId.body.error.details.field).toBe('data.params.documentIds[1]');
    const badType = await asAdmin(request(server).post('/content-normalizer/jobs'))
      .send({ data: { type: 'compost', params: {} } })
      .expect(400);
    expect(badType.body.error.details.field).toBe('data.type');
    expect((await asAdmin(request(server).get('/content-normalizer/jobs/abc')).expect(400)).body.error.details.field).toBe('id');
    await asAdmin(request(server).get('/content-normalizer/jobs/999999')).expect(404);
    await expect(jobs().enqueue('reclean', { documentIds: ['a'], all: true, reason: 'both' })).rejects.toMatchObject({
      details: { field: 'params' },
    });
  });
});

describe('re-clean on rule change', () => {
  it('the impact check counts the stored articles a proposed pattern would change, with their diffs, and saves nothing', async () => {
    const res = await asAdmin(request(server).post('/content-normalizer/settings/impact'))
      .send({ data: { rules: {}, customPatterns: [{ pattern: 'Jingle of the week:', rule: 'sponsor-line' }], sources: {} } })
      .expect(200);
    const impact = res.body.data;
    expect(impact).toMatchObject({ total: 5, scanned: 5, wouldChange: 4 });
    expect([...impact.documentIds].sort()).toEqual([ids.ferry, ids.quay, ids.draft, ids.edited].sort());
    expect(impact.samples).toHaveLength(4);
    for (const sample of impact.samples) {
      expect(sample.diff.removed).toEqual([SPONSOR]);
      // Re-cleaning uses the stored title: the editor's new title no longer matches the original's first line, which
      // then stays in the body, and the check says so.
      expect(sample.diff.restored).toEqual(sample.documentId === ids.edited ? ['Lighthouse keeper'] : []);
    }
    expect(impact.samples.find((s: { documentId: string }) => s.documentId === ids.ferry).title).toBe('Ferry timetable');
    expect((await draftOf(ids.ferry)).body).toContain(SPONSOR);
    expect((await app.strapi.plugin('content-normalizer').service('normalizer').getStoredSettings()).customPatterns ?? []).toEqual([]);
  });

  it('a reclean job over every article re-cleans the changed ones, keeps published ones published, and writes nothing else', async () => {
    const plainBefore = await draftOf(ids.plain);
    const plainPublishedBefore = await publishedOf(ids.plain);
    const editedPublishedBefore = await publishedOf(ids.edited);
    await saveSettings([{ pattern: 'Jingle of the week:', rule: 'sponsor-line' }]);

    const created = await asAdmin(request(server).post('/content-normalizer/jobs'))
      .send({ data: { type: 'reclean', params: { all: true, reason: 'settings changed' } } })
      .expect(200);
    const job = await waitForJob(created.body.data.id);
    expect(job).toMatchObject({ state: 'done', type: 'reclean', progress: { done: 5, total: 5, changed: 4, failed: 0 } });
    expect(job.params).toEqual({ all: true, reason: 'settings changed' });

    for (const name of ['ferry', 'quay']) {
      const draft = await draftOf(ids[name]);
      const published = await publishedOf(ids[name]);
      expect(draft.body).not.toContain(SPONSOR);
      expect(published?.body).toBe(draft.body);
      expect(draft.cleaningReport).toMatchObject({ via: 'job' });
      expect(Date.parse(draft.cleaningReport.cleanedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(draft.cleaningReport.removed.map((r: { rule: string }) => r.rule)).toContain('sponsor-line');
    }
    // A draft stays a draft.
    expect((await draftOf(ids.draft)).body).not.toContain(SPONSOR);
    expect(await publishedOf(ids.draft)).toBeNull();
    // The editor's unpublished change is not published by the job: only the draft is re-cleaned.
    const edited = await draftOf(ids.edited);
    expect(edited.body).not.toContain(SPONSOR);
    expect(edited.title).toBe('Lighthouse keeper retires');
    const editedPublished = await publishedOf(ids.edited);
    expect(editedPublished.title).toBe('Lighthouse keeper');
    expect(editedPublished.body).toBe(editedPublishedBefore.body);
    expect(job.problems).toEqual([{ documentId: ids.edited, message: expect.stringMatching(/unpublished changes/) }]);
    // The unaffected article is not written at all.
    const plainAfter = await draftOf(ids.plain);
    expect(plainAfter.updatedAt).toEqual(plainBefore.updatedAt);
    expect(plainAfter.cleaningReport).toEqual(plainBefore.cleaningReport);
    expect((await publishedOf(ids.plain)).updatedAt).toEqual(plainPublishedBefore.updatedAt);

    // Run again: nothing changes, nothing is written.
    const ferryBefore = await draftOf(ids.ferry);
    const again = await waitForJob(await jobs().enqueue('reclean', { documentIds: [ids.ferry, ids.quay], reason: 'again' }));
    expect(again).toMatchObject({ state: 'done', progress: { done: 2, total: 2, changed: 0 } });
    expect((await draftOf(ids.ferry)).updatedAt).toEqual(ferryBefore.updatedAt);

    const list = await asAdmin(request(server).get('/content-normalizer/jobs')).expect(200);
    expect(list.body.data.map((j: { id: number }) => j.id).slice(0, 2)).toEqual([again.id, job.id]);
  });
});

describe('leases', () => {
  it('a running job whose lease ran out (a killed instance) is taken over and resumed from its cursor', async () => {
    await saveSettings([
      { pattern: 'Jingle of the week:', rule: 'sponsor-line' },
      { pattern: 'Have a tip?', rule: 'tip-line' },
    ]);
    const a = await importDoc({ text: text('Net mending', [TIP]), externalId: 'jobs/tip-a', status: 'published' });
    const b = await importDoc({ text: text('Salt marsh', [TIP]), externalId: 'jobs/tip-b', status: 'published' });
    // The imports above already use the new pattern; put the line back as if they were stored before it.
    // Straight to the rows, leaving updatedAt alone, so the drafts stay level with their published versions.
    const table = (app.strapi.db.metadata.get(ARTICLE as never) as unknown as { tableName: string }).tableName;
    await app.strapi.db
      .connection(table)
      .whereIn('document_id', [a, b])
      .update({
        body: app.strapi.db.connection.raw(`body || ?`, [`\n\n${TIP}`]),
        cleaning_report: JSON.stringify({ removed: [], problems: [] }),
      });
    const aDraft = await draftOf(a);
    const now = Date.now();
    // The dead instance had done article `a` (the cursor is its draft row id) before it was killed.
    const [inserted] = await app.strapi.db.connection(JOBS_TABLE).insert(
      {
        type: 'reclean',
        params: JSON.stringify({ documentIds: [a, b], reason: 'killed' }),
        state: 'running',
        progress_done: 1,
        progress_total: 2,
        progress_changed: 1,
        progress_failed: 0,
        cursor: String(aDraft.id),
        lease_owner: 'dead-instance',
        lease_until: now - 1000,
        attempts: 1,
        created_at: now - 5000,
        updated_at: now - 5000,
      },
      ['id'],
    );
    const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    const job = await waitForJob(id);
    expect(job).toMatchObject({ state: 'done', attempts: 2, progress: { done: 2, total: 2, changed: 2, failed: 0 } });
    expect((await draftOf(b)).body).not.toContain(TIP);
    expect((await publishedOf(b)).body).not.toContain(TIP);
    // Article `a` was before the cursor: the job did not do it again.
    expect((await draftOf(a)).body).toContain(TIP);
  });

  it('two runners on one database claim different jobs, and neither takes a job the other holds', async () => {
    await jobs().stop();
    try {
      const store = jobStore(app.strapi.db.connection);
      const first = await jobs().enqueue('reclean', { documentIds: [ids.ferry], reason: 'one' });
      const second = await jobs().enqueue('reclean', { documentIds: [ids.quay], reason: 'two' });
      const [claimA, claimB] = await Promise.all([store.claim('runner-a', 30_000), store.claim('runner-b', 30_000)]);
      expect(claimA).not.toBeNull();
      expect(claimB).not.toBeNull();
      expect([claimA?.id, claimB?.id].sort()).toEqual([first, second].sort());
      expect(await store.claim('runner-c', 30_000)).toBeNull();

      const runnerA = jobs().createRunner('runner-a');
      const runnerB = jobs().createRunner('runner-b');
      await Promise.all([runnerA.runJob(claimA!), runnerB.runJob(claimB!)]);
      for (const id of [first, second]) expect(await store.get(id)).toMatchObject({ state: 'done', progress: { done: 1, total: 1 } });

      // A cancelled job is given up by its runner at its next step, and cannot be cancelled twice.
      const third = await jobs().enqueue('reclean', { all: true, reason: 'cancel me' });
      const cancelled = await asAdmin(request(server).post(`/content-normalizer/jobs/${third}/cancel`)).expect(200);
      expect(cancelled.body.data.state).toBe('cancelled');
      const twice = await asAdmin(request(server).post(`/content-normalizer/jobs/${third}/cancel`)).expect(400);
      expect(twice.body.error.details.field).toBe('id');
      expect(await store.claim('runner-c', 30_000)).toBeNull();
    } finally {
      await jobs().start();
    }
  });
});
