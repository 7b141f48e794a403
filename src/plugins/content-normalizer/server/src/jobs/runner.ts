import { randomBytes } from 'crypto';
import { hostname } from 'os';
import type { Core } from '@strapi/strapi';
import { describeDatabaseError, isDatabaseUnavailable } from '../utils/database-errors';
import { othersServedWithin } from '../utils/read-traffic';
import { MAX_PROBLEMS, type Job, type JobProblem, type JobStore } from './store';

/** One unit of a step: an article, say. `cursor` is where the job stands once it is done. */
export interface JobItem {
  key: string;
  cursor: string;
  run: () => Promise<{ changed: boolean; note?: string | null }>;
}

/** A job type: how to check its params, how much work there is, and its next small step from a cursor. */
export interface JobHandler {
  parse(params: unknown): Record<string, unknown>;
  count(params: Record<string, unknown>): Promise<number>;
  step(params: Record<string, unknown>, cursor: string | null, size: number): Promise<{ items: JobItem[]; finished: boolean }>;
}

export interface RunnerOptions {
  /** How often an idle runner looks for a job (ms). */
  pollMs: number;
  /** Items per step: each step renews the lease and moves the cursor. */
  batchSize: number;
  /** How long a claim holds without being renewed (ms); a killed instance's job is taken over after it. */
  leaseMs: number;
  /** Pause between steps (ms), longer while readers are being served, so that jobs stay in the background. */
  pauseMs: number;
  busyPauseMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims jobs from the database and works through them in small steps. Started by the plugin's bootstrap and
 * stopped by its destroy; nothing runs at import time. A database outage does not stop it: it logs once, waits
 * and tries again (the job keeps its cursor, and its lease runs out so another instance may take it).
 */
export class JobRunner {
  readonly owner: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Not started, or stopping: no new look for work. */
  private stopped = true;
  /** stop() was called: a job in hand is given back at its next item. */
  private stopping = false;
  private outage = false;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly store: JobStore,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: RunnerOptions,
    owner?: string,
  ) {
    this.owner = owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.schedule(0);
  }

  /** Looks for work now (after an enqueue on this instance) instead of at the next poll. */
  kick(): void {
    if (this.stopped || this.running) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
    this.timer.unref?.();
  }

  /** Claims one job and runs it to its end (or until stopped); then schedules the next look. */
  private async tick(): Promise<void> {
    let next = this.options.pollMs;
    try {
      const job = await this.store.claim(this.owner, this.options.leaseMs);
      if (this.outage) this.strapi.log.info('content-normalizer jobs: the database answers again; jobs resume');
      this.outage = false;
      if (job) {
        await this.runJob(job);
        next = 0;
      }
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        this.strapi.log.error(`content-normalizer jobs: ${(error as Error).stack ?? String(error)}`);
      } else if (!this.outage) {
        this.outage = true;
        this.strapi.log.warn(
          `content-normalizer jobs: database unavailable (${describeDatabaseError(error)}); retrying every ${this.options.pollMs} ms`,
        );
      }
    }
    this.schedule(next);
  }

  /** Works through one claimed job. Returns when it ends, is cancelled, is taken over, or the runner stops. */
  async runJob(job: Job): Promise<void> {
    const handler = this.handlers[job.type];
    if (!handler) {
      await this.store.finish(job.id, this.owner, 'failed', `unknown job type ${job.type}`);
      return;
    }
    const progress = { ...job.progress };
    const problems: JobProblem[] = [...job.problems];
    let cursor = job.cursor;
    try {
      if (progress.total === null) {
        progress.total = await handler.count(job.params);
        if (!(await this.store.advance(job.id, this.owner, this.options.leaseMs, { cursor, progress, problems }))) return;
      }
      for (;;) {
        if (this.stopping) {
          await this.store.release(job.id, this.owner);
          return;
        }
        const { items, finished } = await handler.step(job.params, cursor, this.options.batchSize);
        for (const item of items) {
          if (this.stopping) break;
          try {
            const outcome = await item.run();
            if (outcome.changed) progress.changed += 1;
            if (outcome.note && problems.length < MAX_PROBLEMS) problems.push({ documentId: item.key, message: outcome.note });
          } catch (error) {
            // The database going away is the job's problem, not the article's: the step is done again later.
            if (isDatabaseUnavailable(error)) throw error;
            progress.failed += 1;
            if (problems.length < MAX_PROBLEMS) problems.push({ documentId: item.key, message: (error as Error).message ?? String(error) });
          }
          progress.done += 1;
          cursor = item.cursor;
        }
        if (!(await this.store.advance(job.id, this.owner, this.options.leaseMs, { cursor, progress, problems }))) return;
        if (finished && !this.stopping) {
          await this.store.finish(job.id, this.owner, 'done');
          return;
        }
        await sleep(othersServedWithin(1000) ? this.options.busyPauseMs : this.options.pauseMs);
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      this.strapi.log.error(`content-normalizer jobs: job ${job.id} (${job.type}) failed: ${(error as Error).stack ?? String(error)}`);
      await this.store.finish(job.id, this.owner, 'failed', (error as Error).message ?? String(error));
    }
  }
}
