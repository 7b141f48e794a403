import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks writes whose data the importer has already cleaned, so the article document middleware lets them
 * through instead of cleaning a second time (one save cleans once).
 */
const alreadyCleaned = new AsyncLocalStorage<true>();

export function runAlreadyCleaned<T>(write: () => Promise<T>): Promise<T> {
  return alreadyCleaned.run(true, write);
}

export function isAlreadyCleaned(): boolean {
  return alreadyCleaned.getStore() === true;
}
