import http from 'http';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { inWriteBurst, readContentGeneration, setChangeWindow } from '../bootstrap/content-generation';

interface CachedAnswer {
  generation: string;
  /** The JSON already serialized: a page of 25 articles is large, and stringifying it per hit costs more than the rest. */
  json: Buffer;
  storedAt: number;
}

interface Options {
  /** Off: every request goes to Strapi. */
  enabled?: boolean;
  /** Most answers kept; the oldest goes first. */
  maxEntries?: number;
  /** Most bytes of answers kept, whatever their number; the oldest go first, and a larger answer is not kept. */
  maxBytes?: number;
  /**
   * When the database cannot be reached, a reader gets the last answer for the page if it is younger than
   * this (`X-Public-Cache: stale-if-error`) rather than a 503.
   */
  staleIfErrorMs?: number;
  /** During a burst of writes, cached answers are invalidated at most once per this window (see content-generation). */
  writeWindowMs?: number;
  /** A ceiling on any answer's age, for changes the generation does not see (public permissions edited). */
  maxAgeMs?: number;
  /** How often the database's generation (other instances' writes) is read again. */
  generationMaxAgeMs?: number;
  /**
   * During a burst of writes, while one request recomputes a page that content changes made stale, others get
   * the previous answer if it is younger than this (stale-while-revalidate): during a long import every commit
   * invalidates the pages. Outside a burst a changed page is recomputed while its reader waits.
   */
  maxStaleMs?: number;
  /**
   * During a burst, the most of the thread's time background recomputations may take (0.25: after one that took
   * 20 ms, the next starts 60 ms later). Every page goes stale once per write window then, so they would
   * otherwise take all the time readers and writers are not using, and more.
   */
  revalidateShare?: number;
}

type Ctx = {
  method: string;
  path: string;
  url: string;
  status: number;
  body: unknown;
  type: string;
  request: { headers: Record<string, string | string[] | undefined> };
  set: (name: string, value: string) => void;
};

function send(ctx: Ctx, json: Buffer, how: 'hit' | 'shared' | 'stale' | 'stale-if-error' | 'miss') {
  ctx.status = 200;
  ctx.body = json;
  ctx.type = 'application/json; charset=utf-8';
  ctx.set('X-Public-Cache', how);
}

/** Marks this server's own background revalidation requests (with a secret value per process). */
const REVALIDATE_HEADER = 'x-public-cache-revalidate';

/** REST reads of the four types; search answers are too varied to be worth the memory. */
const CACHED_PATH = /^\/api\/(articles|authors|tags|sources)(\/(?!search$)[^/]+)?$/;

/**
 * Answers repeated public reads of articles, authors, tags and sources from memory. Strapi spends ~30 ms of
 * CPU sanitizing a page of 25 populated articles; frontends ask for the same pages again and again. An
 * answer is reused only while the content generation (changed after every visible write to these types, and
 * shared through the database by all instances) is the one it was computed under. Once it changed, readers get
 * the previous answer (`X-Public-Cache: stale`) while the page is recomputed in the background, for at most
 * `maxStaleMs`; past that a reader waits for a fresh one (`miss`). Only requests without credentials are cached:
 * they all get the same answer.
 */
export default (options: Options, { strapi }: { strapi: Core.Strapi }) => {
  setChangeWindow(options?.writeWindowMs ?? 1000);
  const maxEntries = options?.maxEntries ?? 1000;
  const maxBytes = options?.maxBytes ?? 64 * 1024 * 1024;
  const maxAgeMs = options?.maxAgeMs ?? 60_000;
  const staleIfErrorMs = options?.staleIfErrorMs ?? 300_000;
  const answers = new Map<string, CachedAnswer>();
  /** Bytes held by `answers`: keys and serialized answers. */
  let bytes = 0;
  const sizeOf = (key: string, answer: CachedAnswer) => answer.json.length + Buffer.byteLength(key) * 2;
  const forget = (key: string) => {
    const answer = answers.get(key);
    if (!answer) return;
    bytes -= sizeOf(key, answer);
    answers.delete(key);
  };
  const keep = (key: string, answer: CachedAnswer) => {
    forget(key);
    const size = sizeOf(key, answer);
    // One page may not take more than an eighth of the cache: a few huge answers would evict everything else.
    if (size > maxBytes / 8) return;
    answers.set(key, answer);
    bytes += size;
    while (answers.size > maxEntries || bytes > maxBytes) forget(answers.keys().next().value as string);
  };
  const generationMaxAgeMs = options?.generationMaxAgeMs ?? 1000;
  const maxStaleMs = options?.maxStaleMs ?? 10_000;
  const inflight = new Map<string, Promise<Buffer | undefined>>();
  /** Pages being computed, whatever generation: their previous answer may be served stale meanwhile. */
  const computing = new Map<string, number>();

  /**
   * Background revalidation: the page is requested again from this server itself, over loopback, marked with a
   * secret only this process knows, so that it runs through the whole public pipeline (authentication as a
   * reader without credentials, the draft guard) exactly as a reader's request would. At most a few at once.
   */
  const revalidateSecret = randomBytes(16).toString('hex');
  const revalidating = new Set<string>();
  /**
   * One page at a time, and at most `revalidateShare` of the time: a recomputation costs Strapi tens of
   * milliseconds of the thread that also answers every reader, and during an import every page changes every
   * write window. Pages wait their turn (answered stale, up to maxStaleMs) rather than starving readers and writers.
   */
  const MAX_REVALIDATIONS = 1;
  const revalidateShare = Math.min(1, Math.max(0.01, options?.revalidateShare ?? 0.25));
  let nextRevalidationAt = 0;
  function revalidate(key: string): void {
    const address = strapi.server?.httpServer?.address();
    if (!address || typeof address === 'string' || revalidating.size >= MAX_REVALIDATIONS || revalidating.has(key)) return;
    if (Date.now() < nextRevalidationAt) return;
    const startedAt = Date.now();
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    revalidating.add(key);
    computing.set(key, (computing.get(key) ?? 0) + 1);
    const done = () => {
      nextRevalidationAt = Date.now() + (Date.now() - startedAt) * (1 / revalidateShare - 1);
      revalidating.delete(key);
      const left = (computing.get(key) ?? 1) - 1;
      if (left > 0) computing.set(key, left);
      else computing.delete(key);
    };
    const req = http.get({ host, port: address.port, path: key, headers: { [REVALIDATE_HEADER]: revalidateSecret } }, (res) => {
      res.resume();
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', done);
    req.setTimeout(30_000, () => req.destroy());
  }

  const middleware = async (ctx: Ctx, next: () => Promise<void>) => {
    if (options?.enabled === false) return next();
    if (ctx.method !== 'GET' || ctx.request.headers.authorization || !CACHED_PATH.test(ctx.path)) return next();

    // Read before routing: route middlewares rewrite the query string (and so ctx.url).
    const key = ctx.url;
    const generation = await readContentGeneration(strapi, generationMaxAgeMs);
    const cached = answers.get(key);
    if (cached && cached.generation === generation && Date.now() - cached.storedAt < maxAgeMs) {
      send(ctx, cached.json, 'hit');
      return;
    }

    const revalidation = ctx.request.headers[REVALIDATE_HEADER] === revalidateSecret;
    if (!revalidation && cached && Date.now() - cached.storedAt < maxStaleMs && inWriteBurst()) {
      // Stale while revalidate: the previous answer now, and a fresh one computed in the background for the next
      // reader (a few pages at a time; the others wait their turn, still answered stale). No reader waits for a
      // page that content changes made stale, however many pages there are, unless it is older than maxStaleMs.
      if (!computing.get(key)) revalidate(key);
      send(ctx, cached.json, 'stale');
      return;
    }

    // Single flight: when many readers miss the same page at once (a frontend's traffic right after a
    // publish), one computes it and the others wait for that answer instead of computing it again.
    const flightKey = `${generation}\u0000${key}`;
    const pending = inflight.get(flightKey);
    if (pending) {
      const shared = await pending;
      if (shared) {
        send(ctx, shared, 'shared');
        return;
      }
    }

    let settle: (json: Buffer | undefined) => void = () => undefined;
    inflight.set(flightKey, new Promise((resolve) => (settle = resolve)));
    let cacheable: Buffer | undefined;
    computing.set(key, (computing.get(key) ?? 0) + 1);
    try {
      await next();
      ctx.set('X-Public-Cache', 'miss');
      const body = ctx.body as { pipe?: unknown } | null;
      if (ctx.status === 200 && body && typeof body === 'object' && !Buffer.isBuffer(body) && typeof body.pipe !== 'function') {
        cacheable = Buffer.from(JSON.stringify(ctx.body));
        send(ctx, cacheable, 'miss');
        keep(key, { generation, json: cacheable, storedAt: Date.now() });
      } else if (ctx.status === 503 && cached && Date.now() - cached.storedAt < staleIfErrorMs) {
        // The database is away (see the database-unavailable middleware): the last answer beats none.
        send(ctx, cached.json, 'stale-if-error');
      }
    } finally {
      const left = (computing.get(key) ?? 1) - 1;
      if (left > 0) computing.set(key, left);
      else computing.delete(key);
      inflight.delete(flightKey);
      settle(cacheable);
    }
  };
  /** What the cache holds, for tests and diagnostics. */
  return Object.assign(middleware, { stats: () => ({ entries: answers.size, bytes, maxBytes }) });
};
