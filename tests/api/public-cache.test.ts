/**
 * The public read cache on its own (no Strapi boot): bounded in bytes whatever pages are asked for, and serving
 * the last answer while the database is away.
 */
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
    const cache = publicCache({ maxAgeMs: 0 }, { strapi });
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
