import { EventEmitter } from 'node:events';
import type { Runner, WorkerEvents } from 'graphile-worker';
import type { Logger } from '../../lib/logger.js';

/**
 * Keeps the mail worker running through database outages. graphile-worker gives up when it cannot mark a job done or
 * failed (a connection error is not one it retries), and expects a process manager to restart the whole process;
 * this restarts just the worker, with back-off, so the HTTP side keeps serving and the queue resumes by itself when
 * the database is back (security.md 29). Jobs are in the database, so nothing is lost in between.
 */
export class WorkerSupervisor {
  private runner: Runner | undefined;
  private stopping = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** the ids of the current runner's worker pools (graphile-worker locks a job in the name of its pool) */
  private workerIds: string[] = [];
  /** the ids of worker pools whose runner failed: their jobs stay locked until unlocked */
  private orphans: string[] = [];

  /**
   * `start` gets the event emitter the runner is to report on (graphile-worker's `events` option). `unlock` releases
   * the jobs a failed runner had locked (graphile_worker.force_unlock_workers, by its pool's id): a runner that lost the
   * database with a job in hand cannot release it, and graphile-worker would leave it locked for four hours; the
   * outbox sweep would re-queue its mail only after MAIL_STUCK_AFTER_SECONDS. Unlocked, the new runner sends it at
   * once — a second time if the first sending had reached the SMTP server, with the same Message-ID.
   */
  constructor(
    private readonly start: (events: WorkerEvents) => Promise<Runner>,
    private readonly log: Logger,
    private readonly unlock?: (workerIds: string[]) => Promise<unknown>,
  ) {}

  async run(): Promise<void> {
    await this.launch(true);
  }

  private async launch(first = false): Promise<void> {
    if (this.stopping) return;
    try {
      if (this.orphans.length && this.unlock) {
        await this.unlock(this.orphans);
        this.log.warn({ component: 'worker', workers: this.orphans.length }, 'jobs of the failed mail worker unlocked');
        this.orphans = [];
      }
      const events = new EventEmitter() as WorkerEvents;
      const ids: string[] = [];
      events.on('pool:create', ({ workerPool }) => ids.push(workerPool.id));
      this.workerIds = ids;
      const runner = await this.start(events);
      this.runner = runner;
      if (!first) this.log.info({ component: 'worker' }, 'mail worker restarted');
      this.attempt = 0;
      runner.promise.then(
        () => this.restartLater('stopped'),
        (err: unknown) => this.restartLater(String((err as Error)?.message ?? err)),
      );
    } catch (err) {
      if (first) throw err; // at start-up a broken setup should fail loudly
      this.restartLater(String((err as Error)?.message ?? err));
    }
  }

  private restartLater(reason: string): void {
    if (this.stopping) return;
    this.runner = undefined;
    this.orphans.push(...this.workerIds);
    this.workerIds = [];
    const delay = Math.min(30_000, 500 * 2 ** this.attempt++);
    this.log.warn({ component: 'worker', reason, retryInMs: delay }, 'mail worker stopped; restarting');
    this.timer = setTimeout(() => void this.launch(), delay);
    this.timer.unref();
  }

  /** True for errors that belong to the worker, which its supervisor recovers from (see main.ts). */
  static owns(err: unknown): boolean {
    return /graphile-worker/.test(String((err as Error)?.stack ?? ''));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.runner?.stop().catch(() => undefined);
  }
}
