import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { othersServedWithin } from '../utils/read-traffic';

/** A loop that takes longer than this to come back to us has requests waiting in it. */
const BUSY_LAG_MS = 4;

/**
 * Imports give way to readers. An item's write (its queries, the relations, the rows) runs on the one thread that
 * also answers every reader; four import requests in flight can keep it busy all the time, and then a reader's
 * page, even from memory, waits behind them. So when, after a write, other requests are being served and the
 * event loop is slow to come back (they are queued in it), the importer pauses for long enough that writes take
 * at most `importShareWhenBusy` of the time. When the loop is not busy — no reader, or a database that keeps
 * the writes waiting rather than this thread busy, as PostgreSQL does — imports run at full speed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Until when no write may start: the pause is shared by every import request, so the share holds overall. */
  let pausedUntil = 0;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  return {
    async run<T>(write: () => Promise<T>): Promise<T> {
      for (let wait = pausedUntil - performance.now(); wait > 0; wait = pausedUntil - performance.now()) await sleep(wait);
      const started = performance.now();
      try {
        return await write();
      } finally {
        const share = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).importShareWhenBusy;
        if (share < 1 && othersServedWithin(1000)) {
          const took = performance.now() - started;
          const asked = performance.now();
          await new Promise((resolve) => setImmediate(resolve));
          if (performance.now() - asked > BUSY_LAG_MS) {
            pausedUntil = Math.max(pausedUntil, performance.now() + Math.min(took * (1 / share - 1), 1000));
          }
        }
      }
    },
  };
};
