/**
 * Per-source memory, the pure part: how a line becomes a key, which lines of a document are counted, and when
 * a counted line is a source's boilerplate. The counts themselves live in the database (services/source-memory.ts);
 * the engine only receives the keys already learned for the document's source (CleanOptions.sourceMemory).
 */
import { plainOf, words } from './text';

export interface SourceMemoryLimits {
  /** Shortest line (characters, after normalization) that is counted: short lines ("Photo", "Share") are left to other rules. */
  minLength: number;
  /** Fewest words a counted line has. */
  minWords: number;
  /** Longest line that is counted: a whole paragraph repeated word for word is rare, and keys stay small. */
  maxLength: number;
}

export const DEFAULT_SOURCE_MEMORY_LIMITS: SourceMemoryLimits = { minLength: 16, minWords: 3, maxLength: 400 };

/** The limits in force: the given ones that are positive integers, the defaults for the rest. */
export function sourceMemoryLimits(given: Partial<SourceMemoryLimits> | undefined): SourceMemoryLimits {
  const pick = (name: keyof SourceMemoryLimits) => {
    const value = given?.[name];
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_SOURCE_MEMORY_LIMITS[name];
  };
  return { minLength: pick('minLength'), minWords: pick('minWords'), maxLength: pick('maxLength') };
}

/**
 * The key two lines share when they are "the same line": Unicode NFKC, Markdown decoration removed, whitespace
 * collapsed, case folded, and every run of digits replaced by `0` (so "© 2024 The Ledger" and "© 2025 The Ledger",
 * or "Updated 3 times", are one line). The whole line is the key: a line that only contains a known line is another line.
 */
export function sourceLineKey(line: string): string {
  return plainOf(line.normalize('NFKC'))
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\p{Nd}+/gu, '0');
}

/** True when a line is one the memory counts: prose-sized, not a heading (a series' recurring heading is structure). */
export function isCountedLine(raw: string, key: string, limits: SourceMemoryLimits = DEFAULT_SOURCE_MEMORY_LIMITS): boolean {
  if (key.length < limits.minLength || key.length > limits.maxLength) return false;
  if (/^\s{0,3}#{1,6}\s/.test(raw)) return false;
  return words(key).length >= limits.minWords;
}

/** A counted line: its key, and the line as this document wrote it (for editors to read). */
export interface SourceLine {
  key: string;
  text: string;
}

/** The counted lines among `lines` whose index passes `include`, one per key, sorted by key (a stable lock order). */
export function countedLines(
  lines: readonly string[],
  include: (index: number) => boolean,
  limits: SourceMemoryLimits = DEFAULT_SOURCE_MEMORY_LIMITS,
): SourceLine[] {
  const byKey = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || !include(i)) continue;
    const key = sourceLineKey(raw);
    if (!byKey.has(key) && isCountedLine(raw, key, limits)) byKey.set(key, raw.trim());
  }
  return [...byKey.keys()].sort().map((key) => ({ key, text: byKey.get(key) as string }));
}

export type SourceLineState = 'counting' | 'learned' | 'kept';

/**
 * Whether a line counted in `documents` earlier documents of its source is that source's boilerplate. A line an
 * editor kept as content never is. With threshold 3, a line in documents 1-3 is removed from the 4th on.
 */
export function isSourceBoilerplate(documents: number, state: SourceLineState, threshold: number): boolean {
  return state !== 'kept' && documents >= threshold;
}

/** The state a line's row should show after its count changed. */
export function stateAfterCount(documents: number, state: SourceLineState, threshold: number): SourceLineState {
  if (state === 'kept') return 'kept';
  return isSourceBoilerplate(documents, state, threshold) ? 'learned' : 'counting';
}

/** What a document's new set of keys changes in the counts, against what it contributed before (if anything). */
export function contributionChange(before: readonly string[] | null, after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before ?? []);
  const now = new Set(after);
  return {
    added: [...now].filter((key) => !old.has(key)).sort(),
    removed: [...old].filter((key) => !now.has(key)).sort(),
  };
}
