import type { Task } from 'graphile-worker';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { SEND_MAIL_TASK } from './outbox.js';

export const OUTBOX_SWEEP_TASK = 'mail_outbox_sweep';
export const OUTBOX_SWEEP_CRONTAB = `*/5 * * * * ${OUTBOX_SWEEP_TASK} ?max=1&jobKey=${OUTBOX_SWEEP_TASK}`;

/** Mails older than this are left alone (a permanently failing address is not retried forever). */
const GIVE_UP_AFTER_MS = 3 * 86_400_000;

/**
 * A worker killed mid-send leaves its job locked, and graphile-worker frees such jobs only after 4 hours. Every five
 * minutes this re-queues every unsent outbox mail older than MAIL_STUCK_AFTER_SECONDS (10 minutes; it must stay well
 * above the longest send, or a mail in flight is sent twice) under its job key: a job waiting for its
 * back-off keeps its time (`preserve_run_at`), a job locked by a dead worker is replaced by a fresh one, and `sent_at`
 * keeps a mail that did go out from going out again (security.md 28).
 */
export function outboxSweepTask(deps: {
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'mailStuckAfterSeconds'>;
}): Task {
  const stuckAfterMs = deps.config.mailStuckAfterSeconds * 1000;
  return async () => {
    const now = deps.clock.now().getTime();
    const { rows } = await deps.pool.query<{ id: string }>(
      'select id from mail_outbox where sent_at is null and created_at < $1 and created_at > $2',
      [new Date(now - stuckAfterMs), new Date(now - GIVE_UP_AFTER_MS)],
    );
    for (const { id } of rows) {
      await deps.pool.query(
        "select graphile_worker.add_job($1, json_build_object('outboxId', $2::text), job_key := $3, job_key_mode := 'preserve_run_at')",
        [SEND_MAIL_TASK, id, `mail:${id}`],
      );
    }
    if (rows.length) deps.log.warn({ component: 'worker', requeued: rows.length }, 'unsent mails re-queued');
  };
}
