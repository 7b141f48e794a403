import type { Core } from '@strapi/strapi';

/**
 * Job rows in the database (`cn_jobs`), shared by every instance on the same database. A job is claimed with a
 * lease: the instance that holds an unexpired lease is the only one working on it; a lease left by a killed
 * instance expires and another instance takes the job over from its cursor. Times are epoch milliseconds.
 */
export const JOBS_TABLE = 'cn_jobs';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number | null;
  changed: number;
  failed: number;
}

export interface JobProblem {
  documentId: string;
  message: string;
}

export interface Job {
  id: number;
  type: string;
  params: Record<string, unknown>;
  state: JobState;
  progress: JobProgress;
  cursor: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
  attempts: number;
  error: string | null;
  problems: JobProblem[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;

/** Most problems kept on one job row: enough to see what failed, bounded however many articles fail. */
export const MAX_PROBLEMS = 50;

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function jobOf(row: Row): Job {
  return {
    id: Number(row.id),
    type: String(row.type),
    params: parseJson(row.params, {}),
    state: String(row.state) as JobState,
    progress: {
      done: Number(row.progress_done ?? 0),
      total: numberOrNull(row.progress_total),
      changed: Number(row.progress_changed ?? 0),
      failed: Number(row.progress_failed ?? 0),
    },
    cursor: typeof row.cursor === 'string' ? row.cursor : null,
    leaseOwner: typeof row.lease_owner === 'string' ? row.lease_owner : null,
    leaseUntil: numberOrNull(row.lease_until),
    attempts: Number(row.attempts ?? 0),
    error: typeof row.error === 'string' ? row.error : null,
    problems: parseJson(row.problems, []),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    finishedAt: numberOrNull(row.finished_at),
  };
}

const rowsOf = (answer: unknown): Row[] => (Array.isArray(answer) ? answer : ((answer as { rows?: Row[] }).rows ?? []));

/** Creates the table when it is missing. Two instances starting at once may both try: the loser re-checks. */
export async function ensureJobsTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(JOBS_TABLE)) return;
  try {
    await knex.schema.createTable(JOBS_TABLE, (table) => {
      table.increments('id').primary();
      table.string('type', 64).notNullable();
      table.text('params').notNullable();
      table.string('state', 16).notNullable();
      table.integer('progress_done').notNullable().defaultTo(0);
      table.integer('progress_total').nullable();
      table.integer('progress_changed').notNullable().defaultTo(0);
      table.integer('progress_failed').notNullable().defaultTo(0);
      table.text('cursor').nullable();
      table.string('lease_owner', 128).nullable();
      table.bigInteger('lease_until').nullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.text('error').nullable();
      table.text('problems').nullable();
      table.bigInteger('created_at').notNullable();
      table.bigInteger('updated_at').notNullable();
      table.bigInteger('finished_at').nullable();
      table.index(['state', 'lease_until'], `${JOBS_TABLE}_claim`);
    });
  } catch (error) {
    if (!(await knex.schema.hasTable(JOBS_TABLE))) throw error;
  }
}

const isPostgres = (knex: Knex) => /^(pg|postgres)/.test(String(knex.client.config.client));

/** The states a runner may pick a job up in: a new one, or a running one whose lease has run out. */
const CLAIMABLE = `state in ('queued', 'running') and (lease_until is null or lease_until < ? or lease_owner = ?)`;

export function jobStore(knex: Knex) {
  return {
    async insert(type: string, params: Record<string, unknown>): Promise<Job> {
      const now = Date.now();
      const [inserted] = (await knex(JOBS_TABLE).insert(
        { type, params: JSON.stringify(params), state: 'queued', attempts: 0, created_at: now, updated_at: now },
        ['id'],
      )) as Array<{ id: number } | number>;
      const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
      return (await this.get(id)) as Job;
    },

    async get(id: number): Promise<Job | null> {
      const row = (await knex(JOBS_TABLE).where({ id }).first()) as Row | undefined;
      return row ? jobOf(row) : null;
    },

    async list(limit: number): Promise<Job[]> {
      const rows = (await knex(JOBS_TABLE).orderBy('id', 'desc').limit(limit)) as Row[];
      return rows.map(jobOf);
    },

    /**
     * Takes the oldest claimable job for `owner` with a lease of `leaseMs`, or none. PostgreSQL: the row is locked
     * with FOR UPDATE SKIP LOCKED, so two instances claiming at once take different jobs. SQLite has one writer at a
     * time; the single UPDATE re-checks the lease in its WHERE, so of two claims of one row only one matches.
     */
    async claim(owner: string, leaseMs: number): Promise<Job | null> {
      const now = Date.now();
      const lease = { state: 'running', lease_owner: owner, lease_until: now + leaseMs, updated_at: now };
      if (isPostgres(knex)) {
        return knex.transaction(async (trx) => {
          const picked = rowsOf(
            await trx.raw(`select id from ${JOBS_TABLE} where ${CLAIMABLE} order by id limit 1 for update skip locked`, [now, owner]),
          );
          if (picked.length === 0) return null;
          const id = Number(picked[0].id);
          await trx(JOBS_TABLE)
            .where({ id })
            .update({ ...lease, attempts: trx.raw('attempts + 1') });
          return jobOf((await trx(JOBS_TABLE).where({ id }).first()) as Row);
        });
      }
      const updated = rowsOf(
        await knex.raw(
          `update ${JOBS_TABLE} set state = 'running', lease_owner = ?, lease_until = ?, updated_at = ?, attempts = attempts + 1 ` +
            `where id = (select id from ${JOBS_TABLE} where ${CLAIMABLE} order by id limit 1) and ${CLAIMABLE} returning id`,
          [owner, lease.lease_until, now, now, owner, now, owner],
        ),
      );
      return updated.length ? this.get(Number(updated[0].id)) : null;
    },

    /**
     * Records a step: cursor, progress and a renewed lease, only while `owner` still holds the running job.
     * False when it does not (cancelled, or taken over after the lease ran out): the caller stops.
     */
    async advance(
      id: number,
      owner: string,
      leaseMs: number,
      step: { cursor: string | null; progress: JobProgress; problems: JobProblem[] },
    ): Promise<boolean> {
      const now = Date.now();
      const count = await knex(JOBS_TABLE)
        .where({ id, lease_owner: owner, state: 'running' })
        .update({
          cursor: step.cursor,
          progress_done: step.progress.done,
          progress_total: step.progress.total,
          progress_changed: step.progress.changed,
          progress_failed: step.progress.failed,
          problems: JSON.stringify(step.problems.slice(0, MAX_PROBLEMS)),
          lease_until: now + leaseMs,
          updated_at: now,
        });
      return Number(count) > 0;
    },

    /** Ends a job the owner holds: done or failed. */
    async finish(id: number, owner: string, state: 'done' | 'failed', error: string | null = null): Promise<boolean> {
      const now = Date.now();
      const count = await knex(JOBS_TABLE)
        .where({ id, lease_owner: owner, state: 'running' })
        .update({ state, error, lease_until: null, updated_at: now, finished_at: now });
      return Number(count) > 0;
    },

    /** Gives a lease back at once (a stopping instance), so that another instance need not wait for it to expire. */
    async release(id: number, owner: string): Promise<void> {
      await knex(JOBS_TABLE).where({ id, lease_owner: owner, state: 'running' }).update({ lease_until: 0, updated_at: Date.now() });
    },

    /** Cancels a job that has not ended; the runner working on it sees it at its next step. */
    async cancel(id: number): Promise<boolean> {
      const now = Date.now();
      const count = await knex(JOBS_TABLE)
        .where({ id })
        .whereIn('state', ['queued', 'running'])
        .update({ state: 'cancelled', lease_until: null, updated_at: now, finished_at: now });
      return Number(count) > 0;
    },
  };
}

export type JobStore = ReturnType<typeof jobStore>;
