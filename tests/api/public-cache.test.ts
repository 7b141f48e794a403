/**
 * The public read cache on its own (no Strapi boot): bounded in bytes whatever pages are asked for, and serving
 * the last answer while the database is away.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import publicCache from '../../src/middlewares/public-cache';

type Ctx = Parameters<ReturnType<typeof publicCache>>[0];

const strapi = {
  store: () => ({ get: async () => 'generation-1' }),
  log: { warn: () => undefined, info: () => undefined },
} as unknown as Parameters<typeof publicCache>[1]['strapi'];

function request(url: string): Ctx & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return {
    method: 'GET',
    url,
    path: url.split('?')[0],
    status: 404,
    body: undefined,
    type: '',
    request: { headers: {} },
    headers,
    set: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
  };
}

/** What Strapi would answer: a page of `size` bytes of JSON. */
const answer = (size: number) => async (ctx: Ctx) => {
  ctx.status = 200;
  ctx.body = { data: [{ title: 'x'.repeat(size) }] };
};

describe('public cache', () => {
  it('never holds more bytes than PUBLIC_CACHE_MAX_BYTES, however many large pages are read', async () => {
    const maxBytes = 2 * 1024 * 1024;
    const cache = publicCache({ maxBytes, maxEntries: 100_000 }, { strapi });
    for (let page = 0; page < 400; page += 1) {
      const ctx = request(`/api/articles?pagination[page]=${page}`);
      await cache(ctx, () => answer(200_000)(ctx));
      expect(ctx.status).toBe(200);
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
    // 400 pages of 200 kB went through (80 MB); about ten of them are kept.
    expect(cache.stats().entries).toBeGreaterThan(5);
    expect(cache.stats().entries).toBeLessThanOrEqual(10);

    // The most recent pages are the ones kept: the last one is a hit.
    const again = request('/api/articles?pagination[page]=399');
    await cache(again, () => {
      throw new Error('should have come from memory');
    });
    expect(again.headers['x-public-cache']).toBe('hit');
  });

  it('does not keep an answer larger than an eighth of the bound', async () => {
    const cache = publicCache({ maxBytes: 800_000 }, { strapi });
    const small = request('/api/tags');
    await cache(small, () => answer(10_000)(small));
    const huge = request('/api/articles?populate=*');
    await cache(huge, () => answer(200_000)(huge));
    expect(huge.status).toBe(200);
    expect(cache.stats()).toMatchObject({ entries: 1 });
  });

  it('answers from memory while the database cannot be reached, instead of a 503', async () => {
    // Too old to be served while revalidating: the reader waits for the database, which is away.
    const cache = publicCache({ maxAgeMs: 0, maxStaleMs: 0 }, { strapi });
    const first = request('/api/articles?sort=title');
    await cache(first, () => answer(100)(first));
    const during = request('/api/articles?sort=title');
    await cache(during, async () => {
      during.status = 503;
      during.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError' } };
    });
    expect([during.status, during.headers['x-public-cache']]).toEqual([200, 'stale-if-error']);
    expect(JSON.parse(String(during.body)).data[0].title).toBe('x'.repeat(100));

    const unknown = request('/api/articles?sort=slug');
    await cache(unknown, async () => {
      unknown.status = 503;
    });
    expect(unknown.status).toBe(503);
  });
});

describe('content generation during a burst of writes', () => {
  it('the first visible change counts at once, later ones within the window once at its end; drafts never', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generation = require('../../src/bootstrap/content-generation') as typeof import('../../src/bootstrap/content-generation');
    const stored: string[] = [];
    const fake = {
      store: () => ({ get: async () => stored.at(-1) ?? null, set: async ({ value }: { value: string }) => void stored.push(value) }),
      getModel: (uid: string) => ({ options: { draftAndPublish: uid === 'api::article.article' } }),
      log: { warn: () => undefined, info: () => undefined },
    } as unknown as Parameters<typeof generation.readContentGeneration>[0];
    const listen = generation.contentGenerationListener(fake);
    const current = () => generation.readContentGeneration(fake, 60_000);
    generation.setChangeWindow(300);

    const start = await current();
    await listen('entry.create', { uid: 'api::article.article' }); // a draft: nobody can see it
    await listen('entry.update', { uid: 'api::article.article' });
    expect(await current()).toBe(start);

    await listen('entry.publish', { uid: 'api::article.article' });
    const afterFirst = await current();
    expect(afterFirst).not.toBe(start);
    for (let i = 0; i < 50; i += 1)
      await listen(i % 2 ? 'entry.publish' : 'entry.create', { uid: i % 3 ? 'api::tag.tag' : 'api::article.article' });
    expect(await current()).toBe(afterFirst);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const afterWindow = await current();
    expect(afterWindow).not.toBe(afterFirst);
    // Two changes, two writes of the shared generation: not 52.
    await generation.flushContentGeneration(fake as never);
    expect(stored).toHaveLength(2);
    generation.setChangeWindow(0);
  });
});

describe('background recomputation during a burst of writes', () => {
  it('takes at most revalidateShare of the thread, however many pages are stale', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generation = require('../../src/bootstrap/content-generation') as typeof import('../../src/bootstrap/content-generation');
    const stored: string[] = [];
    const server = http.createServer();
    const fake = {
      store: () => ({ get: async () => stored.at(-1) ?? null, set: async ({ value }: { value: string }) => void stored.push(value) }),
      getModel: () => ({ options: { draftAndPublish: true } }),
      log: { warn: () => undefined, info: () => undefined },
      server: { httpServer: server },
    } as unknown as Parameters<typeof publicCache>[1]['strapi'];
    const share = 0.25;
    const cache = publicCache({ writeWindowMs: 50, maxStaleMs: 60_000, generationMaxAgeMs: 0, revalidateShare: share }, { strapi: fake });
    // Strapi computing a page: 20 ms of this thread, busy.
    let revalidations = 0;
    let revalidatingMs = 0;
    server.on('request', (req, res) => {
      const url = req.url ?? '/';
      const ctx = { ...request(url), request: { headers: req.headers } } as Ctx & { headers: Record<string, string> };
      void cache(ctx, async () => {
        const started = performance.now();
        while (performance.now() - started < 20);
        if (req.headers['x-public-cache-revalidate']) {
          revalidations += 1;
          revalidatingMs += performance.now() - started;
        }
        ctx.status = 200;
        ctx.body = { data: [{ url }] };
      }).then(() => {
        res.statusCode = ctx.status;
        res.setHeader('x-public-cache', ctx.headers['x-public-cache'] ?? 'none');
        res.end(ctx.body as Buffer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<string>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port, path }, (res) => {
            res.resume();
            res.on('end', () => resolve(String(res.headers['x-public-cache'])));
          })
          .on('error', reject),
      );
    try {
      const pages = Array.from({ length: 40 }, (_, k) => `/api/articles?pagination[page]=${k + 1}`);
      for (const page of pages) await get(page);
      const listen = generation.contentGenerationListener(fake as never);
      const started = performance.now();
      const seen = new Set<string>();
      // An import publishing all the time (each window makes every page stale) and a reader going round the pages.
      for (let k = 0; performance.now() - started < 1500; k += 1) {
        await listen('entry.publish', { uid: 'api::article.article' });
        seen.add(await get(pages[k % pages.length]));
      }
      const elapsed = performance.now() - started;
      expect(seen).toContain('stale');
      // Some pages were recomputed, and the recomputations took at most their share of the time (one may be
      // running at the end).
      expect(revalidations).toBeGreaterThan(2);
      expect(revalidatingMs).toBeLessThanOrEqual(elapsed * share + 25);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await generation.flushContentGeneration(fake as never);
      generation.setChangeWindow(0);
    }
  });
});
