import type { Core } from '@strapi/strapi';
import { describeDatabaseError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableBody } from '../utils/database-errors';

type Ctx = { method: string; path: string; status: number; body: unknown; set(name: string, value: string): void };

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

  return async (ctx: Ctx, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
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
  };
};
