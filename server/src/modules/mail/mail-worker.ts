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
import { AUDIT_ANCHOR_CRONTAB, AUDIT_ANCHOR_TASK, auditAnchorTask } from '../audit/audit-anchor.js';
import { coeMailAccepted, isCoeMailKind } from '../coe/coe-mail-accepted.js';
import { SEND_MAIL_TASK } from './outbox.js';
import type { InlineAttachment } from './templates.js';
import {
  APPLICANT_HOUSEKEEPING_CRONTAB,
  APPLICANT_HOUSEKEEPING_TASK,
  applicantHousekeepingTask,
} from '../applicant-admin/applicant-housekeeping.js';
import { OUTBOX_SWEEP_CRONTAB, OUTBOX_SWEEP_TASK, outboxSweepTask } from './outbox-sweep.js';

interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  attachments: InlineAttachment[] | null;
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
      'select id, kind, recipient, subject, body, html, attachments, sent_at from mail_outbox where id = $1',
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
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((a) => ({
                cid: a.cid,
                filename: a.filename,
                contentType: a.contentType,
                content: Buffer.from(a.contentBase64, 'base64'),
                contentDisposition: 'inline' as const,
              })),
            }
          : {}),
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
    const sentAt = deps.clock.now();
    const markSent = 'update mail_outbox set attempts = attempts + 1, sent_at = $2, last_error = null where id = $1';
    if (isCoeMailKind(mail.kind)) {
      // the mail's sent_at and what the SMTP server's acceptance means to its COE (ISSUED -> MAILED) commit together
      const client = await deps.pool.connect();
      try {
        await client.query('begin');
        await client.query(markSent, [mail.id, sentAt]);
        await coeMailAccepted(client, mail.id, sentAt);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    } else {
      await deps.pool.query(markSent, [mail.id, sentAt]);
    }
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
 * (expired approval requests, erasure of deleted accounts' personal data), the five-minute outbox sweep and, with
 * AUDIT_ANCHOR_EMAIL set, the daily audit anchor (graphile-worker's cron, which queues each tick once across all workers).
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
      [AUDIT_ANCHOR_TASK]: auditAnchorTask(deps),
      [APPLICANT_HOUSEKEEPING_TASK]: applicantHousekeepingTask(deps),
    },
    crontab: [
      PASSWORD_EXPIRY_REMINDER_CRONTAB,
      OUTBOX_SWEEP_CRONTAB,
      APPLICANT_HOUSEKEEPING_CRONTAB,
      ...(deps.config.auditAnchorEmail ? [AUDIT_ANCHOR_CRONTAB] : []),
    ].join('\n'),
  });
}
