import { backoffMs, Client, DEFAULT_RETRY, errorMessageOf, RequestFailed, sleep, type ApiResponse } from './client';
import { countFiles, documents, type ImportItem, type WorkUnit } from './documents';
import type { ImportOptions } from './options';
import { Progress, type ProgressState } from './progress';

const IMPORT_ROUTE = '/api/articles/import';
const PREVIEW_ROUTE = '/api/content-normalizer/preview';

type Outcome = 'created' | 'updated' | 'unchanged' | 'failed';

/** The invalid items a `"transaction": "batch"` request was refused for (400, code batch-invalid-item), if it was. */
function invalidItemsOf(response: ApiResponse): Array<{ index: number; field?: string; message: string }> | null {
  if (response.status !== 400) return null;
  const details = (response.body as { error?: { details?: { code?: unknown; items?: unknown } } } | null)?.error?.details;
  if (details?.code !== 'batch-invalid-item' || !Array.isArray(details.items)) return null;
  const items = details.items.filter(
    (entry): entry is { index: number; field?: string; message: string } =>
      typeof entry === 'object' && entry !== null && Number.isInteger((entry as { index?: unknown }).index),
  );
  return items.length ? items : null;
}

interface Pending {
  origin: string;
  externalId?: string;
  item: ImportItem;
}

export interface Failure {
  file: string;
  externalId?: string;
  reason: string;
}

export interface Preview {
  file: string;
  externalId?: string;
  title?: string;
  removed: { line?: number; text?: string; rule?: string }[];
  problems: unknown[];
}

export interface Report {
  url: string;
  dryRun: boolean;
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  previewed?: number;
  failures: Failure[];
  previews?: Preview[];
  /** Set when the run stopped early (Ctrl-C, or a token the server refuses). */
  stopped?: string;
  elapsedSeconds: number;
}

interface ItemAnswer {
  status?: string;
  error?: { message?: string; details?: { field?: string; retryable?: boolean } };
}

export interface RunIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Runs an import (or a dry run) to completion and returns the report; prints progress on stderr. */
export async function runImport(options: ImportOptions, io: RunIO, signal?: AbortSignal): Promise<Report> {
  const started = Date.now();
  const report: Report = {
    url: options.url,
    dryRun: options.dryRun,
    documents: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    failures: [],
    ...(options.dryRun ? { previewed: 0, previews: [] } : {}),
    elapsedSeconds: 0,
  };
  const state: ProgressState = { done: 0, failed: 0 };
  const progress = new Progress(io.stderr, state, options.dryRun ? 'preview' : 'import');
  const retry = { ...DEFAULT_RETRY, retryForMs: options.retryFor * 1000 };
  const client = new Client(options.url, options.token, retry, (reason, attempt) =>
    progress.log(`retrying (attempt ${attempt + 1}): ${reason}`),
  );

  // The total comes from a second, counting walk: it keeps the main walk streaming.
  let extraItems = 0;
  countFiles(options.paths).then(
    (count) => {
      state.total = count + extraItems;
    },
    () => {},
  );

  const fail = (origin: string, externalId: string | undefined, reason: string) => {
    report.failed += 1;
    report.failures.push({ file: origin, ...(externalId !== undefined ? { externalId } : {}), reason });
    state.failed += 1;
  };
  const settle = (outcome: Outcome, unit: Pending, reason?: string) => {
    if (outcome === 'failed') fail(unit.origin, unit.externalId, reason ?? 'failed');
    else report[outcome] += 1;
    state.done += 1;
    progress.update();
  };

  const stopWith = (reason: string) => {
    report.stopped ??= reason;
  };
  signal?.addEventListener('abort', () => stopWith('interrupted'), { once: true });

  /**
   * Sends a batch and settles each of its items. Items the server says are retryable (their transaction was
   * rolled back because the database was away) are sent again, alone together, until `--retry-for` runs out.
   */
  async function sendBatch(batch: Pending[], retried = { attempt: 0, since: 0 }): Promise<void> {
    let response: ApiResponse;
    try {
      const data = batch.map((unit) => unit.item);
      response = await client.post(IMPORT_ROUTE, options.transaction === 'batch' ? { data, transaction: 'batch' } : { data });
    } catch (error) {
      const reason = error instanceof RequestFailed ? error.message : String(error);
      for (const unit of batch) settle('failed', unit, reason);
      return;
    }
    if (response.status === 413 && batch.length > 1) {
      // Too big together, maybe not alone: halve until each request fits.
      const half = Math.ceil(batch.length / 2);
      await sendBatch(batch.slice(0, half));
      await sendBatch(batch.slice(half));
      return;
    }
    const refused = invalidItemsOf(response);
    if (refused && batch.length > 1) {
      // A whole-batch request refused for its invalid items: those fail with their reasons, the rest go again.
      const bad = new Map(refused.map((entry) => [entry.index, entry]));
      batch.forEach((unit, index) => {
        const entry = bad.get(index);
        if (entry) settle('failed', unit, entry.field ? `${entry.field}: ${entry.message}` : entry.message);
      });
      const rest = batch.filter((_, index) => !bad.has(index));
      if (rest.length) await sendBatch(rest, retried);
      return;
    }
    const answers = (response.body as { data?: unknown } | null)?.data;
    if (response.status !== 200 || !Array.isArray(answers) || answers.length !== batch.length) {
      const reason = response.status === 200 ? 'unexpected answer from the import API' : errorMessageOf(response);
      if (response.status === 401 || response.status === 403) stopWith(`${reason} (check --token and its permissions)`);
      for (const unit of batch) settle('failed', unit, reason);
      return;
    }
    const again: Pending[] = [];
    const since = retried.since || Date.now();
    batch.forEach((unit, index) => {
      const answer = answers[index] as ItemAnswer;
      const status = answer?.status;
      if (status === 'created' || status === 'updated' || status === 'unchanged') settle(status, unit);
      else if (answer?.error?.details?.retryable === true && Date.now() - since < retry.retryForMs && !report.stopped) again.push(unit);
      else settle('failed', unit, answer?.error?.message ?? 'failed without a reason');
    });
    if (again.length === 0) return;
    progress.log(`retrying ${again.length} item(s) the server could not store yet (attempt ${retried.attempt + 2})`);
    await sleep(Math.max(0, Math.min(backoffMs(retried.attempt, retry), retry.retryForMs - (Date.now() - since))));
    await sendBatch(again, { attempt: retried.attempt + 1, since });
  }

  async function sendPreview(unit: Pending): Promise<void> {
    let response: ApiResponse;
    try {
      response = await client.post(PREVIEW_ROUTE, { data: unit.item });
    } catch (error) {
      settle('failed', unit, error instanceof RequestFailed ? error.message : String(error));
      return;
    }
    const data = (response.body as { data?: Record<string, unknown> } | null)?.data;
    if (response.status !== 200 || !data) {
      if (response.status === 401 || response.status === 403) stopWith(`${errorMessageOf(response)} (check --token and its permissions)`);
      settle('failed', unit, errorMessageOf(response));
      return;
    }
    const preview: Preview = {
      file: unit.origin,
      ...(unit.externalId !== undefined ? { externalId: unit.externalId } : {}),
      title: typeof data.title === 'string' ? data.title : undefined,
      removed: Array.isArray(data.removed) ? (data.removed as Preview['removed']) : [],
      problems: Array.isArray(data.problems) ? data.problems : [],
    };
    report.previewed = (report.previewed ?? 0) + 1;
    report.previews?.push(preview);
    if (!options.json) progress.log(formatPreview(preview), io.stdout);
    state.done += 1;
    progress.update();
  }

  // A bounded set of requests in flight: the walk waits for a free slot, so memory does not grow with the tree.
  const inFlight = new Set<Promise<void>>();
  const launch = async (task: () => Promise<void>) => {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const promise = task().finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  };

  let batch: Pending[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    await launch(() => sendBatch(full));
  };

  for await (const unit of documents(options.paths, { status: options.status, source: options.source }) as AsyncIterable<WorkUnit>) {
    if (report.stopped) break;
    report.documents += 1;
    if (unit.extra) {
      extraItems += 1;
      if (state.total !== undefined) state.total += 1;
    }
    if ('error' in unit) {
      progress.log(`skipped ${unit.origin}: ${unit.error}`);
      fail(unit.origin, undefined, unit.error);
      state.done += 1;
      progress.update();
      continue;
    }
    const pending: Pending = { origin: unit.origin, externalId: unit.externalId, item: unit.item };
    if (options.dryRun) {
      await launch(() => sendPreview(pending));
    } else {
      batch.push(pending);
      if (batch.length >= options.batch) await flush();
    }
  }
  if (!report.stopped) await flush();
  await Promise.all(inFlight);
  progress.finish();
  report.elapsedSeconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

function formatPreview(preview: Preview): string {
  const head = `${preview.file}: "${preview.title ?? '(no title)'}", ${preview.removed.length} line(s) would be removed`;
  const lines = preview.removed.map((entry) => `  - line ${entry.line ?? '?'} [${entry.rule ?? '?'}] ${(entry.text ?? '').slice(0, 120)}`);
  return [head, ...lines].join('\n');
}

/** The human summary printed at the end. */
export function formatSummary(report: Report): string {
  const lines: string[] = [];
  if (report.dryRun) {
    lines.push(`Dry run (nothing written): ${report.previewed ?? 0} previewed, ${report.failed} failed, in ${report.elapsedSeconds} s`);
  } else {
    lines.push(
      `Imported ${report.documents} document(s) in ${report.elapsedSeconds} s: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} failed`,
    );
  }
  if (report.stopped) lines.push(`Stopped early: ${report.stopped}. Run the same command again to finish; nothing is duplicated.`);
  if (report.failures.length) {
    lines.push('Failures:');
    for (const failure of report.failures) {
      lines.push(`  ${failure.file}${failure.externalId !== undefined ? ` (externalId ${failure.externalId})` : ''}: ${failure.reason}`);
    }
  }
  return lines.join('\n');
}
