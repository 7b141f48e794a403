/**
 * The cleaning workers' entry (a worker thread of the pool in pool.ts). It only runs the engine: every
 * decision is in core/; this file routes a task to it.
 */
import { applyKeptLines, cleanDocument, countWords, excerptOf, installLinkedomSpeedups, restoreKeptLines, sanitizeMarkdown } from '../core';
import { markdownToPlainText } from '../core/plain-text';
import type { CleanTask, CleanTaskResult, KeepTask, KeepTaskResult, SanitizeTask, WorkerTask } from './tasks';

let prepared = false;

/** Once per thread, at the first task rather than at import: the linkedom speed-ups (see core/). */
function prepareThread(): void {
  if (prepared) return;
  installLinkedomSpeedups();
  prepared = true;
}

const safe = (markdown: string) => sanitizeMarkdown(markdown).markdown;

function clean(task: CleanTask): CleanTaskResult {
  const cleaned: CleanTaskResult = cleanOnce(task);
  if (task.bodyText) cleaned.bodyText = markdownToPlainText(cleaned.result.body);
  if (!cleaned.result.removed.some((line) => line.rule === 'source-boilerplate')) return cleaned;
  const unlearned = cleanOnce({ ...task, options: { ...task.options, sourceMemory: undefined } });
  return { ...cleaned, unlearned };
}

function cleanOnce(task: CleanTask): CleanTaskResult {
  let result = cleanDocument(task.input, task.options);
  if (task.kept && task.kept.lines.length > 0) {
    const restored = applyKeptLines(task.kept.raw, result, task.kept.lines);
    // A kept line goes back as it came: it has to be made safe like the rest.
    if (restored.body !== result.body) {
      const body = safe(restored.body);
      result = { ...restored, body, wordCount: countWords(body) };
    }
  }
  const excerpt = safe(task.excerpt ?? excerptOf(result.body));
  return { result, excerpt };
}

function keep(task: KeepTask): KeepTaskResult {
  const restored = restoreKeptLines(task.raw, task.body, task.removed, [task.text]);
  const body = safe(restored.body);
  return { body, removed: restored.removed, wordCount: countWords(body) };
}

function sanitize(task: SanitizeTask): string[] {
  return task.texts.map(safe);
}

export default function run(task: WorkerTask): CleanTaskResult | KeepTaskResult | string[] {
  prepareThread();
  switch (task.kind) {
    case 'clean':
      return clean(task);
    case 'keep':
      return keep(task);
    case 'sanitize':
      return sanitize(task);
  }
}
