/**
 * Lines an editor chose to keep ("Keep this line" in the article panel): put back into a cleaned body.
 * Pure; the worker runs it after cleaning, then sanitizes the body again (a kept line is raw input).
 */
import type { CleanResult, RemovedLine } from './types';
import { countWords } from './text';

const keyOf = (line: string) => line.replace(/\s+/g, ' ').trim();

/**
 * Puts kept lines back into a cleaned body: a removed line whose text the editor kept is re-inserted after
 * the nearest line above it (in the original) that survived in the body — glued to it when the original had
 * no blank line between them, as its own paragraph otherwise — and leaves `removed`. Lines already in the
 * body are not duplicated.
 */
export function restoreKeptLines(
  raw: string,
  body: string,
  removed: RemovedLine[],
  kept: readonly string[],
): { body: string; removed: RemovedLine[]; restored: RemovedLine[] } {
  const keep = new Set(kept.map(keyOf));
  const restored = removed.filter((entry) => keep.has(keyOf(entry.text)));
  if (restored.length === 0) return { body, removed, restored };

  const rawLines = raw.split('\n');
  const out = body === '' ? [] : body.split('\n');
  for (const entry of [...restored].sort((a, b) => a.line - b.line)) {
    const text = entry.text.trim();
    if (out.some((line) => keyOf(line) === keyOf(text))) continue;
    let anchor = -1;
    let glued = false;
    for (let i = entry.line - 2; i >= 0 && anchor === -1; i -= 1) {
      const above = keyOf(rawLines[i] ?? '');
      if (!above) continue;
      anchor = out.findIndex((line) => keyOf(line) === above);
      glued = anchor !== -1 && i === entry.line - 2;
    }
    if (anchor === -1) {
      out.splice(0, 0, text, ...(out.length ? [''] : []));
    } else if (glued) {
      out.splice(anchor + 1, 0, text);
    } else {
      let end = anchor;
      while (end + 1 < out.length && out[end + 1].trim() !== '') end += 1;
      out.splice(end + 1, 0, '', text);
    }
  }
  return { body: out.join('\n'), removed: removed.filter((entry) => !restored.includes(entry)), restored };
}

/** Applies kept lines to a fresh cleaning result: the body, `removed` and the word count follow. */
export function applyKeptLines(raw: string, result: CleanResult, kept: readonly string[]): CleanResult {
  if (kept.length === 0) return result;
  const { body, removed } = restoreKeptLines(raw, result.body, result.removed, kept);
  return { ...result, body, removed, wordCount: countWords(body) };
}
