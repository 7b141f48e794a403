import { createHash } from 'crypto';

interface Options {
  /** Off: no ETag and no Cache-Control from this middleware. */
  enabled?: boolean;
  /** Seconds a browser or CDN may reuse a public answer without asking again. */
  maxAge?: number;
  /** Seconds past max-age during which a cache may answer with the old copy while it revalidates in the background. */
  staleWhileRevalidate?: number;
}

type Ctx = {
  method: string;
  path: string;
  status: number;
  body: unknown;
  type: string;
  fresh: boolean;
  request: { headers: Record<string, string | string[] | undefined> };
  set: (name: string, value: string) => void;
  remove: (name: string) => void;
  get: (name: string) => string;
  response: { get: (name: string) => string | string[] | number | undefined };
};

/**
 * ETags of answers the public cache serves again and again: the cached Buffer is the same object on every hit,
 * so its hash is computed once.
 */
const tags = new WeakMap<Buffer, string>();

function entityTag(bytes: Buffer): string {
  let tag = tags.get(bytes);
  if (!tag) {
    tag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    tags.set(bytes, tag);
  }
  return tag;
}

/** The answer's bytes, serializing a JSON body once here (Koa would otherwise stringify it again). */
function bodyBytes(ctx: Ctx): Buffer | undefined {
  const body = ctx.body as { pipe?: unknown } | string | Buffer | null | undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') {
    const bytes = Buffer.from(body);
    ctx.body = bytes;
    return bytes;
  }
  if (body && typeof body === 'object' && typeof body.pipe !== 'function') {
    const type = ctx.type;
    const bytes = Buffer.from(JSON.stringify(body));
    ctx.body = bytes;
    ctx.type = type || 'application/json; charset=utf-8';
    return bytes;
  }
  return undefined;
}

/**
 * HTTP caching for the public API. A successful GET without credentials carries a strong ETag, the hash of the
 * bytes sent, and `Cache-Control: public, max-age, stale-while-revalidate`; `If-None-Match` with that tag
 * answers 304. The tag is the answer's own hash, so any write that changes what a page shows changes that
 * page's tag, and a page it does not change keeps its tag. Anything sent with credentials (an API token, a
 * users-permissions JWT) is `private, no-store`: it may hold drafts or private fields. Failed reads are not
 * stored either: a 404 may be an embargoed article about to be published.
 */
export default (options: Options) => {
  const maxAge = Math.max(0, options?.maxAge ?? 30);
  const staleWhileRevalidate = Math.max(0, options?.staleWhileRevalidate ?? 60);
  const publicControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;

  return async (ctx: Ctx, next: () => Promise<void>) => {
    if (options?.enabled === false || !ctx.path.startsWith('/api/')) return next();
    const credentials = Boolean(ctx.request.headers.authorization);
    try {
      await next();
    } catch (error) {
      // Strapi's error middleware (outside this one) turns it into its envelope; the headers set here stay.
      ctx.set('Cache-Control', credentials ? 'private, no-store' : 'no-store');
      throw error;
    }

    if (credentials) {
      ctx.set('Cache-Control', 'private, no-store');
      ctx.remove('ETag');
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    // Shared caches keep one copy per URL: a request with credentials must not be answered with the public copy.
    ctx.set('Vary', 'Authorization');
    if (ctx.status !== 200) {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    const bytes = bodyBytes(ctx);
    if (!bytes) {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    ctx.set('ETag', entityTag(bytes));
    ctx.set('Cache-Control', publicControl);
    // Koa's freshness check compares If-None-Match with the ETag just set (weak comparison, `*`, lists).
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};
