import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger as GraphileLogger, run, runMigrations, type Runner, type Task } from 'graphile-worker';
import type { Transporter } from 'nodemailer';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Logger } from '../../lib/logger.js';
import type { Clock } from '../../lib/clock.js';
import { addressDomain } from '../../lib/mail-address.js';
import {
  PASSWORD_EXPIRY_REMINDER_CRONTAB,
  PASSWORD_EXPIRY_REMINDER_TASK,
  passwordExpiryReminderTask,
} from '../password/expiry-reminders.js';
import { SEND_MAIL_TASK } from './outbox.js';
import {
  APPLICANT_HOUSEKEEPING_CRONTAB,
  APPLICANT_HOUSEKEEPING_TASK,
  applicantHousekeepingTask,
} from '../applicant-admin/applicant-housekeeping.js';
import { OUTBOX_SWEEP_CRONTAB, OUTBOX_SWEEP_TASK, outboxSweepTask } from './outbox-sweep.js';

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  sent_at: Date | null;
}

/**
 * The job that sends one outbox mail. graphile-worker runs a job on one worker at a time and retries a failed one
 * with exponential back-off, so SMTP being down only delays mail. `sent_at` makes a re-run after a successful send
 * a no-op, and the Message-ID is derived from the outbox id so a receiver can drop the rare duplicate that a crash
 * between SMTP's OK and the update could cause.
 */
export function sendMailTask(deps: { pool: pg.Pool; transport: Transporter; from: string; clock: Clock; log: Logger }): Task {
  return async (payload) => {
    const outboxId = (payload as { outboxId?: string })?.outboxId;
    if (!outboxId) return;
    const { rows } = await deps.pool.query<OutboxRow>(
      'select id, recipient, subject, body, sent_at from mail_outbox where id = $1',
      [outboxId],
    );
    const mail = rows[0];
    if (!mail || mail.sent_at) return;
    const domain = senderDomain(deps.from);
    try {
      await deps.transport.sendMail({
        from: deps.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@${domain}>`,
      });
    } catch (err) {
      await deps.pool.query('update mail_outbox set attempts = attempts + 1, last_error = $2 where id = $1', [
        mail.id,
        String((err as Error)?.message ?? err).slice(0, 500),
      ]);
      deps.log.warn({ outboxId: mail.id, err: (err as Error)?.message }, 'mail send failed; will retry');
      throw err;
    }
    await deps.pool.query('update mail_outbox set attempts = attempts + 1, sent_at = $2, last_error = null where id = $1', [
      mail.id,
      deps.clock.now(),
    ]);
    deps.log.info({ outboxId: mail.id }, 'mail sent');
  };
}

/** The domain of the sender address, for the Message-ID (localhost when it is not plain ASCII, e.g. `[::1]`). */
export function senderDomain(from: string): string {
  const domain = addressDomain(from) ?? '';
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message) => {
    const l = String(level);
    if (l === 'error') log.error({ component: 'worker' }, message);
    else if (l === 'warning') log.warn({ component: 'worker' }, message);
    else log.debug({ component: 'worker' }, message);
  });
}

/** The queue's own tables; must exist before anything calls graphile_worker.add_job. */
export async function migrateQueue(pool: pg.Pool, log: Logger): Promise<void> {
  await runMigrations({ pgPool: pool, logger: graphileLogger(log) });
}

/**
 * The worker: sends outbox mails, runs the hourly password-expiry reminder job, the hourly applicant housekeeping
 * (expired approval requests, erasure of deleted accounts' personal data) and the five-minute outbox sweep
 * (graphile-worker's cron, which queues each tick once across all workers).
 */
export async function startMailWorker(deps: {
  pool: pg.Pool;
  transport: Transporter;
  from: string;
  clock: Clock;
  log: Logger;
  orm: MikroORM;
  config: Config;
  concurrency?: number;
}): Promise<Runner> {
  return run({
    pgPool: deps.pool,
    concurrency: deps.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: graphileLogger(deps.log),
    taskList: {
      [SEND_MAIL_TASK]: sendMailTask(deps),
      [PASSWORD_EXPIRY_REMINDER_TASK]: passwordExpiryReminderTask(deps),
      [OUTBOX_SWEEP_TASK]: outboxSweepTask(deps),
      [APPLICANT_HOUSEKEEPING_TASK]: applicantHousekeepingTask(deps),
    },
    crontab: [PASSWORD_EXPIRY_REMINDER_CRONTAB, OUTBOX_SWEEP_CRONTAB, APPLICANT_HOUSEKEEPING_CRONTAB].join('\n'),
  });
}
