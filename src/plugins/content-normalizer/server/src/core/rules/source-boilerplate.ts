/**
 * Rule `source-boilerplate`: lines this document's source repeats in its articles ("The Ledger is a nonprofit
 * newsroom…", "Have a tip? Write to…"), learned from the source's earlier documents. The engine learns
 * nothing itself: the shell passes the keys already learned for the source in `options.sourceMemory.lines`
 * (see core/source-memory.ts for the key and services/source-memory.ts for the counting).
 *
 * Examples, once the source's memory holds them:
 * - `The Harbor Ledger is a nonprofit newsroom supported by readers like you.` -> removed
 * - `**Have a tip?** Write to tips@harborledger.example.` -> removed (same key as the plain line)
 * - `"We will not close the port," the mayor said.` -> kept: not a line of the memory, even if a quote of it is
 */
import { DEFAULT_SOURCE_MEMORY_LIMITS, isCountedLine, sourceLineKey, type SourceMemoryLimits } from '../source-memory';
import type { LineRule, RuleHit } from './rule';

export const sourceBoilerplateDefinition = {
  id: 'source-boilerplate',
  description:
    "Removes lines the document's source repeated in at least N of its earlier documents (learned per source; editors can keep or forget a line).",
  defaultEnabled: true,
};

/** True when `raw` is one of the learned lines. */
export function isLearnedLine(
  raw: string,
  learned: ReadonlySet<string>,
  limits: SourceMemoryLimits = DEFAULT_SOURCE_MEMORY_LIMITS,
): boolean {
  if (learned.size === 0) return false;
  const key = sourceLineKey(raw);
  return learned.has(key) && isCountedLine(raw, key, limits);
}

/** The rule for one document, given its source's learned keys. */
export function sourceBoilerplateRule(learned: ReadonlySet<string>, limits: SourceMemoryLimits = DEFAULT_SOURCE_MEMORY_LIMITS): LineRule {
  return {
    ...sourceBoilerplateDefinition,
    match(line): RuleHit | null {
      return isLearnedLine(line.raw, learned, limits) ? {} : null;
    },
  };
}
