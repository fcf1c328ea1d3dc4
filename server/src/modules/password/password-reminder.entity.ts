import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserAccountSchema } from '../account/user.entity.js';

export const REMINDER_KINDS = ['DAYS_30', 'DAYS_7'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * A password-expiry reminder that was sent (rules.md §3): one per account, kind and password — the password is
 * identified by when it was set, so a new password starts with no reminders. Unique on those three.
 */
export const PasswordReminderSchema = defineEntity({
  name: 'PasswordReminder',
  tableName: 'password_reminder',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    user: p.manyToOne(UserAccountSchema).fieldName('user_id'),
    kind: p.enum([...REMINDER_KINDS]),
    passwordChangedAt: p.datetime(),
    sentAt: p.datetime(),
  },
});

export type PasswordReminder = InferEntity<typeof PasswordReminderSchema>;
