import type { Runner } from 'graphile-worker';
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

  constructor(
    private readonly start: () => Promise<Runner>,
    private readonly log: Logger,
  ) {}

  async run(): Promise<void> {
    await this.launch(true);
  }

  private async launch(first = false): Promise<void> {
    if (this.stopping) return;
    try {
      const runner = await this.start();
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
