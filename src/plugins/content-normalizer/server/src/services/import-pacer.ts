import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { othersServedWithin } from '../utils/read-traffic';

/** Below this share of busy time while a write ran, the thread had time to spare: nobody waited behind it. */
const BUSY_UTILIZATION = 0.5;

/**
 * Imports give way to readers. An item's write (its queries, the relations, the rows) runs on the one thread that
 * also answers every reader; four import requests in flight can keep it busy all the time, and then a reader's
 * page, even from memory, waits behind them. So when, after a write, other requests are being served and the
 * event loop was mostly busy while the write ran (`performance.eventLoopUtilization`), the importer pauses so
 * that writes take at most `importShareWhenBusy` of the thread's time. The write is charged its wall time
 * times that utilization: on SQLite (queries run on this thread) nearly all of it; on PostgreSQL, whose writes
 * mostly wait for the database with the thread free for readers, much less, so imports there slow down only as
 * much as they really compete. With no reader, or a thread with time to spare, imports run at full speed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Until when no write may start: the pause is shared by every import request, so the share holds overall. */
  let pausedUntil = 0;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  return {
    async run<T>(write: () => Promise<T>): Promise<T> {
      for (let wait = pausedUntil - performance.now(); wait > 0; wait = pausedUntil - performance.now()) await sleep(wait);
      const started = performance.now();
      const loopAtStart = performance.eventLoopUtilization();
      try {
        return await write();
      } finally {
        const share = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).importShareWhenBusy;
        if (share < 1 && othersServedWithin(1000)) {
          const { utilization } = performance.eventLoopUtilization(loopAtStart);
          if (utilization > BUSY_UTILIZATION) {
            const busy = (performance.now() - started) * utilization;
            pausedUntil = Math.max(pausedUntil, performance.now() + Math.min(busy * (1 / share - 1), 1000));
          }
        }
      }
    },
  };
};
