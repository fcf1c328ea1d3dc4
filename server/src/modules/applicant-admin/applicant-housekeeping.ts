import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import type { Config } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { appendAuditEvent } from '../audit/audit-trail.js';

export const APPLICANT_HOUSEKEEPING_TASK = 'applicant_housekeeping';

/**
 * graphile-worker's cron, at minute 30 of every hour (the password reminders run at minute 0): queued once per tick
 * across all workers, at most one queued run (job key). Both steps are safe to run twice at once (`skip locked`,
 * conditional updates).
 */
export const APPLICANT_HOUSEKEEPING_CRONTAB = `30 * * * * ${APPLICANT_HOUSEKEEPING_TASK} ?max=5&jobKey=${APPLICANT_HOUSEKEEPING_TASK}`;

export interface HousekeepingDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  log?: Logger;
}

const BATCH = 100;

/**
 * Marks PENDING approval requests past their 7 days EXPIRED, each with an APPROVAL_REQUEST_EXPIRED event (no staff
 * member: the system did it). Reading already shows them EXPIRED; this makes the stored state say so too.
 */
export async function expireApprovalRequests(deps: HousekeepingDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await deps.orm.em.fork().transactional(async (em: EntityManager) => {
      const now = deps.clock.now();
      const rows = await em.execute<{ id: string; auth_id: string; kind: string; expires_at: unknown }[]>(
        `update approval_request set state = 'EXPIRED' where id in (
           select id from approval_request where state = 'PENDING' and expires_at <= ? order by expires_at limit ? for update skip locked
         ) returning id, auth_id, kind, expires_at`,
        [now, BATCH],
      );
      for (const row of rows) {
        await appendAuditEvent(em, { action: 'APPROVAL_REQUEST_EXPIRED', target: row.auth_id, details: { requestId: row.id, kind: row.kind } }, now, deps.log);
      }
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * Erases the personal data of accounts deleted (抹消) more than DELETED_RETENTION_DAYS ago: name, sex, birth date,
 * residence, phone and e-mail address are blanked, with the password hash, the addresses in the account's mails
 * (recipient and body), links and approval requests, and the network addresses of its sessions and security events.
 * The 認証ID stays (it is never issued again, and the audit trail names it). One APPLICANT_DATA_ERASED event each.
 */
export async function eraseDeletedAccounts(deps: HousekeepingDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await deps.orm.em.fork().transactional(async (em: EntityManager) => {
      const now = deps.clock.now();
      const cutoff = new Date(now.getTime() - deps.config.deletedRetentionDays * 86_400_000);
      const rows = await em.execute<{ id: string; auth_id: string }[]>(
        `update user_account set name = '', sex = null, birth_date = null, residence_code = null, residence_address = '', phone = '',
           email = '', password_hash = null, erased_at = ?, updated_at = ?
         where id in (
           select id from user_account where status = 'DELETED' and erased_at is null and deleted_at <= ?
           order by deleted_at limit ? for update skip locked
         ) returning id, auth_id`,
        [now, now, cutoff, BATCH],
      );
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      await em.execute(`update mail_outbox set recipient = '', subject = '', body = '' where user_id in (?)`, [ids]);
      await em.execute(`update email_link set email = '' where user_id in (?)`, [ids]);
      await em.execute(`update approval_request set new_email = null where user_id in (?)`, [ids]);
      await em.execute(`update session set ip = null, user_agent = null where user_id in (?)`, [ids]);
      await em.execute(`update auth_event set ip = null, user_agent = null where user_id in (?)`, [ids]);
      for (const row of rows) {
        await appendAuditEvent(em, { action: 'APPLICANT_DATA_ERASED', target: row.auth_id, details: { retentionDays: deps.config.deletedRetentionDays } }, now, deps.log);
      }
      return rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/** The graphile-worker task (run by the crontab entry above). */
export function applicantHousekeepingTask(deps: HousekeepingDeps): Task {
  return async () => {
    const expired = await expireApprovalRequests(deps);
    const erased = await eraseDeletedAccounts(deps);
    if (expired || erased) deps.log?.info({ approvalRequestsExpired: expired, accountsErased: erased }, 'applicant housekeeping');
  };
}
