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
let readFailing = false;
let everRead = false;

/**
 * The current generation: the database's (another instance's writes) and this instance's own changes, counted
 * in memory and so seen at once. The database's is read again in the background once it is older than
 * `maxAgeMs`; readers never wait for that read (on SQLite it would queue behind an import's transactions for
 * the one connection), so another instance's write is seen after at most `maxAgeMs` plus that read. The very
 * first read is awaited. While the database cannot be read, the last value read stands (no other instance can
 * write meanwhile either), so cached answers go on being served.
 */
export async function readContentGeneration(strapi: Core.Strapi, maxAgeMs = 0): Promise<string> {
  if (Date.now() - sharedReadAt > maxAgeMs) {
    sharedRead ??= (async () => {
      try {
        const value = await strapi.store(STORE).get({ key: KEY });
        sharedValue = typeof value === 'string' ? value : 'initial';
        if (readFailing) strapi.log.info('public cache: the content generation can be read again');
        readFailing = false;
      } catch (error) {
        if (!readFailing)
          strapi.log.warn(`public cache: cannot read the content generation (${(error as Error).message}); keeping the last one`);
        readFailing = true;
      } finally {
        sharedReadAt = Date.now();
        everRead = true;
      }
    })().finally(() => {
      sharedRead = null;
    });
    if (!everRead || maxAgeMs === 0) await sharedRead;
  }
  return `${sharedValue}:${localGeneration}`;
}

/** Changed synchronously at commit, so this instance never serves a stale answer while the DB write runs. */
let localGeneration = 0;

/**
 * During a burst of writes (an import commits hundreds of articles a second), the generation changes at most
 * once per window: the first change after a quiet window counts at once, later ones at the end of the window.
 * Without it every commit would empty the cache and every reader would miss. A public reader therefore sees a
 * change at most `changeWindowMs` late on this instance (and at most that plus the read interval of the
 * database's generation on another). Set from the public cache's options (config/middlewares.ts).
 */
let changeWindowMs = 0;
let lastChangeAt = -Infinity;
let trailingChange: NodeJS.Timeout | null = null;

export function setChangeWindow(ms: number): void {
  changeWindowMs = Math.max(0, ms);
}
/**
 * The database write of the generation, coalesced: an import of 1,000 articles commits 1,000 times, and one
 * write after the last commit says as much as 1,000 would. At most one write runs; commits meanwhile ask
 * for one more, after it. A write that fails (the database is away) is owed, and retried with backoff until
 * it succeeds, so other instances do learn of the change once the database is back.
 */
let bumpRunning: Promise<void> | null = null;
let bumpRequested = false;
let stopping: AbortController | null = null;

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Every visible write this instance committed, counted at once (no window): for what must be exact here, such
 * as a list's total, which is cheap to recompute once per write and wrong to show stale while pages are fresh.
 */
let visibleWrites = 0;

/** Like readContentGeneration, but changed by each of this instance's visible writes, not once per window. */
export async function readExactContentGeneration(strapi: Core.Strapi, maxAgeMs = 0): Promise<string> {
  return `${await readContentGeneration(strapi, maxAgeMs)}:${visibleWrites}`;
}

function requestBump(strapi: Core.Strapi): void {
  visibleWrites += 1;
  if (trailingChange) return;
  const wait = lastChangeAt + changeWindowMs - Date.now();
  if (wait <= 0) {
    applyChange(strapi);
    return;
  }
  trailingChange = setTimeout(() => {
    trailingChange = null;
    applyChange(strapi);
  }, wait);
  trailingChange.unref();
}

/**
 * Whether this instance is in a burst of visible writes: two changes within BURST_MS of each other, the last
 * of them recent, or one owed at the end of the window. Outside a burst (an editor publishing one article),
 * the public cache makes readers wait for the fresh page instead of answering the previous one, so a change
 * shows at once; in a burst (an import), the previous answer is served while pages are recomputed.
 */
const BURST_MS = 2000;
let previousChangeAt = -Infinity;

export function inWriteBurst(now = Date.now()): boolean {
  if (trailingChange) return true;
  return now - lastChangeAt < BURST_MS + changeWindowMs && lastChangeAt - previousChangeAt < BURST_MS + changeWindowMs;
}

function applyChange(strapi: Core.Strapi): void {
  previousChangeAt = lastChangeAt;
  lastChangeAt = Date.now();
  localGeneration += 1;
  bumpRequested = true;
  if (bumpRunning) return;
  stopping ??= new AbortController();
  const { signal } = stopping;
  bumpRunning = (async () => {
    let delay = RETRY_FIRST_MS;
    let failures = 0;
    while (bumpRequested && !signal.aborted) {
      bumpRequested = false;
      try {
        await strapi.store(STORE).set({ key: KEY, value: randomUUID() });
        if (failures > 0) strapi.log.info(`public cache: content change recorded after ${failures} failed attempt(s)`);
        failures = 0;
        delay = RETRY_FIRST_MS;
      } catch (error) {
        if (failures === 0) {
          strapi.log.warn(`public cache: could not record a content change (${(error as Error).message}); retrying until it is`);
        }
        failures += 1;
        bumpRequested = true;
        await pause(delay, signal);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  })().finally(() => {
    bumpRunning = null;
  });
}

/** Lets shutdown wait for the last write instead of having the pool abort it; stops retrying a failing one. */
export async function flushContentGeneration(strapi: Core.Strapi): Promise<void> {
  if (trailingChange) {
    clearTimeout(trailingChange);
    trailingChange = null;
    applyChange(strapi);
  }
  const running = bumpRunning;
  if (!running) return;
  // One more try if the write is waiting to retry, but no endless loop against a database that is gone.
  const timer = setTimeout(() => stopping?.abort(), 2000);
  await running;
  clearTimeout(timer);
  stopping = null;
}

const DRAFT_AND_PUBLISH_VISIBLE = new Set(['publish', 'unpublish', 'delete']);

/**
 * Whether a write can change what public readers see. Tags, authors and sources have no drafts: every write
 * shows. An article's draft is invisible until it is published: a draft import or an editor's unpublished
 * change leaves every cached page valid (an import of 2,000 drafts does not empty the cache 2,000 times).
 */
function isVisible(strapi: Core.Strapi, uid: string, action: string, status?: unknown): boolean {
  if (!CACHED_CONTENT_TYPES.has(uid)) return false;
  const draftAndPublish = (strapi.getModel(uid as never) as { options?: { draftAndPublish?: boolean } } | undefined)?.options
    ?.draftAndPublish;
  if (!draftAndPublish) return !READ_ACTIONS.has(action);
  return DRAFT_AND_PUBLISH_VISIBLE.has(action) || ((action === 'create' || action === 'update') && status === 'published');
}

/**
 * Document Service middleware: after a visible write to a cached type commits, change the generation. It runs
 * after the commit, outside the writer's transaction, so concurrent imports do not queue on one row lock.
 */
export function contentGenerationMiddleware(strapi: Core.Strapi) {
  return async (context: { uid: string; action: string; params?: { status?: unknown } }, next: () => Promise<unknown>) => {
    const result = await next();
    if (isVisible(strapi, context.uid, context.action, context.params?.status)) {
      await strapi.db.transaction(async ({ onCommit }) => {
        // Inside a transaction this waits for its commit (a rollback changed nothing); outside, it runs now.
        onCommit(() => requestBump(strapi));
      });
    }
    return result;
  };
}

/**
 * The same for writes that do not go through the Document Service but announce themselves as it does, with
 * Strapi's `entry.*` events after their commit (the importer's write path).
 */
export function contentGenerationListener(strapi: Core.Strapi) {
  return async (event: string, payload: unknown) => {
    const uid = (payload as { uid?: unknown } | null)?.uid;
    const action = event.startsWith('entry.') ? event.slice('entry.'.length) : '';
    if (typeof uid === 'string' && isVisible(strapi, uid, action)) requestBump(strapi);
  };
}
