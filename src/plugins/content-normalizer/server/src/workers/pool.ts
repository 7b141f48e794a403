/**
 * The pool of worker threads that runs the cleaning engine, off the main event loop: one hostile page can
 * keep a worker busy, never the thread that answers readers.
 *
 * - Sized to the machine's cores; the workers run at a lower scheduling priority than the main thread
 *   (`niceIncrement`), so that on a busy machine reads are answered before imports are cleaned.
 * - Every task has a time budget. Running out of it ends the worker (piscina terminates a thread whose task
 *   is aborted, and starts a new one), and the task fails with a CleaningBudgetError naming the field.
 * - The budget counts running time only: tasks queue here, not in piscina, and are handed over only when a
 *   thread is free, so a document does not time out because others were ahead of it.
 */
import os from 'os';
import path from 'path';
import { Piscina } from 'piscina';
import type { TaskResult, WorkerTask } from './tasks';

export interface PoolOptions {
  /** Worker threads; 0 means one per core. */
  threads: number;
  /** Most milliseconds one task may run. */
  budgetMs: number;
  /** Heap ceiling of one worker; a document that needs more fails alone. */
  maxWorkerMemoryMb: number;
  /** How much lower than the main thread the workers are scheduled (Unix nice). */
  niceIncrement: number;
}

/** A task ran out of its time budget (or memory): the document it carried is at fault, not the server. */
export class CleaningBudgetError extends Error {
  constructor(
    readonly field: string,
    readonly reason: 'time' | 'memory',
    readonly budgetMs: number,
  ) {
    super(
      reason === 'time'
        ? `cleaning this document took longer than its budget of ${budgetMs} ms; it was stopped`
        : 'cleaning this document needed more memory than a cleaning worker may use; it was stopped',
    );
    this.name = 'CleaningBudgetError';
  }
}

/** The built worker entry, beside the built server bundle (see the plugin's package.json exports). */
export const WORKER_FILE = path.resolve(__dirname, '..', 'clean-worker', 'index.js');

export class CleaningPool {
  private readonly piscina: Piscina;
  private readonly size: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly options: PoolOptions,
    filename = WORKER_FILE,
  ) {
    this.size = options.threads > 0 ? options.threads : os.availableParallelism();
    this.piscina = new Piscina({
      filename,
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: 60_000,
      niceIncrement: options.niceIncrement,
      resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerMemoryMb },
    });
  }

  get threads(): number {
    return this.size;
  }

  /** Runs a task within the time budget; `field` names the input the error will blame. */
  async run<T extends WorkerTask>(task: T, field: string): Promise<TaskResult<T>> {
    await this.acquire();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.budgetMs);
    try {
      return (await this.piscina.run(task, { signal: controller.signal })) as TaskResult<T>;
    } catch (error) {
      if (controller.signal.aborted) throw new CleaningBudgetError(field, 'time', this.options.budgetMs);
      if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new CleaningBudgetError(field, 'memory', this.options.budgetMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }

  private acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
