import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ContentNormalizerConfig } from '../config';
import { fieldError } from '../utils/errors';
import { recleanHandler } from '../jobs/reclean';
import { JobRunner, type JobHandler } from '../jobs/runner';
import { ensureJobsTable, jobStore, type Job } from '../jobs/store';

/** A job as the admin API shows it: times as ISO strings, no lease internals beyond who holds it. */
export interface JobView {
  id: number;
  type: string;
  params: Record<string, unknown>;
  state: Job['state'];
  progress: Job['progress'];
  attempts: number;
  error: string | null;
  problems: Job['problems'];
  leaseOwner: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function viewOf(job: Job): JobView {
  return {
    id: job.id,
    type: job.type,
    params: job.params,
    state: job.state,
    progress: job.progress,
    attempts: job.attempts,
    error: job.error,
    problems: job.problems,
    leaseOwner: job.state === 'running' ? job.leaseOwner : null,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: job.finishedAt === null ? null : iso(job.finishedAt),
  };
}

/**
 * Background jobs: `enqueue('reclean', { documentIds | all | source, reason })` stores a job and returns its id;
 * the runner of whichever instance claims it first does the work (server/src/jobs/).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).jobs;
  const store = () => jobStore(strapi.db.connection);
  const handlers: Record<string, JobHandler> = { reclean: recleanHandler(strapi) };
  let runner: JobRunner | null = null;

  function runnerOptions() {
    const { pollMs, batchSize, leaseMs, pauseMs, busyPauseMs } = settings();
    return { pollMs, batchSize, leaseMs, pauseMs, busyPauseMs };
  }

  return {
    /** Bootstrap: the table, then (when enabled) this instance's runner. */
    async start(): Promise<void> {
      await ensureJobsTable(strapi.db.connection);
      if (!settings().enabled || runner) return;
      runner = new JobRunner(strapi, store(), handlers, runnerOptions());
      runner.start();
    },

    async stop(): Promise<void> {
      const current = runner;
      runner = null;
      await current?.stop();
    },

    /** A runner of its own, e.g. a second one in a test, sharing the database and the handlers. */
    createRunner(owner?: string): JobRunner {
      return new JobRunner(strapi, store(), handlers, runnerOptions(), owner);
    },

    /** Stores a job; returns its id. Params are checked now: bad ones are a 400 naming the field. */
    async enqueue(type: string, params: unknown): Promise<number> {
      const handler = handlers[type];
      if (!handler) throw fieldError('type', `is not a job type (${Object.keys(handlers).join(', ')})`);
      const parsed = handler.parse(params);
      // Inside the caller's transaction when there is one (an import that learns a line): the job exists only if
      // that write commits.
      return strapi.db.transaction(async ({ trx, onCommit }) => {
        const job = await jobStore(trx).insert(type, parsed);
        onCommit(() => runner?.kick());
        return job.id;
      });
    },

    async list(limit = 50): Promise<JobView[]> {
      return (await store().list(limit)).map(viewOf);
    },

    async get(id: number): Promise<JobView> {
      const job = await store().get(id);
      if (!job) throw new errors.NotFoundError('Job not found');
      return viewOf(job);
    },

    /** Cancels a queued or running job; an ended one is a 400. */
    async cancel(id: number): Promise<JobView> {
      const job = await store().get(id);
      if (!job) throw new errors.NotFoundError('Job not found');
      if (!(await store().cancel(id))) throw fieldError('id', `the job has already ended (${job.state})`);
      return this.get(id);
    },
  };
};
