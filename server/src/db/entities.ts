import { UserAccountSchema } from '../modules/account/user.entity.js';
import { SessionSchema } from '../modules/auth/session.entity.js';
import { EmailLinkSchema } from '../modules/password/email-link.entity.js';
import { PasswordReminderSchema } from '../modules/password/password-reminder.entity.js';
import { NoticeSchema } from '../modules/reference/notice.entity.js';
import { MailOutboxSchema } from '../modules/mail/outbox.entity.js';
import { AuthEventSchema } from '../modules/audit/auth-event.entity.js';

export const entities = [
  UserAccountSchema,
  SessionSchema,
  EmailLinkSchema,
  PasswordReminderSchema,
  NoticeSchema,
  MailOutboxSchema,
  AuthEventSchema,
];
