import type { Core } from '@strapi/strapi';
import { describeDatabaseError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableBody } from '../utils/database-errors';
import { noteRequest } from '../utils/read-traffic';

const IMPORT_PATH = '/api/articles/import';

/** Where a database error that Strapi swallowed is noted on the request (see recordSwallowedDatabaseErrors). */
const SWALLOWED = Symbol.for('content-normalizer.swallowed-database-error');

type Ctx = {
  state?: Record<symbol, unknown>;
  method: string;
  path: string;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
};

/** At most one log line per this many milliseconds while the database is away; the rest are counted. */
const LOG_EVERY_MS = 10_000;

/**
 * Global middleware (listed last in the app's config/middlewares.ts, just before routing): a request that
 * fails because the database cannot be reached answers 503 with Retry-After, in Strapi's error envelope,
 * instead of a 500. Nothing is half-written: the failed statement's transaction was rolled back by the
 * database, or never started. Logged once per outage window, with the route and the driver's code.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let lastLoggedAt = -Infinity;
  let suppressed = 0;

  function answer503(ctx: Ctx, error: unknown) {
    const now = Date.now();
    if (now - lastLoggedAt >= LOG_EVERY_MS) {
      const more = suppressed ? ` (${suppressed} more request(s) failed the same way since the last report)` : '';
      strapi.log.warn(`database unavailable: ${ctx.method} ${ctx.path} answered 503: ${describeDatabaseError(error)}${more}`);
      lastLoggedAt = now;
      suppressed = 0;
    } else {
      suppressed += 1;
    }
    ctx.status = 503;
    ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    ctx.body = unavailableBody();
  }

  /**
   * users-permissions turns any error while it authenticates a reader (reading the public role's permissions,
   * or the user behind a JWT) into "not authenticated": during an outage every public read would be a 401.
   * recordSwallowedDatabaseErrors notes such errors on the request; a 401 that followed one is a 503.
   */
  const swallowed = (ctx: Ctx, error?: unknown): unknown =>
    (error ? (error as { status?: number })?.status === 401 : ctx.status === 401) ? ctx.state?.[SWALLOWED] : undefined;

  return async (ctx: Ctx, next: () => Promise<void>) => {
    // The import pacer gives way to whoever else is being served.
    noteRequest(ctx.path, IMPORT_PATH);
    try {
      await next();
    } catch (error) {
      if (isDatabaseUnavailable(error)) return answer503(ctx, error);
      const cause = swallowed(ctx, error);
      if (cause) return answer503(ctx, cause);
      throw error;
    }
    const cause = swallowed(ctx);
    if (cause) answer503(ctx, cause);
  };
};

type AnyService = Record<string, unknown>;

/**
 * Wraps the users-permissions service methods its authentication strategy calls inside a catch-all, so that a
 * database error there is noted on the current request (and the 401 it turns into becomes a 503 above). The
 * error still propagates to users-permissions, which handles it as before. Installed once, from bootstrap.
 */
export function recordSwallowedDatabaseErrors(strapi: Core.Strapi): void {
  const plugin = strapi.plugin('users-permissions');
  if (!plugin) return;
  const targets: Array<[AnyService, string]> = [
    [plugin.service('permission') as AnyService, 'findPublicPermissions'],
    [plugin.service('permission') as AnyService, 'findRolePermissions'],
    [plugin.service('user') as AnyService, 'fetchAuthenticatedUser'],
  ];
  for (const [service, name] of targets) {
    const original = service[name];
    if (typeof original !== 'function' || (original as { [SWALLOWED]?: true })[SWALLOWED]) continue;
    const wrapped = async function (this: unknown, ...args: unknown[]) {
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      } catch (error) {
        const ctx = strapi.requestContext.get() as Ctx | undefined;
        if (ctx?.state && isDatabaseUnavailable(error)) ctx.state[SWALLOWED] = error;
        throw error;
      }
    };
    service[name] = Object.assign(wrapped, { [SWALLOWED]: true as const });
  }
}
