import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import type { Config } from '../../config.js';
import { toDate } from '../../db/raw.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordExpiryReminderMail } from '../mail/templates.js';
import { passwordExpiresAt } from './password-expiry.js';
import type { ReminderKind } from './password-reminder.entity.js';

export const PASSWORD_EXPIRY_REMINDER_TASK = 'password_expiry_reminders';

/**
 * graphile-worker's cron: at minute 0 of every hour. Its scheduler queues each tick once however many workers run
 * (`known_crontabs`); the job key keeps at most one queued run. The job itself is safe to run twice at once anyway.
 */
export const PASSWORD_EXPIRY_REMINDER_CRONTAB = `0 * * * * ${PASSWORD_EXPIRY_REMINDER_TASK} ?max=5&jobKey=${PASSWORD_EXPIRY_REMINDER_TASK}`;

const DAY_MS = 86_400_000;
/** Accounts handled per transaction. */
const BATCH = 200;

/**
 * The reminders of rules.md §3, each a window before the expiry: the 30-day one while 7 < days left ≤ 30, the 7-day one
 * while 0 < days left ≤ 7. An account that enters the 7-day window without having had the 30-day reminder (the worker
 * was down) gets only the 7-day one.
 */
const REMINDERS: readonly { kind: ReminderKind; days: number; until: number }[] = [
  { kind: 'DAYS_30', days: 30, until: 7 },
  { kind: 'DAYS_7', days: 7, until: 0 },
];

export interface ReminderDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  log?: Logger;
}

interface DueRow {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  password_changed_at: Date | string;
}

/**
 * Finds the ACTIVE accounts whose password is inside a reminder window and has not had that reminder, records the
 * reminder and queues its mail in the same transaction. "Has had it" is a row in `password_reminder` keyed by
 * (account, kind, password_changed_at): a new password starts clean, and the unique key makes the insert
 * (`on conflict do nothing returning`) decide exactly once which run sends a reminder, however many run at once.
 * Accounts locked by a running login or password change are skipped (`skip locked`) and picked up by the next run.
 * Nothing happens when expiry is off (PASSWORD_MAX_AGE_DAYS=0). Returns how many of each kind were queued.
 */
export async function sendPasswordExpiryReminders(deps: ReminderDeps): Promise<Record<ReminderKind, number>> {
  const counts: Record<ReminderKind, number> = { DAYS_30: 0, DAYS_7: 0 };
  const maxAgeDays = deps.config.passwordMaxAgeDays;
  if (!maxAgeDays) return counts;
  const maxAgeMs = maxAgeDays * DAY_MS;

  for (const reminder of REMINDERS) {
    // A password that lives no longer than the window would get its reminder the moment it is set.
    if (maxAgeDays <= reminder.days) continue;
    for (;;) {
      const queued = await deps.orm.em.fork().transactional(async (em) => {
        const now = deps.clock.now();
        // expires = changed + max age; due when now + until < expires ≤ now + days
        const changedAfter = new Date(now.getTime() + reminder.until * DAY_MS - maxAgeMs);
        const changedUpTo = new Date(now.getTime() + reminder.days * DAY_MS - maxAgeMs);
        const rows = await em.execute<DueRow[]>(
          `with due as (
             select u.id, u.password_changed_at from user_account u
             where u.status = 'ACTIVE' and u.password_changed_at > ? and u.password_changed_at <= ?
               and (u.usage_expires_at is null or u.usage_expires_at > ?)
               and not exists (select 1 from password_reminder r
                               where r.user_id = u.id and r.kind = ? and r.password_changed_at = u.password_changed_at)
             order by u.password_changed_at
             limit ?
             for update of u skip locked
           ), recorded as (
             insert into password_reminder (user_id, kind, password_changed_at, sent_at)
             select id, ?, password_changed_at, ? from due
             on conflict (user_id, kind, password_changed_at) do nothing
             returning user_id, password_changed_at
           )
           select u.id, u.auth_id, u.name, u.email, recorded.password_changed_at
           from recorded join user_account u on u.id = recorded.user_id`,
          [changedAfter, changedUpTo, now, reminder.kind, BATCH, reminder.kind, now],
        );
        for (const row of rows) {
          const expiresAt = passwordExpiresAt(deps.config, toDate(row.password_changed_at)) as Date;
          await enqueueMail(
            em,
            {
              kind: 'PASSWORD_EXPIRY_REMINDER',
              to: row.email,
              userId: row.id,
              ...passwordExpiryReminderMail(deps.config, {
                name: row.name,
                authId: row.auth_id,
                expiresAt,
                daysBefore: reminder.days,
                loginUrl: `${deps.config.publicUrl}/login`,
              }),
            },
            now,
          );
        }
        return rows.length;
      });
      counts[reminder.kind] += queued;
      if (queued < BATCH) break;
    }
  }
  return counts;
}

/** The graphile-worker task (run by the crontab entry above). */
export function passwordExpiryReminderTask(deps: ReminderDeps): Task {
  return async () => {
    const counts = await sendPasswordExpiryReminders(deps);
    if (counts.DAYS_30 || counts.DAYS_7) deps.log?.info({ reminders: counts }, 'password expiry reminders queued');
  };
}
