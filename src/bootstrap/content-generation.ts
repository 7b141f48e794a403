import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';

/** The content types whose public REST answers the public cache keeps. */
export const CACHED_CONTENT_TYPES = new Set(['api::article.article', 'api::author.author', 'api::tag.tag', 'api::source.source']);
const READ_ACTIONS = new Set(['findOne', 'findFirst', 'findMany', 'count']);
const STORE = { type: 'core', name: 'public-cache' } as const;
const KEY = 'generation';

/**
 * A token that changes whenever public content may have changed. It lives in the database so that every
 * server instance sees a write made by any other; a fresh random value (not a counter) means concurrent
 * writers never need to read it first.
 */
/** The database's generation as last read, shared by concurrent readers. */
let sharedValue = 'initial';
let sharedReadAt = -Infinity;
let sharedRead: Promise<void> | null = null;

/**
 * The current generation: the database's (another instance's writes), read at most every `maxAgeMs`, so that
 * cache hits do not queue behind a long import transaction for SQLite's single connection; and this instance's
 * own commits, counted in memory and so seen at once.
 */
export async function readContentGeneration(strapi: Core.Strapi, maxAgeMs = 0): Promise<string> {
  if (Date.now() - sharedReadAt > maxAgeMs) {
    sharedRead ??= (async () => {
      const value = await strapi.store(STORE).get({ key: KEY });
      sharedValue = typeof value === 'string' ? value : 'initial';
      sharedReadAt = Date.now();
    })().finally(() => {
      sharedRead = null;
    });
    await sharedRead;
  }
  return `${sharedValue}:${localGeneration}`;
}

/** Changed synchronously at commit, so this instance never serves a stale answer while the DB write runs. */
let localGeneration = 0;
/**
 * The database write of the generation, coalesced: an import of 1,000 articles commits 1,000 times, and one
 * write after the last commit says as much as 1,000 would. At most one write runs; commits meanwhile ask
 * for one more, after it.
 */
let bumpRunning: Promise<void> | null = null;
let bumpRequested = false;

function requestBump(strapi: Core.Strapi): void {
  localGeneration += 1;
  bumpRequested = true;
  if (bumpRunning) return;
  bumpRunning = (async () => {
    while (bumpRequested) {
      bumpRequested = false;
      await bumpContentGeneration(strapi);
    }
  })().finally(() => {
    bumpRunning = null;
  });
}

/** Lets shutdown wait for the last write instead of having the pool abort it. */
export async function flushContentGeneration(): Promise<void> {
  await bumpRunning;
}

async function bumpContentGeneration(strapi: Core.Strapi): Promise<void> {
  try {
    await strapi.store(STORE).set({ key: KEY, value: randomUUID() });
  } catch (error) {
    strapi.log.warn(`public cache: could not record a content change (${(error as Error).message})`);
  }
}

/**
 * Document Service middleware: after any write to a cached type commits, change the generation. It runs
 * after the commit, outside the writer's transaction, so concurrent imports do not queue on one row lock.
 */
export function contentGenerationMiddleware(strapi: Core.Strapi) {
  return async (context: { uid: string; action: string }, next: () => Promise<unknown>) => {
    const result = await next();
    if (CACHED_CONTENT_TYPES.has(context.uid) && !READ_ACTIONS.has(context.action)) {
      await strapi.db.transaction(async ({ onCommit }) => {
        // Inside a transaction this waits for its commit (a rollback changed nothing); outside, it runs now.
        onCommit(() => requestBump(strapi));
      });
    }
    return result;
  };
}
