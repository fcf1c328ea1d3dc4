import type { EntityManager } from '@mikro-orm/postgresql';
import type { MailContent } from './templates.js';

export const SEND_MAIL_TASK = 'send_mail';

export type MailKind =
  | 'REGISTRATION'
  | 'PASSWORD_SET'
  | 'PASSWORD_RESET_DONE'
  | 'ACCOUNT_LOCKED'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_RESET_LINK'
  | 'EMAIL_CHANGED_NEW'
  | 'EMAIL_CHANGED_OLD'
  | 'PASSWORD_EXPIRY_REMINDER'
  /** to a staff member (userId null): the enrolment link of a new account or of a reset second factor */
  | 'STAFF_ENROLMENT'
  /** to AUDIT_ANCHOR_EMAIL (userId null): the audit chain's daily anchor */
  | 'AUDIT_ANCHOR'
  /** the electronic COE (modules/coe): issued, reissued (the corrected one), sent again, revoked, receipt registered */
  | 'COE_ISSUED'
  | 'COE_REISSUED'
  | 'COE_RESENT'
  | 'COE_REVOKED'
  | 'COE_RECEIPT_REGISTERED'
  // what the bureau's staff did to an applicant's account (modules/applicant-admin/applicant-mails.ts)
  | 'ACCOUNT_UNLOCKED'
  | 'ACCOUNT_SUSPENDED'
  | 'ACCOUNT_RESUMED'
  | 'USAGE_EXPIRY_SET'
  | 'AUTH_ID_RENOTICE'
  | 'ACCOUNT_DELETED';

/**
 * Writes a mail into the outbox and queues its sending job, both on `em`'s current transaction: the mail exists if
 * and only if the change that caused it was committed (rules.md §6). The job key is the outbox id, so a job is queued
 * once per mail.
 */
export async function enqueueMail(
  em: EntityManager,
  mail: MailContent & { kind: MailKind; to: string; userId?: string },
  now: Date,
): Promise<string> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into mail_outbox (user_id, kind, recipient, subject, body, html, attachments, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [mail.userId ?? null, mail.kind, mail.to, mail.subject, mail.text, mail.html ?? null, mail.attachments?.length ? JSON.stringify(mail.attachments) : null, now],
  );
  const id = rows[0].id;
  await em.execute(`select graphile_worker.add_job(?, json_build_object('outboxId', ?::text), job_key := ?)`, [
    SEND_MAIL_TASK,
    id,
    `mail:${id}`,
  ]);
  return id;
}
