import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { ADMIN, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let token: string;
let jwt: string;
let receiver: http.Server;

interface Delivery {
  event: string;
  model: string;
  entry: Record<string, unknown>;
  raw: string;
}
const deliveries: Delivery[] = [];

/** Waits until the receiver holds deliveries matching `predicate`, and returns them. */
async function waitFor(predicate: (delivery: Delivery) => boolean, count: number): Promise<Delivery[]> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const found = deliveries.filter(predicate);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return deliveries.filter(predicate);
}

const RAW_MARKER = 'Subscribe to our newsletter for more stories like this';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Omit<Delivery, 'raw'>;
      deliveries.push({ ...body, raw });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));

  app = await startStrapi();
  server = app.strapi.server.httpServer;
  token = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
  const login = await request(server).post('/admin/login').send({ email: ADMIN.email, password: ADMIN.password }).expect(200);
  jwt = login.body.data.token ?? login.body.data.accessToken;
  // Settings → Webhooks, through the admin API as the admin panel does.
  await request(server)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({
      name: 'frontend rebuild',
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      headers: {},
      events: ['entry.create', 'entry.update', 'entry.publish', 'entry.unpublish', 'entry.delete'],
    })
    .expect((res) => expect([res.status, res.body.error]).toEqual([201, undefined]));
});

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

const item = (n: number, status: 'draft' | 'published', title = `Harbour story ${n}`) => ({
  externalId: `hook/${n}`,
  status,
  title,
  text: `${title}\n\nBy Rosa Tide\n\nThe harbour story ${n} goes on.\n\n${RAW_MARKER}`,
  tags: ['Harbour'],
});

describe("Strapi's webhooks for imported articles", () => {
  it('fire entry.create and entry.publish for a batch, per article, without private fields', async () => {
    const res = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: [item(1, 'published'), item(2, 'published'), item(3, 'draft')] })
      .expect(200);
    const ids = (res.body.data as Array<{ documentId: string }>).map((result) => result.documentId);
    const created = await waitFor((d) => d.event === 'entry.create' && d.model === 'article', 3);
    expect(created.map((d) => d.entry.documentId).sort()).toEqual([...ids].sort());
    const published = await waitFor((d) => d.event === 'entry.publish' && d.model === 'article', 2);
    expect(published.map((d) => d.entry.documentId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(published[0].entry).toMatchObject({ title: expect.stringMatching(/^Harbour story/), slug: expect.any(String) });
    expect(published[0].entry.tags).toEqual([expect.objectContaining({ name: 'Harbour', slug: 'harbour' })]);
  });

  it('fire entry.update when an import changes an article, and nothing when it is unchanged', async () => {
    const before = deliveries.length;
    await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: item(2, 'published') })
      .expect(200);
    const changed = await request(server)
      .post('/api/articles/import')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: item(1, 'published', 'Harbour story 1, updated') })
      .expect(200);
    expect(changed.body.data[0].status).toBe('updated');
    const updated = await waitFor((d) => d.event === 'entry.update' && d.entry.documentId === changed.body.data[0].documentId, 1);
    expect(updated[0].entry.title).toBe('Harbour story 1, updated');
    await waitFor((d) => d.event === 'entry.publish' && d.entry.title === 'Harbour story 1, updated', 1);
    // The unchanged item announced nothing.
    expect(deliveries.slice(before).filter((d) => d.entry.externalId === 'hook/2')).toEqual([]);
  });

  it("fire for editors' saves too, and no payload carries rawText, cleaningReport or a removed line", async () => {
    await request(server)
      .post('/content-manager/collection-types/api::article.article')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ title: 'Editor story', body: `Editor story\n\nWritten by hand.\n\n${RAW_MARKER}` })
      .expect(201);
    const edited = await waitFor((d) => d.event === 'entry.create' && d.entry.title === 'Editor story', 1);
    expect(edited).toHaveLength(1);
    expect(deliveries.length).toBeGreaterThanOrEqual(8);
    for (const delivery of deliveries) {
      expect(delivery.raw).not.toContain('rawText');
      expect(delivery.raw).not.toContain('cleaningReport');
      expect(delivery.raw).not.toContain(RAW_MARKER);
    }
  });
});
