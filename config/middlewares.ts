import type { Core } from '@strapi/strapi';
import { refuseUnreadableBody } from '../src/http/body-errors';

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      // A batch of 100 imported pages needs more than koa-body's 1 MB default; past this, 413.
      jsonLimit: env('BODY_JSON_LIMIT', '16mb'),
      formLimit: '1mb',
      textLimit: '1mb',
      onError: refuseUnreadableBody,
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // Outside the public cache, so that cached answers get their ETag and Cache-Control too.
  {
    name: 'global::http-cache',
    config: {
      enabled: env.bool('HTTP_CACHE', true),
      maxAge: env.int('HTTP_CACHE_MAX_AGE', 30),
      staleWhileRevalidate: env.int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 60),
    },
  },
  // After the body parser and security headers, before routing: repeated public reads come from memory.
  {
    name: 'global::public-cache',
    config: {
      enabled: env.bool('PUBLIC_CACHE', true),
      maxEntries: env.int('PUBLIC_CACHE_ENTRIES', 1000),
      maxBytes: env.int('PUBLIC_CACHE_MAX_BYTES', 64 * 1024 * 1024),
      writeWindowMs: env.int('PUBLIC_CACHE_WRITE_WINDOW_MS', 1000),
      revalidateShare: env.float('PUBLIC_CACHE_REVALIDATE_SHARE', 0.25),
    },
  },
  // Last, just before routing: a request that fails because the database cannot be reached (restart, failover,
  // full pool, locked SQLite file) answers 503 with Retry-After, which the public cache can answer from memory.
  'plugin::content-normalizer.database-unavailable',
];
