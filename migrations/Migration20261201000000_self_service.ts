import { Migration } from '@mikro-orm/migrations';

/**
 * Self-service: password change (wrong current passwords counted per session, the fifth in a row ends it), and the
 * password-expiry reminders (each reminder once per password, also when several workers run).
 */
export class Migration20261201000000_self_service extends Migration {
  override async up(): Promise<void> {
    // WZBAM154E counter of the session (rules.md §4): five in a row end the session.
    this.addSql(`alter table session add column wrong_password_count integer not null default 0;`);
    // A new reason for ending a session; 'TOO_MANY_WRONG_PASSWORDS' needs more than 20 characters.
    this.addSql(`alter table session drop constraint if exists session_revoked_reason_check;`);
    this.addSql(`alter table session alter column revoked_reason type varchar(32);`);
    this.addSql(`
      alter table session add constraint session_revoked_reason_check check (revoked_reason in
        ('LOGOUT', 'SUPERSEDED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'STAFF', 'TIMEOUT', 'TOO_MANY_WRONG_PASSWORDS'));`);

    // One row per reminder sent for one password (identified by when it was set): the unique key is what makes a
    // reminder go out once, however many workers run the job at the same moment (insert … on conflict do nothing).
    this.addSql(`
      create table password_reminder (
        id bigserial primary key,
        user_id uuid not null references user_account (id) on delete cascade,
        kind varchar(10) not null check (kind in ('DAYS_30', 'DAYS_7')),
        password_changed_at timestamptz not null,
        sent_at timestamptz not null,
        constraint password_reminder_once unique (user_id, kind, password_changed_at)
      );`);
    // The reminder job looks for active accounts by the age of their password.
    this.addSql(`create index user_account_password_changed_idx on user_account (password_changed_at) where status = 'ACTIVE';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists user_account_password_changed_idx;');
    this.addSql('drop table if exists password_reminder;');
    this.addSql(`update session set revoked_reason = 'STAFF' where revoked_reason = 'TOO_MANY_WRONG_PASSWORDS';`);
    this.addSql('alter table session drop constraint if exists session_revoked_reason_check;');
    this.addSql('alter table session alter column revoked_reason type varchar(20);');
    this.addSql(`
      alter table session add constraint session_revoked_reason_check check (revoked_reason in
        ('LOGOUT', 'SUPERSEDED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'STAFF', 'TIMEOUT'));`);
    this.addSql('alter table session drop column if exists wrong_password_count;');
  }
}
