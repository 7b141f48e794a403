/**
 * What the main thread asks the cleaning workers to do, and what they answer. Plain data: tasks and results
 * are copied between threads (structured clone).
 */
import type { CleanInput, CleanOptions, CleanResult, RemovedLine } from '../core/types';

/** Clean a document; then put back the lines an editor kept, and make the excerpt. */
export interface CleanTask {
  kind: 'clean';
  input: CleanInput;
  options: CleanOptions;
  /** Lines the editor chose to keep, and the original text their line numbers refer to ('' for HTML). */
  kept?: { lines: string[]; raw: string };
  /** An excerpt given with the document (sanitized); without one, it is made from the clean body. */
  excerpt?: string;
  /** Also render the clean body as plain text (core/plain-text.ts): the search index's text of an import. */
  bodyText?: boolean;
}

export interface CleanTaskResult {
  result: CleanResult;
  excerpt: string;
  /** The clean body as a reader sees it, when the task asked for it. */
  bodyText?: string;
  /**
   * When the source's memory removed lines: the document cleaned without it. The content hash is taken from
   * this, so that a document imported again is recognised however much its source has learned in between.
   */
  unlearned?: { result: CleanResult; excerpt: string };
}

/** Put one removed line back into an article's current body ("Keep this line"). */
export interface KeepTask {
  kind: 'keep';
  raw: string;
  body: string;
  removed: RemovedLine[];
  text: string;
}

export interface KeepTaskResult {
  body: string;
  removed: RemovedLine[];
  wordCount: number;
}

/** Make Markdown safe to render (fields written without cleaning: an excerpt, an author's bio). */
export interface SanitizeTask {
  kind: 'sanitize';
  texts: string[];
}

export type WorkerTask = CleanTask | KeepTask | SanitizeTask;

export type TaskResult<T extends WorkerTask> = T extends CleanTask ? CleanTaskResult : T extends KeepTask ? KeepTaskResult : string[];
